/**
 * The headers every answer of the site carries (next.config.ts applies them to everything Next.js
 * serves; lib/server/http/serve-precompressed-static.ts to the build's scripts it sends itself).
 * Plain data, no server-only import: next.config.ts loads it outside the app's bundle.
 */
export const SITE_HEADERS: readonly { key: string; value: string }[] = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  // same-origin, not no-referrer: with no-referrer browsers send `Origin: null` on form posts, which
  // Next.js rightly refuses as cross-site (its server action CSRF check).
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()' },
];
