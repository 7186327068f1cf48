import 'server-only';
import { and, eq } from 'drizzle-orm';
import { appClock, compareDates, todayIn, type CalendarDate } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { members, payerMemberMatches } from '@/lib/db/schema';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { PAYER_IDENTIFIER_SYSTEMS, PAYER_NAME } from '@/lib/server/fhir/synthetic';
import { HREX_POLICY } from '@/lib/server/sharing/consent-resources';
import { decideSharingFor } from '@/lib/server/sharing/decide-sharing';
import { backendScopeAllows, type BackendAccess } from './authorize-backend-request';
import { FhirRequestError, insufficientScope } from './operation-outcome';

type Json = Record<string, any>;
const unprocessable = (code: 'not-found' | 'multiple-matches' | 'processing' | 'required' | 'invalid', message: string) => new FhirRequestError(422, code, message);
const normalize = (v: unknown) => String(v ?? '').normalize('NFKD').replace(/[^\p{L}\p{N}]/gu, '').toLowerCase();

/** The HRex Consent sent with the request: a permit, active, in its period today, with an HRex policy. */
function checkRequestConsent(consent: Json | undefined, today: CalendarDate): 'regular' | 'sensitive' {
  if (!consent || consent.resourceType !== 'Consent') throw unprocessable('required', 'The Consent parameter is required: this payer shares data only with the member\'s consent.');
  if (consent.status !== 'active') throw unprocessable('processing', 'The Consent is not active.');
  if (consent.provision?.type !== 'permit') throw unprocessable('processing', 'The Consent does not permit disclosure.');
  const start = String(consent.provision?.period?.start ?? '').slice(0, 10);
  const end = String(consent.provision?.period?.end ?? '').slice(0, 10);
  if (!start || !end || compareDates(start as CalendarDate, today) > 0 || compareDates(end as CalendarDate, today) < 0) {
    throw unprocessable('processing', 'The Consent is not in force today (provision.period).');
  }
  const uris = ((consent.policy ?? []) as Json[]).map((p) => p.uri);
  if (uris.includes(HREX_POLICY.sensitive)) return 'sensitive';
  if (uris.includes(HREX_POLICY.regular)) return 'regular';
  throw unprocessable('processing', 'The Consent names no HRex policy (#regular or #sensitive).');
}

/**
 * One answer for every member-match that finds no member it may share: no one matched, more than
 * one matched, or the member has not allowed sharing with the asking plan. Telling these apart
 * would tell any health plan whether a person is a member (itself protected), so only the audit
 * trail says which it was.
 */
const NO_MATCH = 'No member matched whose permission covers your plan. Check the name, birth date and member ID on the coverage to match.';

/**
 * The member ID on CoverageToMatch: its identifier or subscriberId, one value however often it is
 * written. More than one is refused: a plan that could send a block of guesses would find a member
 * it knows only by name and birth date.
 */
function memberIdToMatch(coverageToMatch: Json | undefined): string {
  const identifiers: unknown = coverageToMatch?.identifier ?? [];
  if (!Array.isArray(identifiers)) throw new FhirRequestError(400, 'invalid', 'CoverageToMatch.identifier must be an array.');
  const values = [...identifiers.map((i: Json | null) => i?.value), coverageToMatch?.subscriberId].map((v) => String(v ?? '')).filter((v) => v !== '');
  const ids = [...new Set(values)];
  if (ids.length === 0) throw unprocessable('required', "CoverageToMatch is required, with the member's ID at this plan (identifier or subscriberId).");
  if (ids.length > 1) throw unprocessable('processing', 'CoverageToMatch names more than one member ID: ask with one member ID per request.');
  return ids[0];
}

/**
 * `POST /fhir/Patient/$member-match` (Da Vinci HRex), asked by another health plan (a backend
 * client whose token reads Patient). Matches the member on given name, family name, birth date and
 * the one member ID on the coverage to match (all required, as HRex has CoverageToMatch 1..1), then
 * honours the Consent only when the member's own Payer-to-Payer choice on file, read now through
 * the decision function, is a permit naming the asking plan: otherwise 422 with the same
 * OperationOutcome as no match at all. Sensitive data go only if both the member's choice and the
 * request's Consent say `#sensitive`. The match is kept (payer_member_matches): the plan's reads of
 * the member need it, under the same choice.
 */
