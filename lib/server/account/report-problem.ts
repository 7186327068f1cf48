import 'server-only';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { appClock } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { cases } from '@/lib/db/schema';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { caseDueOn } from '@/lib/server/cases/case-due-on';
import { AppError } from '@/lib/server/errors/app-error';
import { auditActorOf, memberInScope, type AccountScope } from './account-scope';
import { findAccountConnection } from './list-account-connections';

export interface ReportProblemInput {
  /** A grant id of one of the viewer's connections, or 'other'. */
  about: string;
  otherAppName: string;
  /** Whom the report is about, when a representative acts for several members and names another app. */
  memberId: string;
  kind: 'breach' | 'misuse';
  description: string;
  contact: string;
  /** The form's own key (drawn once per page): the same key again is the same report. */
  reportKey?: string;
  requestId?: string | null;
}

/**
 * "Report a problem": opens a case in the privacy officer's queue, with its audit row in the same
 * transaction. The connection named must be one of the viewer's; the audit row holds ids and the
 * kind of report, never what the member wrote.
 */
export async function reportProblem(scope: AccountScope, input: ReportProblemInput): Promise<{ caseId: string }> {
  let memberId: string;
  let appId: string | null = null;
  let grantId: string | null = null;
  if (input.about === 'other') {
    const named = input.memberId ? memberInScope(scope, input.memberId) : scope.members.length === 1 ? scope.members[0] : undefined;
    if (!named) throw new AppError('no-member', 'chooseMember', 'memberId');
    memberId = named.memberId;
  } else {
    const connection = await findAccountConnection(scope, input.about);
    if (!connection) throw new AppError('not-found', 'chooseApp', 'about');
    memberId = connection.memberId;
    appId = connection.appId;
    grantId = connection.grantId;
  }
  const db = await getDb();
  const now = appClock().now();
  const actor = auditActorOf(scope.viewer);
  // One case per form drawn: a report sent again (a replay, the back button and Send) finds the first.
  const dedupeKey = input.reportKey ? `report:${actor.kind}:${actor.id}:${input.reportKey}` : null;
  return db.transaction(async (tx) => {
    const id = randomUUID();
    const [opened] = await tx
      .insert(cases)
      .values({
        id,
        dedupeKey,
      memberId,
      appId,
      grantId,
      otherAppName: input.about === 'other' ? input.otherAppName : null,
      kind: input.kind,
      description: input.description,
      contact: input.contact || null,
      status: 'open',
      dueOn: caseDueOn(input.kind, now),
      reportedByKind: actor.kind,
      reportedById: actor.id,
      createdAt: now,
      updatedAt: now,
      })
      .onConflictDoNothing({ target: cases.dedupeKey })
      .returning({ id: cases.id });
    if (!opened) {
      const [first] = await tx.select({ id: cases.id }).from(cases).where(eq(cases.dedupeKey, dedupeKey!));
      return { caseId: first.id };
    }
    await recordAuditEvent(tx, {
      actor,
      action: 'case.opened',
      memberId,
      appId,
      grantId,
      details: { caseId: id, kind: input.kind },
      requestId: input.requestId,
    });
    return { caseId: id };
  });
}
