import 'server-only';
import { eq } from 'drizzle-orm';
import { addYears, appClock, isBefore, isAfter, todayIn, type CalendarDate } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { caseNotes, cases } from '@/lib/db/schema';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { AppError } from '@/lib/server/errors/app-error';
import type { StaffActor } from './load-staff-actor';
import { listCaseOwners } from './load-case';

/** A case's handling, as the form shows it and as it is saved. */
export interface CaseHandling {
  status: 'open' | 'in_review' | 'closed';
  /** A username from listCaseOwners, or null for nobody. */
  owner: string | null;
  dueOn: CalendarDate | null;
  referredToOcr: boolean;
  referredToFtc: boolean;
}

export interface UpdateCaseInput extends CaseHandling {
  caseId: string;
  /** The handling as the form showed it when it was opened: only what the user changed from it is saved. */
  shown: CaseHandling;
  requestId?: string | null;
}

/** The handling's parts, as the staff see them named (the conflict message lists them). */
export const CASE_HANDLING_NAMES: Record<keyof CaseHandling, string> = {
  status: 'Status',
  owner: 'Owner',
  dueOn: 'Due date',
  referredToOcr: 'Office for Civil Rights (OCR)',
  referredToFtc: 'Federal Trade Commission (FTC)',
};
const HANDLING_KEYS = Object.keys(CASE_HANDLING_NAMES) as (keyof CaseHandling)[];

/**
 * Someone else changed a part of the case this user changed too, to something else, after this
 * user's form was drawn: nothing was saved. It carries what the user changed (`wanted`) and the
 * case's handling as it now is, so the form can be drawn again with the user's changes over it.
 */
export class CaseChangedMeanwhile extends AppError {
  readonly current: CaseHandling;
  constructor(
    conflicts: (keyof CaseHandling)[],
    readonly wanted: (keyof CaseHandling)[],
    current: Record<keyof CaseHandling, unknown>,
  ) {
    super('conflict', 'caseChangedMeanwhile', undefined, { parts: conflicts.map((key) => CASE_HANDLING_NAMES[key]).join(', ') });
    this.current = Object.fromEntries(HANDLING_KEYS.map((key) => [key, current[key]])) as unknown as CaseHandling;
  }
}

/** How far ahead a due date may be set: a case is worked within weeks; years ahead is a typo. */
const DUE_DATE_YEARS_AHEAD = 2;

/**
 * The privacy officer's handling of a case, with an audit row naming what changed, in one
 * transaction. Only the parts the user changed from what their form showed are written, so two
 * people saving one case at once do not undo each other's work; where someone else changed the
 * same part to something else meanwhile, nothing is saved and the user is told (caseChangedMeanwhile).
 * A case about a staff user (a flag on their access) is never handled by that user.
 */
export async function updateCase(actor: StaffActor, input: UpdateCaseInput): Promise<void> {
  const wanted = HANDLING_KEYS.filter((key) => input[key] !== input.shown[key]);
  if (wanted.length === 0) return;
  if (wanted.includes('owner') && input.owner && !(await listCaseOwners()).some((o) => o.username === input.owner)) throw new AppError('owner', 'chooseOwner', 'owner');
  if (wanted.includes('dueOn') && input.dueOn) {
    const today = todayIn(appClock());
    if (isBefore(input.dueOn, today)) throw new AppError('due-date', 'dueDatePast', 'dueOn');
    if (isAfter(input.dueOn, addYears(today, DUE_DATE_YEARS_AHEAD))) throw new AppError('due-date', 'dueDateFar', 'dueOn');
  }
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(cases).where(eq(cases.id, input.caseId)).for('update');
    if (!before) throw new AppError('not-found', 'caseNotFound');
    if (before.aboutStaff === actor.username) throw new AppError('forbidden', 'caseAboutYou');
    if (wanted.includes('owner') && input.owner !== null && input.owner === before.aboutStaff) throw new AppError('owner', 'ownerIsSubject', 'owner');
    const conflicts = wanted.filter((key) => before[key] !== input.shown[key] && before[key] !== input[key]);
    if (conflicts.length) throw new CaseChangedMeanwhile(conflicts, wanted, before);
    const changed = Object.fromEntries(wanted.filter((key) => before[key] !== input[key]).map((key) => [key, input[key]]));
    if (Object.keys(changed).length === 0) return;
    await tx.update(cases).set({ ...changed, updatedAt: appClock().now() }).where(eq(cases.id, input.caseId));
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
    const [found] = await tx.select({ memberId: cases.memberId, appId: cases.appId, aboutStaff: cases.aboutStaff }).from(cases).where(eq(cases.id, input.caseId)).for('update');
    if (!found) throw new AppError('not-found', 'caseNotFound');
    if (found.aboutStaff === actor.username) throw new AppError('forbidden', 'caseAboutYou');
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
