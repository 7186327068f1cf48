import { describe, expect, it } from 'vitest';
import { endOfDayInstant, startOfDayInstant } from './day-instant';

describe('day instants in Boston', () => {
  it('starts a winter day at 05:00 UTC and a summer day at 04:00 UTC', () => {
    expect(startOfDayInstant('2026-01-15').toISOString()).toBe('2026-01-15T05:00:00.000Z');
    expect(startOfDayInstant('2026-07-15').toISOString()).toBe('2026-07-15T04:00:00.000Z');
  });
  it('handles the DST switch days', () => {
    expect(startOfDayInstant('2026-03-08').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(endOfDayInstant('2026-03-08').toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(endOfDayInstant('2026-11-01').toISOString()).toBe('2026-11-02T05:00:00.000Z');
  });
});
