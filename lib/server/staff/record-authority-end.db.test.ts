import { and, eq, like } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, addYears, appClock, eighteenthBirthday, endOfDayInstant, startOfDayInstant, todayIn, type CalendarDate } from '@/lib/calendar';
import { auditEvents, authorities, consentGrants, members, oidcModels, outbox } from '@/lib/db/schema';
import type { Locale } from '@/lib/i18n/locales';
import { formatCalendarDate } from '@/lib/i18n/format-calendar-date';
import { loadAccountScope } from '@/lib/server/account/account-scope';
import { describeConnections } from '@/lib/server/account/describe-connections';
import { listAccountConnections } from '@/lib/server/account/list-account-connections';
import { testWording } from '@/lib/server/account/testing/test-wording';
import { approveConnectFlow } from '@/lib/server/connect/approve-connect-flow';
import { AppError } from '@/lib/server/errors/app-error';
import { settleMailDeliveries } from '@/lib/server/mail/deliver-mail-soon';
import type { MailTemplate } from '@/lib/server/mail/mail-templates';
import { renderMail } from '@/lib/server/mail/render-mail';
import { runDueNotices } from '@/lib/server/notices/run-due-notices';
import { suiteHub } from '@/lib/testing/suite-hub';
import { authorityEndRefusal } from './authority-end-messages';
import type { StaffActor } from './load-staff-actor';
import { loadRepresentativeRecord } from './load-representative-record';
import { recordAuthorityEnd } from './record-authority-end';
import { permissionsOf } from './staff-permissions';

const suite = suiteHub({ dataDirPrefix: 'hub-authority-end-' });
const casey: StaffActor = { username: 'casey.csr', name: 'casey.csr', roles: ['csr'], permissions: permissionsOf(['csr']), verifiedAt: Date.now() };

const refusal = async (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);
const stored = async (authorityId: number) => (await suite.hub.db.select().from(authorities).where(eq(authorities.id, authorityId)))[0];
const endsRecorded = async () => (await suite.hub.db.select().from(auditEvents).where(eq(auditEvents.action, 'representative.authority-end-recorded'))).length;

describe('recording when an authority ends, against the end that already applies', () => {
  it('refuses, for a parent, a last day on or after the day before the child’s 18th birthday, and takes an earlier one', async () => {
    // Giulia Rossi, parent of two children: the older one's.
    const record = (await loadRepresentativeRecord('R-0002'))!;
    const children = await Promise.all(
      record.members.map(async (m) => ({ ...m, birthDate: (await suite.hub.db.select().from(members).where(eq(members.memberId, m.memberId)))[0].birthDate as CalendarDate })),
    );
    const child = children.sort((a, b) => a.birthDate.localeCompare(b.birthDate))[0];
    expect(child.active).toBe(true);
    const endsOn = addDays(eighteenthBirthday(child.birthDate), -1);
    expect((await stored(child.authorityId)).end).toBeNull();
    const before = await endsRecorded();
    const input = { repId: 'R-0002', authorityId: child.authorityId, reason: 'term-ends' as const };

    for (const lastDay of [endsOn, addDays(endsOn, 1), addYears(endsOn, 4)]) {
      const error = await refusal(recordAuthorityEnd(casey, { ...input, lastDay }));
      expect(error).toMatchObject({ messageKey: 'authorityEndsAt18', field: 'lastDay' });
      expect(authorityEndRefusal(error)?.fieldErrors?.lastDay).toMatch(/already ends on \w+ \d{1,2}, \d{4}, the day before the member’s 18th birthday/);
    }
    expect((await stored(child.authorityId)).end).toBeNull();
    expect(await endsRecorded()).toBe(before);

    const today = todayIn(appClock());
    const sooner = addDays(today, 30);
    await recordAuthorityEnd(casey, { ...input, lastDay: sooner });
    expect((await stored(child.authorityId)).end).toBe(sooner);
    // Now the end on file is the sooner one: the usual message.
    expect(await refusal(recordAuthorityEnd(casey, { ...input, lastDay: addDays(sooner, 1) }))).toMatchObject({ messageKey: 'authorityEndLater' });
    await suite.hub.db.update(authorities).set({ end: null }).where(eq(authorities.id, child.authorityId));
  });

  it('refuses any end for an authority no longer active (the child turned 18, the member died, its own end passed), and changes nothing', async () => {
    const today = todayIn(appClock());
    const cases = [
      { repId: 'R-0003', key: 'authorityEndedAt18', words: /the member turned 18/ },
      { repId: 'R-0001', key: 'authorityEndedByDeath', words: /the member died/ },
      { repId: 'R-0005', key: 'authorityAlreadyEnded', words: /its last day was/ },
    ];
    const before = await endsRecorded();
    for (const { repId, key, words } of cases) {
      const ended = (await loadRepresentativeRecord(repId))!.members.find((m) => !m.active)!;
      expect(ended, repId).toBeDefined();
      const end = (await stored(ended.authorityId)).end;
      const error = await refusal(recordAuthorityEnd(casey, { repId, authorityId: ended.authorityId, reason: 'court-or-agency', lastDay: addDays(today, 100) }));
      expect(error, repId).toMatchObject({ messageKey: key });
      const answer = authorityEndRefusal(error);
      expect(answer?.formError, repId).toMatch(words);
      expect(answer?.formError).toMatch(/\w+ \d{1,2}, \d{4}/);
      expect((await stored(ended.authorityId)).end, repId).toBe(end);
    }
    expect(await endsRecorded()).toBe(before);
  });

  it('leaves other errors to the wrapper', () => {
    expect(authorityEndRefusal(new AppError('invalid', 'authorityEndLater', 'lastDay'))).toBeNull();
    expect(authorityEndRefusal(new Error('boom'))).toBeNull();
  });
});

