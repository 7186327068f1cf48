import 'server-only';
import { headers } from 'next/headers';

/**
 * The address rate limits count per: the first hop the proxy saw. Behind the payer's proxy
 * (PUBLIC_URL) that is the client; generous limits per address keep a shared office working.
 */
export async function networkKey(): Promise<string> {
  const h = await headers();
  return h.get('x-forwarded-for')?.split(',')[0]?.trim() || h.get('x-real-ip') || 'direct';
}