export async function memberMatch(access: BackendAccess, body: string | null): Promise<Json> {
  if (access.kind !== 'payer') throw new FhirRequestError(403, 'forbidden', 'Only another health plan may ask for a member match.');
  // As the CapabilityStatement says: the operation answers with a Patient, so it needs Patient read.
  if (!backendScopeAllows(access, 'Patient')) throw insufficientScope('This access token\'s scope does not include Patient: $member-match needs system/Patient.read (or system/Patient.rs).');
  let parameters: Json;
  try {
    parameters = JSON.parse(body ?? '');
  } catch {
    throw new FhirRequestError(400, 'invalid', 'The body must be a FHIR Parameters resource in JSON.');
  }
  if (parameters?.resourceType !== 'Parameters' || !Array.isArray(parameters.parameter)) throw new FhirRequestError(400, 'invalid', 'The body must be a FHIR Parameters resource.');
  const part = (name: string) => (parameters.parameter as Json[]).find((p) => p.name === name)?.resource as Json | undefined;
  const patient = part('MemberPatient');
  const coverageToMatch = part('CoverageToMatch');
  const coverageToLink = part('CoverageToLink');
  if (!patient || patient.resourceType !== 'Patient') throw unprocessable('required', 'The MemberPatient parameter is required.');
  const today = todayIn(appClock());
  const requestPolicy = checkRequestConsent(part('Consent'), today);

  const family = normalize(patient.name?.[0]?.family);
  const given = normalize(patient.name?.[0]?.given?.[0]);
  const birthDate = String(patient.birthDate ?? '');
  // The given name too: a family name and birth date are shared by relatives, and easily found.
  const missing = [!given && 'a given name', !family && 'a family name', !/^\d{4}-\d{2}-\d{2}$/.test(birthDate) && 'a birth date (YYYY-MM-DD)'].filter(Boolean);
  if (missing.length) throw unprocessable('required', `MemberPatient is missing ${missing.join(' and ')}: a member match needs both names and the birth date.`);
  const askedMemberId = memberIdToMatch(coverageToMatch);

  const db = await getDb();
  const candidates = await db
    .select({ memberId: members.memberId, patientId: members.patientId, given: members.given, family: members.family })
    .from(members)
    .where(and(eq(members.birthDate, birthDate), eq(members.memberId, askedMemberId)));
  const matches = candidates.filter((m) => normalize(m.family) === family && normalize(m.given) === given);
  const refuse = async (reason: 'not-found' | 'multiple-matches' | 'not-permitted', memberId: string | null) => {
    await recordAuditEvent(db, { actor: { kind: 'app', id: access.clientId }, action: 'payer-to-payer.member-match-refused', memberId, details: { reason } });
    return unprocessable('not-found', NO_MATCH);
  };
  if (matches.length === 0) throw await refuse('not-found', null);
  if (matches.length > 1) throw await refuse('multiple-matches', null);
  const [member] = matches;

  const linkedMemberId = coverageToLink?.identifier?.[0]?.value ?? coverageToLink?.subscriberId;
  const decision = await decideSharingFor(db, 'payer_to_payer', member.memberId, { payerName: access.name, payerMemberId: linkedMemberId ? String(linkedMemberId) : undefined });
  if (!decision.allowed || !decision.choiceId) throw await refuse('not-permitted', member.memberId);
  const policy = requestPolicy === 'sensitive' && decision.includeSensitive ? 'sensitive' : 'regular';
  const match = { clientId: access.clientId, memberId: member.memberId, choiceId: decision.choiceId, policy, matchedAt: appClock().now() } as const;
  // The match and its audit row commit together: a plan's reads never rest on an unaudited match.
  await db.transaction(async (tx) => {
    await tx
      .insert(payerMemberMatches)
      .values(match)
      .onConflictDoUpdate({ target: [payerMemberMatches.clientId, payerMemberMatches.memberId], set: { choiceId: match.choiceId, policy, matchedAt: match.matchedAt } });
    await recordAuditEvent(tx, {
      actor: { kind: 'app', id: access.clientId },
      action: 'payer-to-payer.member-matched',
      memberId: member.memberId,
      details: { choiceId: decision.choiceId, policy },
    });
  });
  return {
    resourceType: 'Parameters',
    parameter: [
      {
        name: 'MemberIdentifier',
        valueIdentifier: {
          type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'UMB' }] },
          system: PAYER_IDENTIFIER_SYSTEMS.memberId,
          value: member.memberId,
          assigner: { display: PAYER_NAME },
        },
      },
      { name: 'MemberId', valueReference: { reference: `Patient/${member.patientId}` } },
    ],
  };
}
