import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays, addYears, appClock, eighteenthBirthday, todayIn, type CalendarDate } from '@/lib/calendar';
import { auditEvents, authorities, members } from '@/lib/db/schema';
import { AppError } from '@/lib/server/errors/app-error';
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
