import 'server-only';
import { shortError } from '@/lib/server/mail/deliver-due-mail';
import { runDueNotices } from './run-due-notices';

/**
 * Looks for due notices every `intervalMs` (and once at start). Every instance may run one: the
 * claims in runDueNotices keep a notice from going out twice. Never throws; a failed run logs one
 * line and the next tick tries again. Returns a stop function.
 */
export function startNoticeScheduler({ intervalMs = 5 * 60_000 }: { intervalMs?: number } = {}): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await runDueNotices();
    } catch (error) {
      console.error(`[notices] run failed: ${shortError(error)}`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
