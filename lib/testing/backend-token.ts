import { createPrivateKey, randomUUID, sign } from 'node:crypto';
import providerAccessFixture from '@/lib/demo/fixtures/provider-access.json' with { type: 'json' };

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/**
 * A SMART backend services access token for a demo backend client (lib/demo/fixtures/provider-access.json):
 * a client assertion signed ES384 with the client's demo key, exchanged at the token endpoint with
 * client_credentials, as a provider's or another plan's system would do it.
 */
export async function backendToken(hubUrl: string, clientId: string, scope: string, options: { key?: Record<string, unknown>; claims?: Record<string, unknown> } = {}): Promise<{ status: number; body: Record<string, any> }> {
  const client = providerAccessFixture.backendClients.find((c) => c.clientId === clientId);
  const jwk = options.key ?? client?.demoPrivateJwk;
  if (!jwk) throw new Error(`no demo key for ${clientId}`);
  const tokenEndpoint = `${hubUrl}/oauth/token`;
  const now = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ alg: 'ES384', typ: 'JWT', kid: jwk.kid }));
  const payload = b64url(JSON.stringify({ iss: clientId, sub: clientId, aud: tokenEndpoint, iat: now, exp: now + 300, jti: randomUUID(), ...options.claims }));
  const key = createPrivateKey({ key: jwk as never, format: 'jwk' });
  const signature = sign('sha384', Buffer.from(`${header}.${payload}`), { key, dsaEncoding: 'ieee-p1363' });
  const response = await fetch(tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      scope,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: `${header}.${payload}.${b64url(signature)}`,
    }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}
