import { describe, expect, it } from 'vitest';
import { backendToken } from '@/lib/testing/backend-token';
import { suiteHub } from '@/lib/testing/suite-hub';

const PROVIDER = 'boston-community-provider-access';
const SCOPE = 'system/Group.read';

const suite = suiteHub({ dataDirPrefix: 'hub-client-assertion-iat-', mailToDevOutbox: false });

/** The token endpoint's answer to an assertion with these claims (the rest as a client would write them: iat now, exp in five minutes). */
async function tokenWith(claims: Record<string, unknown>) {
  const { status, body } = await backendToken(suite.hub.url, PROVIDER, SCOPE, { claims });
  return { status, error: body.error as string | undefined, description: body.error_description as string | undefined };
}

describe("a backend client's assertion: when it says it was made (iat), and for how long", () => {
  it('is accepted made now for five minutes, made a little ahead of our clock, and without iat (SMART does not require it)', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await tokenWith({ iat: now, exp: now + 300 })).status).toBe(200);
    expect((await tokenWith({ iat: now + 30, exp: now + 300 })).status).toBe(200);
    expect((await tokenWith({ iat: now - 60, exp: now + 240 })).status).toBe(200);
    expect((await tokenWith({ iat: undefined, exp: now + 240 })).status).toBe(200);
  });

  it('is refused made an hour ahead of our clock, with invalid_client that says why', async () => {
    const now = Math.floor(Date.now() / 1000);
    const ahead = await tokenWith({ iat: now + 3600, exp: now + 300 });
    expect([ahead.status, ahead.error]).toEqual([401, 'invalid_client']);
    expect(ahead.description).toMatch(/iat/);
    expect(ahead.description).toMatch(/future/);
  });

  it('is refused when it lives longer than five minutes from iat to exp, however far back iat is', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const iat of [now - 365 * 86_400, now - 3600, now - 301]) {
      const old = await tokenWith({ iat, exp: now + 300 });
      expect([iat - now, old.status, old.error]).toEqual([iat - now, 401, 'invalid_client']);
      expect(old.description).toMatch(/five minutes/);
    }
  });

  it('keeps refusing what was refused before: exp too far ahead, no jti, a jti used twice, an expired one', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(await tokenWith({ exp: now + 3600 })).toMatchObject({ status: 401, error: 'invalid_client', description: expect.stringMatching(/five minutes from now/) });
    expect(await tokenWith({ iat: undefined, exp: now + 3600 })).toMatchObject({ status: 401, error: 'invalid_client' });
    expect(await tokenWith({ jti: undefined })).toMatchObject({ status: 401, error: 'invalid_client' });
    expect(await tokenWith({ iat: now - 400, exp: now - 100 })).toMatchObject({ status: 401, error: 'invalid_client' });
    const jti = `replay-${now}`;
    expect((await tokenWith({ jti })).status).toBe(200);
    expect(await tokenWith({ jti })).toMatchObject({ status: 401, error: 'invalid_client' });
  });
});
