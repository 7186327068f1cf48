import fs from 'node:fs';
import path from 'node:path';
import type { Locale } from './locales';

type Messages = Record<string, unknown>;
const cache = new Map<Locale, Messages>();

/**
 * Every namespace file of a locale (`lib/i18n/messages/<locale>/<namespace>.json`), merged under
 * its namespace. One file per namespace keeps each part of the product's strings in its own place.
 */
export function loadMessages(locale: Locale, root = path.join(/*turbopackIgnore: true*/ process.cwd(), 'lib', 'i18n', 'messages')): Messages {
  const cached = cache.get(locale);
  if (cached && process.env.NODE_ENV === 'production') return cached;
  const dir = path.join(root, locale);
  const messages: Messages = {};
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    messages[file.slice(0, -'.json'.length)] = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  }
  cache.set(locale, messages);
  return messages;
}
