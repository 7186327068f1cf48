import 'server-only';

/**
 * Moves appClock() by whole seconds through CLOCK_OFFSET_DAYS, which it reads on every call, so
 * code expiries and rate-limit windows can be crossed without waiting. `resetAppClock` undoes it.
 */
export function moveAppClock(seconds: number): void {
  const current = Number(process.env.CLOCK_OFFSET_DAYS ?? 0) * 86_400;
  process.env.CLOCK_OFFSET_DAYS = String((current + seconds) / 86_400);
}

export function resetAppClock(): void {
  delete process.env.CLOCK_OFFSET_DAYS;
}
