import 'server-only';
import { startRepeatingJob } from '@/lib/server/jobs/start-repeating-job';
import { shortError } from '@/lib/server/mail/deliver-due-mail';
import { purgeExpiredData } from './purge-expired-data';

/**
 * Deletes, every `intervalMs`, the rows whose life is over and scrubs old mail (RETENTION), so
 * personal data does not outlive its use. Any number of instances may run it at once.
 */
export function startRetentionPurge({ intervalMs = 15 * 60_000 }: { intervalMs?: number } = {}): () => void {
  return startRepeatingJob('[retention] purge failed', () => purgeExpiredData(), intervalMs, shortError);
}
