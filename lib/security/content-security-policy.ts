/**
 * A nonce-based strict CSP (no 'unsafe-inline' scripts or styles). `strict-dynamic` lets Next's
 * nonce'd bootstrap load its chunks. form-action stays 'self': forms that end at another origin
 * (the app's redirect) finish on a page with a link instead of a cross-origin form redirect.
 * `styleHashes` ('sha256-…' sources) allow the build's own stylesheets inlined into the HTML as
 * <style> (see stylesheet-hash-sources.ts): exactly those bytes, nothing else inline.
 */
export function contentSecurityPolicy(nonce: string, { dev = false, styleHashes = [] as string[] } = {}): string {
  return [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' 'nonce-${nonce}'${styleHashes.map((hash) => ` '${hash}'`).join('')}`,
    `img-src 'self' data:`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'none'`,
    `frame-ancestors 'none'`,
    `form-action 'self'`,
    `manifest-src 'self'`,
    `worker-src 'self'`,
  ].join('; ');
}
