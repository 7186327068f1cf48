import 'server-only';
import type { KoaContextWithOIDC, errors } from 'oidc-provider';
import { isDatabaseUnavailable } from '@/lib/server/errors/database-unavailable';
import { localeOfRequest } from '@/lib/i18n/locales';
import { OUTAGE_WORDS, STATIC_PAGE_CSP, STATIC_PAGE_STYLE } from '@/lib/server/errors/outage-page';
import { escapeHtml } from '@/lib/security/escape-html';

/**
 * The page a browser sees when an authorization request cannot go on (unknown or suspended app,
 * wrong redirect address, missing PKCE). It never redirects to the app, says what happened in
 * plain words and shows no internals.
 */
export async function renderProviderError(
  ctx: KoaContextWithOIDC,
  out: { error: string; error_description?: string },
  _error: errors.OIDCProviderError | Error,
): Promise<void> {
  const locale = localeOfRequest(ctx.get('accept-language'), ctx.get('cookie'));
  const spanish = locale === 'es';
  const away = isDatabaseUnavailable(_error);
  const outage = OUTAGE_WORDS[locale];
  const title = away ? outage.title : spanish ? 'No se puede conectar esta app' : 'This app cannot connect';
  const body = away
    ? outage.body
    : spanish
      ? 'La app envió una solicitud que no podemos aceptar, o la app no está aprobada ahora. No se compartió ningún dato. Vuelva a la lista de apps o llame a Servicio al Cliente.'
      : 'The app sent a request we cannot accept, or the app is not approved right now. No data was shared. Go back to the list of apps or call Customer Service.';
  const link = outage.apps;
  ctx.type = 'html';
  ctx.set('content-security-policy', STATIC_PAGE_CSP);
  ctx.body = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<style>${STATIC_PAGE_STYLE}code{background:#f1f5f9;padding:0 .25rem}</style></head>
<body><main><h1>${title}</h1><p>${body}</p><p><a href="/apps">${link}</a></p><p><small>${spanish ? 'Código del error' : 'Error code'}: <code>${escapeHtml(out.error)}</code></small></p></main></body></html>`;
}
