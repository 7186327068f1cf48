import 'server-only';
import { log } from '@/lib/server/log/logger';

/**
 * Runs `job` every `intervalMs` and once at start: never two runs at once (a slow mail server must
 * not stack them), never throws (a failed run logs one line, without details that could hold
 * personal data, and the next tick tries again), never keeps the process alive. Returns a stop function.
 */
export function startRepeatingJob(failureLabel: string, job: () => Promise<unknown>, intervalMs: number, describeError: (error: unknown) => string): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await job();
    } catch (error) {
      log.error('job.failed', { job: failureLabel, detail: describeError(error) });
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
