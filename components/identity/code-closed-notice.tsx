import { getTranslations } from 'next-intl/server';

/**
 * In place of "We sent a code … It works for 10 minutes" once that code can no longer be confirmed
 * (too many tries, or run out): it says so, and points to "Send a new code" below it.
 */
export async function CodeClosedNotice() {
  const t = await getTranslations('connect');
  return (
    <div className="rounded-md border-2 border-warning-700 bg-red-50 p-3" data-code-closed>
      <p>{t('codeClosed')}</p>
    </div>
  );
}
