import { getTranslations } from 'next-intl/server';
import { formatCalendarDate } from '@/lib/i18n/format-calendar-date';
import { PAYER } from '@/lib/payer';
import { permissionsFor, type AccountScope } from '@/lib/server/account/account-scope';
import { listRelationships } from '@/lib/server/representatives/list-relationships';

/** Who acts for the member (shown to the member), or whom a representative no longer acts for, and why. */
export async function Relationships({ scope, locale }: { scope: AccountScope; locale: string }) {
  const { actingForYou, former } = await listRelationships(scope);
  const tr = await getTranslations('representatives');
  const ta = await getTranslations('account');
  const authorityName = (type: string) => (ta.has(`authority_${type}`) ? ta(`authority_${type}`) : type);
  const date = (d: string) => formatCalendarDate(d, locale);
  const phone = { phone: PAYER.customerServicePhone, tty: PAYER.customerServiceTty };
  if (scope.viewer.kind === 'member' && actingForYou.length > 0) {
    return (
      <section aria-labelledby="people-title" className="card space-y-2">
        <h2 id="people-title">{tr('peopleTitle')}</h2>
        <p>{tr('peopleLead')}</p>
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
  if (former.length === 0) return null;
  return (
    <section aria-labelledby="former-title" className="card space-y-2">
      <h2 id="former-title">{tr('formerTitle')}</h2>
      <ul className="space-y-3">
        {former.map((m) => {
          const first = m.name.split(' ')[0];
          return (
            <li key={`${m.name}-${m.type}`} className="space-y-1">
              <p className="font-semibold">
                {m.name} <span className="font-normal">({authorityName(m.type)})</span>
              </p>
              <p>{tr(`formerEnded_${m.reason}`, { name: first, date: date(m.date) })}</p>
              <p>{tr(`next_${m.reason}`, { name: first, date: date(m.date), ...phone })}</p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
