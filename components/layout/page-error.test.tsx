import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import en from '@/lib/i18n/messages/en/errors.json';
import es from '@/lib/i18n/messages/es/errors.json';
import { PageError } from './page-error';

describe('the page a member sees when a page cannot be built (database away)', () => {
  it('says "try again in a minute" in English and Spanish, with a way to reload and no technical detail', () => {
    const html = renderToStaticMarkup(<PageError />);
    expect(html).toContain(`<section lang="en" class="space-y-2"><h1>${en.pageUnavailableTitle}</h1>`);
    expect(html).toContain(`<section lang="es" class="space-y-2"><h2>${es.pageUnavailableTitle}</h2>`);
    expect(html).toContain('try again in a minute');
    expect(html).toContain('Vuelva a intentarlo en un minuto');
    expect(html).toMatch(/<a href="" class="btn-primary">Try again <span lang="es">\/ Intentar de nuevo<\/span><\/a>/);
    expect(html).not.toMatch(/ECONN|postgres|stack|digest/i);
  });
});
