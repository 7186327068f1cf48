import 'server-only';

/**
 * oidc-provider drops offline_access unless the request says prompt=consent. Every
 * authorization here goes through the member's consent (or a portal launch they already
 * approved), so an authorization request asking for offline_access says so. prompt=none is
 * left alone: it must fail rather than show a page.
 */
export function withConsentPrompt(providerPath: string): string {
  const [path, query = ''] = providerPath.split(/\?(.*)/s);
  if (path !== '/auth' || !query) return providerPath;
  const params = new URLSearchParams(query);
  if (!(params.get('scope') ?? '').split(' ').includes('offline_access')) return providerPath;
  const prompts = new Set((params.get('prompt') ?? '').split(' ').filter(Boolean));
  if (prompts.has('none') || prompts.has('consent')) return providerPath;
  prompts.add('consent');
  params.set('prompt', [...prompts].join(' '));
  return `${path}?${params}`;
}
