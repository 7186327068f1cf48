/** Only a path on this site: never another origin, never a protocol-relative `//host`. */
export function safeReturnPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !isLocalPath(value)) return fallback;
  try {
    const url = new URL(value, 'http://localhost');
    if (url.origin !== 'http://localhost') return fallback;
    // The parser removes dot segments after the check above: `/.//evil.example` comes out as
    // `//evil.example`, which a browser reads as another host. So the answer is checked too.
    const path = url.pathname + url.search + url.hash;
    return isLocalPath(path) ? path : fallback;
  } catch {
    return fallback;
  }
}

// A path, not a scheme or a host: one leading slash, and no backslash a browser would read as one.
function isLocalPath(value: string): boolean {
  return value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\');
}
