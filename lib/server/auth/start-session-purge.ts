import 'server-only';
import { startRepeatingJob } from '@/lib/server/jobs/start-repeating-job';
import { shortError } from '@/lib/server/mail/deliver-due-mail';
import { purgeEndedSessions } from './end-hub-sessions';

/**
 * Deletes, every `intervalMs`, the hub sessions whose time is up, with the authorization server's
 * sessions logged in under them. Every request already refuses them; this makes their end real on
 * the server too, whether or not the browser comes back. Any instance may run it.
 */
export function startSessionPurge({ intervalMs = 60_000 }: { intervalMs?: number } = {}): () => void {
  return startRepeatingJob('[sessions] purge failed', () => purgeEndedSessions(), intervalMs, shortError);
}
