/**
 * Where the server process keeps the site's compiled stylesheet for the page renderer: a slot on
 * `globalThis`, because server.ts and the Next.js bundle each hold their own copy of a module.
 * server.ts fills it (lib/design/site-stylesheet.ts); components/layout/inline-stylesheet.tsx
 * reads it while rendering HTML on the server. In a browser the slot is empty and never read.
 */
const SLOT = Symbol.for('consent-hub.site-stylesheet');

type Slot = { [SLOT]?: string };

export function publishSiteStylesheet(css: string): void {
  (globalThis as Slot)[SLOT] = css;
}

export function publishedSiteStylesheet(): string | undefined {
  return (globalThis as Slot)[SLOT];
}
