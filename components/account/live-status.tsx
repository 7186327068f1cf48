'use client';

import { useTranslations } from 'next-intl';
import type { LiveErrorKind } from './live-data';

/**
 * What a live part says when it could not update, in a region that is always there so screen
 * readers hear the change. The list under it stays as it was; only a session that ended asks the
 * member to act.
 */
export function LiveStatus({ error }: { error: LiveErrorKind | null }) {
  const t = useTranslations('account');
  return (
    <div aria-live="polite" aria-atomic="true">
      {error === 'signed-out' ? (
        <div className="rounded-md border-2 border-warning-700 bg-red-50 p-3">
          <p>{t('liveSignedOut')}</p>
          <p>
            <a href="/account">{t('signInAgain')}</a>
          </p>
        </div>
      ) : error ? (
        <p className="rounded-md border border-caution-800 bg-amber-50 p-3 text-slate-900">{t(`live_${error}`)}</p>
      ) : null}
    </div>
  );
}
