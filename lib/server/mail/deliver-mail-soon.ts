import 'server-only';
import { log } from '@/lib/server/log/logger';
import { deliverDueMail } from './deliver-due-mail';

const inFlight = new Set<Promise<unknown>>();

/**
 * Tries to send one outbox row now, without making the caller wait on SMTP. Call it after the
 * transaction that enqueued the row has committed; if this try fails, the outbox worker retries.
 */
export function deliverMailSoon(outboxId: string): void {
  const attempt = deliverDueMail({ onlyId: outboxId }).catch((error: unknown) => {
    log.error('outbox.immediate-delivery-failed', { outboxId, error });
  });
  inFlight.add(attempt);
  void attempt.finally(() => inFlight.delete(attempt));
}

/** Resolves when every delivery started by deliverMailSoon has finished (tests, graceful shutdown). */
export async function settleMailDeliveries(): Promise<void> {
  while (inFlight.size > 0) await Promise.all([...inFlight]);
}
