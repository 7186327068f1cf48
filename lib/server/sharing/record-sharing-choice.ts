import 'server-only';
import { rememberPreferredLocale } from '@/lib/server/account/remember-preferred-locale';
import { randomUUID } from 'node:crypto';
import { and, count, eq, inArray } from 'drizzle-orm';
import { ageOn, appClock, calendarDateIn, type CalendarDate } from '@/lib/calendar';
import { getDb, type DbOrTx } from '@/lib/db/client';
import { fhirResources, members, representatives, sharingChoices, type OtherPayer, type SharingKind } from '@/lib/db/schema';
import { isLocale, type Locale } from '@/lib/i18n/locales';
import { recordAuditEvent, type AuditActorKind } from '@/lib/server/audit/record-audit-event';
import { appConfig } from '@/lib/server/config/app-config';
import { AppError } from '@/lib/server/errors/app-error';
import { deliverMailSoon } from '@/lib/server/mail/deliver-mail-soon';
import { enqueueMail } from '@/lib/server/mail/enqueue-mail';
import { relatedPersonIdFor } from '@/lib/server/members/fhir-ids';
import { buildConsentResource, consentIdFor } from './consent-resources';
import { sharingChoosersFor } from './sharing-choosers';
import { loadLatestSharingChoices } from './decide-sharing';

/** Who was on the phone when customer service recorded a choice: the member, or a representative under an authority. */
export type PhoneCaller = { kind: 'member' } | { kind: 'representative'; repId: string; authorityId: number; authorityType: string };

/**
 * A phone choice the member made themself is marked in the row's authority column (they need no
 * authority): rows from before callers were recorded have neither a representative nor this mark.
 */
export const PHONE_CALLER_SELF = 'self';

/** Who made a choice: the member, a representative under an authority active today, or customer service for a caller. */
export type SharingChoiceMaker =
  | { kind: 'member' }
  | { kind: 'representative'; repId: string; authorityId: number; authorityType: string }
  | { kind: 'staff_phone'; username: string; caller?: PhoneCaller };

/** The representative who chose: the one signed in, or the one who called customer service; null for the member. */
function representativeChooser(by: SharingChoiceMaker): Extract<PhoneCaller, { kind: 'representative' }> | null {
  if (by.kind === 'representative') return by;
  return by.kind === 'staff_phone' && by.caller?.kind === 'representative' ? by.caller : null;
}

export interface SharingChoiceInput {
  memberId: string;
  kind: SharingKind;
  decision: 'permit' | 'deny';
  /** Payer-to-Payer permit: `regular` (no behavioral health or substance use data) or `sensitive` (everything). */
  policy?: 'regular' | 'sensitive' | null;
  otherPayers?: OtherPayer[];
  by: SharingChoiceMaker;
  /** The language of the receipt when the maker is the one reading it; their saved language otherwise. */
  locale?: Locale;
  /** By phone: the language the caller speaks, saved as theirs (member or representative) with the choice. */
  callerLocale?: Locale;
  requestId?: string | null;
}

/**
 * Records one sharing choice: the row (the history), the Consent in force served by the FHIR API,
 * the audit row and the emailed receipt, all in one transaction. The caller has already checked
 * that the maker may act for the member (the account scope, or the staff permission).
 */
