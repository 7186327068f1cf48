import { describe, expect, it } from 'vitest';
import { PAYER } from '@/lib/payer';
import { formatWithDayPeriod } from './day-period';

// 9:26 UTC is 4:26 in the morning in Boston in December; 19:55 UTC is 2:55 in the afternoon.
const morning = new Date('2026-12-06T09:26:00Z');
const afternoon = new Date('2026-12-06T19:55:00Z');
const NBSP = '\u00a0';
// The space before the day period is Intl's own (a plain or a narrow no-break space, by ICU version).
const reads = (text: string) => new RegExp(`^${text.replace(/\./g, '\\.').replace(/ /g, '\\s')}$`);

describe('a time in Spanish', () => {
  it('writes the day period as the RAE does, "a. m." and "p. m.", whatever es-US Intl gives', () => {
    const time = new Intl.DateTimeFormat('es-US', { hour: 'numeric', minute: '2-digit', timeZone: 'America/New_York' });
    expect(formatWithDayPeriod(time, morning)).toMatch(reads(`4:26 a.${NBSP}m.`));
    expect(formatWithDayPeriod(time, afternoon)).toMatch(reads(`2:55 p.${NBSP}m.`));
    const long = new Intl.DateTimeFormat('es-US', { dateStyle: 'long', timeStyle: 'short', timeZone: 'America/New_York' });
    expect(formatWithDayPeriod(long, afternoon)).toMatch(reads(`6 de diciembre de 2026 a las 2:55 p.${NBSP}m.`));
  });

  it('leaves English as Intl writes it', () => {
    const time = new Intl.DateTimeFormat('en-US', { timeStyle: 'short', timeZone: 'America/New_York' });
    expect(formatWithDayPeriod(time, morning)).toBe(time.format(morning));
    expect(formatWithDayPeriod(time, morning)).toMatch(/^4:26\sAM$/);
  });
});

describe('every Spanish time the hub writes', () => {
  it('a time limit and a date with its time read "a. m." / "p. m."', async () => {
    const { formatTimeOfDay } = await import('./format-time-of-day');
    expect(formatTimeOfDay(morning, 'es').time).toMatch(reads(`4:26 a.${NBSP}m.`));
    expect(formatTimeOfDay(afternoon, 'en').time).toMatch(/^2:55\sPM$/);
  });

  it('and so do customer service’s opening hours', () => {
    expect(PAYER.customerServiceHours.es).toBe(`de lunes a viernes, de 8 a.${NBSP}m. a 5 p.${NBSP}m.`);
    expect(PAYER.customerServiceHours.en).toBe('Monday to Friday, 8 a.m. to 5 p.m.');
  });
});
