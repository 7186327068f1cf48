import 'server-only';
import { and, desc, eq, gt, gte, inArray, isNull, like, sql } from 'drizzle-orm';
import { DECISION_RULES, type AppDecision, type AppStatus } from '@/lib/app-review-criteria';
import { appClock, todayIn } from '@/lib/calendar';
import { getDb, type DbOrTx } from '@/lib/db/client';
import { appDecisions, apps, auditEvents, consentGrants, oidcModels } from '@/lib/db/schema';
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
 *
 * Exposed credentials: a suspension on `credentials-exposed` also ends a secret that a rotation
 * replaced and that would still work in its grace period (it may be the leaked one). Reinstating a
 * confidential client after it needs a secret made since the suspension, and ends the one that
 * rotation replaced: no secret that existed when the leak was reported opens the token endpoint again.
 */
export async function changeAppStatus(input: AppDecisionInput): Promise<AppDecisionResult> {
  const rule = DECISION_RULES[input.decision];
  if (!rule) throw new AppError('decision', 'statusChangeNotAllowed');
  if (!(rule.criteria as readonly string[]).includes(input.criterion)) throw new AppError('criterion-required', 'criterionRequired', 'criterion');
  const notes = (input.notes ?? '').trim();
  const db = await getDb();
  const { result, outboxIds } = await db.transaction(async (tx) => {
    const [app] = await tx.select({ id: apps.id, status: apps.status, clientType: apps.clientType }).from(apps).where(eq(apps.id, input.appId)).for('update');
    if (!app) throw new AppError('no-app', 'appUnavailable');
    if (!rule.from.includes(app.status)) throw new AppError('transition', 'statusChangeNotAllowed');

    const now = appClock().now();
    const lastSuspension = input.decision === 'reinstate' ? await latestSuspension(tx, app.id) : null;
    const afterExposure = lastSuspension?.criterion === CREDENTIALS_EXPOSED && app.clientType === 'confidential';
    if (afterExposure && !(await secretRotatedSinceSuspension(tx, app.id))) throw new AppError('secret-not-rotated', 'newSecretFirst');
    const endsReplacedSecret = (input.decision === 'suspend' && input.criterion === CREDENTIALS_EXPOSED) || afterExposure;
    await tx
      .update(apps)
      .set({
        status: rule.to,
        statusCriterion: input.criterion,
        statusReason: null,
        statusSince: todayIn(appClock()),
        updatedAt: now,
        ...(endsReplacedSecret ? { previousClientSecretHash: null, previousClientSecretExpiresAt: null } : {}),
      })
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
      outboxIds = await enqueueAppNotices(tx, app.id, await grantIdsEndedBySuspension(tx, app.id, lastSuspension, now), { template: 'app-reinstated' });
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
      details: {
        decisionId: decision.id,
        from: app.status,
        to: rule.to,
        criterion: input.criterion,
        notes,
        grantsEnded: grantsEnded.length,
        ...(endsReplacedSecret ? { replacedSecretEnded: true } : {}),
      },
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

const CREDENTIALS_EXPOSED = 'credentials-exposed';

async function latestSuspension(tx: DbOrTx, appId: string): Promise<{ decidedAt: Date; criterion: string } | null> {
  const [suspension] = await tx
    .select({ decidedAt: appDecisions.decidedAt, criterion: appDecisions.criterion })
    .from(appDecisions)
    .where(and(eq(appDecisions.appId, appId), eq(appDecisions.decision, 'suspend')))
    .orderBy(desc(appDecisions.decidedAt), desc(appDecisions.id))
    .limit(1);
  return suspension ?? null;
}

/**
 * Whether the developer made a new secret after the app's latest suspension (rotateClientSecret
 * audits each). Told by the audit rows' order, not their clocks: both writes lock the app's row.
 */
async function secretRotatedSinceSuspension(tx: DbOrTx, appId: string): Promise<boolean> {
  const suspended = tx
    .select({ id: sql`max(${auditEvents.id})` })
    .from(auditEvents)
    .where(and(eq(auditEvents.appId, appId), eq(auditEvents.action, 'app.suspended')));
  const [rotation] = await tx
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(and(eq(auditEvents.appId, appId), eq(auditEvents.action, 'app.secret-rotated'), gt(auditEvents.id, suspended)))
    .limit(1);
  return rotation !== undefined;
}

/** The connections that suspension ended that would still be in force today. */
async function grantIdsEndedBySuspension(tx: DbOrTx, appId: string, suspension: { decidedAt: Date } | null, now: Date): Promise<string[]> {
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
