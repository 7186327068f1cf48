import { eq, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { members, outbox } from '@/lib/db/schema';
import { renderMail } from '@/lib/server/mail/render-mail';
import { connectAsRepresentative } from '@/lib/testing/connect-as-representative';
import { suiteHub } from '@/lib/testing/suite-hub';
import type { StaffActor } from './load-staff-actor';
import { permissionsOf } from './staff-permissions';
import { stopConnectionForCaller } from './stop-connection-for-caller';

const MARIA = '100000000001';
const EMMA = '100000000009'; // 12; parent Giulia Rossi (R-0002)
const GRACE = '100000000011'; // adult; legal guardian Thomas Liu (R-0004)

const casey: StaffActor = { username: 'casey.csr', name: 'Casey Morgan', roles: ['csr'], permissions: permissionsOf(['csr']), verifiedAt: Date.now() };
const suite = suiteHub({ dataDirPrefix: 'hub-caller-stops-' });

const stopMails = (grantId: string) => suite.hub.db.select().from(outbox).where(like(outbox.dedupeKey, `connection-stopped-by-staff:%${grantId}`));

describe('customer service stops a connection a representative made', () => {
  it('for an adult member: the representative and the member are emailed, the member in their own language, and the console is told both', async () => {
    await suite.hub.db.update(members).set({ preferredLocale: 'es' }).where(eq(members.memberId, GRACE));
    const thomas = await connectAsRepresentative(suite.hub, 'R-0004', GRACE, 'open-notes');
    const result = await stopConnectionForCaller(casey, { memberId: GRACE, grantId: thomas.id, reason: 'representative-asked', note: '' });
    expect(result).toEqual({ appName: 'Open Notes Journal', emailed: ['member', 'representative'] });

    const mails = await stopMails(thomas.id);
    expect(mails.map((m) => m.toAddress).sort()).toEqual(['grace.liu@members.example', 'thomas.liu@reps.example']);
    const toRep = mails.find((m) => m.toAddress === 'thomas.liu@reps.example')!;
    expect(toRep).toMatchObject({ template: 'connection-stopped-by-staff-representative', params: { memberName: 'Grace Liu' } });
    const toGrace = mails.find((m) => m.toAddress === 'grace.liu@members.example')!;
    expect(toGrace).toMatchObject({
      template: 'connection-stopped-by-staff-member',
      locale: 'es',
      params: { appName: 'Open Notes Journal', representativeName: 'Thomas Liu', capacity: 'su tutor legal', reason: 'su representante nos pidió que la detuviéramos.' },
    });
    const es = renderMail('connection-stopped-by-staff-member', 'es', toGrace.params as Record<string, string>);
    expect(es.subject).toBe('MassHealth dejó de compartir su información con Open Notes Journal');
    expect(es.text).toContain('detuvo la conexión con la app Open Notes Journal que Thomas Liu, su tutor legal, hizo en su nombre.');
    expect(es.text).toContain('Por qué: su representante nos pidió que la detuviéramos.');
    const en = renderMail('connection-stopped-by-staff-member', 'en', { ...(toGrace.params as Record<string, string>), capacity: 'your legal guardian', reason: 'Your representative asked us to stop it.' });
    expect(en.text).toContain('MassHealth Customer Service stopped the connection to the app Open Notes Journal that Thomas Liu, your legal guardian, made for you.');
    expect(JSON.stringify(toGrace.params)).not.toContain('casey');
    await suite.hub.db.update(members).set({ preferredLocale: 'en' }).where(eq(members.memberId, GRACE));
  });

  it('for a minor: only the parent is emailed, never the child', async () => {
    const giulias = await connectAsRepresentative(suite.hub, 'R-0002', EMMA);
    const result = await stopConnectionForCaller(casey, { memberId: EMMA, grantId: giulias.id, reason: 'caller-asked', note: '' });
    expect(result.emailed).toEqual(['representative']);
    expect((await stopMails(giulias.id)).map((m) => m.toAddress)).toEqual(['giulia.rossi@reps.example']);
  });

  it('the member’s own connection: the member only, as before', async () => {
    const { grant } = await suite.hub.launch({ memberId: MARIA, appId: 'blue-button-explorer' });
    const result = await stopConnectionForCaller(casey, { memberId: MARIA, grantId: grant.id, reason: 'caller-asked', note: '' });
    expect(result.emailed).toEqual(['member']);
    expect(await stopMails(grant.id)).toMatchObject([{ toAddress: 'maria.santos@members.example', template: 'connection-stopped-by-staff' }]);
  });
});
