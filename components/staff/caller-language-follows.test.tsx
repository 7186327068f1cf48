import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Locale } from '@/lib/i18n/locales';
import { CallerLanguageFollows, followCallerLanguage } from './caller-language-follows';

// The probe: the language of a "send a link" or phone choice form stayed on the member's when the
// CSR chose a representative with Spanish on file.
const fields = { callerField: 'linkCaller', languageField: 'linkLanguage', languages: { member: 'en', 'R-0002': 'es' } as Record<string, Locale> };

describe('the caller’s language on a staff form, with JavaScript', () => {
  it('follows the caller chosen, to their language on file', () => {
    const set: Locale[] = [];
    const change = followCallerLanguage(fields, (locale) => set.push(locale));
    change({ name: 'linkCaller', value: 'R-0002' });
    change({ name: 'linkCaller', value: 'member' });
    change({ name: 'appId', value: 'medtrack-rx' });
    expect(set).toEqual(['es', 'en']);
  });

  it('stops following once the CSR chooses the language they hear', () => {
    const set: Locale[] = [];
    const change = followCallerLanguage(fields, (locale) => set.push(locale));
    change({ name: 'linkLanguage', value: 'es' });
    change({ name: 'linkCaller', value: 'member' });
    expect(set).toEqual([]);
  });

  it('adds nothing to the page a browser without JavaScript shows', () => {
    expect(renderToStaticMarkup(<CallerLanguageFollows {...fields} />)).toBe('<span hidden=""></span>');
  });
});
