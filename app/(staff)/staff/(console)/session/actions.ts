'use server';

import { readSessionExpiry } from '@/lib/server/account/read-session-expiry';
import { loadStaffActor } from '@/lib/server/staff/load-staff-actor';

/** "Stay signed in" on the idle warning: activity, so the 30 idle minutes start again. Null once it has ended. */
export async function staySignedInStaff(): Promise<number | null> {
  if (!(await loadStaffActor())) return null;
  return (await readSessionExpiry())?.secondsLeft ?? null;
}
