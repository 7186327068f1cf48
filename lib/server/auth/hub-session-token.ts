import 'server-only';
import { decode, encode } from 'next-auth/jwt';
import { authSecret } from './auth-secret';
import type { HubSession } from './hub-session';
import { SESSION_LIFETIMES } from './session-lifetimes';

/**
 * The session cookie's value: a next-auth JWT (encrypted with the hub's secret) holding the session
 * (`hub`) and the id of its server-side record (`sid`). Staff sign-in writes the same two claims
 * through next-auth's callbacks, so one reader serves every kind. The token proves nothing alone:
 * the record must still be live.
 */
export interface HubSessionToken {
  sid: string;
  session: HubSession;
}

const KINDS = new Set(['member', 'representative', 'staff']);

export async function encodeHubSessionToken({ sid, session }: HubSessionToken): Promise<string> {
  const sub = session.kind === 'member' ? session.memberId : session.kind === 'representative' ? session.repId : session.username;
  // The token may live as long as the session at most; the record decides when it actually ends.
  return encode({ token: { sub, sid, hub: session }, secret: await authSecret(), maxAge: SESSION_LIFETIMES[session.kind].absoluteSeconds });
}

/** Null for anything that is not a well-formed, unexpired token of ours. */
export async function decodeHubSessionToken(raw: string | undefined | null): Promise<HubSessionToken | null> {
  if (!raw) return null;
  try {
    const token = await decode({ token: raw, secret: await authSecret() });
    const session = token?.hub as HubSession | undefined;
    const sid = token?.sid;
    if (typeof sid !== 'string' || !session || typeof session !== 'object' || !KINDS.has(session.kind)) return null;
    return { sid, session };
  } catch {
    return null;
  }
}
