import { and, desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, fhirResources, members, outbox, sharingChoices } from '@/lib/db/schema';
import { AppError } from '@/lib/server/errors/app-error';
import { renderMail } from '@/lib/server/mail/render-mail';
import { patientIdFor, relatedPersonIdFor } from '@/lib/server/members/fhir-ids';
import { setUpDataDir } from '@/lib/testing/set-up-data-dir';
import { setUpTestDatabase } from '@/lib/testing/set-up-test-database';
import { consentIdFor, HREX_POLICY } from './consent-resources';
import { decideSharing, decideSharingFor } from './decide-sharing';
import { loadAccountScope } from '@/lib/server/account/account-scope';
import { changeSharingChoice } from './change-sharing-choice';
import { loadSharingOverview } from './load-sharing-overview';
import { linhSharesWithHarbor } from '@/lib/testing/member-match-request';
import { recordSharingChoice } from './record-sharing-choice';

const MARIA = '100000000001';
const LINH = '100000000005';
const EMMA = '100000000009';
const FATIMA = '100000000016';

setUpDataDir('hub-sharing-');
const database = setUpTestDatabase({ settleMail: true });

async function consentOf(kind: 'provider_access' | 'payer_to_payer', memberId: string) {
  const [row] = await database.db
    .select()
    .from(fhirResources)
    .where(and(eq(fhirResources.resourceType, 'Consent'), eq(fhirResources.id, consentIdFor(kind, patientIdFor(memberId)))));
  return row ? (JSON.parse(row.resource) as Record<string, any>) : null;
}

describe('the decision every sharing point calls', () => {
  it('starts from the rule: Provider Access on, Payer-to-Payer off', async () => {
    expect(decideSharing('provider_access', null).allowed).toBe(true);
    expect(decideSharing('payer_to_payer', null).allowed).toBe(false);
    expect((await decideSharingFor(database.db, 'provider_access', FATIMA)).allowed).toBe(true);
    expect((await decideSharingFor(database.db, 'payer_to_payer', FATIMA)).allowed).toBe(false);
  });

  it('lets Payer-to-Payer go only to a plan the member named, sensitive data only under #sensitive', () => {
    const permit = { id: 'c1', decision: 'permit' as const, policy: 'regular' as const, otherPayers: [{ name: 'Harbor Health Plan', memberId: 'HHP-55', relation: 'concurrent' as const }], createdAt: new Date() };
    expect(decideSharing('payer_to_payer', permit, { payerName: 'harbor health  plan', payerMemberId: 'hhp-55' })).toEqual({ allowed: true, includeSensitive: false, choiceId: 'c1' });
    expect(decideSharing('payer_to_payer', permit, { payerName: 'Other Plan' }).allowed).toBe(false);
    expect(decideSharing('payer_to_payer', permit, { payerName: 'Harbor Health Plan', payerMemberId: 'X-1' }).allowed).toBe(false);
    expect(decideSharing('payer_to_payer', { ...permit, policy: 'sensitive' }, { payerName: 'Harbor Health Plan' }).includeSensitive).toBe(true);
    expect(decideSharing('payer_to_payer', { ...permit, decision: 'deny' }, { payerName: 'Harbor Health Plan' }).allowed).toBe(false);
  });
});

