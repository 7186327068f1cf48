import { describe, expect, it } from 'vitest';
import type { MemberFacts } from './member-facts';
import { planRoutingFor, type PlanInfo } from './plan-routing-for';
import { FIXTURE_TODAYS, demoMember, demoPlans } from './testing/demo-fixtures';

describe.each(FIXTURE_TODAYS)('planRoutingFor demo members on %s', (today) => {
  const plans = demoPlans();
  const routingOf = (given: string) => planRoutingFor(demoMember(given, today), plans, today);

  it.each([
    ['José', 'ACPP'],
    ['Grace', 'ONECARE'],
    ['Harold', 'SCO'],
    ['Linh', 'MCO'],
  ])('%s (%s) is sent to the health plan first, with dental and vision here', (given, planCode) => {
    expect(routingOf(given)).toEqual({
      kind: 'managed-care',
      planCode,
      planName: plans.find((plan) => plan.code === planCode)!.name,
      useHealthPlanApiFirst: true,
      availableHere: ['dental', 'vision'],
    });
  });

  it.each([
    ['Maria', 'PCC'],
    ['Aisha', 'PCACO'],
    ['Emma', 'PCACO'],
    ['Fatima', 'PCC'],
  ])('%s (%s) gets behavioral health through MBHP', (given, planCode) => {
    expect(routingOf(given)).toMatchObject({ kind: 'behavioral-health-elsewhere', planCode, via: 'MBHP' });
  });

  it.each(['Kevin', 'Daniel', 'Robert', 'Noah', 'Ava'])('%s (fee-for-service) gets everything here', (given) => {
    expect(routingOf(given)).toEqual({ kind: 'all-here', planCode: 'FFS', planName: 'MassHealth fee-for-service' });
  });

  it("Samuel Greene is routed by his current span's plan (PCC), not his first (FFS)", () => {
    expect(routingOf('Samuel')).toMatchObject({ kind: 'behavioral-health-elsewhere', planCode: 'PCC' });
  });
});

describe('planRoutingFor', () => {
  const today = '2026-11-23';
  const member = (spans: MemberFacts['spans']): MemberFacts => ({
    memberId: '900000000001',
    birthDate: '1980-01-01',
    deceasedDate: null,
    spans,
  });
  const plans: PlanInfo[] = [
    // Codes that sound like managed care but are not: the plan data decides, never the name.
    { code: 'MCO', name: 'Not managed care after all', managedCare: false },
    { code: 'FFS', name: 'Actually managed care', managedCare: true, behavioralHealthVia: 'MBHP' },
    { code: 'X-BH', name: 'Carve-out', managedCare: false, behavioralHealthVia: 'OTHER-BH' },
  ];

  it('reads managedCare and behavioralHealthVia from the plan data', () => {
    expect(planRoutingFor(member([{ start: '2020-01-01', end: null, plan: 'MCO' }]), plans, today)).toMatchObject({
      kind: 'all-here',
    });
    expect(planRoutingFor(member([{ start: '2020-01-01', end: null, plan: 'FFS' }]), plans, today)).toMatchObject({
      kind: 'managed-care',
    });
    expect(planRoutingFor(member([{ start: '2020-01-01', end: null, plan: 'X-BH' }]), plans, today)).toMatchObject({
      kind: 'behavioral-health-elsewhere',
      via: 'OTHER-BH',
    });
  });

  it('takes the newer plan where spans overlap, and ignores a span not yet started', () => {
    const spans = [
      { start: '2020-01-01', end: '2026-11-30', plan: 'MCO' },
      { start: '2026-11-01', end: null, plan: 'X-BH' },
      { start: '2026-12-01', end: null, plan: 'FFS' },
    ] as const;
    expect(planRoutingFor(member(spans), plans, today)).toMatchObject({ planCode: 'X-BH' });
  });

  it("uses a previous member's last span", () => {
    const spans = [
      { start: '2018-01-01', end: '2019-12-31', plan: 'FFS' },
      { start: '2021-01-01', end: '2026-01-31', plan: 'X-BH' },
    ] as const;
    expect(planRoutingFor(member(spans), plans, today)).toMatchObject({ planCode: 'X-BH' });
  });

  it('is null when no enrollment has started', () => {
    expect(planRoutingFor(member([]), plans, today)).toBeNull();
    expect(planRoutingFor(member([{ start: '2026-12-01', end: null, plan: 'FFS' }]), plans, today)).toBeNull();
  });

  it('refuses an unknown plan code rather than guess', () => {
    expect(() => planRoutingFor(member([{ start: '2020-01-01', end: null, plan: 'NOPE' }]), plans, today)).toThrow(/NOPE/);
  });
});
