import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { AccountHeader } from '@/components/account/account-header';
import { SessionWarning } from '@/components/layout/session-warning';
import type { AccountScope } from '@/lib/server/account/account-scope';
import { readSessionExpiry } from '@/lib/server/account/read-session-expiry';
import { staySignedIn } from './actions';

/** Every signed-in account page: the header with "Sign out", the account's pages, the idle warning. */
export async function AccountFrame({ scope, current, title, children }: { scope: AccountScope; current: 'connections' | 'sharing' | 'report' | null; title: string; children: ReactNode }) {
  const t = await getTranslations('account');
  const ts = await getTranslations('sharing');
  const expiry = await readSessionExpiry();
  return (
    <div className="space-y-8 pb-24">
      <AccountHeader
        title={title}
        signedInAs={t(scope.viewer.kind === 'representative' ? 'signedInAsRepresentative' : 'signedInAs', { name: scope.viewerName })}
        signOutLabel={t('signOut')}
        signOutPath="/account/sign-out"
        nav={{
          label: t('accountNav'),
          links: [
            { href: '/account', label: t('navConnections'), current: current === 'connections' },
            { href: '/account/sharing', label: ts(scope.viewer.kind === 'representative' ? 'forRepresentative.navSharing' : 'navSharing'), current: current === 'sharing' },
            { href: '/account/report', label: t('navReport'), current: current === 'report' },
          ],
        }}
      />
      {children}
      {/* A renewed session has a new expiry: the warning starts over (without remounting). */}
      {expiry ? (
        <SessionWarning
          expiresAt={expiry.expiresAt}
          secondsLeft={expiry.secondsLeft}
          renew={staySignedIn}
          words={{
            warning: t('sessionWarning'),
            warningDetail: t('sessionWarningDetail'),
            staySignedIn: t('staySignedIn'),
            renewed: t('sessionRenewed'),
            ended: t('sessionEnded'),
            signInAgain: t('signInAgain'),
            signInHref: '/account',
          }}
        />
      ) : null}
    </div>
  );
}
