import { describe, expect, it } from 'vitest';
import { addDays } from '@/lib/calendar';
import { dataWindowEnd, dataWindowStart, enrolledPeriodsInWindow, isDateInEnrolledWindow } from './data-window';
import { FIXTURE_TODAYS, demoMember } from './testing/demo-fixtures';

describe.each(FIXTURE_TODAYS)('data window for demo members on %s', (today) => {
  it('Maria Santos, enrolled since 2014, starts at 2016-01-01', () => {
    const { spans } = demoMember('Maria', today);
    expect(dataWindowStart(spans)).toBe('2016-01-01');
    expect(enrolledPeriodsInWindow(spans, today)).toEqual([{ start: '2016-01-01', end: today }]);
    expect(isDateInEnrolledWindow('2015-12-31', spans, today)).toBe(false);
    expect(isDateInEnrolledWindow('2014-07-01', spans, today)).toBe(false);
    expect(isDateInEnrolledWindow('2016-01-01', spans, today)).toBe(true);
    expect(isDateInEnrolledWindow(today, spans, today)).toBe(true);
    expect(isDateInEnrolledWindow(addDays(today, 1), spans, today)).toBe(false);
  });

  it('José O\'Brien-Núñez, enrolled 2021-09-01, starts there', () => {
    const { spans } = demoMember('José', today);
    expect(dataWindowStart(spans)).toBe('2021-09-01');
    expect(enrolledPeriodsInWindow(spans, today)).toEqual([{ start: '2021-09-01', end: today }]);
    expect(isDateInEnrolledWindow('2021-08-31', spans, today)).toBe(false);
    expect(isDateInEnrolledWindow('2021-09-01', spans, today)).toBe(true);
  });

  it('Samuel Greene starts at 2016-03-01 and his gap 2020-01-01..2022-04-30 stays out', () => {
    const { spans } = demoMember('Samuel', today);
    expect(dataWindowStart(spans)).toBe('2016-03-01');
    expect(enrolledPeriodsInWindow(spans, today)).toEqual([
      { start: '2016-03-01', end: '2019-12-31' },
      { start: '2022-05-01', end: today },
    ]);
    for (const inGap of ['2020-01-01', '2021-06-15', '2022-04-30'] as const) {
      expect(isDateInEnrolledWindow(inGap, spans, today), inGap).toBe(false);
    }
    expect(isDateInEnrolledWindow('2016-02-29', spans, today)).toBe(false);
    expect(isDateInEnrolledWindow('2019-12-31', spans, today)).toBe(true);
    expect(isDateInEnrolledWindow('2022-05-01', spans, today)).toBe(true);
  });

  it('Linh Nguyen, a previous member, shares up to her last enrolled day only', () => {
    const { spans } = demoMember('Linh', today);
    const lastDay = spans[0].end!;
    expect(enrolledPeriodsInWindow(spans, today)).toEqual([{ start: '2019-02-01', end: lastDay }]);
    expect(isDateInEnrolledWindow(addDays(lastDay, 1), spans, today)).toBe(false);
    // What the approval page and the receipt say: the data stops there, not "today".
    expect(dataWindowEnd(spans, today)).toBe(lastDay);
  });

  it('ends today for a member enrolled today (Maria), for one three days in (Kevin), and for none never enrolled', () => {
    expect(dataWindowEnd(demoMember('Maria', today).spans, today)).toBeNull();
    expect(dataWindowEnd(demoMember('Kevin', today).spans, today)).toBeNull();
    expect(dataWindowEnd([], today)).toBeNull();
  });

  it('Kevin Tran, three days in, has a window of four days', () => {
    const { spans } = demoMember('Kevin', today);
    expect(enrolledPeriodsInWindow(spans, today)).toEqual([{ start: addDays(today, -3), end: today }]);
  });
});

describe('data window edge cases', () => {
  it('is empty for someone never enrolled', () => {
    expect(dataWindowStart([])).toBeNull();
    expect(enrolledPeriodsInWindow([], '2026-11-23')).toEqual([]);
    expect(isDateInEnrolledWindow('2026-11-23', [], '2026-11-23')).toBe(false);
  });

  it('drops enrollment that ended before 2016 and clips enrollment that crosses it', () => {
    const spans = [
      { start: '2010-01-01', end: '2012-12-31', plan: 'FFS' },
      { start: '2015-06-01', end: '2017-06-30', plan: 'FFS' },
    ] as const;
    expect(dataWindowStart(spans)).toBe('2016-01-01');
    expect(enrolledPeriodsInWindow(spans, '2026-11-23')).toEqual([{ start: '2016-01-01', end: '2017-06-30' }]);
  });

  it('leaves out a span that has not started and joins spans that touch', () => {
    const spans = [
      { start: '2018-01-01', end: '2020-06-30', plan: 'FFS' },
      { start: '2020-07-01', end: null, plan: 'MCO' },
      { start: '2027-01-01', end: null, plan: 'PCC' },
    ] as const;
    expect(enrolledPeriodsInWindow(spans, '2026-11-23')).toEqual([{ start: '2018-01-01', end: '2026-11-23' }]);
  });

  it('shares nothing for a span that starts after today', () => {
    const spans = [{ start: '2026-12-01', end: null, plan: 'FFS' }] as const;
    expect(enrolledPeriodsInWindow(spans, '2026-11-23')).toEqual([]);
  });
});
