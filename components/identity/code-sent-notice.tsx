import { getTranslations } from 'next-intl/server';
import { FocusOnArrival } from '@/components/ui/focus-on-arrival';

/**
 * "We sent a code to … It works for 10 minutes", or, once that code can no longer be confirmed,
 * that it does not work any more: one element either way, so the action's redraw changes its words
 * and never swaps it for another (React kept both when it was swapped). The connect step and the
 * account's sign-in both show it.
 */
export async function CodeSentNotice({ sentAt, email, closed }: { sentAt: string; email: string; closed: boolean }) {
  const t = await getTranslations('connect');
  return (
    <FocusOnArrival key={sentAt} className={`rounded-md border p-3 [overflow-wrap:anywhere] ${closed ? 'border-2 border-warning-700 bg-red-50' : 'border-ok-700 bg-green-50'}`}>
      <p>{closed ? t('codeClosed') : t('codeSent', { email })}</p>
    </FocusOnArrival>
  );
}