export async function recordSharingChoice(input: SharingChoiceInput): Promise<{ choiceId: string; changed: boolean }> {
  const policy = input.kind === 'payer_to_payer' && input.decision === 'permit' ? (input.policy ?? 'regular') : null;
  const otherPayers = input.kind === 'payer_to_payer' && input.decision === 'permit' ? (input.otherPayers ?? []) : [];
  if (input.kind === 'payer_to_payer' && input.decision === 'permit' && otherPayers.length === 0) {
    throw new AppError('no-plan', 'namePlan', 'planName');
  }
  const db = await getDb();
  const now = appClock().now();
  const result = await db.transaction(async (tx) => {
    const [member] = await tx
      .select({ patientId: members.patientId, given: members.given, family: members.family, email: members.email, locale: members.preferredLocale, birthDate: members.birthDate, deceasedDate: members.deceasedDate })
      .from(members)
      .where(eq(members.memberId, input.memberId))
      .for('update')
      .limit(1);
    if (!member) throw new AppError('not-found', 'notFound');
    // Death ends every authority, and nobody chooses for a member who has died (docs/representatives-policy.md).
    if (member.deceasedDate) throw new AppError('member-deceased', input.by.kind === 'staff_phone' ? 'memberDeceased' : 'notFound');
    const latest = (await loadLatestSharingChoices(tx, input.kind, [input.memberId])).get(input.memberId) ?? null;
    const current = latest?.decision ?? (input.kind === 'provider_access' ? 'permit' : 'deny');
    // The same choice again (a double submit, a back button) changes nothing and sends nothing.
    const unchanged =
      current === input.decision &&
      (input.decision === 'deny' || input.kind === 'provider_access' || (latest?.policy === policy && JSON.stringify(latest?.otherPayers) === JSON.stringify(otherPayers)));
    if (unchanged) return { choiceId: latest?.id ?? '', changed: false, outboxIds: [] as string[] };

    const choiceId = randomUUID();
    const chooser = representativeChooser(input.by);
    // The caller's language, saved before the receipts are written: theirs then come in it.
    const callerLocale = input.by.kind === 'staff_phone' && input.by.caller ? (input.callerLocale ?? null) : null;
    if (callerLocale && chooser) await rememberPreferredLocale({ kind: 'representative', repId: chooser.repId }, callerLocale, tx);
    else if (callerLocale) {
      await rememberPreferredLocale({ kind: 'member', memberId: input.memberId }, callerLocale, tx);
      member.locale = callerLocale;
    }
    await tx.insert(sharingChoices).values({
      id: choiceId,
      memberId: input.memberId,
      kind: input.kind,
      decision: input.decision,
      policy,
      otherPayers,
      madeBy: input.by.kind,
      representativeId: chooser?.repId ?? null,
      authorityId: chooser?.authorityId ?? null,
      authorityType: chooser?.authorityType ?? (input.by.kind === 'staff_phone' && input.by.caller?.kind === 'member' ? PHONE_CALLER_SELF : null),
      staffUsername: input.by.kind === 'staff_phone' ? input.by.username : null,
      createdAt: now,
    });
    await writeConsentResource(tx, { ...input, policy, otherPayers, choiceId, patientId: member.patientId, now });

    const actor: { kind: AuditActorKind; id: string } =
      input.by.kind === 'member' ? { kind: 'member', id: input.memberId } : input.by.kind === 'representative' ? { kind: 'representative', id: input.by.repId } : { kind: 'staff', id: input.by.username };
    await recordAuditEvent(tx, {
      actor,
      action: `sharing.${input.kind === 'provider_access' ? 'provider-access' : 'payer-to-payer'}.${input.decision === 'permit' ? 'on' : 'off'}`,
      memberId: input.memberId,
      details: {
        choiceId,
        madeBy: input.by.kind === 'staff_phone' ? 'phone with customer service' : input.by.kind,
        ...(input.by.kind === 'representative' ? { authorityType: input.by.authorityType } : {}),
        ...(input.by.kind === 'staff_phone' && input.by.caller
          ? { caller: input.by.caller.kind, ...(chooser ? { representativeId: chooser.repId, authorityType: chooser.authorityType } : {}) }
          : {}),
        ...(policy ? { policy } : {}),
        ...(otherPayers.length ? { plans: otherPayers.length } : {}),
        ...(callerLocale ? { locale: callerLocale } : {}),
      },
      requestId: input.requestId ?? null,
    });
    const outboxIds = await enqueueSharingReceipts(tx, {
      ...input,
      choiceId,
      member: { name: `${member.given} ${member.family}`, email: member.email, locale: member.locale, birthDate: member.birthDate as CalendarDate, deceasedDate: member.deceasedDate as CalendarDate | null },
      today: calendarDateIn(now),
    });
    return { choiceId, changed: true, outboxIds };
  });
  for (const id of result.outboxIds) deliverMailSoon(id);
  return { choiceId: result.choiceId, changed: result.changed };
}

