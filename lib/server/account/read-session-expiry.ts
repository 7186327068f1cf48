import 'server-only';
import { appClock } from '@/lib/calendar/clock';
import { readHubSessionEnd } from '@/lib/server/auth/hub-session';

export interface SessionExpiry {
  /** When the session ends (seconds since the epoch): it changes each time the session is renewed. */
  expiresAt: number;
  /** Seconds left now. */
  secondsLeft: number;
}

/**
 * When the hub session runs out (15 idle minutes, or its absolute end if that comes first), so the
 * page can warn two minutes before. Null without a live session.
 */
export async function readSessionExpiry(): Promise<SessionExpiry | null> {
  const endsAt = await readHubSessionEnd();
  if (!endsAt) return null;
  return { expiresAt: Math.floor(endsAt.getTime() / 1000), secondsLeft: Math.max(0, Math.floor((endsAt.getTime() - appClock().now().getTime()) / 1000)) };
}
