/** The formatters of each language, made once (making one costs about 150 µs, using it a few). */
const formatters = new Map<string, { date: Intl.DateTimeFormat; instant: Intl.DateTimeFormat }>();

function formattersFor(locale: string) {
  const tag = locale === 'es' ? 'es-US' : 'en-US';
  let made = formatters.get(tag);
  if (!made) {
    made = {
      date: new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'UTC' }),
      instant: new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'America/New_York' }),
    };
    formatters.set(tag, made);
  }
  return made;
}

/** A calendar date as people write it: "January 1, 2026" / "1 de enero de 2026". No time zone shift. */
export function formatCalendarDate(date: string, locale: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return formattersFor(locale).date.format(new Date(Date.UTC(y, m - 1, d, 12)));
}

/** An instant as a calendar date in the payer's time zone. */
export function formatInstantDate(instant: Date, locale: string): string {
  return formattersFor(locale).instant.format(instant);
}
