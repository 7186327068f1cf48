import 'server-only';

import type { ClaimProfile } from './synthetic-record';

export type { ClaimProfile } from './synthetic-record';

/**
 * Claim traits of the demo members (lib/demo/fixtures/members.json), keyed by member ID. The
 * generator knows nothing about these members: everything that makes them special is here, as
 * profile data. A member missing from this map gets the default history for their spans.
 */
export const DEMO_CLAIM_PROFILES: Readonly<Record<string, ClaimProfile>> = {
  // Maria Santos, enrolled 2014-07-01 in PCC: her own span already yields claims before
  // 2016-01-01 (the API must withhold them); she also has behavioral-health claims, placed
  // inside the data window so that the sensitive-data choice has something to act on.
  '100000000001': { behavioralHealthClaims: 6, sensitiveClaimsFrom: '2016-01-01' },
  // Linh Nguyen, MCO (managed care) until 200 days ago: her span's managed-care plan alone
  // limits this payer's claims to dental and vision.
  '100000000005': {},
  // José O'Brien-Núñez, ACPP since 2021-09-01: the source also holds claims from an earlier
  // payer period, which must exist to prove the API never serves them.
  '100000000012': { preEnrollmentClaims: { from: '2019-03-01', to: '2021-08-31', plan: 'FFS' } },
  // Samuel Greene: two spans with a gap; the default schedule fills both spans and never the gap.
  '100000000015': {},
  // Fatima Haddad, PCC since 2018: behavioral-health and substance-use-disorder claims.
  '100000000016': { behavioralHealthClaims: 5, substanceUseClaims: 6 },
};
