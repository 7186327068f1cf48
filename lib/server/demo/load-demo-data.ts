import 'server-only';
import { sql } from 'drizzle-orm';
import { appClock, resolveRelativeDate, todayIn, type CalendarDate } from '@/lib/calendar';
import type { Db, DbOrTx } from '@/lib/db/client';
import appsFixture from '@/lib/demo/fixtures/apps.json';
import membersFixture from '@/lib/demo/fixtures/members.json';
import providerAccessFixture from '@/lib/demo/fixtures/provider-access.json';
import { apps, authorities, backendClients, enrollmentSpans, fhirResources, members, plans, providerAttributions, providerGroups, representatives, staff } from '@/lib/db/schema';
import { hashClientSecret } from '@/lib/server/apps/client-secret';
import { DEMO_CLAIM_PROFILES, generateMemberRecords, generateSharedRecords, type SyntheticRecord } from '@/lib/server/fhir/synthetic';
import { patientIdFor, relatedPersonIdFor } from '@/lib/server/members/fhir-ids';
import { hashPassword } from '@/lib/server/staff/password-hash';

/** The demo confidential client's secret; shown in the README, never used outside demo data. */
export const DEMO_CONFIDENTIAL_CLIENT_SECRET = 'carecompass-demo-secret';

type MemberFixture = (typeof membersFixture.members)[number] & { deceasedDate?: string };

/**
 * Loads the fixture members, representatives, staff and apps, with their synthetic claims, into
 * an empty database. Relative dates ("today-P3D") are resolved on today's payer date. Running it
 * again, or on two instances at once, changes nothing.
 */
