/**
 * Cookie-keyed, in-memory sessions for the sample app, and the key/value
 * storage fhirclient's Node adapter keeps its SMART state in.
 *
 * Memory is fine for a sample client on a loopback address; the consent hub
 * itself keeps nothing per user in process memory.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { fhirclient } from 'fhirclient/lib/types';

const COOKIE_NAME = 'bbx_sid';
const IDLE_LIMIT_MS = 12 * 60 * 60 * 1000;
const MAX_SESSIONS = 1000;

interface Session {
  id: string;
  data: Map<string, string>;
  lastSeen: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The request's live session, or null; never creates one. */
  find(req: IncomingMessage): Session | null {
    const id = readCookie(req, COOKIE_NAME);
    const session = id ? this.sessions.get(id) : undefined;
    if (!session) return null;
    if (this.now() - session.lastSeen > IDLE_LIMIT_MS) {
      this.sessions.delete(session.id);
      return null;
    }
    session.lastSeen = this.now();
    // Re-insert so that the Map's order stays least-recently-used first.
    this.sessions.delete(session.id);
    this.sessions.set(session.id, session);
    return session;
  }

  /** The request's session, or a new one whose cookie is set on the response. */
  findOrCreate(req: IncomingMessage, res: ServerResponse): Session {
    return this.find(req) ?? this.create(res, new Map());
  }

  /** Moves the session's data under a new id (after sign-in, against session fixation). */
  rotate(session: Session, res: ServerResponse): Session {
    this.sessions.delete(session.id);
    return this.create(res, session.data);
  }

  destroy(session: Session, res: ServerResponse): void {
    this.sessions.delete(session.id);
    res.appendHeader('set-cookie', `${COOKIE_NAME}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
  }

  /** fhirclient's Storage over one session; values are copied in and out as JSON. */
  storageFor(session: Session): fhirclient.Storage {
    return {
      get: async (key: string) => {
        const value = session.data.get(key);
        return value === undefined ? undefined : JSON.parse(value);
      },
      set: async (key: string, value: unknown) => {
        session.data.set(key, JSON.stringify(value));
        return value;
      },
      unset: async (key: string) => session.data.delete(key),
    };
  }

  private create(res: ServerResponse, data: Map<string, string>): Session {
    while (this.sessions.size >= MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) break;
      this.sessions.delete(oldest);
    }
    const session: Session = { id: randomBytes(32).toString('base64url'), data, lastSeen: this.now() };
    this.sessions.set(session.id, session);
    // SameSite=Lax: the cookie must come back on the authorization server's top-level redirect to /callback.
    res.appendHeader('set-cookie', `${COOKIE_NAME}=${session.id}; Path=/; HttpOnly; SameSite=Lax`);
    return session;
  }
}

export type { Session };

function readCookie(req: IncomingMessage, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=') || null;
  }
  return null;
}
