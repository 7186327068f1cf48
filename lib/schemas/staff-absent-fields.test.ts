import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { staffSay } from '@/lib/server/staff/staff-messages';
import { appDecisionSchema } from './app-review';
import { phoneSharingChoiceSchema } from './sharing';
import { addCaseNoteSchema, authorityEndSchema, logCaseSchema, manageStaffSchema, sendConnectLinkSchema, stopConnectionSchema, updateCaseSchema } from './staff';

// A radio left unchosen (or a field a tampered form leaves out) is absent from the form data:
// every staff form must still name the fix, never fall back to "Check this answer."
const GRANT = '0b9f3c1e-2a4d-4c6b-9e8f-1a2b3c4d5e6f';
const FORMS: [string, z.ZodType, Record<string, string>][] = [
  ['stop a connection', stopConnectionSchema, { memberId: '100000000001', grantId: GRANT, reason: 'caller-asked' }],
  ['send a link', sendConnectLinkSchema, { memberId: '100000000001', appId: 'medtrack-rx', linkCaller: 'member', linkLanguage: 'en' }],
  ['log a case', logCaseSchema, { memberId: '100000000001', kind: 'other', description: 'The caller says so.' }],
  ['phone choice', phoneSharingChoiceSchema, { memberId: '100000000001', caller: 'member', choice: 'providers-off', language: 'en' }],
  ['update a case', updateCaseSchema, { caseId: GRANT, status: 'open', shownStatus: 'open', shownOcr: 'no', shownFtc: 'no' }],
  ['case note', addCaseNoteSchema, { caseId: GRANT, note: 'A note.' }],
  ['manage staff', manageStaffSchema, { do: 'disable', username: 'casey.csr' }],
  ['authority end', authorityEndSchema, { repId: 'R-0002', authorityId: '3', lastDay: '2027-01-31', reason: 'term-ends' }],
  ['app decision', appDecisionSchema, { appId: 'medtrack-rx', decision: 'approve' }],
];

describe('staff forms with a field left out', () => {
  for (const [name, schema, valid] of FORMS) {
    it(`${name}: the complete form parses, and each missing field gets a named message`, () => {
      expect(schema.safeParse(valid).success).toBe(true);
      for (const field of Object.keys(valid)) {
        const { [field]: _, ...rest } = valid;
        const result = schema.safeParse(rest);
        if (result.success) continue; // an optional field
        for (const issue of result.error.issues) {
          expect(staffSay.has(issue.message), `${name}, without ${field}: ${issue.message}`).toBe(true);
          expect(issue.message).not.toBe('invalid');
        }
      }
    });
  }

  it('an unchosen app says to choose one', () => {
    const result = sendConnectLinkSchema.safeParse({ memberId: '100000000001' });
    expect(result.error!.issues.find((i) => i.path[0] === 'appId')?.message).toBe('chooseApp');
  });
});
