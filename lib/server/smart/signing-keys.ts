import 'server-only';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { JWK } from 'oidc-provider';
import type { DbOrTx } from '@/lib/db/client';
import { persistentSetting } from '@/lib/server/config/persistent-setting';

/**
 * Signing keys and cookie keys live in the database, not in one machine's data folder: every
 * instance must sign and verify with the same keys, and a restart must keep tokens valid.
 */
export async function loadSigningKeys(db: DbOrTx): Promise<{ keys: JWK[] }> {
  return persistentSetting(db, 'oidc.jwks', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = privateKey.export({ format: 'jwk' }) as JWK;
    return { keys: [{ ...jwk, kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' }] };
  });
}

export async function loadCookieKeys(db: DbOrTx): Promise<string[]> {
  return persistentSetting(db, 'oidc.cookieKeys', () => [randomBytes(32).toString('base64url')]);
}
