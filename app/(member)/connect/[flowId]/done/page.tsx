import type { Metadata } from 'next';
import { eq } from 'drizzle-orm';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { StepShell } from '@/components/connect/step-shell';
import { getDb } from '@/lib/db/client';
import { consentGrants, representatives } from '@/lib/db/schema';
import { formatCalendarDate, formatInstantDate } from '@/lib/i18n/format-calendar-date';
import { addDays, appClock, todayIn } from '@/lib/calendar';
import { lastDayOf } from '@/lib/server/account/last-day-of';
import { dataWindowEnd } from '@/lib/server/eligibility';
import { loadMember } from '@/lib/server/members/load-member';
import { readHubSessionAsActivity } from '@/lib/server/auth/hub-session';
import { loadFlowForPage, sessionIsVerifiedPerson } from '@/lib/server/connect/load-flow-for-page';
import { formatDateTime } from '@/lib/server/account/format-date-time';
import { loadGrantParties } from '@/lib/server/representatives/grant-parties';
import { endCauseOf } from '@/lib/server/representatives/representative-notices';
import { capacityWords } from '@/lib/server/representatives/representative-wording';
import { stepFrame } from '@/lib/server/connect/step-labels';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('connect'))('receiptTitle') };
}

export default async function DoneStep({ params }: { params: Promise<{ flowId: string }> }) {
  const { flowId } = await params;
  const { flow, app } = await loadFlowForPage(flowId, 'done');
  const t = await getTranslations('connect');
  // The receipt names the member, who approved it and what an app gets: only for the person who
  // approved, while signed in. After "Sign out" (or the session's end) the next person at a shared
  // computer, coming back through the history, reads that the connection is done, and nothing of it.
  if (!sessionIsVerifiedPerson(flow, await readHubSessionAsActivity())) return <DoneSignedOut />;
  const locale = await getLocale();
  const db = await getDb();
  const [grant] = await db.select().from(consentGrants).where(eq(consentGrants.id, flow.state.grantId!));
  const [rep] = grant.representativeId ? await db.select().from(representatives).where(eq(representatives.repId, grant.representativeId)) : [];
  const tr = await getTranslations('representatives');
  // A past member's data stops at their last day of coverage: said so, not "to today".
  const member = await loadMember(grant.memberId);
  const windowEnd = member ? dataWindowEnd(member.facts.spans, todayIn(appClock())) : null;
  // A representative's receipt says whose information and as what (a parent of two tells them apart).
  const parties = rep ? await loadGrantParties(db, grant.id) : null;
  const memberName = parties?.member.name ?? '';
  const endCause = parties ? endCauseOf(parties, grant.expiresAt) : 'other';
  const rows: [string, string][] = [];
  if (parties?.authority) {
    rows.push([tr('receiptMember'), memberName]);
    rows.push([tr('receiptCapacity'), capacityWords(locale === 'es' ? 'es' : 'en', parties.authority.type, parties.member.sex)]);
  }
  rows.push(
    [t('receiptApp'), app.name],
    [t('receiptWhat'), grant.categories.map((c) => t(`category_${c}`)).join(', ')],
    [t('receiptSensitive'), grant.includeSensitive ? t('receiptSensitiveYes') : t('receiptSensitiveNo')],
    [
      t('receiptYears'),
      windowEnd
        ? t('yearsBodyEnded', { start: formatCalendarDate(grant.dataWindowStart, locale), end: formatCalendarDate(windowEnd, locale) })
        : t('yearsBody', { start: formatCalendarDate(grant.dataWindowStart, locale) }),
    ],
    [t('receiptUntil'), grant.duration === 'once' ? formatDateTime(grant.expiresAt, locale) : formatInstantDate(new Date(grant.expiresAt.getTime() - 1), locale)],
  );
  if (parties && endCause !== 'other') {
    const lastDay = lastDayOf(grant.expiresAt);
    rows.push([
      tr('receiptEndWhy'),
      endCause === 'child18'
        ? tr('capReason_child18', { name: memberName, birthday: formatCalendarDate(addDays(lastDay, 1), locale), date: formatCalendarDate(lastDay, locale) })
        : tr('capReason_authority', { name: memberName, date: formatCalendarDate(lastDay, locale) }),
    ]);
  }
  // The capacity in brackets inside a line reads in lower case: "Giulia Rossi (parent)".
  if (rep) rows.push([t('receiptApprovedBy'), `${rep.given} ${rep.family} (${lowerFirst(t(`authority_${grant.authorityType}`), locale)})`]);
  return (
    <StepShell {...await stepFrame(flow, 'done', app.name)} title={parties ? tr('doneTitle', { app: app.name, name: memberName }) : t('doneTitle', { app: app.name })}>
      <section aria-labelledby="receipt" className="card space-y-3">
        <h2 id="receipt">{t('receiptTitle')}</h2>
        {parties ? <p className="text-lg font-semibold">{tr('forMember', { name: memberName })}</p> : null}
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
          {rows.map(([term, value]) => (
            <div key={term} className="contents">
              <dt className="font-semibold">{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        <p>{t('receiptStop')}</p>
        <p className="text-sm text-slate-700">{parties ? tr('receiptEmail') : t('receiptEmail')}</p>
      </section>
      <div className="flex flex-wrap gap-3">
        {flow.state.continueUrl ? (
          <a href={flow.state.continueUrl} className="btn-primary">
            {t('continueToApp', { app: app.name })}
          </a>
        ) : (
          <p>{t('noLaunch', { app: app.name })}</p>
        )}
        <Link prefetch={false} href="/account" className="btn-secondary">
          {t('goToAccount')}
        </Link>
      </div>
    </StepShell>
  );
}

const lowerFirst = (words: string, locale: string) => words.charAt(0).toLocaleLowerCase(locale) + words.slice(1);

async function DoneSignedOut() {
  const t = await getTranslations('connect');
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1>{t('doneSignedOutTitle')}</h1>
      <p>{t('doneSignedOutBody')}</p>
      <Link prefetch={false} href="/account" className="btn-primary">
        {t('goToAccount')}
      </Link>
    </div>
  );
}
