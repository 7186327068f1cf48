/**
 * What a redirect URI may be (OAuth 2.0 Security BCP, RFC 8252 for native apps). The authorization
 * server compares redirect URIs exactly, so each must name one place the developer controls:
 * - https, on any host;
 * - http only on a loopback address (127.0.0.1, [::1], localhost), for apps on the member's device;
 * - a private-use scheme in reverse-domain form (com.example.app:/callback), for native apps;
 * never a wildcard, a fragment or credentials; and written as a browser writes it (its standard
 * form: lowercase scheme and host, `//` and a path, an international host in its `xn--` form), so
 * the reviewer reads the host the member will be sent to, and two spellings of one address are one.
 * Messages are keys in the `developers` messages.
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
  | 'redirectNotStandard'
  | 'redirectDuplicate'
  | 'redirectNativeLoopbackHttps';

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
  const problem =
    scheme === 'https'
      ? url.hostname
        ? null
        : 'redirectNotUrl'
      : scheme === 'http'
        ? LOOPBACK_HOSTS.has(url.hostname.toLowerCase())
          ? null
          : 'redirectHttpNotLoopback'
        : REVERSE_DOMAIN_SCHEME.test(scheme)
          ? null
          : 'redirectScheme';
  // `https:app.example/cb`, `HTTPS://App.example/cb`, `https://app.example` (no path), a host
  // with a look-alike letter (`https://аpple.com`, Cyrillic а) or a backslash: each is read by a
  // browser as another string, which an exact match then never equals (or a reviewer misreads).
  return problem ?? (url.href === uri ? null : 'redirectNotStandard');
}

/** Whether the app is a native one to the authorization server: a redirect URI in its own scheme. */
export const isNativeRedirectUri = (uri: string) => !/^https?:/i.test(uri);

/**
 * Problems of the set of an app's redirect URIs, each in its field's place (null where none): one
 * URI twice, or a native app (one with a private-use scheme) with an https URI on a loopback
 * host, which the authorization server refuses for native apps (RFC 8252 §7.3 uses http there).
 */
export function redirectUriSetProblems(uris: string[]): (RedirectUriProblem | null)[] {
  const native = uris.some((uri) => uri !== '' && isNativeRedirectUri(uri));
  const seen = new Set<string>();
  return uris.map((uri) => {
    if (uri === '') return null;
    const duplicate = seen.has(uri);
    seen.add(uri);
    if (duplicate) return 'redirectDuplicate';
    if (native && /^https:/i.test(uri) && LOOPBACK_HOSTS.has(URL.parse(uri)?.hostname.toLowerCase() ?? '')) return 'redirectNativeLoopbackHttps';
    return null;
  });
}

/** A web address a member may be sent to (website, launch URL, policies): https, or http on loopback only. */
export function webAddressProblem(uri: string): 'webAddressInvalid' | null {
  // A page's address may hold a fragment (a policy's section): the rules are checked on the
  // address without it, so that a `#` can never pass an address whose scheme or host is wrong.
  const hash = uri.indexOf('#');
  const address = hash === -1 ? uri : uri.slice(0, hash);
  if (hash !== -1 && /\s/.test(uri.slice(hash))) return 'webAddressInvalid';
  // A page's address need not be in a browser's standard form (https://app.example is a website);
  // it is followed as a link, never compared.
  const problem = redirectUriProblem(address);
  if (problem && problem !== 'redirectNotStandard') return 'webAddressInvalid';
  return /^https?:/i.test(address) ? null : 'webAddressInvalid';
}
