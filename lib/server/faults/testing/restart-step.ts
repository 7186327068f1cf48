// One life of the app process for the server-restart fault test (lib/server/faults/server-restart.test.ts):
// run with `node --import ./lib/runtime/register.mjs`, DATA_DIR set, and a step name. It does what the
// connect pages' actions do, through the same domain functions, and prints one JSON line.
import { getDbHandle } from '@/lib/db/client';
import { startConnectFlow, loadConnectFlow, updateConnectFlow } from '@/lib/server/connect/connect-flow-store';
import { loadDemoData } from '@/lib/server/demo/load-demo-data';
import { confirmVerificationCode } from '@/lib/server/identity/confirm-verification-code';
import { sendVerificationCode } from '@/lib/server/identity/send-verification-code';
import { verifyIdentity } from '@/lib/server/identity/verify-identity';
import { settleMailDeliveries } from '@/lib/server/mail/deliver-mail-soon';

const BROWSER_KEY = 'restart-test-browser-key';
const [step, flowIdArg, code] = process.argv.slice(2);
const say = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);

async function main() {
  const handle = await getDbHandle();
  if (step === 'verify') {
    await loadDemoData(handle.db);
    const flowId = await startConnectFlow({ appId: 'medtrack-rx', entry: 'gallery', interactionUid: null, browserKey: BROWSER_KEY, locale: 'en' });
    let flow = (await loadConnectFlow(flowId, BROWSER_KEY))!;
    flow = await updateConnectFlow(flow, { privacyReviewed: true, termsAccepted: true });
    // "Verify identity", then "Send code to my email".
    const verified = await verifyIdentity({ kind: 'member', given: 'Maria', family: 'Santos', birthDate: '1984-03-12', id: '100000000001', zip: '02119', networkKey: 'net:restart' });
    if (!verified.ok) throw new Error(`not verified: ${verified.reason}`);
    flow = await updateConnectFlow(flow, { pendingSubject: { ...verified.subject, maskedEmail: verified.maskedEmail } });
    const sent = await sendVerificationCode({ subject: verified.subject, purpose: 'connect', locale: 'en', networkKey: 'net:restart' });
    await settleMailDeliveries();
    say({ flowId, step: flow.step, sent: sent.ok });
    // Serving on until the test ends this process (it never gets to shut down cleanly).
    setInterval(() => {}, 60_000);
    return;
  }
  const flow = await loadConnectFlow(flowIdArg, BROWSER_KEY);
  const pending = flow?.state.pendingSubject;
  if (!flow || !pending) {
    say({ found: !!flow, pending: !!pending });
  } else if (step === 'confirm') {
    const result = await confirmVerificationCode({ subject: { kind: pending.kind, id: pending.id }, purpose: 'connect', code });
    const after = result.ok ? await updateConnectFlow(flow, { subject: { kind: pending.kind, id: pending.id }, pendingSubject: undefined }) : flow;
    // An expired code: she presses "Send code to my email" on the same page.
    const resent = !result.ok && result.reason === 'expired' ? await sendVerificationCode({ subject: { kind: pending.kind, id: pending.id }, purpose: 'connect', locale: 'en', networkKey: 'net:restart' }) : null;
    await settleMailDeliveries();
    say({ found: true, maskedEmail: pending.maskedEmail, result, step: after.step, resent: resent?.ok ?? null });
  }
  await handle.close();
  process.exit(0);
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
