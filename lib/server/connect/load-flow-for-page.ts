import 'server-only';
import { eq } from 'drizzle-orm';
import { redirect } from 'next/navigation';
import { getDb } from '@/lib/db/client';
import { apps } from '@/lib/db/schema';
import { browserKey } from '@/lib/server/auth/browser-key';
import { readHubSessionAsActivity, type HubSession } from '@/lib/server/auth/hub-session';
import { furthestStep, stepIsOpen, type ConnectFlow, type ConnectStep } from './connect-flow-state';
import { loadConnectFlow } from './connect-flow-store';

export type FlowApp = typeof apps.$inferSelect;

/**
 * The steps that act as the person who proved their identity (a representative's choice of member,
 * the approval): open only while that person is signed in to the hub in this browser. After
 * sign-out, or once the session's absolute lifetime is over, the flow goes back to the identity
 * step (its earlier choices kept): nobody at a shared computer approves sharing from the back button.
 */
const AS_THE_VERIFIED_PERSON = new Set<ConnectStep>(['member', 'approve']);

/** Whether `session` (this browser's live hub session, or null) is the person who proved their identity in this flow. */
export function sessionIsVerifiedPerson(flow: Pick<ConnectFlow, 'state'>, session: HubSession | null): boolean {
  const subject = flow.state.subject;
  if (!subject) return false;
  if (session?.kind === 'member') return subject.kind === 'member' && session.memberId === subject.id;
  if (session?.kind === 'representative') return subject.kind === 'representative' && session.repId === subject.id;
  return false;
}

async function checkStep(flow: ConnectFlow | null, step: ConnectStep): Promise<ConnectFlow> {
  if (!flow) redirect('/connect/expired');
  if (!stepIsOpen(flow, step)) redirect(`/connect/${flow.id}/${furthestStep(flow)}`);
  // Reading the approval step is activity, as any account page is.
  if (AS_THE_VERIFIED_PERSON.has(step) && !sessionIsVerifiedPerson(flow, await readHubSessionAsActivity())) redirect(`/connect/${flow.id}/identity`);
  return flow;
}

/**
 * A step page's flow and app. A flow from another browser, or one that ended, goes to the
 * "expired" page; a step not reached yet goes to the furthest step reached (reload and back work).
 */
export async function loadFlowForPage(flowId: string, step: ConnectStep): Promise<{ flow: ConnectFlow; app: FlowApp }> {
  const flow = await checkStep(await loadConnectFlow(flowId, await browserKey({ create: false })), step);
  const db = await getDb();
  const [app] = await db.select().from(apps).where(eq(apps.id, flow.appId));
  if (!app || (app.status !== 'approved' && step !== 'done')) redirect('/connect/expired');
  return { flow, app };
}

/** The same for an action: an AppError instead of a redirect when the flow is gone. */
export async function loadFlowForAction(flowId: string, step: ConnectStep): Promise<ConnectFlow> {
  return checkStep(await loadConnectFlow(flowId, await browserKey({ create: false })), step);
}
