import { PAYER_TIME_ZONE } from './clock';
import { dateTimeFormat } from './date-time-format';

/**
 * An instant as the local date and time in a time zone, with its offset, to the second:
 * `2026-12-06T23:20:22-05:00`. Read as the clock on the wall said it, and still one exact instant.
 */
export function localIsoDateTime(instant: Date, timeZone: string = PAYER_TIME_ZONE): string {
  const formatter = dateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'longOffset',
  });
  const part = Object.fromEntries(formatter.formatToParts(instant).map((p) => [p.type, p.value]));
  const offset = part.timeZoneName === 'GMT' ? '+00:00' : part.timeZoneName.replace('GMT', '');
  return `${part.year}-${part.month}-${part.day}T${part.hour}:${part.minute}:${part.second}${offset}`;
}
