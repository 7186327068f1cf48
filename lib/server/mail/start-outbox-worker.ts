import 'server-only';
import { deliverDueMail, shortError } from './deliver-due-mail';

/**
 * Sends due outbox mail every `intervalMs` (retries, and mail enqueued without deliverMailSoon).
 * Never throws; a failed run logs one line and the next tick tries again. Returns a stop function.
 */
export function startOutboxWorker({ intervalMs = 5000 }: { intervalMs?: number } = {}): () => void {
  let running = false;
  const tick = async () => {
    // A slow SMTP server must not stack runs on top of each other.
    if (running) return;
    running = true;
    try {
      await deliverDueMail();
    } catch (error) {
      console.error(`[outbox] delivery run failed: ${shortError(error)}`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  // The worker alone must not keep the process alive.
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
