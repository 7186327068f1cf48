import { describe, expect, it } from 'vitest';
import { calendarDateIn, endOfDayInstant } from '@/lib/calendar';
import { grantExpiresAt, grantLastDay } from './grant-duration';

/** The day a grant's end names: the one holding the instant just before it (payer time). */
const lastDayNamed = (end: Date) => calendarDateIn(new Date(end.getTime() - 1));

describe('grantExpiresAt', () => {
  it('lets a 90-day connection work through its whole named last day, in payer time', () => {
    // Approved Dec 7, 2026 at 2 pm in Boston: "until March 7, 2027", and March 7 is worked to midnight.
    const end = grantExpiresAt('90d', new Date('2026-12-07T19:00:00Z'));
    expect(end.toISOString()).toBe('2027-03-08T05:00:00.000Z');
    expect(lastDayNamed(end)).toBe('2027-03-07');
    // 11:30 pm in Boston is still Dec 7 there, though UTC has moved on.
    expect(grantExpiresAt('90d', new Date('2026-12-08T04:30:00Z')).toISOString()).toBe('2027-03-08T05:00:00.000Z');
  });

  it('ends at midnight Eastern across a daylight-saving change', () => {
    // Approved in summer time, ends in standard time (and the other way round).
    expect(grantExpiresAt('90d', new Date('2026-09-01T04:30:00Z')).toISOString()).toBe('2026-12-01T05:00:00.000Z');
    expect(grantExpiresAt('90d', new Date('2027-01-10T17:00:00Z')).toISOString()).toBe('2027-04-11T04:00:00.000Z');
    expect(grantExpiresAt('1y', new Date('2026-03-07T17:00:00Z')).toISOString()).toBe('2027-03-08T05:00:00.000Z');
  });

  it('lasts one year to the same date, a leap day giving Feb 28', () => {
    expect(lastDayNamed(grantExpiresAt('1y', new Date('2026-12-07T19:00:00Z')))).toBe('2027-12-07');
    expect(grantLastDay('1y', '2028-02-29')).toBe('2029-02-28');
    expect(grantLastDay('1y', '2027-03-01')).toBe('2028-03-01');
    expect(grantLastDay('90d', '2027-12-01')).toBe('2028-02-29');
  });

  it('gives a one-time connection one hour', () => {
    const now = new Date('2026-12-07T19:00:00Z');
    expect(grantExpiresAt('once', now).getTime() - now.getTime()).toBe(60 * 60 * 1000);
  });

  it('never outlives the access end it is given, and is not lengthened by a later one', () => {
    const now = new Date('2026-12-07T19:00:00Z');
    const cap = endOfDayInstant('2026-12-31');
    expect(grantExpiresAt('90d', now, cap)).toEqual(cap);
    expect(grantExpiresAt('1y', now, cap)).toEqual(cap);
    expect(grantExpiresAt('90d', now, endOfDayInstant('2027-06-30')).toISOString()).toBe('2027-03-08T05:00:00.000Z');
    expect(grantExpiresAt('once', now, new Date(now.getTime() + 60_000)).getTime()).toBe(now.getTime() + 60_000);
  });
});
