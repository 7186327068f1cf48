import { afterEach, describe, expect, it, vi } from 'vitest';
import { PAYER_TIME_ZONE, appClock, calendarDateIn, fixedClock, parseInstant, systemClock, todayIn } from './clock';

describe('todayIn', () => {
  it('uses the payer time zone by default', () => {
    expect(PAYER_TIME_ZONE).toBe('America/New_York');
    // 23:30 in Boston on Nov 23 is already 04:30 on Nov 24 in UTC.
    const lateEvening = fixedClock('2026-11-24T04:30:00Z');
    expect(todayIn(lateEvening)).toBe('2026-11-23');
    expect(todayIn(lateEvening, 'UTC')).toBe('2026-11-24');
  });

  it('turns over at Boston midnight, not UTC midnight', () => {
    expect(todayIn(fixedClock('2026-11-24T04:59:59.999Z'))).toBe('2026-11-23');
    expect(todayIn(fixedClock('2026-11-24T05:00:00Z'))).toBe('2026-11-24');
  });

  it('crosses the year end in Boston time', () => {
    expect(todayIn(fixedClock('2027-01-01T04:30:00Z'))).toBe('2026-12-31');
    expect(todayIn(fixedClock('2027-01-01T05:00:00Z'))).toBe('2027-01-01');
    expect(todayIn(fixedClock('2026-12-31T23:30:00-05:00'))).toBe('2026-12-31');
  });

  it('handles the spring-forward day (2026-03-08, midnight is still EST)', () => {
    expect(todayIn(fixedClock('2026-03-08T04:59:00Z'))).toBe('2026-03-07');
    expect(todayIn(fixedClock('2026-03-08T05:00:00Z'))).toBe('2026-03-08');
    // 23:30 EDT on Mar 8 is 03:30 UTC on Mar 9.
    expect(todayIn(fixedClock('2026-03-09T03:30:00Z'))).toBe('2026-03-08');
    expect(todayIn(fixedClock('2026-03-09T04:00:00Z'))).toBe('2026-03-09');
  });

  it('handles the fall-back day (2026-11-01, midnight is still EDT)', () => {
    expect(todayIn(fixedClock('2026-11-01T03:59:00Z'))).toBe('2026-10-31');
    expect(todayIn(fixedClock('2026-11-01T04:00:00Z'))).toBe('2026-11-01');
    // 23:30 EST on Nov 1 is 04:30 UTC on Nov 2.
    expect(todayIn(fixedClock('2026-11-02T04:30:00Z'))).toBe('2026-11-01');
    expect(todayIn(fixedClock('2026-11-02T05:00:00Z'))).toBe('2026-11-02');
  });

  it('handles a leap day', () => {
    expect(todayIn(fixedClock('2024-03-01T04:59:00Z'))).toBe('2024-02-29');
  });

  it('works for another zone', () => {
    expect(calendarDateIn(new Date('2026-11-23T10:00:00Z'), 'Pacific/Kiritimati')).toBe('2026-11-24');
  });

  it('answers the same minute again without mixing up zones or the minutes around midnight', () => {
    expect(calendarDateIn(new Date('2026-11-24T04:59:30Z'))).toBe('2026-11-23');
    expect(calendarDateIn(new Date('2026-11-24T04:59:59Z'))).toBe('2026-11-23');
    expect(calendarDateIn(new Date('2026-11-24T04:59:59Z'), 'UTC')).toBe('2026-11-24');
    expect(calendarDateIn(new Date('2026-11-24T05:00:00Z'))).toBe('2026-11-24');
    expect(calendarDateIn(new Date('2026-11-24T04:59:00Z'))).toBe('2026-11-23');
  });
});

describe('fixedClock', () => {
  it('always answers the same instant and cannot be moved by the caller', () => {
    const clock = fixedClock('2026-11-23T15:00:00Z');
    clock.now().setUTCFullYear(1999);
    expect(clock.now().toISOString()).toBe('2026-11-23T15:00:00.000Z');
  });

  it('requires a zone on the instant', () => {
    expect(() => fixedClock('2026-11-23T15:00:00')).toThrow(RangeError);
    expect(() => fixedClock('2026-11-23')).toThrow(RangeError);
    expect(() => parseInstant('soon')).toThrow(RangeError);
    expect(parseInstant('2026-11-23T10:00:00-05:00').toISOString()).toBe('2026-11-23T15:00:00.000Z');
  });
});

describe('appClock', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllEnvs();
  });

  it('is the system clock when nothing is set', () => {
    expect(appClock({})).toBe(systemClock);
    expect(appClock({ CLOCK_NOW: '  ', CLOCK_OFFSET_DAYS: '' })).toBe(systemClock);
  });

  it('starts from CLOCK_NOW and then runs at real speed', () => {
    vi.useFakeTimers({ now: new Date('2030-06-01T12:00:00Z') });
    const env = { CLOCK_NOW: '2026-11-23T15:00:00Z' };
    expect(appClock(env).now().toISOString()).toBe('2026-11-23T15:00:00.000Z');
    vi.advanceTimersByTime(90_000);
    expect(appClock(env).now().toISOString()).toBe('2026-11-23T15:01:30.000Z');
    expect(todayIn(appClock(env))).toBe('2026-11-23');
  });

  it('moves by CLOCK_OFFSET_DAYS, on top of CLOCK_NOW when both are set', () => {
    vi.useFakeTimers({ now: new Date('2026-11-23T15:00:00Z') });
    expect(appClock({ CLOCK_OFFSET_DAYS: '7' }).now().toISOString()).toBe('2026-11-30T15:00:00.000Z');
    expect(appClock({ CLOCK_OFFSET_DAYS: '-1.5' }).now().toISOString()).toBe('2026-11-22T03:00:00.000Z');
    expect(appClock({ CLOCK_NOW: '2025-02-28T17:00:00Z', CLOCK_OFFSET_DAYS: '1' }).now().toISOString()).toBe(
      '2025-03-01T17:00:00.000Z',
    );
  });

  it('reads process.env on every call', () => {
    vi.useFakeTimers({ now: new Date('2026-11-23T15:00:00Z') });
    vi.stubEnv('CLOCK_NOW', '');
    vi.stubEnv('CLOCK_OFFSET_DAYS', '');
    expect(todayIn(appClock())).toBe('2026-11-23');
    vi.stubEnv('CLOCK_OFFSET_DAYS', '38');
    expect(todayIn(appClock())).toBe('2026-12-31');
    vi.stubEnv('CLOCK_NOW', '2024-02-29T17:00:00Z');
    vi.stubEnv('CLOCK_OFFSET_DAYS', '');
    expect(todayIn(appClock())).toBe('2024-02-29');
  });

  it('fails loudly on a value it cannot read', () => {
    expect(() => appClock({ CLOCK_OFFSET_DAYS: 'a week' })).toThrow(RangeError);
    expect(() => appClock({ CLOCK_NOW: '2026-11-23' })).toThrow(RangeError);
  });
});
