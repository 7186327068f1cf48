// No 'server-only' marker: the router and the authorization server's error page both use it, and
// tests read it.

import type { Locale } from '@/lib/i18n/locales';
import { escapeHtml } from '@/lib/security/escape-html';

/** The words of the "try again" page, in plain language. */
export const OUTAGE_WORDS = {
  en: {
    title: 'This page could not load just now',
    body: 'Our system is busy or restarting. Nothing you sent was lost, and no data was shared. Please try again in a minute.',
    retry: 'Try again',
    apps: 'See the approved apps',
  },
  es: {
    title: 'Esta página no pudo cargarse ahora',
    body: 'Nuestro sistema está ocupado o reiniciándose. No se perdió nada de lo que envió y no se compartió ningún dato. Vuelva a intentarlo en un minuto.',
    retry: 'Intentar de nuevo',
    apps: 'Ver las apps aprobadas',
  },
} as const;

/** The Content-Security-Policy of a page with no script and nothing loaded from anywhere. */
export const STATIC_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The style shared by the plain pages (system fonts, a readable column, the site's link color). */
export const STATIC_PAGE_STYLE = 'body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.6;color:#0f172a}a{color:#14558f}';

/**
 * The whole "try again" page: plain HTML that needs no script, no database and no build asset, so
 * it shows while the database is away. `again` is the address to try again (the page asked for).
 */
export function outagePageHtml(locale: Locale, again: string): string {
  const words = OUTAGE_WORDS[locale];
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${words.title}</title>
<style>${STATIC_PAGE_STYLE}a:focus-visible{outline:3px solid #14558f;outline-offset:2px}</style></head>
<body><main><h1>${words.title}</h1><p role="status">${words.body}</p><p><a href="${escapeHtml(again)}">${words.retry}</a></p><p><a href="/apps">${words.apps}</a></p></main></body></html>`;
}
