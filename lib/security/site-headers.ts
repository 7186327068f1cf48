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
  { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()' },
];

/**
 * The areas whose pages no other site ever needs to open: a member's account, the staff console,
 * the developer portal (client secrets) and the development tools. Their pages also carry
 * `Cross-Origin-Opener-Policy: same-origin`, so a window that opened one (another site's page, an
 * app) holds no reference to it: it cannot count its frames, time its navigations or send it
 * elsewhere (XS-Leaks, tabnabbing).
 *
 * Not the rest of the site. A SMART app may run the launch in a popup (fhirclient's
 * `target: 'popup'`, as OAuth clients commonly do, since the hub refuses to be framed): the popup
 * goes through /oauth, /consent/<uid> and the connect flow (and the gallery and help pages a member
 * may open from it), and its redirect page hands the code back to `window.opener`. A page with that
 * header anywhere on the way cuts the opener for good, and the app never gets its code
 * (e2e/popup-launch.spec.ts).
 */
export const ISOLATED_AREAS: readonly string[] = ['/account', '/staff', '/developers', '/dev'];

export const ISOLATED_AREA_HEADERS: readonly { key: string; value: string }[] = [{ key: 'Cross-Origin-Opener-Policy', value: 'same-origin' }];
