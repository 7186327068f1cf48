import 'server-only';
import { getDb, type DbOrTx } from '@/lib/db/client';
import { deliverMailSoon } from '@/lib/server/mail/deliver-mail-soon';
import { enqueueAppNotices } from './enqueue-app-notices';

/**
 * Tells everyone with a connection in force to this app that the payer removed its access: the
 * reason in plain words, that data already copied stays with the app, and a pointer to other apps
 * in the gallery. The staff console calls it when an app is suspended; it revokes nothing itself.
 * Pass the console's transaction to send only if the suspension commits (the outbox worker then
 * sends); without one, the notices go out at once.
 */
export async function noticeAppAccessRemoved(appId: string, reason: string, tx?: DbOrTx): Promise<number> {
  const ids = await enqueueAppNotices(tx ?? (await getDb()), appId, { template: 'app-access-removed', reason });
  if (!tx) ids.forEach(deliverMailSoon);
  return ids.length;
}
