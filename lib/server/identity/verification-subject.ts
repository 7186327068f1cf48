import 'server-only';

/** Who proved their identity: a member, or a representative acting in their own name. */
export type VerificationSubject = { kind: 'member' | 'representative'; id: string };

/** Audit rows about a member carry the member's ID, so staff can list them; a representative's do not. */
export function auditMemberIdOf(subject: VerificationSubject): string | null {
  return subject.kind === 'member' ? subject.id : null;
}
