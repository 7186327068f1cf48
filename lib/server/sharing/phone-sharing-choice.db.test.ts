import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { appClock, todayIn } from '@/lib/calendar';
import { auditEvents, fhirResources, outbox, sharingChoices } from '@/lib/db/schema';
import { phoneSharingChoiceSchema } from '@/lib/schemas/sharing';
import { AppError } from '@/lib/server/errors/app-error';
import { patientIdFor, relatedPersonIdFor } from '@/lib/server/members/fhir-ids';
import type { StaffActor } from '@/lib/server/staff/load-staff-actor';
import { permissionsOf } from '@/lib/server/staff/staff-permissions';
import { setUpDataDir } from '@/lib/testing/set-up-data-dir';
import { setUpTestDatabase } from '@/lib/testing/set-up-test-database';
import { consentIdFor } from './consent-resources';
import { loadSharingOverview } from './load-sharing-overview';
import { listPhoneChoiceCallers } from './phone-choice-callers';
import { recordPhoneSharingChoice } from './record-phone-sharing-choice';
import { PHONE_CALLER_SELF, recordSharingChoice } from './record-sharing-choice';

const HAROLD = '100000000008'; // died 40 days ago; Susan Whitfield (R-0001) was his personal representative
const EMMA = '100000000009'; // 12; her parent Giulia Rossi (R-0002) chooses for her
const GRACE = '100000000011'; // adult; legal guardian Thomas Liu (R-0004); Karen Liu's designation ended
const FATIMA = '100000000016'; // adult; designee Omar Haddad (R-0006)

const casey: StaffActor = { username: 'casey.csr', name: 'Casey Morgan', roles: ['csr'], permissions: permissionsOf(['csr']), verifiedAt: Date.now() };
const providersOff = { choice: 'providers-off' as const, planName: '', planMemberId: '', relation: '', policy: '' };

setUpDataDir('hub-phone-sharing-');
const database = setUpTestDatabase({ settleMail: true });

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const choicesOf = (memberId: string) => database.db.select().from(sharingChoices).where(eq(sharingChoices.memberId, memberId));
const today = () => todayIn(appClock());

describe('a member who has died', () => {
  it('has nobody who may choose, and a phone choice is refused whoever is said to call; nothing is saved, audited or emailed', async () => {
    expect(await listPhoneChoiceCallers(database.db, HAROLD, today())).toEqual({ deceased: true, callers: [], designees: [] });
    for (const caller of ['member', 'R-0001']) {
      const error = await refusal(recordPhoneSharingChoice(casey, { memberId: HAROLD, caller, ...providersOff }));
      expect(error).toMatchObject({ code: 'member-deceased', messageKey: 'memberDeceased' });
    }
    // The recording itself refuses too, whatever reaches it.
    expect(await refusal(recordSharingChoice({ memberId: HAROLD, kind: 'provider_access', decision: 'deny', by: { kind: 'staff_phone', username: 'casey.csr' } }))).toMatchObject({
      code: 'member-deceased',
    });
    expect(await choicesOf(HAROLD)).toEqual([]);
    expect(await database.db.select().from(auditEvents).where(and(eq(auditEvents.memberId, HAROLD), eq(auditEvents.action, 'sharing.provider-access.off')))).toEqual([]);
    expect(await database.db.select().from(outbox).where(eq(outbox.toAddress, 'harold.whitfield@members.example'))).toEqual([]);
  });
});

