import { describe, expect, it } from 'vitest';
import { formatCalendarDate, formatInstantDate } from './format-calendar-date';

describe('dates as people write them', () => {
  it('in English and Spanish', () => {
    expect(formatCalendarDate('2026-01-01', 'en')).toBe('January 1, 2026');
    expect(formatCalendarDate('2026-01-01', 'es')).toBe('1 de enero de 2026');
  });
  it('an instant late in the evening in Boston keeps the Boston date', () => {
    expect(formatInstantDate(new Date('2026-11-24T04:30:00Z'), 'en')).toBe('November 23, 2026');
  });
});
