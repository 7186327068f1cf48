import 'server-only';

/** Someone the payer knows: a member, or a representative acting in their own name. */
export type PersonSubject = { kind: 'member' | 'representative'; id: string };

/** Who proves their identity with an email code: a person the payer knows, or an app developer (id: their developer account). */
export type VerificationSubject = PersonSubject | { kind: 'developer'; id: string };

/** Audit rows about a member carry the member's ID, so staff can list them; a representative's do not. */
export function auditMemberIdOf(subject: VerificationSubject): string | null {
  return subject.kind === 'member' ? subject.id : null;
}
