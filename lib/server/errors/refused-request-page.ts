// No 'server-only' marker: the router uses it and tests read it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { localeOfRequest, type Locale } from '@/lib/i18n/locales';
import { STATIC_PAGE_CSP, STATIC_PAGE_STYLE } from './outage-page';

/** Why a request was refused before any page handled it. */
export type RefusalKind = 'unreadable' | 'tooLarge' | 'otherSite';

export const REFUSAL_STATUS: Record<RefusalKind, number> = { unreadable: 400, tooLarge: 413, otherSite: 403 };

/** The words of each refusal, in plain language: what happened, that nothing was saved, what to do. */
export const REFUSAL_WORDS: Record<Locale, Record<RefusalKind, { title: string; body: string }> & { home: string }> = {
  en: {
    unreadable: {
      title: 'We could not read what was sent',
      body: 'The form or the web address had something our site cannot read. Nothing was saved. Please go back and try again.',
    },
    tooLarge: {
      title: 'What you sent is too long',
      body: 'The form had more text than we can take. Nothing was saved. Please go back, make what you typed shorter, and try again.',
    },
    otherSite: {
      title: 'This form came from another website',
      body: 'To keep your information safe, we only take forms sent from our own pages. Nothing was saved. Please open our site and try again.',
    },
    home: 'Go to the home page',
  },
  es: {
    unreadable: {
      title: 'No pudimos leer lo que se envió',
      body: 'El formulario o la dirección web tenía algo que nuestro sitio no puede leer. No se guardó nada. Vuelva atrás e inténtelo de nuevo.',
    },
    tooLarge: {
      title: 'Lo que envió es demasiado largo',
      body: 'El formulario tenía más texto del que podemos recibir. No se guardó nada. Vuelva atrás, acorte lo que escribió e inténtelo de nuevo.',
    },
    otherSite: {
      title: 'Este formulario vino de otro sitio web',
      body: 'Para proteger su información, solo aceptamos formularios enviados desde nuestras propias páginas. No se guardó nada. Abra nuestro sitio e inténtelo de nuevo.',
    },
    home: 'Ir a la página principal',
  },
};

/** The whole page: plain HTML that needs no script, no database and no build asset. */
export function refusedRequestPageHtml(kind: RefusalKind, locale: Locale): string {
  const words = REFUSAL_WORDS[locale];
  const { title, body } = words[kind];
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<style>${STATIC_PAGE_STYLE}a:focus-visible{outline:3px solid #14558f;outline-offset:2px}</style></head>
<body><main><h1>${title}</h1><p role="alert">${body}</p><p><a href="/">${words.home}</a></p></main></body></html>`;
}

/** The language of a request answered outside Next.js: the hub's language cookie, else Accept-Language. */
export function localeOfNodeRequest(req: IncomingMessage): Locale {
  const cookie = Array.isArray(req.headers.cookie) ? req.headers.cookie.join('; ') : req.headers.cookie;
  return localeOfRequest(req.headers['accept-language'], cookie);
}

/**
 * Sends one of the plain pages (no script, nothing loaded from anywhere: the outage page, a
 * refusal) with the headers every one of them carries, and `extra` for its own; no body for HEAD.
 */
export function sendPlainPage(req: IncomingMessage, res: ServerResponse, status: number, html: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': STATIC_PAGE_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    ...extra,
    'content-length': String(Buffer.byteLength(html)),
  });
  res.end(req.method === 'HEAD' ? undefined : html);
}

/**
 * Answers a request refused before any page saw it, in the language its browser asks for, with the
 * site's protections (no script, no framing, no sniffing). `close` ends the connection after the
 * answer (a body still coming that is not worth reading).
 */
export function sendRefusedRequest(req: IncomingMessage, res: ServerResponse, kind: RefusalKind, { close = false } = {}): void {
  const locale = localeOfNodeRequest(req);
  sendPlainPage(req, res, REFUSAL_STATUS[kind], refusedRequestPageHtml(kind, locale), {
    'content-language': locale,
    'x-frame-options': 'DENY',
    ...(close ? { connection: 'close' } : {}),
  });
}
