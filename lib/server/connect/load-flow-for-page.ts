import 'server-only';
import { eq } from 'drizzle-orm';
import { redirect } from 'next/navigation';
import { getDb } from '@/lib/db/client';
import { apps } from '@/lib/db/schema';
import { browserKey } from '@/lib/server/auth/browser-key';
import { furthestStep, stepIsOpen, type ConnectFlow, type ConnectStep } from './connect-flow-state';
import { loadConnectFlow } from './connect-flow-store';

export type FlowApp = typeof apps.$inferSelect;

/**
 * A step page's flow and app. A flow from another browser, or one that ended, goes to the
 * "expired" page; a step not reached yet goes to the furthest step reached (reload and back work).
 */
export async function loadFlowForPage(flowId: string, step: ConnectStep): Promise<{ flow: ConnectFlow; app: FlowApp }> {
  const flow = await loadConnectFlow(flowId, await browserKey({ create: false }));
  if (!flow) redirect('/connect/expired');
  if (!stepIsOpen(flow, step)) redirect(`/connect/${flow.id}/${furthestStep(flow)}`);
  const db = await getDb();
  const [app] = await db.select().from(apps).where(eq(apps.id, flow.appId));
  if (!app || (app.status !== 'approved' && step !== 'done')) redirect('/connect/expired');
  return { flow, app };
}

/** The same for an action: an AppError instead of a redirect when the flow is gone. */
export async function loadFlowForAction(flowId: string, step: ConnectStep): Promise<ConnectFlow> {
  const flow = await loadConnectFlow(flowId, await browserKey({ create: false }));
  if (!flow) redirect('/connect/expired');
  if (!stepIsOpen(flow, step)) redirect(`/connect/${flow.id}/${furthestStep(flow)}`);
  return flow;
}
