import { describe, expect, it } from 'vitest';
import { continuousEnrollmentPeriods, upcomingSpanStarts } from './continuous-enrollment';
import type { EnrollmentSpan } from './member-facts';

describe('continuousEnrollmentPeriods', () => {
  const today = '2026-11-23';

  it('sorts, joins touching and overlapping spans, and keeps gaps', () => {
    const spans = [
      { start: '2022-05-01', end: null, plan: 'PCC' },
      { start: '2016-03-01', end: '2019-12-31', plan: 'FFS' },
      { start: '2018-01-01', end: '2018-06-30', plan: 'MCO' },
      { start: '2020-01-01', end: '2020-03-31', plan: 'MCO' },
    ] as const;
    expect(continuousEnrollmentPeriods(spans, today)).toEqual([
      { start: '2016-03-01', end: '2020-03-31' },
      { start: '2022-05-01', end: null },
    ]);
  });

  it('an open span swallows any later span', () => {
    const spans = [
      { start: '2016-01-01', end: null, plan: 'FFS' },
      { start: '2020-01-01', end: '2020-12-31', plan: 'MCO' },
    ] as const;
    expect(continuousEnrollmentPeriods(spans, today)).toEqual([{ start: '2016-01-01', end: null }]);
  });

  it('leaves out spans that start after today, and lists them as upcoming', () => {
    const spans = [
      { start: '2027-02-01', end: null, plan: 'FFS' },
      { start: '2026-11-23', end: null, plan: 'FFS' },
      { start: '2026-12-01', end: '2027-01-31', plan: 'FFS' },
    ] as const;
    expect(continuousEnrollmentPeriods(spans, today)).toEqual([{ start: '2026-11-23', end: null }]);
    expect(upcomingSpanStarts(spans, today)).toEqual(['2026-12-01', '2027-02-01']);
  });

  it('does not modify the spans it is given', () => {
    const spans: EnrollmentSpan[] = [
      { start: '2016-01-01', end: '2016-12-31', plan: 'FFS' },
      { start: '2017-01-01', end: '2017-12-31', plan: 'FFS' },
    ];
    continuousEnrollmentPeriods(spans, today);
    expect(spans[0]).toEqual({ start: '2016-01-01', end: '2016-12-31', plan: 'FFS' });
  });
});
