import 'server-only';

import { describe, expect, it } from 'vitest';

import { dateFromDayNumber, dayNumber } from './calendar-date';
import { apportion, scheduleClaims } from './claim-schedule';
import type { CoveragePeriod } from './coverage-periods';
import { SeededRandom } from './seeded-random';

const period = (start: string, end: string, managedCare: boolean, behavioralHealthVia: string | null = null): CoveragePeriod => ({
  coverageId: `cov-${start}`,
  planKey: managedCare ? 'MCO' : 'FFS',
  plan: { name: 'test plan', managedCare, behavioralHealthVia },
  start,
  end,
  origin: 'enrollment',
  claimDays: { first: dayNumber(start), last: dayNumber(end) },
});

describe('apportion', () => {
  it('hands out exactly the total, at least one each when there are enough', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(5, [100, 0.01])).toEqual([4, 1]);
    expect(apportion(1, [1, 5])).toEqual([0, 1]);
    expect(apportion(0, [1, 2])).toEqual([0, 0]);
    const counts = apportion(10_000, [3.5, 7.25, 0.1, 12]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(10_000);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(1);
  });
});

describe('scheduleClaims', () => {
  const fullYear = period('2020-01-01', '2020-12-31', false);
  const managedYear = period('2022-01-01', '2022-12-31', true);

  it('draws days only inside the coverage claim days, in date order', () => {
    const claims = scheduleClaims([fullYear, managedYear], {}, 500, new SeededRandom(7));
    expect(claims).toHaveLength(500);
    for (const claim of claims) {
      const date = dateFromDayNumber(claim.serviceDay);
      expect(date >= claim.coverage.start && date <= claim.coverage.end!).toBe(true);
    }
    const days = claims.map((c) => c.serviceDay);
    expect(days).toEqual([...days].sort((a, b) => a - b));
  });

  it('keeps managed-care coverage to dental and vision, and keeps sensitive claims out of it', () => {
    const claims = scheduleClaims(
      [managedYear],
      { behavioralHealthClaims: 3, substanceUseClaims: 3 },
      400,
      new SeededRandom(3),
    );
    expect(claims).toHaveLength(400);
    expect(new Set(claims.map((c) => c.eobType))).toEqual(new Set(['oral', 'vision']));
    expect(claims.every((c) => c.sensitivity === 'none')).toBe(true);
  });

  it('places sensitive claims no earlier than the profile asks', () => {
    const claims = scheduleClaims(
      [period('2014-07-01', '2020-12-31', false)],
      { behavioralHealthClaims: 20, sensitiveClaimsFrom: '2019-06-01' },
      undefined,
      new SeededRandom(11),
    );
    const sensitive = claims.filter((c) => c.sensitivity === 'behavioral-health');
    expect(sensitive).toHaveLength(20);
    expect(sensitive.every((c) => dateFromDayNumber(c.serviceDay) >= '2019-06-01')).toBe(true);
  });

  it('caps the default count and scales it with enrolled time', () => {
    const long = scheduleClaims([period('2000-01-01', '2025-12-31', false)], {}, undefined, new SeededRandom(1));
    expect(long).toHaveLength(150);
    const year = scheduleClaims([fullYear], {}, undefined, new SeededRandom(1));
    expect(year.length).toBe(18);
    const busy = scheduleClaims([fullYear], { claimsPerMonth: 4 }, undefined, new SeededRandom(1));
    expect(busy.length).toBe(48);
  });
});
