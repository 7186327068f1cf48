import 'server-only';
import { eq } from 'drizzle-orm';
import { appClock } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { caseNotes, cases } from '@/lib/db/schema';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { AppError } from '@/lib/server/errors/app-error';
import type { StaffActor } from './load-staff-actor';
import { listCaseOwners } from './load-case';

export interface UpdateCaseInput {
  caseId: string;
  status: 'open' | 'in_review' | 'closed';
  /** A username from listCaseOwners, or '' for nobody. */
  owner: string;
  /** YYYY-MM-DD, or '' for none. */
  dueOn: string;
  referredToOcr: boolean;
  referredToFtc: boolean;
  requestId?: string | null;
}

/** The privacy officer's handling of a case, with an audit row naming what changed, in one transaction. */
export async function updateCase(actor: StaffActor, input: UpdateCaseInput): Promise<void> {
  if (input.owner && !(await listCaseOwners()).some((o) => o.username === input.owner)) throw new AppError('owner', 'chooseOwner', 'owner');
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(cases).where(eq(cases.id, input.caseId)).for('update');
    if (!before) throw new AppError('not-found', 'caseNotFound');
    const after = {
      status: input.status,
      owner: input.owner || null,
      dueOn: input.dueOn || null,
      referredToOcr: input.referredToOcr,
      referredToFtc: input.referredToFtc,
    };
    const changed = Object.fromEntries(Object.entries(after).filter(([key, value]) => before[key as keyof typeof after] !== value));
    if (Object.keys(changed).length === 0) return;
    await tx.update(cases).set({ ...after, updatedAt: appClock().now() }).where(eq(cases.id, input.caseId));
    await recordAuditEvent(tx, {
      actor: { kind: 'staff', id: actor.username },
      action: 'case.updated',
      memberId: before.memberId,
      appId: before.appId,
      details: { caseId: input.caseId, changed },
      requestId: input.requestId,
    });
  });
}

/** A note on a case: kept as written, never edited; the audit row says one was added, not what it says. */
export async function addCaseNote(actor: StaffActor, input: { caseId: string; note: string; requestId?: string | null }): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [found] = await tx.select({ memberId: cases.memberId, appId: cases.appId }).from(cases).where(eq(cases.id, input.caseId)).for('update');
    if (!found) throw new AppError('not-found', 'caseNotFound');
    const [note] = await tx.insert(caseNotes).values({ caseId: input.caseId, author: actor.username, body: input.note }).returning({ id: caseNotes.id });
    await tx.update(cases).set({ updatedAt: appClock().now() }).where(eq(cases.id, input.caseId));
    await recordAuditEvent(tx, {
      actor: { kind: 'staff', id: actor.username },
      action: 'case.note-added',
      memberId: found.memberId,
      appId: found.appId,
      details: { caseId: input.caseId, noteId: note.id },
      requestId: input.requestId,
    });
  });
}
