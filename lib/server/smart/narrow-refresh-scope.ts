import 'server-only';
import querystring from 'node:querystring';
import Provider from 'oidc-provider';
import { coveringScope } from './smart-scopes';

type KoaContext = Parameters<Parameters<Provider['use']>[0]>[0];

/** oidc-provider's own limit on a request body. */
const BODY_LIMIT = 56 * 1024;

/** Per token request: each held scope sent in place of the narrower ones the app asked for. */
const narrowings = new WeakMap<object, Map<string, string[]>>();

/**
 * A refresh may ask for less than the refresh token holds (RFC 6749 §6): `patient/Patient.r` of a
 * token holding `patient/Patient.rs`, `patient/Coverage.rs` of one holding `patient/*.rs`. The provider
 * compares scope strings and refuses those. So the request goes to the provider with each narrower
 * scope replaced by the held one that covers it (smart-scopes.ts, coveringScope), and the access
 * token it issues is narrowed back to what the app asked for as it is saved. A scope that no held
 * one covers leaves the request as it came, for the provider to refuse; the refresh token itself
 * keeps the whole grant.
 */
export function allowNarrowerRefreshScope(provider: Provider): void {
  provider.use(async (ctx, next) => {
    if (ctx.method === 'POST' && ctx.path === '/token' && ctx.is('application/x-www-form-urlencoded')) await sendCoveringScopes(provider, ctx);
    await next();
  });
  const AccessToken = provider.AccessToken.prototype as { save(...args: unknown[]): Promise<string>; scope?: string };
  const save = AccessToken.save;
  AccessToken.save = function (this: typeof AccessToken, ...args: unknown[]) {
    // The request being answered (oidc-provider keeps it in async local storage).
    const ctx = (Provider as unknown as { ctx?: object }).ctx;
    const narrowing = ctx && narrowings.get(ctx);
    if (narrowing && this.scope) this.scope = [...new Set(this.scope.split(' ').flatMap((scope) => narrowing.get(scope) ?? [scope]))].join(' ');
    return save.apply(this, args);
  };
}

async function sendCoveringScopes(provider: Provider, ctx: KoaContext) {
  const length = ctx.request.length;
  if (length === undefined || length > BODY_LIMIT || !ctx.req.readable) return;
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
  const body = querystring.parse(Buffer.concat(chunks).toString('utf8'));
  // The provider reads a body read before it (once read, the stream has nothing left).
  (ctx.req as { body?: unknown }).body = body;
  if (body.grant_type !== 'refresh_token' || typeof body.scope !== 'string' || typeof body.refresh_token !== 'string') return;
  const refreshToken = await provider.RefreshToken.find(body.refresh_token);
  if (!refreshToken) return;
  const held = refreshToken.scopes;
  const asked = body.scope.split(' ').filter(Boolean);
  const sent = new Set<string>();
  const narrowing = new Map<string, string[]>();
  for (const scope of asked) {
    if (held.has(scope)) {
      sent.add(scope);
      continue;
    }
    const covering = coveringScope(scope, held);
    if (!covering) return;
    sent.add(covering);
    narrowing.set(covering, [...(narrowing.get(covering) ?? []), scope]);
  }
  // A held scope asked for as it is stays whole.
  for (const scope of asked) narrowing.delete(scope);
  if (narrowing.size === 0) return;
  body.scope = [...sent].join(' ');
  narrowings.set(ctx, narrowing);
}
