// Benchmark child process: the authorization server and FHIR API over a demo database with two
// extra members (100 and 10,000 claims), each with an access token. Prints one JSON line.
import { members, enrollmentSpans } from '@/lib/db/schema';
import { insertFhirRecords } from '@/lib/server/demo/load-demo-data';
import { generateMemberRecords } from '@/lib/server/fhir/synthetic';
import { patientIdFor } from '@/lib/server/members/fhir-ids';
import { startTestHub } from '@/lib/testing/test-hub';
import membersFixture from '@/lib/demo/fixtures/members.json';

async function main() {
  const hub = await startTestHub();
  const today = new Date().toISOString().slice(0, 10);
  const bench = [
    { memberId: '900000000100', claims: 100 },
    { memberId: '900000010000', claims: 10_000 },
  ];
  for (const b of bench) {
    const patientId = patientIdFor(b.memberId);
    const person = { given: 'Bench', family: `Member${b.claims}`, birthDate: '1980-01-01', sex: 'female' as const };
    const address = { line: '1 Test St', city: 'Boston', state: 'MA', zip: '02110' };
    await hub.db.insert(members).values({ memberId: b.memberId, patientId, ...person, addressLine: address.line, city: address.city, state: address.state, zip: address.zip, email: `bench${b.claims}@members.example` });
    await hub.db.insert(enrollmentSpans).values({ memberId: b.memberId, start: '2016-01-01', end: null, planCode: 'FFS' });
    const records = generateMemberRecords({
      memberId: b.memberId, patientId, ...person, address, phone: '617-555-0000', email: `bench${b.claims}@members.example`, deceasedDate: null,
      spans: [{ start: '2016-01-01', end: null, plan: 'FFS' }], plans: membersFixture.plans, today, claimCount: b.claims,
    });
    await insertFhirRecords(hub.db, records);
  }

  const tokens: Record<string, string> = {};
  for (const b of bench) {
    const { tokens: issued } = await hub.launch({ memberId: b.memberId, duration: '1y', scope: 'launch/patient openid patient/*.rs' });
    tokens[String(b.claims)] = issued.access_token;
  }
  process.stdout.write(`${JSON.stringify({ fhirBase: hub.fhirBase, tokens, patients: Object.fromEntries(bench.map((b) => [b.claims, patientIdFor(b.memberId)])) })}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
