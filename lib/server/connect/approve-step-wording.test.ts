import { createTranslator } from 'use-intl/core';
import { describe, expect, it } from 'vitest';
import { loadMessages } from '@/lib/i18n/load-messages';
import type { PlanRouting } from '@/lib/server/eligibility';
import { designeeSensitiveNote, routingNotice } from './approve-step-wording';

const translator = (locale: 'en' | 'es', namespace: string) => {
  const t = createTranslator({ locale, messages: loadMessages(locale), namespace: namespace as never });
  const say = ((key: string, values?: Record<string, string>) => t(key as never, values as never)) as { (key: string, values?: Record<string, string>): string; has(key: string): boolean };
  say.has = (key: string) => t.has(key as never);
  return say;
};
const notice = (locale: 'en' | 'es', routing: PlanRouting, memberName: string | null = null) => routingNotice(translator(locale, 'connect'), translator(locale, 'representatives'), routing, memberName);

const ACPP: PlanRouting = { kind: 'managed-care', planCode: 'ACPP', planName: 'Accountable Care Partnership Plan', useHealthPlanApiFirst: true, availableHere: ['dental', 'vision'] };

describe('the approval step’s word on the health plan', () => {
  it('names the plan without a bracket inside a bracket, to the member and to a representative', () => {
    expect(notice('en', ACPP)).toMatch(/^You are in a health plan: Accountable Care Partnership Plan\. Use your health plan's own app connection first/);
    expect(notice('es', ACPP)).toMatch(/^Usted está en un plan de salud: Plan de Asociación de Atención Responsable \(ACPP\)\. Use primero/);
    expect(notice('en', ACPP, 'Emma Rossi')).toMatch(/^Emma Rossi is in a health plan: Accountable Care Partnership Plan\. /);
    expect(notice('es', ACPP, 'Emma Rossi')).toMatch(/^Emma Rossi está en un plan de salud: Plan de Asociación de Atención Responsable \(ACPP\)\. /);
    for (const code of ['ACPP', 'MCO', 'SCO', 'ONECARE', 'PCC', 'PCACO'])
      for (const locale of ['en', 'es'] as const)
        for (const name of [null, 'Emma Rossi']) expect(notice(locale, { ...ACPP, planCode: code, planName: code }, name)).not.toMatch(/\([^)]*\(/);
  });

  it('says nothing for a plan whose data is all here', () => {
    expect(notice('en', { kind: 'all-here', planCode: 'FFS', planName: 'MassHealth fee-for-service' })).toBeNull();
  });
});

describe('a designee’s approval page on mental health and substance use claims', () => {
  const TODAY = '2026-06-01' as const;
  const FATIMA = { name: 'Fatima Haddad', birthDate: '1975-02-10' as const, sex: 'female' }; // 51
  const CHILD = { name: 'Emma Rossi', birthDate: '2014-01-20' as const, sex: 'female' }; // 12
  const note = (locale: 'en' | 'es', member: typeof FATIMA | typeof CHILD) => designeeSensitiveNote(translator(locale, 'representatives'), member, TODAY);

  it('names no parent for an adult member', () => {
    expect(note('en', FATIMA)).toContain('Only Fatima Haddad, or her legal guardian or personal representative, can choose to share them.');
    expect(note('en', FATIMA)).not.toMatch(/parent/);
    expect(note('es', FATIMA)).toContain('Solo Fatima Haddad, o su tutor legal o representante personal, puede decidir compartirlas.');
    expect(note('es', FATIMA)).not.toMatch(/madre|padre/);
  });

  it('names the parent for a member under 18', () => {
    expect(note('en', CHILD)).toContain('Only Emma Rossi, or her parent, legal guardian or personal representative, can choose to share them.');
    expect(note('es', CHILD)).toContain('Solo Emma Rossi, o su madre o padre, tutor legal o representante personal, puede decidir compartirlas.');
  });
});
