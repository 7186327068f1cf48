/** Only a path on this site: never another origin, never a protocol-relative `//host`. */
export function safeReturnPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
    return fallback;
  }
  try {
    const url = new URL(value, 'http://localhost');
    if (url.origin !== 'http://localhost') return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}
