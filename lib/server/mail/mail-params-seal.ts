import 'server-only';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DbOrTx } from '@/lib/db/client';
import { persistentSetting } from '@/lib/server/config/persistent-setting';

const VERSION = 'v1';

/**
 * The key that seals a message's secret params in the outbox (AES-256-GCM). Pass the caller's
 * transaction: on PGlite a query outside an open transaction would wait on it.
 */
export async function mailSealingKey(db: DbOrTx): Promise<Buffer> {
  const encoded = await persistentSetting(db, 'mail.sealing-key', () => randomBytes(32).toString('base64url'));
  return Buffer.from(encoded, 'base64url');
}

export function sealMailParams(key: Buffer, params: Record<string, string>): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(params), 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), sealed.toString('base64url')].join('.');
}

export function unsealMailParams(key: Buffer, sealed: string): Record<string, string> {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || !data) throw new Error('Sealed mail params in an unknown format');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  const plain = Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  return JSON.parse(plain) as Record<string, string>;
}
