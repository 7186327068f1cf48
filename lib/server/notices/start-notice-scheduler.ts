import 'server-only';
import { startRepeatingJob } from '@/lib/server/jobs/start-repeating-job';
import { shortError } from '@/lib/server/mail/deliver-due-mail';
import { enqueueSharingExplanations } from './enqueue-sharing-explanations';
import { runDueNotices } from './run-due-notices';

/**
 * Looks for due notices every `intervalMs`. Every instance may run one: the claims in
 * runDueNotices keep a notice from going out twice.
 */
export function startNoticeScheduler({ intervalMs = 5 * 60_000 }: { intervalMs?: number } = {}): () => void {
  return startRepeatingJob('[notices] run failed', () => Promise.all([runDueNotices(), enqueueSharingExplanations()]), intervalMs, shortError);
}
