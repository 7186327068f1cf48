import type { Locale } from './locales';

const lists = new Map<Locale, Intl.ListFormat>();

/**
 * Data category names (the connect flow's "Información personal", "Proveedores") inside a sentence.
 * Spanish writes a common noun mid-sentence in lower case and joins the last name with "y"
 * ("información personal, proveedores y cobertura"); English keeps its capitalised names, joined
 * with commas as the connect flow lists them. For category names only: none starts with a proper noun.
 */
export function categoryNamesInSentence(names: readonly string[], locale: Locale): string {
  if (locale !== 'es') return names.join(', ');
  let list = lists.get(locale);
  if (!list) {
    list = new Intl.ListFormat('es', { style: 'long', type: 'conjunction' });
    lists.set(locale, list);
  }
  return list.format(names.map((name) => name.charAt(0).toLocaleLowerCase('es') + name.slice(1)));
}
