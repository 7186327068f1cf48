import 'server-only';
import type { KoaContextWithOIDC, errors } from 'oidc-provider';
import { isDatabaseUnavailable } from '@/lib/server/errors/database-unavailable';

const escape = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

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
  const spanish = /^es\b/i.test(ctx.get('accept-language')) || /hub_locale=es/.test(ctx.get('cookie'));
  const away = isDatabaseUnavailable(_error);
  const title = away ? (spanish ? 'Esta página no pudo cargarse ahora' : 'This page could not load just now') : spanish ? 'No se puede conectar esta app' : 'This app cannot connect';
  const body = away
    ? spanish
      ? 'Nuestro sistema está ocupado o reiniciándose. No se compartió ningún dato. Vuelva a intentarlo en un minuto.'
      : 'Our system is busy or restarting. No data was shared. Please try again in a minute.'
    : spanish
      ? 'La app envió una solicitud que no podemos aceptar, o la app no está aprobada ahora. No se compartió ningún dato. Vuelva a la lista de apps o llame a Servicio al Cliente.'
      : 'The app sent a request we cannot accept, or the app is not approved right now. No data was shared. Go back to the list of apps or call Customer Service.';
  const link = spanish ? 'Ver las apps aprobadas' : 'See the approved apps';
  ctx.type = 'html';
  ctx.set('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
  ctx.body = `<!doctype html><html lang="${spanish ? 'es' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.6;color:#0f172a}a{color:#14558f}code{background:#f1f5f9;padding:0 .25rem}</style></head>
<body><main><h1>${title}</h1><p>${body}</p><p><a href="/apps">${link}</a></p><p><small>${spanish ? 'Código del error' : 'Error code'}: <code>${escape(out.error)}</code></small></p></main></body></html>`;
}
