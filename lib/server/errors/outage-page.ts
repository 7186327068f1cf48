// No 'server-only' marker: the router and the authorization server's error page both use it, and
// tests read it.

/** Whether a browser's request asks for Spanish: the hub's language cookie first, then Accept-Language. */
export function prefersSpanish(acceptLanguage: string | undefined, cookie: string | undefined): boolean {
  const chosen = /(?:^|;\s*)hub_locale=(en|es)\b/.exec(cookie ?? '')?.[1];
  if (chosen) return chosen === 'es';
  return /^\s*es\b/i.test(acceptLanguage ?? '');
}

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

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The Content-Security-Policy of a page with no script and nothing loaded from anywhere. */
export const STATIC_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The whole "try again" page: plain HTML that needs no script, no database and no build asset, so
 * it shows while the database is away. `again` is the address to try again (the page asked for).
 */
export function outagePageHtml(spanish: boolean, again: string): string {
  const words = OUTAGE_WORDS[spanish ? 'es' : 'en'];
  return `<!doctype html><html lang="${spanish ? 'es' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${words.title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.6;color:#0f172a}a{color:#14558f}a:focus-visible{outline:3px solid #14558f;outline-offset:2px}</style></head>
<body><main><h1>${words.title}</h1><p role="status">${words.body}</p><p><a href="${escapeHtml(again)}">${words.retry}</a></p><p><a href="/apps">${words.apps}</a></p></main></body></html>`;
}
