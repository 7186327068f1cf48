import 'server-only';
import { and, desc, eq, gt, gte, inArray, isNull, like } from 'drizzle-orm';
import { DECISION_RULES, type AppDecision, type AppStatus } from '@/lib/app-review-criteria';
import { appClock, todayIn } from '@/lib/calendar';
import { getDb, type DbOrTx } from '@/lib/db/client';
import { appDecisions, apps, consentGrants, oidcModels } from '@/lib/db/schema';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { AppError } from '@/lib/server/errors/app-error';
import { deliverMailSoon } from '@/lib/server/mail/deliver-mail-soon';
import { enqueueAppNotices } from '@/lib/server/notices/enqueue-app-notices';
import { APP_SUSPENSION_REASON_PATTERN, appSuspensionReason } from './app-suspension-reason';

export type { AppStatus };

export interface AppDecisionInput {
  appId: string;
  decision: AppDecision;
  /** One of the decision's criteria (lib/app-review-criteria.ts); anything else cannot be saved. */
  criterion: string;
  /** For staff and the developer only; members never see them. */
  notes?: string;
  staffUsername: string;
  requestId?: string | null;
}

export interface AppDecisionResult {
  decisionId: number;
  status: AppStatus;
  /** Connections a suspension ended. */
  grantsEnded: number;
  /** People told by email (one per person, however many connections they had). */
  peopleTold: number;
}

/**
 * The payer's decision on an app, always on a criterion from the list (objective security
 * criteria only; never the app's privacy answers), recorded with the reviewer's notes and audited
 * in the same transaction.
 *
 * A suspension takes effect at once: every connection to the app in force ends (its grant is
 * revoked with the criterion, so the member's account says why), every code, access token and
 * refresh token the app holds is deleted, and everyone who approved a connection is emailed. The
 * FHIR API refuses the app's tokens on the next call on every instance (the deleted tokens and the
 * app's status move the database's FHIR epoch). A reinstatement lists the app again; the ended
 * connections stay ended and their people are told they may connect again.
 */
export async function changeAppStatus(input: AppDecisionInput): Promise<AppDecisionResult> {
  const rule = DECISION_RULES[input.decision];
  if (!rule) throw new AppError('decision', 'statusChangeNotAllowed');
  if (!(rule.criteria as readonly string[]).includes(input.criterion)) throw new AppError('criterion-required', 'criterionRequired', 'criterion');
  const notes = (input.notes ?? '').trim();
  const db = await getDb();
  const { result, outboxIds } = await db.transaction(async (tx) => {
    const [app] = await tx.select({ id: apps.id, status: apps.status }).from(apps).where(eq(apps.id, input.appId)).for('update');
    if (!app) throw new AppError('no-app', 'appUnavailable');
    if (!rule.from.includes(app.status)) throw new AppError('transition', 'statusChangeNotAllowed');

    const now = appClock().now();
    await tx
      .update(apps)
      .set({ status: rule.to, statusCriterion: input.criterion, statusReason: null, statusSince: todayIn(appClock()), updatedAt: now })
      .where(eq(apps.id, app.id));

    let grantsEnded: string[] = [];
    let outboxIds: string[] = [];
    if (input.decision === 'suspend') {
      grantsEnded = await grantIdsInForce(tx, app.id, now);
      // Enqueued in this transaction, so nobody is told of a suspension that did not commit.
      outboxIds = await enqueueAppNotices(tx, app.id, grantsEnded, { template: 'app-access-removed', criterion: input.criterion });
      await endGrants(tx, grantsEnded, now, input);
      // Every token of the app, whatever grant it hangs off (an expired or stopped one too).
      await tx.delete(oidcModels).where(inArray(oidcModels.grantId, tx.select({ id: consentGrants.id }).from(consentGrants).where(eq(consentGrants.appId, app.id))));
    }
    if (input.decision === 'reinstate') {
      outboxIds = await enqueueAppNotices(tx, app.id, await grantIdsEndedByLastSuspension(tx, app.id, now), { template: 'app-reinstated' });
    }

    const [decision] = await tx
      .insert(appDecisions)
      .values({
        appId: app.id,
        decision: input.decision,
        fromStatus: app.status,
        toStatus: rule.to,
        criterion: input.criterion,
        notes,
        decidedBy: input.staffUsername,
        decidedAt: now,
        grantsEnded: grantsEnded.length,
      })
      .returning({ id: appDecisions.id });
    await recordAuditEvent(tx, {
      actor: { kind: 'staff', id: input.staffUsername },
      action: `app.${rule.to === 'approved' && input.decision === 'reinstate' ? 'reinstated' : rule.to}`,
      appId: app.id,
      details: { decisionId: decision.id, from: app.status, to: rule.to, criterion: input.criterion, notes, grantsEnded: grantsEnded.length },
      requestId: input.requestId,
    });
    return { result: { decisionId: decision.id, status: rule.to, grantsEnded: grantsEnded.length, peopleTold: outboxIds.length }, outboxIds };
  });
  // After commit, without waiting on SMTP: the outbox worker retries what fails.
  outboxIds.forEach(deliverMailSoon);
  return result;
}

async function grantIdsInForce(tx: DbOrTx, appId: string, now: Date): Promise<string[]> {
  const rows = await tx
    .select({ id: consentGrants.id })
    .from(consentGrants)
    .where(and(eq(consentGrants.appId, appId), isNull(consentGrants.revokedAt), gt(consentGrants.expiresAt, now)));
  return rows.map((row) => row.id);
}

/** Ended like any revocation (revoked, audited per member), with the criterion as the reason. */
async function endGrants(tx: DbOrTx, grantIds: string[], now: Date, input: AppDecisionInput): Promise<void> {
  if (grantIds.length === 0) return;
  const ended = await tx
    .update(consentGrants)
    .set({ revokedAt: now, revokedBy: `staff:${input.staffUsername}`, revokedReason: appSuspensionReason(input.criterion) })
    .where(and(inArray(consentGrants.id, grantIds), isNull(consentGrants.revokedAt)))
    .returning({ id: consentGrants.id, memberId: consentGrants.memberId });
  for (const grant of ended) {
    await recordAuditEvent(tx, {
      actor: { kind: 'staff', id: input.staffUsername },
      action: 'consent.revoked',
      memberId: grant.memberId,
      appId: input.appId,
      grantId: grant.id,
      details: { reason: appSuspensionReason(input.criterion) },
      requestId: input.requestId,
    });
  }
}

/** The connections the app's latest suspension ended that would still be in force today. */
async function grantIdsEndedByLastSuspension(tx: DbOrTx, appId: string, now: Date): Promise<string[]> {
  const [suspension] = await tx
    .select({ decidedAt: appDecisions.decidedAt })
    .from(appDecisions)
    .where(and(eq(appDecisions.appId, appId), eq(appDecisions.decision, 'suspend')))
    .orderBy(desc(appDecisions.decidedAt), desc(appDecisions.id))
    .limit(1);
  if (!suspension) return [];
  const rows = await tx
    .select({ id: consentGrants.id })
    .from(consentGrants)
    .where(
      and(
        eq(consentGrants.appId, appId),
        like(consentGrants.revokedReason, APP_SUSPENSION_REASON_PATTERN),
        gte(consentGrants.revokedAt, suspension.decidedAt),
        gt(consentGrants.expiresAt, now),
      ),
    );
  return rows.map((row) => row.id);
}
