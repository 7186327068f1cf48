// Benchmark child process: the apps of other members, issuing, refreshing and revoking their
// tokens in the background, as real apps do from their own servers (not inside the hub's
// process). Each loop is one app's whole life with one member: a standalone launch (discovery,
// authorize, the member's approval on the hub, the code exchange), a refresh, and a revocation at
// the revocation endpoint (which ends the consent grant). Prints one JSON line when ready, then
// takes commands on stdin:
//   churn <loops>        start <loops> loops
//   stop                 stop them; prints {"ops": n, "seconds": s}
//   writes <loops> <s>   <loops> loops for <s> seconds; prints {"ops": n, "seconds": s}
// Arguments: the hub's public URL, the URL of its approval endpoint (bench/fhir-server.ts), and
// the members' ids, comma-separated.
import readline from 'node:readline';
import * as oidc from 'openid-client';
import type { CookieJar } from '@/lib/testing/cookie-jar';
import { standaloneLaunch } from '@/lib/testing/standalone-launch';

const [publicUrl, approveUrl, memberList] = process.argv.slice(2);
const churnMembers = memberList.split(',');

/** The member says yes on the hub's consent page: the hub's part runs in the hub's process. */
async function approveOnHub(uid: string, memberId: string, browser: CookieJar): Promise<string> {
  const response = await fetch(approveUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ uid, memberId }) });
  if (!response.ok) throw new Error(`approval answered ${response.status}`);
  const { cookies, returnTo } = (await response.json()) as { cookies: [string, string][]; returnTo: string };
  for (const [name, value] of cookies) browser.set(name, value);
  return returnTo;
}

let running = false;
let ops = 0;
let started = 0;
let loops: Promise<void>[] = [];

async function churnLoop(memberId: string) {
  while (running) {
    try {
      const { config, tokens } = await standaloneLaunch(publicUrl, undefined, (uid, browser) => approveOnHub(uid, memberId, browser));
      ops++;
      const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
      ops++;
      await oidc.tokenRevocation(config, refreshed.access_token, { token_type_hint: 'access_token' });
      ops++;
    } catch (error) {
      console.error(`churn: ${(error as Error).message}`);
    }
  }
}

const start = (n: number) => {
  running = true;
  ops = 0;
  started = performance.now();
  loops = Array.from({ length: n }, (_, i) => churnLoop(churnMembers[i % churnMembers.length]));
};
const stop = async () => {
  running = false;
  await Promise.all(loops);
  return { ops, seconds: (performance.now() - started) / 1000 };
};
const say = (value: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ bench: true, ...value })}\n`);

say({ ready: true });
for await (const line of readline.createInterface({ input: process.stdin })) {
  const [command, a, b] = line.trim().split(/\s+/);
  if (command === 'churn') start(Number(a));
  else if (command === 'stop') say(await stop());
  else if (command === 'writes') {
    start(Number(a));
    await new Promise((resolve) => setTimeout(resolve, Number(b) * 1000));
    say(await stop());
  }
}
