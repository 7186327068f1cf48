import { getTranslations } from 'next-intl/server';
import { ExternalLink } from '@/components/ui/external-link';
import { formatCalendarDate } from '@/lib/i18n/format-calendar-date';
import { PAYER } from '@/lib/payer';
import { permissionsFor, type AccountScope } from '@/lib/server/account/account-scope';
import { describeFormerMember, describeUpcomingMember, type RelationshipView } from '@/lib/server/representatives/describe-relationships';
import { listRelationships } from '@/lib/server/representatives/list-relationships';
import { peopleLeadKey } from './account-lead';

/**
 * Who acts for the member (shown to the member), or whom a representative no longer acts for, why
 * and what to do next, and whom they will act for from a later day.
 */
export async function Relationships({ scope, locale }: { scope: AccountScope; locale: string }) {
  const { actingForYou, former, upcoming } = await listRelationships(scope);
  const tr = await getTranslations('representatives');
  const ta = await getTranslations('account');
  const tc = await getTranslations('connect');
  const authorityName = (type: string) => (ta.has(`authority_${type}`) ? ta(`authority_${type}`) : type);
  const date = (d: string) => formatCalendarDate(d, locale);
  const phone = { phone: PAYER.customerServicePhone, tty: PAYER.customerServiceTty };
  if (scope.viewer.kind === 'member' && actingForYou.length > 0) {
    return (
      <section aria-labelledby="people-title" className="card space-y-2">
        <h2 id="people-title">{tr('peopleTitle')}</h2>
        <p>{tr(peopleLeadKey(scope.members[0]))}</p>
        <ul className="list-disc space-y-1 pl-6">
          {actingForYou.map((p) => (
            <li key={`${p.name}-${p.type}-${p.start}`}>
              {p.active
                ? `${
                    p.lastDay
                      ? tr('peopleActiveUntil', { name: p.name, authority: authorityName(p.type), start: date(p.start), end: date(p.lastDay) })
                      : tr('peopleActive', { name: p.name, authority: authorityName(p.type), start: date(p.start) })
                  }. ${tr(permissionsFor({ kind: 'representative', type: p.type }).sees === 'own' ? 'peopleSeesOwn' : 'peopleSeesAll', { name: p.givenName })}`
                : tr('peopleEnded', { name: p.name, authority: authorityName(p.type), end: date(p.lastDay ?? p.start) })}
            </li>
          ))}
        </ul>
        <p>{tr('peopleChange', phone)}</p>
        <p>
          <a href="/help#representatives">{tr('policyLink')}</a>
        </p>
      </section>
    );
  }
  if (former.length === 0 && upcoming.length === 0) return null;
  const wording = { r: (key: string, values?: Record<string, string | number>) => tr(key as never, values as never), authorityName, locale };
  const list = (id: string, title: string, views: RelationshipView[]) =>
    views.length === 0 ? null : (
      <section aria-labelledby={id} className="card space-y-2">
        <h2 id={id}>{title}</h2>
        <ul className="space-y-3">
          {views.map((m) => (
            <li key={m.key} className="space-y-1">
              <p className="font-semibold">
                {m.name} <span className="font-normal">({m.authority})</span>
              </p>
              <p>{m.why.join(' ')}</p>
              <p>{m.next}</p>
              {m.recordsRequestUrl ? (
                <p>
                  <ExternalLink href={m.recordsRequestUrl}>{tc('recordsLink')}</ExternalLink>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    );
  return (
    <>
      {list(
        'former-title',
        tr('formerTitle'),
        former.map((m) => describeFormerMember(m, wording)),
      )}
      {list(
        'upcoming-title',
        tr('upcomingTitle'),
        upcoming.map((m) => describeUpcomingMember(m, wording)),
      )}
    </>
  );
}
