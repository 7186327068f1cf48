import 'server-only';
import { createHash } from 'node:crypto';

// FHIR ids are opaque and stable: derived from the payer's own ids, but never revealing them.
const stableId = (prefix: string, value: string) =>
  `${prefix}-${createHash('sha256').update(`${prefix}:${value}`).digest('hex').slice(0, 20)}`;

export const patientIdFor = (memberId: string) => stableId('pt', memberId);
export const relatedPersonIdFor = (repId: string) => stableId('rp', repId);
