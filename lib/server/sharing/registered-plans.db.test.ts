import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { backendClients, sharingChoices, type OtherPayer } from '@/lib/db/schema';
import { loadAccountScope } from '@/lib/server/account/account-scope';
import { AppError } from '@/lib/server/errors/app-error';
import type { StaffActor } from '@/lib/server/staff/load-staff-actor';
import { staffSay } from '@/lib/server/staff/staff-messages';
import { permissionsOf } from '@/lib/server/staff/staff-permissions';
import { setUpDataDir } from '@/lib/testing/set-up-data-dir';
import { setUpTestDatabase } from '@/lib/testing/set-up-test-database';
import { changeSharingChoice } from './change-sharing-choice';
import { decideSharingFor } from './decide-sharing';
import { loadSharingOverview } from './load-sharing-overview';
import { recordPhoneSharingChoice } from './record-phone-sharing-choice';
import { recordSharingChoice } from './record-sharing-choice';
import { listRegisteredPlans, registeredPlanNamed } from './registered-plans';

const MARIA = '100000000001';
const KEVIN = '100000000002';
const LINH = '100000000005';
const HARBOR = 'Harbor Health Plan'; // the demo's one plan registered for Payer-to-Payer (lib/demo/fixtures/provider-access.json)

const casey: StaffActor = { username: 'casey.csr', name: 'Casey Morgan', roles: ['csr'], permissions: permissionsOf(['csr']), verifiedAt: Date.now() };

setUpDataDir('hub-registered-plans-');
const database = setUpTestDatabase({ settleMail: true });

beforeAll(async () => {
  // A plan whose client was turned off, and another that is a provider: neither can ask as a plan.
  const jwks = { keys: [] };
  await database.db.insert(backendClients).values([
    { clientId: 'old-colony-p2p', name: 'Old Colony Health', kind: 'payer', jwks, scopes: 'system/Patient.read', status: 'disabled' },
    { clientId: 'cape-clinic', name: 'Cape Clinic', kind: 'provider', jwks, scopes: 'system/Group.read' },
  ]);
});

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const choicesOf = (memberId: string) => database.db.select().from(sharingChoices).where(eq(sharingChoices.memberId, memberId));
const plan = (name: string, memberId = 'HHP-1001'): OtherPayer => ({ name, memberId, relation: 'concurrent' });
const asMember = async (memberId: string) => (await loadAccountScope({ kind: 'member', memberId }))!;

describe('the plans a member can name for Payer-to-Payer', () => {
  it('are the active backend clients of kind payer, by their registered names', async () => {
    expect(await listRegisteredPlans(database.db)).toEqual([HARBOR]);
  });

  it('are found by name ignoring case, spaces and punctuation (as the FHIR side compares), and not by a part of it', () => {
    expect(registeredPlanNamed([HARBOR], HARBOR)).toBe(HARBOR);
    expect(registeredPlanNamed([HARBOR], ' harbor  health-plan ')).toBe(HARBOR);
    expect(registeredPlanNamed([HARBOR], 'Harbor Health')).toBeNull();
  });
});

describe('turning Payer-to-Payer on', () => {
  it('refuses a plan that is not registered ("Harbor Health" for "Harbor Health Plan") next to its field, and saves nothing', async () => {
    const error = await refusal(
      changeSharingChoice(await asMember(MARIA), { memberId: MARIA, kind: 'payer_to_payer', decision: 'permit', policy: 'regular', otherPayers: [plan('Harbor Health')], locale: 'en' }),
    );
    expect(error).toMatchObject({ code: 'plan-not-registered', messageKey: 'planNotRegistered', field: 'planName' });
    expect(await choicesOf(MARIA)).toEqual([]);
    // Nor a disabled plan's name, nor a provider's; a second plan is refused next to its own field.
    for (const name of ['Old Colony Health', 'Cape Clinic']) {
      const second = await refusal(
        changeSharingChoice(await asMember(MARIA), { memberId: MARIA, kind: 'payer_to_payer', decision: 'permit', policy: 'regular', otherPayers: [plan(HARBOR), plan(name, 'X-1')], locale: 'en' }),
      );
      expect(second).toMatchObject({ messageKey: 'planNotRegistered', field: 'plan2Name' });
    }
    expect(await choicesOf(MARIA)).toEqual([]);
  });

  it('saves the registered name, so the plan that asks under it is matched', async () => {
    await changeSharingChoice(await asMember(KEVIN), { memberId: KEVIN, kind: 'payer_to_payer', decision: 'permit', policy: 'regular', otherPayers: [plan('harbor health plan')], locale: 'en' });
    const [row] = await choicesOf(KEVIN);
    expect(row.otherPayers).toEqual([plan(HARBOR)]);
    expect((await decideSharingFor(database.db, 'payer_to_payer', KEVIN, { payerName: HARBOR, payerMemberId: 'HHP-1001' })).allowed).toBe(true);
  });

  it('by phone with customer service: the same list, the same refusal, in staff words', async () => {
    const base = { memberId: LINH, caller: 'member', choice: 'next-plan-on' as const, planMemberId: 'HHP-77', relation: 'previous', policy: 'regular' };
    const error = await refusal(recordPhoneSharingChoice(casey, { ...base, planName: 'Harbor Health' }));
    expect(error).toMatchObject({ messageKey: 'planNotRegistered', field: 'planName' });
    expect(staffSay.has('planNotRegistered') && staffSay.has('planNotListed')).toBe(true);
    expect(await choicesOf(LINH)).toEqual([]);
    await recordPhoneSharingChoice(casey, { ...base, planName: HARBOR });
    expect((await choicesOf(LINH))[0].otherPayers).toEqual([{ name: HARBOR, memberId: 'HHP-77', relation: 'previous' }]);
  });

  it('leaves a choice saved before the list as it was: shown with the name as written', async () => {
    const LUCA = '100000000017';
    await recordSharingChoice({ memberId: LUCA, kind: 'payer_to_payer', decision: 'permit', policy: 'regular', otherPayers: [plan('Harbor Health')], by: { kind: 'member' } });
    const overview = await loadSharingOverview(database.db, LUCA);
    expect(overview.payerToPayer).toMatchObject({ on: true, plans: [plan('Harbor Health')] });
  });
});
