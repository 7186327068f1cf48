import 'server-only';
import { createHash, randomBytes } from 'node:crypto';

/**
 * Client secrets are 256-bit random values, so one SHA-256 is enough to store them safely
 * (a slow hash only matters for guessable secrets). The provider compares hashes: the incoming
 * secret is hashed on the way in (see hashBasicClientSecret), the stored value never leaves.
 */
export function hashClientSecret(secret: string): string {
  return `sha256.${createHash('sha256').update(secret, 'utf8').digest('base64url')}`;
}

/** After a rotation the replaced secret keeps working this long, so a deployed app can switch without an outage. */
export const CLIENT_SECRET_GRACE_DAYS = 7;

export function generateClientSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Rewrites an HTTP Basic client authentication header so that its secret is hashed. */
export function hashBasicClientSecret(authorization: string | undefined): string | undefined {
  if (!authorization || !/^basic /i.test(authorization)) return authorization;
  const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return authorization;
  // RFC 6749 §2.3.1: id and secret are form-urlencoded before Base64.
  const id = decoded.slice(0, colon);
  let secret: string;
  try {
    secret = decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' '));
  } catch {
    return authorization; // malformed: the provider refuses it as invalid_client
  }
  const hashed = encodeURIComponent(hashClientSecret(secret));
  return `Basic ${Buffer.from(`${id}:${hashed}`, 'utf8').toString('base64')}`;
}
