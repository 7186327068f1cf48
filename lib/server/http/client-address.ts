import 'server-only';
import { BlockList, isIP } from 'node:net';

/**
 * Who may set X-Forwarded-For (TRUST_PROXY): nobody (unset, the socket address is the client), the
 * nearest `hops` proxies, or the proxies at these addresses and networks.
 */
export type TrustedProxies = { hops: number } | { addresses: BlockList } | null;

/** The request header server.ts sets (over anything a client sent) for pages and actions to read. */
export const CLIENT_ADDRESS_HEADER = 'x-consent-hub-client-address';

const NAMED_NETWORKS: Record<string, string[]> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  private: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/** An address as written in a socket or a forwarding header, without brackets, port or IPv4-in-IPv6 wrapping. */
export function normalizeAddress(raw: string | undefined): string | null {
  if (!raw) return null;
  let value = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(':'));
  value = value.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  return isIP(value) ? value.toLowerCase() : null;
}

/** Reads TRUST_PROXY: a hop count, or addresses and networks (CIDR, `loopback`, `private`) separated by commas. */
export function parseTrustProxy(value: string | null | undefined): TrustedProxies {
  const text = value?.trim() ?? '';
  if (text === '' || text === '0' || text === 'false') return null;
  if (/^\d+$/.test(text)) return { hops: Number(text) };
  const addresses = new BlockList();
  for (const entry of text.split(',').map((e) => e.trim()).filter(Boolean)) {
    for (const item of NAMED_NETWORKS[entry] ?? [entry]) {
      const [address, bits] = item.split('/');
      const family = isIP(address) === 6 ? 'ipv6' : isIP(address) === 4 ? 'ipv4' : null;
      const prefix = bits === undefined ? null : Number(bits);
      if (!family || (prefix !== null && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= (family === 'ipv4' ? 32 : 128)))) {
        throw new Error(`TRUST_PROXY: "${entry}" is not a hop count, an address, a network (CIDR), "loopback" or "private"`);
      }
      if (prefix === null) addresses.addAddress(address, family);
      else addresses.addSubnet(address, prefix, family);
    }
  }
  return { addresses };
}

const trusts = (proxies: BlockList, address: string) => {
  const normal = normalizeAddress(address);
  return normal !== null && proxies.check(normal, isIP(normal) === 6 ? 'ipv6' : 'ipv4');
};

/** Whether the socket's peer is a proxy TRUST_PROXY names (with a hop count, the nearest hop is one). */
export function peerIsTrustedProxy(socketAddress: string | undefined, trusted: TrustedProxies): boolean {
  if (!trusted) return false;
  if ('hops' in trusted) return trusted.hops > 0;
  return socketAddress !== undefined && trusts(trusted.addresses, socketAddress);
}

/**
 * The client's address: the socket's, unless a trusted proxy added X-Forwarded-For. Then it is the
 * hop the outermost trusted proxy saw: the right-most entry that is not a trusted proxy (or, with a
 * hop count, the entry that many hops in). Whatever a client wrote further left is never read.
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | undefined, trusted: TrustedProxies): string {
  const socket = normalizeAddress(socketAddress) ?? 'unknown';
  if (!trusted || !forwardedFor) return socket;
  const chain = [...forwardedFor.split(',').map((hop) => hop.trim()).filter(Boolean), socket];
  let index: number;
  if ('hops' in trusted) {
    index = Math.max(0, chain.length - 1 - trusted.hops);
  } else {
    index = chain.length - 1;
    while (index > 0 && trusts(trusted.addresses, chain[index])) index--;
  }
  // A trusted proxy writes addresses; anything else is kept as written (cut short), never widened.
  return normalizeAddress(chain[index]) ?? chain[index].slice(0, 64);
}

/**
 * The network a rate limit counts per: an IPv4 address, or an IPv6 /64 (one household or office
 * gets a whole /64 and can pick any address in it).
 */
export function networkOf(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head, tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
