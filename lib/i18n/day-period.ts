/**
 * "a. m." and "p. m." as the RAE writes them, where `es-US` formats "a.m."; a no-break space inside,
 * so that "m." never starts a line. English ("3:04 PM") is left as Intl writes it.
 */
const RAE_DAY_PERIOD: Record<string, string> = { 'a.m.': 'a.\u00a0m.', 'p.m.': 'p.\u00a0m.' };

/** The instant formatted by `format`, its day period written the RAE's way in Spanish. */
export function formatWithDayPeriod(format: Intl.DateTimeFormat, instant: Date): string {
  if (!format.resolvedOptions().locale.startsWith('es')) return format.format(instant);
  return format
    .formatToParts(instant)
    .map((part) => (part.type === 'dayPeriod' ? (RAE_DAY_PERIOD[part.value.replace(/\s/g, '')] ?? part.value) : part.value))
    .join('');
}
