/**
 * What a redirect URI may be (OAuth 2.0 Security BCP, RFC 8252 for native apps). The authorization
 * server compares redirect URIs exactly, so each must name one place the developer controls:
 * - https, on any host;
 * - http only on a loopback address (127.0.0.1, [::1], localhost), for apps on the member's device;
 * - a private-use scheme in reverse-domain form (com.example.app:/callback), for native apps;
 * never a wildcard, a fragment or credentials. Messages are keys in the `developers` messages.
 */
export type RedirectUriProblem =
  | 'redirectRequired'
  | 'redirectTooLong'
  | 'redirectWildcard'
  | 'redirectFragment'
  | 'redirectNotUrl'
  | 'redirectCredentials'
  | 'redirectHttpNotLoopback'
  | 'redirectScheme'
  | 'redirectDuplicate';

export const MAX_REDIRECT_URIS = 5;
const MAX_LENGTH = 2000;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);
// RFC 8252 §7.1: a reversed domain name the developer controls, such as com.example.app.
const REVERSE_DOMAIN_SCHEME = /^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$/;

/** Null when the URI may be registered; otherwise what is wrong with it. */
export function redirectUriProblem(uri: string): RedirectUriProblem | null {
  if (uri === '') return 'redirectRequired';
  if (uri.length > MAX_LENGTH) return 'redirectTooLong';
  // Before parsing: a URL parser accepts "*" in a host name, and exact matching would then register it literally.
  if (uri.includes('*')) return 'redirectWildcard';
  if (uri.includes('#')) return 'redirectFragment';
  if (/\s/.test(uri)) return 'redirectNotUrl';
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return 'redirectNotUrl';
  }
  if (url.username || url.password) return 'redirectCredentials';
  const scheme = url.protocol.slice(0, -1).toLowerCase();
  if (scheme === 'https') return url.hostname ? null : 'redirectNotUrl';
  if (scheme === 'http') return LOOPBACK_HOSTS.has(url.hostname.toLowerCase()) ? null : 'redirectHttpNotLoopback';
  return REVERSE_DOMAIN_SCHEME.test(scheme) ? null : 'redirectScheme';
}

/** A web address a member may be sent to (website, launch URL, policies): https, or http on loopback only. */
export function webAddressProblem(uri: string): 'webAddressInvalid' | null {
  // A page's address may hold a fragment (a policy's section): the rules are checked on the
  // address without it, so that a `#` can never pass an address whose scheme or host is wrong.
  const hash = uri.indexOf('#');
  const address = hash === -1 ? uri : uri.slice(0, hash);
  if (hash !== -1 && /\s/.test(uri.slice(hash))) return 'webAddressInvalid';
  if (redirectUriProblem(address)) return 'webAddressInvalid';
  return /^https?:/i.test(address) ? null : 'webAddressInvalid';
}
