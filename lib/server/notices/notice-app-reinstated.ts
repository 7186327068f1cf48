import 'server-only';
import { getDb, type DbOrTx } from '@/lib/db/client';
import { deliverMailSoon } from '@/lib/server/mail/deliver-mail-soon';
import { enqueueAppNotices } from './enqueue-app-notices';

/**
 * Tells everyone whose connection to this app is still in force that the app is back. The staff
 * console calls it when an app is reinstated (same transaction rule as noticeAppAccessRemoved).
 */
export async function noticeAppReinstated(appId: string, tx?: DbOrTx): Promise<number> {
  const ids = await enqueueAppNotices(tx ?? (await getDb()), appId, { template: 'app-reinstated' });
  if (!tx) ids.forEach(deliverMailSoon);
  return ids.length;
}