describe('recording a choice', () => {
  it('Provider Access off then on: rows, the Consent in force, audit rows and a receipt each time', async () => {
    const off = await recordSharingChoice({ memberId: MARIA, kind: 'provider_access', decision: 'deny', by: { kind: 'member' }, locale: 'en' });
    expect(off.changed).toBe(true);
    expect((await decideSharingFor(database.db, 'provider_access', MARIA)).allowed).toBe(false);
    let consent = await consentOf('provider_access', MARIA);
    expect(consent?.provision.type).toBe('deny');
    expect(consent?.performer).toEqual([{ reference: `Patient/${patientIdFor(MARIA)}` }]);

    // The same choice again changes nothing and sends nothing.
    expect((await recordSharingChoice({ memberId: MARIA, kind: 'provider_access', decision: 'deny', by: { kind: 'member' } })).changed).toBe(false);

    const on = await recordSharingChoice({ memberId: MARIA, kind: 'provider_access', decision: 'permit', by: { kind: 'member' }, locale: 'es' });
    expect((await decideSharingFor(database.db, 'provider_access', MARIA)).allowed).toBe(true);
    consent = await consentOf('provider_access', MARIA);
    expect(consent?.provision.type).toBe('permit');
    expect(consent?.meta.versionId).toBe('2');

    const history = await database.db.select().from(sharingChoices).where(eq(sharingChoices.memberId, MARIA)).orderBy(sharingChoices.seq);
    expect(history.map((h) => h.decision)).toEqual(['deny', 'permit']);
    const audits = await database.db.select().from(auditEvents).where(eq(auditEvents.memberId, MARIA)).orderBy(auditEvents.id);
    expect(audits.filter((a) => a.action.startsWith('sharing.')).map((a) => a.action)).toEqual(['sharing.provider-access.off', 'sharing.provider-access.on']);
    const mails = await database.db.select().from(outbox).where(eq(outbox.toAddress, 'maria.santos@members.example'));
    expect(mails.find((m) => m.dedupeKey === `sharing-receipt:${off.choiceId}`)?.template).toBe('sharing-providers-off');
    const onMail = mails.find((m) => m.dedupeKey === `sharing-receipt:${on.choiceId}`);
    expect(onMail?.template).toBe('sharing-providers-on');
    expect(onMail?.locale).toBe('es');
  });

  it('Payer-to-Payer needs a named plan; on with #regular, then withdrawn: no Consent is left in force', async () => {
    await expect(recordSharingChoice({ memberId: LINH, kind: 'payer_to_payer', decision: 'permit', policy: 'regular', otherPayers: [], by: { kind: 'member' } })).rejects.toBeInstanceOf(AppError);
    await linhSharesWithHarbor();
    const consent = await consentOf('payer_to_payer', LINH);
    expect(consent?.policy).toEqual([{ uri: HREX_POLICY.regular }]);
    expect(consent?.provision.actor.map((a: any) => a.reference.display)).toContain('Harbor Health Plan');
    expect((await decideSharingFor(database.db, 'payer_to_payer', LINH, { payerName: 'Harbor Health Plan', payerMemberId: 'HHP-1001' })).allowed).toBe(true);

    await recordSharingChoice({ memberId: LINH, kind: 'payer_to_payer', decision: 'deny', by: { kind: 'member' } });
    expect(await consentOf('payer_to_payer', LINH)).toBeNull();
    expect((await decideSharingFor(database.db, 'payer_to_payer', LINH, { payerName: 'Harbor Health Plan' })).allowed).toBe(false);
  });

  it('a representative and a phone call with customer service are named as who made the choice', async () => {
    await recordSharingChoice({ memberId: EMMA, kind: 'provider_access', decision: 'deny', by: { kind: 'representative', repId: 'R-0002', authorityId: 1, authorityType: 'parent' } });
    expect((await consentOf('provider_access', EMMA))?.performer).toEqual([{ reference: `RelatedPerson/${relatedPersonIdFor('R-0002')}` }]);
    const [repMail] = await database.db.select().from(outbox).where(eq(outbox.toAddress, 'giulia.rossi@reps.example'));
    // The receipt goes to Giulia and names Emma: "your providers" would be Giulia's own.
    expect(repMail?.template).toBe('sharing-rep-providers-off');
    expect(repMail?.params).toEqual({ sharingUrl: expect.stringMatching(/\/account\/sharing$/), memberName: 'Emma Rossi' });
    const words = renderMail('sharing-rep-providers-off', 'en', repMail!.params as Record<string, string>);
    expect(words.subject).toBe("You turned off sharing with Emma Rossi's providers");
    expect(words.text).toContain("Emma Rossi's doctors and clinics can no longer get Emma Rossi's");
    expect(words.text).not.toMatch(/your (doctors|providers)/i);

    // By phone for Emma, who is 12: the receipt goes to her parent, naming her, never to the child.
    await recordSharingChoice({ memberId: EMMA, kind: 'provider_access', decision: 'permit', by: { kind: 'staff_phone', username: 'casey.csr' } });
    const emmas = await database.db.select().from(outbox).where(eq(outbox.template, 'sharing-rep-providers-on'));
    expect(emmas.map((m) => [m.toAddress, m.params])).toEqual([['giulia.rossi@reps.example', { sharingUrl: expect.any(String), memberName: 'Emma Rossi' }]]);
    const [{ email: emmaEmail }] = await database.db.select({ email: members.email }).from(members).where(eq(members.memberId, EMMA));
    expect(await database.db.select().from(outbox).where(eq(outbox.toAddress, emmaEmail))).toEqual([]);

    await recordSharingChoice({ memberId: FATIMA, kind: 'provider_access', decision: 'deny', by: { kind: 'staff_phone', username: 'casey.csr' } });
    const [row] = await database.db.select().from(sharingChoices).where(eq(sharingChoices.memberId, FATIMA)).orderBy(desc(sharingChoices.seq)).limit(1);
    expect(row).toMatchObject({ madeBy: 'staff_phone', staffUsername: 'casey.csr' });
    const [audit] = await database.db.select().from(auditEvents).where(and(eq(auditEvents.memberId, FATIMA), eq(auditEvents.action, 'sharing.provider-access.off')));
    expect(audit).toMatchObject({ actorKind: 'staff', actorId: 'casey.csr' });
    expect(audit.details).toMatchObject({ madeBy: 'phone with customer service' });
  });
});

