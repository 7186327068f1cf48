import { describe, expect, it, vi } from 'vitest';

// The request: its hub_locale cookie (set by the switch or a ?lang= link) and the page's language.
const request = vi.hoisted(() => ({ cookie: undefined as string | undefined, pageLocale: 'en' }));
vi.mock('next/headers', () => ({ cookies: async () => ({ get: (name: string) => (name === 'hub_locale' && request.cookie ? { name, value: request.cookie } : undefined) }) }));
vi.mock('next-intl/server', () => ({ getLocale: async () => request.pageLocale }));

const { localeOfThisRequest } = await import('./remember-preferred-locale');

describe('the language of a sign-in or an approval', () => {
  it('is chosen when the language switch or a ?lang= link set the cookie', async () => {
    Object.assign(request, { cookie: 'es', pageLocale: 'es' });
    expect(await localeOfThisRequest()).toEqual({ locale: 'es', source: 'chosen' });
    Object.assign(request, { cookie: 'en', pageLocale: 'en' });
    expect(await localeOfThisRequest()).toEqual({ locale: 'en', source: 'chosen' });
  });

  it('is only used when the browser’s Accept-Language decided it (no cookie, or one that names no language of ours)', async () => {
    Object.assign(request, { cookie: undefined, pageLocale: 'en' });
    expect(await localeOfThisRequest()).toEqual({ locale: 'en', source: 'used' });
    Object.assign(request, { cookie: 'fr', pageLocale: 'es' });
    expect(await localeOfThisRequest()).toEqual({ locale: 'es', source: 'used' });
  });
});