describe('who is calling', () => {
  it('offers only those who make the member’s sharing choices: never a designee, never a minor a parent chooses for', async () => {
    expect(await listPhoneChoiceCallers(database.db, EMMA, today())).toMatchObject({
      deceased: false,
      callers: [{ kind: 'representative', repId: 'R-0002', name: 'Giulia Rossi', authorityType: 'parent' }],
      designees: [],
    });
    expect(await listPhoneChoiceCallers(database.db, FATIMA, today())).toMatchObject({
      callers: [{ kind: 'member', name: 'Fatima Haddad' }],
      designees: [{ repId: 'R-0006', name: 'Omar Haddad' }],
    });
    const grace = await listPhoneChoiceCallers(database.db, GRACE, today());
    expect(grace?.callers).toMatchObject([{ kind: 'member' }, { kind: 'representative', repId: 'R-0004', authorityType: 'legal_guardian' }]);
    // Karen Liu's designation has ended: she is neither a caller nor a designee acting today.
    expect(grace?.designees).toEqual([]);
    expect(await listPhoneChoiceCallers(database.db, '999999999999', today())).toBeNull();
  });

  it('the form needs a caller', () => {
    const parsed = phoneSharingChoiceSchema.safeParse({ memberId: FATIMA, choice: 'providers-off' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toMatchObject([{ path: ['caller'], message: 'chooseCaller' }]);
  });

  it('refuses a caller who may not choose, whatever is posted: a designee, a minor with a parent, someone not on file', async () => {
    for (const [memberId, caller] of [
      [FATIMA, 'R-0006'],
      [EMMA, 'member'],
      [GRACE, 'R-0005'],
      [GRACE, 'R-0002'],
      [FATIMA, 'nobody'],
    ] as const) {
      const error = await refusal(recordPhoneSharingChoice(casey, { memberId, caller, ...providersOff }));
      expect(error).toMatchObject({ code: 'caller-cannot-choose', messageKey: 'callerCannotChoose', field: 'caller' });
    }
    expect(await choicesOf(FATIMA)).toEqual([]);
    expect(await choicesOf(EMMA)).toEqual([]);
  });

  it('records a parent on the phone: the row, the audit row, the Consent’s performer and the history name her; the receipt goes to her, not the child', async () => {
    expect((await recordPhoneSharingChoice(casey, { memberId: EMMA, caller: 'R-0002', ...providersOff })).changed).toBe(true);
    const [row] = await choicesOf(EMMA);
    expect(row).toMatchObject({ madeBy: 'staff_phone', staffUsername: 'casey.csr', representativeId: 'R-0002', authorityType: 'parent' });
    const [audit] = await database.db.select().from(auditEvents).where(and(eq(auditEvents.memberId, EMMA), eq(auditEvents.action, 'sharing.provider-access.off')));
    expect(audit).toMatchObject({ actorKind: 'staff', actorId: 'casey.csr' });
    expect(audit.details).toMatchObject({ madeBy: 'phone with customer service', caller: 'representative', representativeId: 'R-0002', authorityType: 'parent' });
    const [consent] = await database.db
      .select()
      .from(fhirResources)
      .where(and(eq(fhirResources.resourceType, 'Consent'), eq(fhirResources.id, consentIdFor('provider_access', patientIdFor(EMMA)))));
    expect(JSON.parse(consent.resource).performer).toEqual([{ reference: `RelatedPerson/${relatedPersonIdFor('R-0002')}` }]);
    expect((await loadSharingOverview(database.db, EMMA)).history[0]).toMatchObject({ madeBy: 'staff_phone', representativeName: 'Giulia Rossi', authorityType: 'parent' });
    const mail = await database.db.select().from(outbox).where(eq(outbox.dedupeKey, `sharing-receipt:${row.id}`));
    expect(mail).toMatchObject([{ toAddress: 'giulia.rossi@reps.example', template: 'sharing-rep-providers-off' }]);
  });

  it('records the member on the phone as the member; the receipt goes to the member as before', async () => {
    expect((await recordPhoneSharingChoice(casey, { memberId: FATIMA, caller: 'member', ...providersOff })).changed).toBe(true);
    const [row] = await choicesOf(FATIMA);
    expect(row).toMatchObject({ madeBy: 'staff_phone', representativeId: null, authorityType: PHONE_CALLER_SELF });
    const [audit] = await database.db.select().from(auditEvents).where(and(eq(auditEvents.memberId, FATIMA), eq(auditEvents.action, 'sharing.provider-access.off')));
    expect(audit.details).toMatchObject({ madeBy: 'phone with customer service', caller: 'member' });
    expect((await loadSharingOverview(database.db, FATIMA)).history[0]).toMatchObject({ madeBy: 'staff_phone', representativeName: null, authorityType: PHONE_CALLER_SELF });
    const mail = await database.db.select().from(outbox).where(eq(outbox.dedupeKey, `sharing-receipt:${row.id}`));
    expect(mail).toMatchObject([{ toAddress: 'fatima.haddad@members.example', template: 'sharing-providers-off' }]);
  });
});