async function writeConsentResource(
  tx: DbOrTx,
  choice: SharingChoiceInput & { policy: 'regular' | 'sensitive' | null; otherPayers: OtherPayer[]; choiceId: string; patientId: string; now: Date },
): Promise<void> {
  const id = consentIdFor(choice.kind, choice.patientId);
  const [{ n }] = await tx
    .select({ n: count() })
    .from(sharingChoices)
    .where(and(eq(sharingChoices.memberId, choice.memberId), eq(sharingChoices.kind, choice.kind)));
  const chooser = representativeChooser(choice.by);
  const performer = chooser ? `RelatedPerson/${relatedPersonIdFor(chooser.repId)}` : `Patient/${choice.patientId}`;
  const resource = buildConsentResource({
    choiceId: choice.choiceId,
    version: n,
    kind: choice.kind,
    decision: choice.decision,
    policy: choice.policy,
    otherPayers: choice.otherPayers,
    patientId: choice.patientId,
    performer,
    start: calendarDateIn(choice.now),
    lastUpdated: choice.now.toISOString(),
  });
  await tx.delete(fhirResources).where(and(eq(fhirResources.resourceType, 'Consent'), eq(fhirResources.id, id)));
  if (!resource) return;
  await tx.insert(fhirResources).values({
    resourceType: 'Consent',
    id,
    patientId: choice.patientId,
    lastUpdated: choice.now,
    category: 'personal',
    sensitivity: 'none',
    identifiers: [],
    resource: JSON.stringify(resource),
  });
}

/**
 * The receipt goes to whoever made the choice: the member, or the representative, whose receipt
 * names the member it was made for. A choice made by phone with customer service goes to the
 * member, unless the member is a minor: a minor is not written to about a parent
 * (docs/representatives-policy.md), so it goes to each parent, guardian or personal
 * representative then acting for them, naming the child, in their own language; to the member
 * only when no one is.
 */
async function enqueueSharingReceipts(
  tx: DbOrTx,
  choice: SharingChoiceInput & {
    choiceId: string;
    member: { name: string; email: string; locale: string; birthDate: CalendarDate; deceasedDate: CalendarDate | null };
    today: CalendarDate;
  },
): Promise<string[]> {
  const which =
    choice.kind === 'provider_access' ? (choice.decision === 'deny' ? 'providers-off' : 'providers-on') : choice.decision === 'permit' ? 'next-plan-on' : 'next-plan-off';
  const sharingUrl = `${appConfig().publicUrl}/account/sharing`;
  // Null when none of them is on file (the receipt then goes to the member).
  const toRepresentatives = async (repIds: string[], locale: Locale | null): Promise<string[] | null> => {
    if (repIds.length === 0) return null;
    const reps = await tx
      .select({ repId: representatives.repId, email: representatives.email, locale: representatives.preferredLocale })
      .from(representatives)
      .where(inArray(representatives.repId, repIds))
      .orderBy(representatives.repId);
    if (reps.length === 0) return null;
    const ids: string[] = [];
    for (const rep of reps) {
      const id = await enqueueMail(tx, {
        dedupeKey: `sharing-receipt:${choice.choiceId}${reps.length > 1 ? `:${rep.repId}` : ''}`,
        to: rep.email,
        template: `sharing-rep-${which}`,
        locale: locale ?? (isLocale(rep.locale) ? rep.locale : 'en'),
        params: { sharingUrl, memberName: choice.member.name },
      });
      if (id) ids.push(id);
    }
    return ids;
  };
  if (choice.by.kind === 'representative') {
    const sent = await toRepresentatives([choice.by.repId], choice.locale ?? null);
    if (sent) return sent;
  }
  if (choice.by.kind === 'staff_phone' && ageOn(choice.member.birthDate, choice.today) < 18) {
    const choosers = await sharingChoosersFor(tx, { memberId: choice.memberId, ...choice.member }, choice.today);
    const sent = await toRepresentatives(choosers, null);
    if (sent) return sent;
  }
  const memberLocale: Locale = choice.locale && choice.by.kind === 'member' ? choice.locale : isLocale(choice.member.locale) ? choice.member.locale : 'en';
  const id = await enqueueMail(tx, { dedupeKey: `sharing-receipt:${choice.choiceId}`, to: choice.member.email, template: `sharing-${which}`, locale: memberLocale, params: { sharingUrl } });
  return id ? [id] : [];
}
