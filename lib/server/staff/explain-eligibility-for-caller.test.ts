import { describe, expect, it } from 'vitest';
import type { CalendarDate } from '@/lib/calendar';
import { checkConnectEligibility, planRoutingFor, type MemberFacts } from '@/lib/server/eligibility';
import { explainEligibilityForCaller, explainPlanRouting } from './explain-eligibility-for-caller';

const TODAY = '2026-11-20' as CalendarDate;
const member = (spans: { start: string; end: string | null; plan?: string }[], deceasedDate: string | null = null): MemberFacts => ({
  memberId: '1',
  birthDate: '1980-01-01' as CalendarDate,
  deceasedDate: deceasedDate as CalendarDate | null,
  spans: spans.map((s) => ({ start: s.start as CalendarDate, end: s.end as CalendarDate | null, plan: s.plan ?? 'FFS' })),
});
const explain = (m: ReturnType<typeof member>) => explainEligibilityForCaller(checkConnectEligibility(m, TODAY), m.deceasedDate);

describe('eligibility in the caller’s words', () => {
  it('a new member: the day they can connect, start + 7', () => {
    expect(explain(member([{ start: '2026-11-17', end: null }]))).toMatchObject({ answer: 'not-yet', headline: 'Can connect from November 24, 2026.' });
  });
  it('a past member after the year: when access ended and why', () => {
    const said = explain(member([{ start: '2015-04-01', end: '2025-11-18' }]));
    expect(said).toMatchObject({ answer: 'no', headline: 'Access ended on November 18, 2026.' });
    expect(said.why).toContain('coverage ended on November 18, 2025');
  });
  it('a past member within the year, a current member, a deceased member', () => {
    expect(explain(member([{ start: '2019-02-01', end: '2026-05-04' }])).headline).toBe('Can connect an app today until May 4, 2027, as a past member.');
    expect(explain(member([{ start: '2014-07-01', end: null }]))).toMatchObject({ answer: 'yes', headline: 'Can connect an app today.' });
    const deceased = explain(member([{ start: '2010-05-01', end: '2026-10-11', plan: 'SCO' }], '2026-10-11'));
    expect(deceased).toMatchObject({ answer: 'no' });
    expect(deceased.nextStep).toContain('records request');
  });
  it('plan routing', () => {
    const plans = [
      { code: 'PCC', name: 'Primary Care Clinician Plan', managedCare: false, behavioralHealthVia: 'MBHP' },
      { code: 'MCO', name: 'Managed Care Organization', managedCare: true },
    ];
    expect(explainPlanRouting(planRoutingFor(member([{ start: '2014-07-01', end: null, plan: 'PCC' }]), plans, TODAY))).toContain('kept by MBHP');
    expect(explainPlanRouting(planRoutingFor(member([{ start: '2014-07-01', end: null, plan: 'MCO' }]), plans, TODAY))).toContain('Dental and vision');
  });
});
