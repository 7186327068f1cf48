import { describe, expect, it } from 'vitest';
import { loadMessages } from '@/lib/i18n/load-messages';
import { LOCALES } from '@/lib/i18n/locales';
import { connectionRequestSchema } from './developer';

// The connection request sent empty: the error summary lists one link per field, so each message
// must say which field it is about (WCAG 2.4.4, 3.3.1), in English and Spanish.
const REQUIRED_TEXT_FIELDS = ['name', 'organization', 'description', 'website'] as const;

function messageKeysOfEmptyRequest(): Record<string, string> {
  const parsed = connectionRequestSchema.safeParse({ name: '', organization: '', description: '', website: '', scopes: [] });
  expect(parsed.success).toBe(false);
  const keys: Record<string, string> = {};
  for (const issue of parsed.error!.issues) keys[String(issue.path[0])] ??= issue.message;
  return keys;
}

describe('the connection request’s messages for a field left empty', () => {
  it('are one per field', () => {
    const keys = messageKeysOfEmptyRequest();
    const own = REQUIRED_TEXT_FIELDS.map((field) => keys[field]);
    expect(new Set(own).size).toBe(REQUIRED_TEXT_FIELDS.length);
  });

  it.each(LOCALES)('name their field in %s, each in different words', (locale) => {
    const errors = (loadMessages(locale) as unknown as { developers: { errors: Record<string, string> } }).developers.errors;
    const keys = messageKeysOfEmptyRequest();
    const words = REQUIRED_TEXT_FIELDS.map((field) => errors[keys[field]]);
    for (const text of words) expect(text).toBeTruthy();
    expect(new Set(words).size).toBe(REQUIRED_TEXT_FIELDS.length);
    expect(words).not.toContain(locale === 'en' ? 'Fill in this field.' : 'Llene este campo.');
    const named = locale === 'en' ? [/app's name/, /developer or organization/, /what the app does/, /app's website/] : [/nombre de la app/, /desarrollador u organización/, /qué hace la app/, /sitio web de la app/];
    words.forEach((text, i) => expect(text).toMatch(named[i]));
  });

  it('one that is too short (an app name of one letter) still says which field', () => {
    const parsed = connectionRequestSchema.safeParse({ name: 'X', organization: 'Acme Health', description: 'Shows your claims.', website: 'https://example.com', scopes: [] });
    expect(parsed.error!.issues.find((i) => i.path[0] === 'name')?.message).toBe('nameRequired');
  });
});
