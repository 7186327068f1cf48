import 'server-only';
import { AppError } from '@/lib/server/errors/app-error';
import { networkKey } from '@/lib/server/http/network-key';
import { verifyIdentity } from './verify-identity';

export interface TypedIdentity {
  who: 'member' | 'representative';
  firstName: string;
  lastName: string;
  birthDate: string;
  memberId: string;
  zip: string;
}

/**
 * "Verify identity" as a form sends it: one message whatever detail was wrong (nobody learns
 * who is a member), and a wait in minutes when the limits say so.
 */
export async function verifyTypedIdentity(input: TypedIdentity) {
  const result = await verifyIdentity({
    kind: input.who,
    given: input.firstName,
    family: input.lastName,
    birthDate: input.birthDate,
    id: input.memberId,
    zip: input.zip,
    networkKey: await networkKey(),
  });
  if (result.ok) return result;
  if (result.reason === 'rate-limited') {
    throw new AppError('rate-limited', 'rateLimited', undefined, { minutes: Math.max(1, Math.ceil((result.retryAfterSeconds ?? 900) / 60)) });
  }
  throw new AppError('no-match', 'identityNoMatch');
}