export async function loadDemoData(db: Db, today: CalendarDate = todayIn(appClock())): Promise<{ loaded: boolean }> {
  const [{ count }] = await db.select({ count: sql<number>`count(*)::int` }).from(members);
  if (count > 0) return { loaded: false };
  const date = (value: string) => resolveRelativeDate(value, today);

  const staffRows = await Promise.all(
    membersFixture.staff.map(async (s) => ({
      username: s.username,
      name: s.name,
      roles: s.roles,
      // Refused at sign-in once demo data is turned off: their passwords are published.
      source: 'demo' as const,
      passwordHash: await hashPassword(s.demoPassword),
    })),
  );

  await db.transaction(async (tx) => {
    await tx
      .insert(plans)
      .values(Object.entries(membersFixture.plans).map(([code, p]) => ({ code, name: p.name, managedCare: p.managedCare, behavioralHealthVia: (p as { behavioralHealthVia?: string }).behavioralHealthVia ?? null })))
      .onConflictDoNothing();

    const memberList = membersFixture.members as MemberFixture[];
    await tx
      .insert(members)
      .values(
        memberList.map((m) => ({
          memberId: m.memberId,
          patientId: patientIdFor(m.memberId),
          given: m.given,
          family: m.family,
          birthDate: date(m.birthDate),
          sex: m.sex,
          addressLine: m.address.line,
          city: m.address.city,
          state: m.address.state,
          zip: m.address.zip,
          phone: m.phone,
          email: m.email,
          deceasedDate: m.deceasedDate ? date(m.deceasedDate) : null,
        })),
      )
      .onConflictDoNothing();
    await tx.insert(enrollmentSpans).values(
      memberList.flatMap((m) => m.enrollment.map((s) => ({ memberId: m.memberId, start: date(s.start), end: s.end ? date(s.end) : null, planCode: s.plan }))),
    );

    await tx
      .insert(representatives)
      .values(
        membersFixture.representatives.map((r) => ({
          repId: r.repId,
          relatedPersonId: relatedPersonIdFor(r.repId),
          given: r.given,
          family: r.family,
          birthDate: date(r.birthDate),
          email: r.email,
          zip: r.zip,
        })),
      )
      .onConflictDoNothing();
    await tx.insert(authorities).values(
      membersFixture.representatives.flatMap((r) =>
        r.authorities.map((a) => ({ repId: r.repId, memberId: a.memberId, type: a.type, start: date(a.start), end: a.end ? date(a.end) : null })),
      ),
    );

    await tx.insert(staff).values(staffRows).onConflictDoNothing();

    await tx
      .insert(apps)
      .values(
        appsFixture.apps.map((a) => ({
          id: a.id,
          clientId: a.clientId,
          name: a.name,
          developer: a.developer,
          summary: a.summary,
          website: a.website,
          privacyPolicyUrl: a.privacyPolicyUrl,
          termsUrl: a.termsUrl,
          clientType: a.clientType as 'public' | 'confidential',
          clientSecretHash: a.clientType === 'confidential' ? hashClientSecret(DEMO_CONFIDENTIAL_CLIENT_SECRET) : null,
          redirectUris: a.redirectUris,
          launchUrl: a.launchUrl,
          scopes: a.scopes,
          status: a.status as 'approved' | 'pending' | 'denied' | 'suspended',
          statusSince: date(a.statusSince),
          statusReason: (a as { statusReason?: string }).statusReason ?? null,
          statusCriterion: (a as { statusCriterion?: string }).statusCriterion ?? null,
          codeOfConductAttested: a.codeOfConductAttested,
          privacy: a.privacy as Record<string, { answer: string; flag: 'ok' | 'caution' | 'warning' }>,
        })),
      )
      .onConflictDoNothing();

    // Provider Access (issue 15): in-network provider organizations, who is attributed to each, and
    // the SMART backend services clients of a provider organization and of another health plan.
    await tx.insert(providerGroups).values(providerAccessFixture.providerGroups).onConflictDoNothing();
    await tx
      .insert(providerAttributions)
      .values(providerAccessFixture.attributions.map((a) => ({ groupId: a.groupId, memberId: a.memberId, start: date(a.start), end: a.end ? date(a.end) : null })))
      .onConflictDoNothing();
    await tx
      .insert(backendClients)
      .values(
        providerAccessFixture.backendClients.map((c) => ({
          clientId: c.clientId,
          name: c.name,
          kind: c.kind as 'provider' | 'payer',
          groupId: c.groupId,
          jwks: { keys: [c.publicJwk] },
          scopes: c.scopes,
        })),
      )
      .onConflictDoNothing();

    await insertFhirRecords(tx, generateSharedRecords());
    for (const m of memberList) {
      const records = generateMemberRecords({
        memberId: m.memberId,
        patientId: patientIdFor(m.memberId),
        given: m.given,
        family: m.family,
        birthDate: date(m.birthDate),
        sex: m.sex as 'female' | 'male',
        address: m.address,
        phone: m.phone,
        email: m.email,
        deceasedDate: m.deceasedDate ? date(m.deceasedDate) : null,
        spans: m.enrollment.map((s) => ({ start: date(s.start), end: s.end ? date(s.end) : null, plan: s.plan })),
        plans: membersFixture.plans,
        today,
        profile: DEMO_CLAIM_PROFILES[m.memberId],
      });
      await insertFhirRecords(tx, records);
    }
  });
  return { loaded: true };
}

export async function insertFhirRecords(db: DbOrTx, records: SyntheticRecord[]): Promise<void> {
  const CHUNK = 500;
  for (let i = 0; i < records.length; i += CHUNK) {
    await db
      .insert(fhirResources)
      .values(
        records.slice(i, i + CHUNK).map((r) => ({
          resourceType: r.resourceType,
          id: r.id,
          patientId: r.patientId,
          lastUpdated: new Date(r.lastUpdated),
          serviceDate: r.serviceDate,
          billableStart: r.billableStart,
          billableEnd: r.billableEnd,
          itemServiceDates: r.itemServiceDates,
          periodEnd: r.resourceType === 'Coverage' ? ((r.resource as { period?: { end?: string } }).period?.end ?? null) : null,
          eobType: r.eobType,
          sensitivity: r.sensitivity,
          category: r.category,
          identifiers: identifierTokens(r.resource),
          resource: JSON.stringify(r.resource),
        })),
      )
      .onConflictDoNothing();
  }
}

/** `system|value` and bare `value` tokens, so `identifier=` searches need no JSON scan. */
function identifierTokens(resource: object): string[] {
  const identifiers = (resource as { identifier?: { system?: string; value?: string }[] }).identifier ?? [];
  return identifiers.flatMap((i) => (i.value ? [i.value, `${i.system ?? ''}|${i.value}`] : []));
}
