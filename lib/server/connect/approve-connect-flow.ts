import 'server-only';
import { lastDayOf } from '@/lib/server/account/last-day-of';
import { rememberPreferredLocale, type LocaleSource } from '@/lib/server/account/remember-preferred-locale';
import { eq } from 'drizzle-orm';
import { appClock, endOfDayInstant, type CalendarDate } from '@/lib/calendar';
import type { Locale } from '@/lib/i18n/locales';
import { deliverMailSoon } from '@/lib/server/mail/deliver-mail-soon';
import { enqueueMail } from '@/lib/server/mail/enqueue-mail';
import { sensitiveClaimsParam } from '@/lib/server/mail/mail-templates';
import { getDb } from '@/lib/db/client';
import { apps, representatives } from '@/lib/db/schema';
import { appConfig } from '@/lib/server/config/app-config';
import { approveConnection } from '@/lib/server/consent/approve-connection';
import { grantExpiresAt, type GrantDuration } from '@/lib/server/consent/grant-duration';
import { dataWindowStart } from '@/lib/server/eligibility';
import { AppError } from '@/lib/server/errors/app-error';
import { enqueueRepresentativeActed, enqueueRepresentativeReceipt } from '@/lib/server/representatives/representative-notices';
import { findPendingAuthorization } from '@/lib/server/smart/finish-authorization';
import { getProvider } from '@/lib/server/smart/provider-instance';
import { categoriesRequested, scopeWithinRegistration, type DataCategory } from '@/lib/server/smart/smart-scopes';
import { checkMemberAccess, checkRepresentativeAccess } from './check-connect-access';
import type { ConnectFlow } from './connect-flow-state';
import { updateConnectFlow } from './connect-flow-store';
import { createPortalLaunch } from './portal-launch';

export interface ApprovalChoices {
  categories: DataCategory[];
  includeSensitive: boolean;
  duration: GrantDuration;
}

/**
 * The scope the app asked for: its authorization request within its registration, or (from the
 * gallery) its registration.
 */
export async function requestedScopeFor(flow: ConnectFlow): Promise<string> {
  const pending = flow.interactionUid ? await findPendingAuthorization(getProvider(), flow.interactionUid) : null;
  if (flow.interactionUid && !pending) throw new AppError('flow-expired', 'flowExpired');
  const db = await getDb();
  const [app] = await db.select({ scopes: apps.scopes }).from(apps).where(eq(apps.id, flow.appId));
  return pending ? scopeWithinRegistration(pending.scope, app.scopes) : app.scopes;
}

/**
 * Step 5, "Approve data share": re-checks who may approve for whom today, records exactly what was
 * approved, and works out where "Continue to the app" goes. A second submit of the same flow finds
 * the first grant (the flow id is the approval's idempotency key).
 */
async function representativeEmail(repId: string): Promise<string> {
  const db = await getDb();
  const [rep] = await db.select({ email: representatives.email }).from(representatives).where(eq(representatives.repId, repId));
  return rep.email;
}

/** The receipt email's words, already in the approver's language. */
export interface ReceiptWording {
  locale: Locale;
  /** Whether the approver chose that language (the switch, a `?lang=` link) or the browser did: only a choice replaces the language on file. */
  localeSource?: LocaleSource;
  categoryNames: Record<DataCategory, string>;
}

