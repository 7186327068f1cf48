/**
 * A nonce-based strict CSP (no 'unsafe-inline' scripts or styles). `strict-dynamic` lets Next's
 * nonce'd bootstrap load its chunks. form-action stays 'self': forms that end at another origin
 * (the app's redirect) finish on a page with a link instead of a cross-origin form redirect.
 * The site's stylesheet is an inline <style> with the nonce (components/layout/inline-stylesheet.tsx).
 */
export function contentSecurityPolicy(nonce: string, { dev = false } = {}): string {
  return [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' 'nonce-${nonce}'`,
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
