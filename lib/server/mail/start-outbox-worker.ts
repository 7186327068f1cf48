import 'server-only';
import { startRepeatingJob } from '@/lib/server/jobs/start-repeating-job';
import { deliverDueMail, shortError } from './deliver-due-mail';

/** Sends due outbox mail every `intervalMs` (retries, and mail enqueued without deliverMailSoon). */
export function startOutboxWorker({ intervalMs = 5000 }: { intervalMs?: number } = {}): () => void {
  return startRepeatingJob('[outbox] delivery run failed', () => deliverDueMail(), intervalMs, shortError);
}
