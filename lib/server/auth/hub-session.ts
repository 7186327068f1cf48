import 'server-only';
import { cookies } from 'next/headers';
import { cache } from 'react';
import { appClock } from '@/lib/calendar';
import { appConfig } from '@/lib/server/config/app-config';
import type { PersonSubject } from '@/lib/server/identity/verification-subject';
import { endSessionRecord } from './end-hub-sessions';
import { decodeHubSessionToken, encodeHubSessionToken } from './hub-session-token';
import { sessionCookieName } from './session-cookie';
import { createSessionRecord, findLiveSessionRecord, renewSessionRecord, sessionSubjectOf } from './session-record';

/**
 * Who this browser is: a member or representative who proved their identity with an email code
 * (no passwords to forget), or a staff user who signed in through next-auth. The cookie is a
 * next-auth JWT naming a server-side record (`hub_sessions`): sign-out deletes the record, and
 * every read checks it, so a copied or replayed cookie opens nothing once the session has ended.
 * Each kind's idle and absolute lifetimes are in session-lifetimes.ts.
 */
export type HubSession =
  | { kind: 'member'; memberId: string; verifiedAt: number }
  | { kind: 'representative'; repId: string; verifiedAt: number }
  | { kind: 'staff'; username: string; roles: string[]; verifiedAt: number };

/**
 * The session of a member or representative who has just proved who they are. Verified by the app
 * clock, as the session record's idle end is: the absolute end is counted from this time, and the
 * authorization server checks both against the same clock.
 */
export function sessionVerifiedNow(subject: PersonSubject): HubSession {
  const verifiedAt = appClock().now().getTime();
  return subject.kind === 'member' ? { kind: 'member', memberId: subject.id, verifiedAt } : { kind: 'representative', repId: subject.id, verifiedAt };
}

// The provider's own cookies (node-oidc-provider's defaults), dropped from the browser at sign-out
// too; the sessions they name are ended on the server with the hub session's record.
const PROVIDER_COOKIES = ['_session', '_session.sig', '_session.legacy', '_session.legacy.sig'];

const sameVerification = (a: HubSession, b: HubSession) => {
  const [x, y] = [sessionSubjectOf(a), sessionSubjectOf(b)];
  return x.kind === y.kind && x.subjectId === y.subjectId && a.verifiedAt === b.verifiedAt;
};

async function readSessionToken() {
  return decodeHubSessionToken((await cookies()).get(sessionCookieName())?.value);
}

/** The live session of this request's browser, or null (no cookie, a bad one, or its record ended). */
export async function readHubSession(): Promise<HubSession | null> {
  return liveSessionOf(false);
}

/**
 * The same, for a page a member or representative is looking at: the view is activity, so the one
 * statement that finds the record also starts its idle time again (README "Sessions": 15 minutes
 * with no activity). Once a request, whatever asks. The account's live polling (its JSON routes)
 * is not activity and reads with readHubSession; staff sessions renew through renewStaffSession.
 */
export const readHubSessionAsActivity = cache((): Promise<HubSession | null> => liveSessionOf(true));

async function liveSessionOf(activity: boolean): Promise<HubSession | null> {
  const token = await readSessionToken();
  if (!token) return null;
  const subject = sessionSubjectOf(token.session);
  const record = activity && subject.kind !== 'staff' ? await renewSessionRecord(token.sid, subject.kind) : await findLiveSessionRecord(token.sid);
  if (!record || record.kind !== subject.kind || record.subjectId !== subject.subjectId) return null;
  return { ...token.session, verifiedAt: record.verifiedAt.getTime() };
}

/**
 * Starts the session of a new verification (a new record; whatever session this browser had ends),
 * or renews the current one (its idle time starts again; the absolute end stays). A renewal of a
 * session that has ended in the meantime brings nothing back. Only from server actions and route
 * handlers (cookies cannot be set while rendering).
 */
export async function writeHubSession(session: HubSession): Promise<void> {
  const jar = await cookies();
  const current = await readSessionToken();
  let sid: string;
  if (current && sameVerification(current.session, session)) {
    if (!(await renewSessionRecord(current.sid, session.kind))) {
      jar.delete(sessionCookieName());
      return;
    }
    sid = current.sid;
  } else {
    if (current) await endSessionRecord(current.sid);
    sid = await createSessionRecord(session);
  }
  jar.set(sessionCookieName(), await encodeHubSessionToken({ sid, session }), {
    httpOnly: true,
    sameSite: 'lax',
    secure: appConfig().secureCookies,
    path: '/',
    // A browser-session cookie (no Max-Age): closing the browser on a shared computer ends it. The
    // record decides the idle and absolute ends, so that a page view (which cannot set a cookie)
    // renews the session too (readHubSessionAsActivity), and the token inside expires at the
    // absolute end whatever a browser that restores its tabs keeps.
  });
}

/** Sign-out: the record and every authorization-server session logged in under it end, on the server. */
export async function endHubSession(): Promise<void> {
  const jar = await cookies();
  const current = await readSessionToken();
  if (current) await endSessionRecord(current.sid);
  jar.delete(sessionCookieName());
  for (const name of PROVIDER_COOKIES) if (jar.get(name)) jar.delete(name);
}

/** When this browser's session ends (the earlier of its idle and absolute ends), or null without one. */
export async function readHubSessionEnd(): Promise<Date | null> {
  const token = await readSessionToken();
  const record = token ? await findLiveSessionRecord(token.sid) : null;
  return record?.endsAt ?? null;
}
