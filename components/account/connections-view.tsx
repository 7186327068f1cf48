'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type { ConnectionsPayload } from '@/lib/schemas/account';
import { ConnectionCard } from './connection-card';
import type { LiveErrorKind } from './live-data';
import { LiveStatus } from './live-status';

/** Every member's current and past connections, with what the last update said (no fetching here). */
export function ConnectionsView({ data, error }: { data: ConnectionsPayload; error: LiveErrorKind | null }) {
  const t = useTranslations('account');
  const several = data.forRepresentative;
  return (
    <div className="space-y-8">
      <LiveStatus error={error} />
      {data.members.length === 0 ? <p>{t('noMembers')}</p> : null}
      {data.members.map((member) => {
        const Title = several ? 'h3' : 'h2';
        return (
          <section key={member.memberId} aria-labelledby={several ? `member-${member.memberId}` : `current-${member.memberId}`} className="space-y-6">
            {several ? (
              <h2 id={`member-${member.memberId}`} className="border-b-2 border-brand-700 pb-1">
                {member.heading}
              </h2>
            ) : null}
            {member.note ? <p className="max-w-3xl rounded-md border border-brand-700 bg-brand-50 p-3">{member.note}</p> : null}
            <div className="space-y-3">
              <Title id={`current-${member.memberId}`}>{t('currentTitle')}</Title>
              {member.current.length === 0 ? (
                <p>
                  {t('noCurrent')} <Link href="/apps">{t('browseApps')}</Link>
                </p>
              ) : (
                <ul aria-labelledby={`current-${member.memberId}`} className="space-y-4">
                  {member.current.map((c) => (
                    <ConnectionCard key={c.grantId} connection={c} headingLevel={several ? 4 : 3} />
                  ))}
                </ul>
              )}
            </div>
            <div className="space-y-3">
              <Title id={`past-${member.memberId}`}>{t('pastTitle')}</Title>
              {member.past.length === 0 ? (
                <p>{t('noPast')}</p>
              ) : (
                <ul aria-labelledby={`past-${member.memberId}`} className="space-y-4">
                  {member.past.map((c) => (
                    <ConnectionCard key={c.grantId} connection={c} headingLevel={several ? 4 : 3} compact />
                  ))}
                </ul>
              )}
            </div>
          </section>
        );
      })}
    </div>
  );
}