describe('an end recorded for an authority with connections made under it', () => {
  const OMAR = 'R-0006';
  const FATIMA = '100000000016';
  afterEach(async () => {
    await settleMailDeliveries();
    delete process.env.CLOCK_NOW;
  });
  const setDay = (day: CalendarDate, hour = 12) => {
    process.env.CLOCK_NOW = new Date(startOfDayInstant(day).getTime() + hour * 3_600_000).toISOString();
  };
  const grantRow = async (id: string) => (await suite.hub.db.select().from(consentGrants).where(eq(consentGrants.id, id)))[0];
  /** The notices about one grant (not its receipts), rendered as they go out. */
  const mailAbout = async (grantId: string) =>
    (await suite.hub.db.select().from(outbox).where(like(outbox.dedupeKey, `%:${grantId}%`)).orderBy(outbox.createdAt))
      .filter((row) => !/receipt|acted/.test(row.template))
      .map((row) => ({
        template: row.template,
        to: row.toAddress,
        ...renderMail(row.template as MailTemplate, row.locale as Locale, row.params as Record<string, string>),
      }));

  it('caps the representative’s connections at its last day at once: account, authorization server, audit, “ends soon”, then one “authority ended” notice to each side', async () => {
    const [authority] = await suite.hub.db.select().from(authorities).where(and(eq(authorities.repId, OMAR), eq(authorities.memberId, FATIMA)));
    const approve = async (appId: string, subject: { kind: 'representative' | 'member'; id: string }) => {
      const flow = {
        id: `authority-end-flow-${appId}-${subject.kind}-${Date.now()}`,
        appId,
        interactionUid: null,
        entry: 'gallery' as const,
        step: 'approve' as const,
        state: {
          privacyReviewed: true,
          termsAccepted: true,
          subject,
          ...(subject.kind === 'representative' ? { actingFor: { memberId: FATIMA, authorityId: authority.id, authorityType: authority.type } } : {}),
        },
      };
      const done = await approveConnectFlow(flow, { categories: ['personal', 'claims'], includeSensitive: false, duration: '1y' }, 'browser-key', {
        locale: 'en',
        categoryNames: testWording('en').categoryNames,
      });
      return grantRow(done.state.grantId!);
    };
    const repGrant = await approve('medtrack-rx', { kind: 'representative', id: OMAR });
    const ownGrant = await approve('medtrack-rx', { kind: 'member', id: FATIMA });
    const originalEnd = repGrant.expiresAt;
    const lastDay = addDays(todayIn(appClock()), 30);
    const endsAt = endOfDayInstant(lastDay);
    expect(originalEnd.getTime()).toBeGreaterThan(endsAt.getTime());
    try {
      await recordAuthorityEnd(casey, { repId: OMAR, authorityId: authority.id, reason: 'term-ends', lastDay });

      // The connection now ends with the authority; the member's own does not.
      expect((await grantRow(repGrant.id)).expiresAt).toEqual(endsAt);
      expect((await grantRow(ownGrant.id)).expiresAt).toEqual(ownGrant.expiresAt);
      const [mirror] = await suite.hub.db.select().from(oidcModels).where(and(eq(oidcModels.model, 'Grant'), eq(oidcModels.id, repGrant.id)));
      expect(mirror.expiresAt).toEqual(endsAt);
      expect(mirror.payload.exp).toBe(endsAt.getTime() / 1000);
      const audits = await suite.hub.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'consent.end-capped'), eq(auditEvents.grantId, repGrant.id)));
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({ actorKind: 'staff', actorId: 'casey.csr', memberId: FATIMA });
      expect(audits[0].details).toMatchObject({ lastDay, previousExpiresAt: originalEnd.toISOString(), expiresAt: endsAt.toISOString() });

      // The representative's account shows the new last day.
      const omar = (await loadAccountScope({ kind: 'representative', repId: OMAR }))!;
      const shown = describeConnections(omar, await listAccountConnections(omar), testWording('en')).members.flatMap((m) => m.current).find((c) => c.grantId === repGrant.id)!;
      expect(shown.endsOn).toBe(formatCalendarDate(lastDay, 'en'));

      // "Ends soon", 14 days before, saying why then.
      setDay(addDays(lastDay, -15));
      await runDueNotices();
      expect(await mailAbout(repGrant.id)).toEqual([]);
      setDay(addDays(lastDay, -14), 0);
      await runDueNotices();
      const soon = await mailAbout(repGrant.id);
      expect(soon.map((m) => m.template)).toEqual(['representative-connection-ending-soon']);
      expect(soon[0].text).toContain(formatCalendarDate(lastDay, 'en'));

      // Its last day is worked to the end; the next day it ends, with the authority's words, once.
      setDay(lastDay, 23);
      await runDueNotices();
      expect((await grantRow(repGrant.id)).endNoticeSentAt).toBeNull();
      setDay(addDays(lastDay, 1), 0);
      await runDueNotices();
      await runDueNotices();
      setDay(addDays(lastDay, 1));
      await runDueNotices();
      const after = await grantRow(repGrant.id);
      expect(after.revokedReason).toBe('authority-ended:ended');
      const ended = (await mailAbout(repGrant.id)).filter((m) => m.template !== 'representative-connection-ending-soon');
      expect(ended.map((m) => m.template).sort()).toEqual(['authority-ended-member', 'authority-ended-representative']);
      expect(ended.find((m) => m.template === 'authority-ended-representative')!.text).toContain('Why: your authority to act for Fatima Haddad ended.');
      expect(ended.find((m) => m.template === 'authority-ended-member')!.text).toContain('Omar Haddad can no longer act for you');
    } finally {
      await suite.hub.db.update(authorities).set({ end: authority.end }).where(eq(authorities.id, authority.id));
    }
  });
});
