import { dateTimeFormat } from '@/lib/calendar';

/** The shared formatter (dateTimeFormat) for a member's language: Spanish as written in the US, or English. */
export function dateTimeFormatIn(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return dateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', options);
}
