import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { appClock } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { apps, cases, consentGrants, members } from '@/lib/db/schema';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { caseDueOn } from '@/lib/server/cases/case-due-on';
import { AppError } from '@/lib/server/errors/app-error';
import type { StaffActor } from './load-staff-actor';

export interface LogCaseInput {
  memberId: string;
  kind: 'breach' | 'complaint' | 'other';
  /** A grant id of this member's, an app id, or '' for neither. */
  about: string;
  description: string;
  requestId?: string | null;
}

/**
 * A case customer service opens for a caller, in the privacy officer's queue beside the members'
 * own reports, linked to the member and the app (through the member's connection when it is one).
 * A connection named must be this member's: the member ID is in the WHERE clause.
 */
export async function logCaseForCaller(actor: StaffActor, input: LogCaseInput): Promise<{ caseId: string }> {
  const db = await getDb();
  const [member] = await db.select({ memberId: members.memberId }).from(members).where(eq(members.memberId, input.memberId)).limit(1);
  if (!member) throw new AppError('no-member', 'memberNotFound');
  let appId: string | null = null;
  let grantId: string | null = null;
  if (/^[0-9a-f-]{36}$/i.test(input.about)) {
    const [grant] = await db
      .select({ id: consentGrants.id, appId: consentGrants.appId })
      .from(consentGrants)
      .where(and(eq(consentGrants.id, input.about), eq(consentGrants.memberId, input.memberId)))
      .limit(1);
    if (!grant) throw new AppError('not-found', 'chooseApp', 'about');
    grantId = grant.id;
    appId = grant.appId;
  } else if (input.about) {
    const [app] = await db.select({ id: apps.id }).from(apps).where(eq(apps.id, input.about)).limit(1);
    if (!app) throw new AppError('not-found', 'chooseApp', 'about');
    appId = app.id;
  }
  const id = randomUUID();
  const now = appClock().now();
  await db.transaction(async (tx) => {
    await tx.insert(cases).values({
      id,
      memberId: input.memberId,
      appId,
      grantId,
      kind: input.kind,
      description: input.description,
      status: 'open',
      reportedByKind: 'staff',
      reportedById: actor.username,
      dueOn: caseDueOn(input.kind, now),
      createdAt: now,
      updatedAt: now,
    });
    await recordAuditEvent(tx, {
      actor: { kind: 'staff', id: actor.username },
      action: 'case.opened',
      memberId: input.memberId,
      appId,
      grantId,
      details: { caseId: id, kind: input.kind },
      requestId: input.requestId,
    });
  });
  return { caseId: id };
}
