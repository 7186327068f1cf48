import 'server-only';
import type Provider from 'oidc-provider';

// server.ts creates the provider; the Next.js bundle (server actions, pages) reaches the same
// instance through globalThis, since it holds its own copy of every module.
const key = Symbol.for('consent-hub.oidc-provider');
type GlobalWithProvider = typeof globalThis & { [key]?: Provider };

export function setProvider(provider: Provider): void {
  (globalThis as GlobalWithProvider)[key] = provider;
}

export function getProvider(): Provider {
  const provider = (globalThis as GlobalWithProvider)[key];
  if (!provider) throw new Error('The authorization server is not running in this process (start it with server.ts).');
  return provider;
}
