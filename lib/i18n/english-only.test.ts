import { describe, expect, it } from 'vitest';
import { isEnglishOnlyPath, pageLocale } from './english-only';

describe('English-only pages (the staff console)', () => {
  it('are the console and everything under it, with or without a query', () => {
    for (const path of ['/staff', '/staff/', '/staff/members/100000000001', '/staff/sign-in?callbackUrl=%2Fstaff', '/staff?x=1']) {
      expect(isEnglishOnlyPath(path), path).toBe(true);
    }
  });

  it('are not the member site, the developer portal, or a path that only starts with the word', () => {
    for (const path of ['/', '/apps', '/account', '/help', '/developers', '/developers/apps', '/staffing', '/apps?next=/staff', null, undefined, '']) {
      expect(isEnglishOnlyPath(path), String(path)).toBe(false);
    }
  });

  it('stay English when the switch chose Spanish or the browser asks for it', () => {
    expect(pageLocale('/staff/members/100000000001', 'es', 'es-US,es;q=0.9')).toBe('en');
    expect(pageLocale('/staff', undefined, 'es')).toBe('en');
  });

  it('leave the member site and the developer portal to the switch, then the browser', () => {
    expect(pageLocale('/account', 'es', 'en')).toBe('es');
    expect(pageLocale('/developers', 'es', null)).toBe('es');
    expect(pageLocale('/apps', undefined, 'es-MX')).toBe('es');
    expect(pageLocale('/apps', 'fr', 'en')).toBe('en');
  });
});
