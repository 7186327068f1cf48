import 'server-only';
import type { GrantDuration } from '@/lib/server/consent/grant-duration';
import type { DataCategory } from '@/lib/server/smart/smart-scopes';

/** The steps of a connection, in order; each has its page at /connect/<flowId>/<step>. */
export const CONNECT_STEPS = ['privacy', 'terms', 'identity', 'code', 'member', 'approve', 'done'] as const;
export type ConnectStep = (typeof CONNECT_STEPS)[number];

/** "Step N of 6" (choosing the app is step 1). */
export const STEP_NUMBER: Record<ConnectStep, number> = { privacy: 2, terms: 3, identity: 4, code: 4, member: 4, approve: 5, done: 6 };

/** Everything the person chose or proved so far, kept on the server between pages. */
export interface ConnectFlowState {
  privacyReviewed?: boolean;
  termsAccepted?: boolean;
  /** Who proved their identity (member, or a representative), once the code is confirmed. */
  subject?: { kind: 'member' | 'representative'; id: string };
  /** Verified identity, waiting for the email code. */
  pendingSubject?: { kind: 'member' | 'representative'; id: string; maskedEmail: string };
  codeSentAt?: string;
  /** For a representative: the member they act for, and under which authority. */
  actingFor?: { memberId: string; authorityId: number; authorityType: string };
  approval?: { categories: DataCategory[]; includeSensitive: boolean; duration: GrantDuration };
  grantId?: string;
  /** Where "Continue to the app" goes: the resumed authorization, or the app's portal launch. */
  continueUrl?: string;
}

export interface ConnectFlow {
  id: string;
  appId: string;
  interactionUid: string | null;
  entry: 'gallery' | 'app';
  step: ConnectStep;
  state: ConnectFlowState;
  /** When the flow ends (two hours from its start): said on every step. */
  expiresAt?: Date;
}

/** The member whose data step 5 is about (open only once there is one): the member, or whom the representative acts for. */
export function flowMemberId(flow: Pick<ConnectFlow, 'state'>): string {
  return flow.state.subject?.kind === 'member' ? flow.state.subject.id : flow.state.actingFor!.memberId;
}

/** The furthest step the flow may show now: earlier steps stay open (the back link), later ones not. */
export function furthestStep(flow: Pick<ConnectFlow, 'state'>): ConnectStep {
  const s = flow.state;
  if (s.grantId) return 'done';
  if (!s.privacyReviewed) return 'privacy';
  if (!s.termsAccepted) return 'terms';
  if (!s.subject) return s.pendingSubject ? 'code' : 'identity';
  if (s.subject.kind === 'representative' && !s.actingFor) return 'member';
  return 'approve';
}

export function stepIsOpen(flow: Pick<ConnectFlow, 'state'>, step: ConnectStep): boolean {
  const furthest = furthestStep(flow);
  if (furthest === 'done') return step === 'done';
  if (step === 'done') return false;
  // The code step belongs to a verified identity; the member step only to representatives.
  if (step === 'code') return Boolean(flow.state.pendingSubject) || Boolean(flow.state.subject);
  if (step === 'member') return flow.state.subject?.kind === 'representative';
  return CONNECT_STEPS.indexOf(step) <= CONNECT_STEPS.indexOf(furthest);
}

export function previousStep(flow: Pick<ConnectFlow, 'state'>, step: ConnectStep): ConnectStep | null {
  const order: ConnectStep[] = ['privacy', 'terms', 'identity', ...(flow.state.subject?.kind === 'representative' ? (['member'] as const) : []), 'approve'];
  const index = order.indexOf(step === 'code' ? 'identity' : step);
  return index > 0 ? order[index - 1] : null;
}