describe('who may make the choice', () => {
  it('Giulia Rossi makes it for Emma (a parent of a minor); Michelle Carter cannot for Noah, who is 18 or older', async () => {
    const giulia = (await loadAccountScope({ kind: 'representative', repId: 'R-0002' }))!;
    await changeSharingChoice(giulia, { memberId: '100000000017', kind: 'payer_to_payer', decision: 'permit', policy: 'regular', otherPayers: [{ name: 'Harbor Health Plan', memberId: 'HHP-9', relation: 'concurrent' }], locale: 'en' });
    const luca = await loadSharingOverview(database.db, '100000000017');
    expect(luca.payerToPayer).toMatchObject({ on: true, policy: 'regular' });
    expect(luca.history[0]).toMatchObject({ madeBy: 'representative', representativeId: 'R-0002', representativeName: 'Giulia Rossi' });
    await changeSharingChoice(giulia, { memberId: EMMA, kind: 'provider_access', decision: 'permit', locale: 'en' });
    expect((await loadSharingOverview(database.db, EMMA)).providerAccess.on).toBe(true);

    const michelle = (await loadAccountScope({ kind: 'representative', repId: 'R-0003' }))!;
    expect(michelle.members.map((m) => m.memberId)).not.toContain('100000000010');
    await expect(changeSharingChoice(michelle, { memberId: '100000000010', kind: 'provider_access', decision: 'deny', locale: 'en' })).rejects.toMatchObject({ messageKey: 'notFound' });
    expect((await loadSharingOverview(database.db, '100000000010')).history).toEqual([]);
    // Nor can a member make a choice for someone else.
    const maria = (await loadAccountScope({ kind: 'member', memberId: MARIA }))!;
    await expect(changeSharingChoice(maria, { memberId: FATIMA, kind: 'provider_access', decision: 'permit', locale: 'en' })).rejects.toBeInstanceOf(AppError);
  });

  it('Emma (12), whom her mother acts for, cannot make her own choices: her mother makes them; an adult makes their own', async () => {
    const emma = (await loadAccountScope({ kind: 'member', memberId: EMMA }))!;
    expect(emma.members[0].makesSharingChoices).toBe(false);
    expect((await loadAccountScope({ kind: 'member', memberId: MARIA }))!.members[0].makesSharingChoices).toBe(true);
    expect((await loadAccountScope({ kind: 'representative', repId: 'R-0002' }))!.members.find((m) => m.memberId === EMMA)?.makesSharingChoices).toBe(true);
    const before = await loadSharingOverview(database.db, EMMA);
    for (const decision of ['permit', 'deny'] as const) {
      await expect(changeSharingChoice(emma, { memberId: EMMA, kind: 'provider_access', decision, locale: 'en' })).rejects.toMatchObject({ messageKey: 'parentMakesChoices' });
      await expect(changeSharingChoice(emma, { memberId: EMMA, kind: 'payer_to_payer', decision, locale: 'en' })).rejects.toMatchObject({ messageKey: 'parentMakesChoices' });
    }
    expect(await loadSharingOverview(database.db, EMMA)).toEqual(before);
  });

  it('Omar Haddad, Fatima\'s authorized representative (a designee), cannot make either choice for her', async () => {
    const omar = (await loadAccountScope({ kind: 'representative', repId: 'R-0006' }))!;
    expect(omar.members.find((m) => m.memberId === FATIMA)?.authority?.type).toBe('authorized_representative_designee');
    const before = await loadSharingOverview(database.db, FATIMA);
    const plans = [{ name: 'Harbor Health Plan', memberId: 'HHP-1', relation: 'concurrent' as const }];
    for (const choice of [
      { kind: 'payer_to_payer' as const, decision: 'permit' as const, policy: 'sensitive' as const, otherPayers: plans },
      { kind: 'payer_to_payer' as const, decision: 'deny' as const },
      { kind: 'provider_access' as const, decision: 'deny' as const },
      { kind: 'provider_access' as const, decision: 'permit' as const },
    ]) {
      await expect(changeSharingChoice(omar, { memberId: FATIMA, locale: 'en', ...choice })).rejects.toMatchObject({ messageKey: 'designeeCannotChange' });
    }
    expect(await loadSharingOverview(database.db, FATIMA)).toEqual(before);
  });

  it('a choice made by phone shows as such in the member\'s history', async () => {
    const fatima = await loadSharingOverview(database.db, FATIMA);
    expect(fatima.providerAccess.on).toBe(false);
    expect(fatima.history[0]).toMatchObject({ madeBy: 'staff_phone', kind: 'provider_access', decision: 'deny' });
  });
});

describe('the emails', () => {
  it.each(['sharing-providers-off', 'sharing-providers-on', 'sharing-next-plan-on', 'sharing-next-plan-off'] as const)('%s reads in English and Spanish', (template) => {
    for (const locale of ['en', 'es'] as const) {
      const mail = renderMail(template, locale, { sharingUrl: 'http://localhost/account/sharing' });
      expect(mail.subject).not.toMatch(/sharing\.mail/);
      expect(mail.text).toContain('http://localhost/account/sharing');
    }
  });

  it.each(['sharing-rep-providers-off', 'sharing-rep-providers-on', 'sharing-rep-next-plan-on', 'sharing-rep-next-plan-off'] as const)(
    '%s (to a representative) names the member in English and Spanish',
    (template) => {
      for (const locale of ['en', 'es'] as const) {
        const mail = renderMail(template, locale, { sharingUrl: 'http://localhost/account/sharing', memberName: 'Emma Rossi' });
        expect(mail.subject).toContain('Emma Rossi');
        expect(mail.text.split('Emma Rossi').length).toBeGreaterThan(3);
        expect(mail.text).not.toMatch(/\b(your|su|sus) (doctors|providers|information|médicos|proveedores|información)\b/i);
      }
    },
  );
});