export async function approveConnectFlow(flow: ConnectFlow, choices: ApprovalChoices, browserKey: string, receipt: ReceiptWording): Promise<ConnectFlow> {
  const subject = flow.state.subject;
  if (!subject) throw new AppError('not-verified', 'flowExpired');
  if (choices.categories.length === 0) throw new AppError('no-category', 'chooseCategory', 'categories');

  let memberId: string;
  let authorityEndsOn: CalendarDate | undefined;
  let approvedBy: Parameters<typeof approveConnection>[0]['approvedBy'];
  if (subject.kind === 'member') {
    memberId = subject.id;
    approvedBy = { kind: 'member' };
  } else {
    const actingFor = flow.state.actingFor;
    if (!actingFor) throw new AppError('no-member', 'flowExpired');
    const check = await checkRepresentativeAccess(subject.id, actingFor.memberId);
    if (!check?.represented.authority.active) throw new AppError('authority-ended', 'authorityEnded');
    authorityEndsOn = check.represented.authority.endsOn;
    const db = await getDb();
    const [rep] = await db.select({ relatedPersonId: representatives.relatedPersonId }).from(representatives).where(eq(representatives.repId, subject.id));
    memberId = actingFor.memberId;
    approvedBy = { kind: 'representative', repId: subject.id, authorityId: actingFor.authorityId, authorityType: actingFor.authorityType, relatedPersonId: rep.relatedPersonId };
  }
  const access = await checkMemberAccess(memberId);
  if (!access.ok) throw new AppError('not-eligible', 'notEligibleNow');
  // A designee never opts the member in to sharing mental health and substance use claims
  // (docs/representatives-policy.md): the page does not offer it; a form that sends it is refused.
  if (choices.includeSensitive && approvedBy.kind === 'representative' && approvedBy.authorityType === 'authorized_representative_designee') {
    throw new AppError('designee-sensitive', 'designeeNoSensitive', 'includeSensitive');
  }

  const requestedScope = await requestedScopeFor(flow);
  const offered = categoriesRequested(requestedScope);
  const categories = choices.categories.filter((c) => offered.includes(c));
  if (categories.length === 0) throw new AppError('no-category', 'chooseCategory', 'categories');

  const db = await getDb();
  const [app] = await db.select().from(apps).where(eq(apps.id, flow.appId));
  if (!app || app.status !== 'approved') throw new AppError('app-unavailable', 'appUnavailable');
  // Access ends no later than the member's own access, nor a representative's authority.
  const ends = [access.eligibility.accessEndsOn, authorityEndsOn].filter((d): d is CalendarDate => Boolean(d)).sort();
  const accessEndsOn = ends[0];
  const provider = getProvider();
  const approverEmail = subject.kind === 'member' ? access.member.email : await representativeEmail(subject.id);
  let receiptId: string | null = null;
  let memberNoticeId: string | null = null;
  const { grant, returnTo } = await approveConnection({
    provider,
    interactionUid: flow.interactionUid,
    member: { memberId, patientId: access.member.patientId },
    approvedBy,
    app: { id: app.id, clientId: app.clientId },
    requestedScope,
    categories,
    includeSensitive: choices.includeSensitive,
    duration: choices.duration,
    dataWindowStart: dataWindowStart(access.member.facts.spans) ?? '2016-01-01',
    expiresAt: grantExpiresAt(choices.duration, appClock().now(), accessEndsOn ? endOfDayInstant(accessEndsOn) : null),
    requestKey: `connect-flow:${flow.id}`,
    onCreated: async (tx, created) => {
      // The language the approver connected in: the later notices (ends soon, ended, app removed
      // or back) go out in it, also for someone who never signs in to the account. One the browser
      // picked is saved only when none is on file yet.
      const approver = subject.kind === 'member' ? ({ kind: 'member', memberId: subject.id } as const) : ({ kind: 'representative', repId: subject.id } as const);
      await rememberPreferredLocale(approver, receipt.locale, tx, receipt.localeSource ?? 'used');
      const categoryList = created.categories.map((c) => receipt.categoryNames[c as DataCategory]).join(', ');
      if (subject.kind === 'representative') {
        // Whose information, as what (issue 13); an adult member is told who connected it and how to stop it.
        receiptId = await enqueueRepresentativeReceipt(tx, created.id, { locale: receipt.locale, categories: categoryList, ...sensitiveClaimsParam(created.categories, created.includeSensitive) });
        memberNoticeId = await enqueueRepresentativeActed(tx, created.id, 'connected', { repId: subject.id });
        return;
      }
      receiptId = await enqueueMail(tx, {
        dedupeKey: `connection-receipt:${created.id}`,
        to: approverEmail,
        template: 'connection-receipt',
        locale: receipt.locale,
        params: {
          appName: app.name,
          categories: categoryList,
          ...sensitiveClaimsParam(created.categories, created.includeSensitive),
          // A one-time connection ends within the hour: its end to the minute, as the account shows it.
          endsOn: created.duration === 'once' ? created.expiresAt.toISOString() : lastDayOf(created.expiresAt),
          accountUrl: `${appConfig().publicUrl}/account`,
        },
      });
    },
  });
  if (receiptId) deliverMailSoon(receiptId);
  if (memberNoticeId) deliverMailSoon(memberNoticeId);

  const { publicUrl, fhirBaseUrl } = appConfig();
  let continueUrl: string | undefined;
  if (returnTo) continueUrl = new URL(returnTo, publicUrl).href;
  else if (app.launchUrl) {
    const launch = await createPortalLaunch(grant.id, browserKey);
    const url = new URL(app.launchUrl);
    url.searchParams.set('iss', fhirBaseUrl);
    url.searchParams.set('launch', launch);
    continueUrl = url.href;
  }
  return updateConnectFlow(flow, { approval: { ...choices, categories }, grantId: grant.id, continueUrl });
}
