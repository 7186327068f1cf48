import 'server-only';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { getDb } from '@/lib/db/client';
import { persistentSetting } from '@/lib/server/config/persistent-setting';

export interface VerificationCodeHasher {
  hash(codeId: string, code: string): string;
  /** Constant-time: how much of a typed code was right never shows in the time taken. */
  matches(codeId: string, code: string, storedHash: string): boolean;
}

/**
 * Codes are kept as HMAC-SHA256 under a server secret, with the code's id mixed in. A plain or
 * salted SHA-256 of a 6-digit code falls to a million tries in well under a second, so anyone who
 * sees the table (a log, an export, a staff screen) would have the code; with the HMAC they also
 * need the secret. The secret sits in the `settings` table, so a full database dump still holds
 * both: the 10-minute life and single use bound that case.
 *
 * Read before any transaction: on PGlite a second query outside an open transaction would wait on it.
 */
export async function verificationCodeHasher(): Promise<VerificationCodeHasher> {
  const secret = await persistentSetting(await getDb(), 'identity.code-secret', () => randomBytes(32).toString('base64url'));
  const hash = (codeId: string, code: string) =>
    `hmac-sha256.${createHmac('sha256', secret).update(`${codeId}:${code}`, 'utf8').digest('base64url')}`;
  return {
    hash,
    matches(codeId, code, storedHash) {
      const typed = Buffer.from(hash(codeId, code), 'utf8');
      const stored = Buffer.from(storedHash, 'utf8');
      return typed.length === stored.length && timingSafeEqual(typed, stored);
    },
  };
}
