import { describe, expect, it } from 'vitest';
import { E2E_DAY_MARGIN_MS, planE2eDay } from './e2e-payer-day';

describe('planE2eDay', () => {
  it('keeps the real clock when midnight in Boston is more than three hours away', () => {
    // 20:59 in Boston (EST, UTC-5) on December 4.
    expect(planE2eDay(new Date('2026-12-05T01:59:00Z'))).toEqual({ day: '2026-12-04', clockNow: null });
    // 00:05 in Boston on December 5: the day has just begun.
    expect(planE2eDay(new Date('2026-12-05T05:05:00Z'))).toEqual({ day: '2026-12-05', clockNow: null });
  });

  it('moves the clock forward to just after midnight when a run could cross it', () => {
    // 23:55 in Boston on December 4 (the last CI run that failed started about then).
    expect(planE2eDay(new Date('2026-12-05T04:55:00Z'))).toEqual({ day: '2026-12-05', clockNow: '2026-12-05T05:01:00.000Z' });
    // 21:01 in Boston, in summer time (EDT, UTC-4).
    expect(planE2eDay(new Date('2026-07-05T01:01:00Z'))).toEqual({ day: '2026-07-05', clockNow: '2026-07-05T04:01:00.000Z' });
  });

  it('never moves the clock back, and by no more than the margin', () => {
    for (let minutes = 0; minutes < 24 * 60; minutes += 7) {
      const now = new Date(Date.UTC(2026, 2, 7, 12) + minutes * 60_000); // through the night DST begins
      const { clockNow } = planE2eDay(now);
      if (clockNow === null) continue;
      const shift = new Date(clockNow).getTime() - now.getTime();
      expect(shift).toBeGreaterThan(0);
      expect(shift).toBeLessThanOrEqual(E2E_DAY_MARGIN_MS + 60_000);
    }
  });

  it('takes a pinned instant as given', () => {
    expect(planE2eDay(new Date(), '2027-01-01T04:30:00Z')).toEqual({ day: '2026-12-31', clockNow: '2027-01-01T04:30:00Z' });
  });
});
