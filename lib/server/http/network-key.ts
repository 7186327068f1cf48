import 'server-only';
import { headers } from 'next/headers';
import { CLIENT_ADDRESS_HEADER, networkOf } from './client-address';

/**
 * The network rate limits count per: the client's address as server.ts worked it out from the
 * socket and TRUST_PROXY (route-request.ts), never a header the client wrote. Generous limits per
 * network keep a shared office or library working.
 */
export async function networkKey(): Promise<string> {
  const address = (await headers()).get(CLIENT_ADDRESS_HEADER);
  // server.ts serves every page and sets the header; without it there is no address to go by.
  return address ? networkOf(address) : 'unknown';
}
