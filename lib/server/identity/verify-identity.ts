import 'server-only';
import { getDb } from '@/lib/db/client';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { consumeAllRateLimits } from '@/lib/server/rate-limit/consume-all-rate-limits';
import { rateLimitKey } from '@/lib/server/rate-limit/rate-limit-key';
import { findIdentityOnFile, normalizeSubjectId } from './find-identity-on-file';
import { IDENTITY_LIMITS } from './identity-limits';
import { identityMatches, type IdentityDetails } from './match-identity';
import { maskEmail } from './mask-email';
import { auditMemberIdOf, type PersonSubject } from './verification-subject';

export interface VerifyIdentityInput {
  kind: 'member' | 'representative';
  given: string;
  family: string;
  /** YYYY-MM-DD */
  birthDate: string;
  /** The member ID, or the representative's own ID, as typed. */
  id: string;
  zip: string;
  /** The client's network address, for the generous per-address limit. */
  networkKey: string;
}

export type VerifyIdentityResult =
  | { ok: true; subject: PersonSubject; maskedEmail: string }
  | { ok: false; reason: 'no-match' | 'rate-limited'; retryAfterSeconds?: number };

// Compared against when the typed ID is on no file, so that an unknown ID costs the same work as a
// known one with a wrong detail. It never counts as a match: success also needs a row on file.
const NOBODY: IdentityDetails = { given: 'Nobody', family: 'On File', birthDate: '1900-01-01', memberId: '000000000000', zip: '00000' };

// Far longer than any real name or ID; a longer value can only be noise, so it is cut before
// normalizing rather than spending time on it.
const MAX_TYPED_LENGTH = 200;

/**
 * Step 4's "Verify identity". The answer is the same whichever detail was wrong and whether or
 * not the ID exists, so nobody learns who is a member. Tries are limited per typed ID and per
 * network address; only failures count, so a member may verify again as often as they need.
 */
export async function verifyIdentity(input: VerifyIdentityInput): Promise<VerifyIdentityResult> {
  const db = await getDb();
  const clip = (value: string) => value.slice(0, MAX_TYPED_LENGTH);
  const normalizedId = normalizeSubjectId(input.kind, clip(input.id));

  const limits = await consumeAllRateLimits([
    { key: await rateLimitKey(`identity-failures:${input.kind}`, normalizedId), ...IDENTITY_LIMITS.failuresPerId },
    { key: await rateLimitKey('identity-failures:network', input.networkKey), ...IDENTITY_LIMITS.failuresPerNetwork },
  ]);
  if (!limits.allowed) {
    await recordFailure(input.kind, 'rate-limited');
    return { ok: false, reason: 'rate-limited', retryAfterSeconds: limits.retryAfterSeconds };
  }

  const onFile = await findIdentityOnFile(db, input.kind, normalizedId);
  const typed: IdentityDetails = {
    given: clip(input.given),
    family: clip(input.family),
    birthDate: clip(input.birthDate),
    memberId: clip(input.id),
    zip: clip(input.zip),
  };
  const detailsMatch = identityMatches(typed, onFile?.details ?? NOBODY);
  if (!onFile || !detailsMatch) {
    await recordFailure(input.kind, 'no-match');
    return { ok: false, reason: 'no-match' };
  }

  await limits.refund();
  const subject: PersonSubject = { kind: input.kind, id: onFile.subjectId };
  await recordAuditEvent(db, {
    actor: subject,
    action: 'identity.verified',
    memberId: auditMemberIdOf(subject),
    details: { kind: input.kind },
  });
  return { ok: true, subject, maskedEmail: maskEmail(onFile.email) };
}

// No typed value, not even the ID: a failed try must not leave a trace of whom it was aimed at.
async function recordFailure(kind: VerifyIdentityInput['kind'], reason: 'no-match' | 'rate-limited'): Promise<void> {
  await recordAuditEvent(await getDb(), { actor: { kind, id: null }, action: 'identity.failed', details: { kind, reason } });
}
