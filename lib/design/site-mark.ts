/**
 * The site's mark: a white tick on the plan's blue, the one source of every icon. Pages name it as
 * their icon inline (`SITE_ICON_DATA_URL`, app/layout.tsx), so a browser draws the tab's icon with
 * no request of its own: without an icon link, Chrome asks for /favicon.ico while the first frame
 * is being drawn, and Lighthouse's simulation of a slow phone then counts that request on the
 * page's largest paint (bench/pages/README.md). scripts/make-icons.ts draws public/favicon.ico and
 * the home-screen icons from it.
 */
export const SITE_MARK_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#14558f"/>'
  + '<path d="M9 16.5l4.5 4.5L23 11.5" fill="none" stroke="#fff" stroke-width="3.2" stroke-linecap="round" stroke-linejoin="round"/></svg>';

export const SITE_ICON_DATA_URL = `data:image/svg+xml,${encodeURIComponent(SITE_MARK_SVG)}`;
