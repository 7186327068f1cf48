import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import { appClock } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { connectFlows } from '@/lib/db/schema';
import { furthestStep, type ConnectFlow, type ConnectFlowState } from './connect-flow-state';

const FLOW_LIFETIME_MS = 2 * 60 * 60 * 1000;

/** Starts a connection for one app in one browser, or resumes the one already under way. */
export async function startConnectFlow(input: { appId: string; entry: 'gallery' | 'app'; interactionUid: string | null; browserKey: string; locale: string }): Promise<string> {
  const db = await getDb();
  const now = appClock().now();
  if (input.interactionUid) {
    const [existing] = await db
      .select({ id: connectFlows.id })
      .from(connectFlows)
      .where(and(eq(connectFlows.interactionUid, input.interactionUid), eq(connectFlows.browserKey, input.browserKey), gt(connectFlows.expiresAt, now)))
      .limit(1);
    if (existing) return existing.id;
  }
  const id = randomBytes(16).toString('base64url');
  await db.insert(connectFlows).values({
    id,
    appId: input.appId,
    interactionUid: input.interactionUid,
    entry: input.entry,
    locale: input.locale,
    step: 'privacy',
    state: {},
    browserKey: input.browserKey,
    createdAt: now,
    updatedAt: now,
    expiresAt: new Date(now.getTime() + FLOW_LIFETIME_MS),
  });
  return id;
}

/** The flow, only for the browser that started it and only while it lasts. */
export async function loadConnectFlow(id: string, browserKey: string | null): Promise<ConnectFlow | null> {
  if (!browserKey || !/^[A-Za-z0-9_-]{10,40}$/.test(id)) return null;
  const db = await getDb();
  const [row] = await db
    .select()
    .from(connectFlows)
    .where(and(eq(connectFlows.id, id), eq(connectFlows.browserKey, browserKey), gt(connectFlows.expiresAt, appClock().now())))
    .limit(1);
  if (!row) return null;
  const state = row.state as ConnectFlowState;
  return { id: row.id, appId: row.appId, interactionUid: row.interactionUid, entry: row.entry, step: furthestStep({ state }), state, expiresAt: row.expiresAt };
}

/** Merges into the flow's state. */
export async function updateConnectFlow(flow: ConnectFlow, patch: Partial<ConnectFlowState>): Promise<ConnectFlow> {
  const db = await getDb();
  const state = { ...flow.state, ...patch };
  await db
    .update(connectFlows)
    .set({ state, step: furthestStep({ state }), updatedAt: appClock().now() })
    .where(eq(connectFlows.id, flow.id));
  return { ...flow, state, step: furthestStep({ state }) };
}

