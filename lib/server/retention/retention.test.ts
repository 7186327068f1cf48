import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IDENTITY_LIMITS, VERIFICATION_CODE_RULES } from '@/lib/server/identity/identity-limits';
import { CONNECT_LINK_LIMIT } from '@/lib/server/staff/send-connect-link';
import { STAFF_SIGN_IN_LIMITS } from '@/lib/server/staff/sign-in-staff-with-password';
import { STAFF_LOOKUP_LIMITS } from '@/lib/server/staff/staff-lookup-limits';
import { RETENTION } from './retention';

/** Every source file under `dir` (not tests), relative to the repository. */
function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => path.relative(process.cwd(), path.join(entry.parentPath, entry.name)));
}

describe('RETENTION of rate_limits', () => {
  it('outlasts every limit window and lockout, so no counter in force is deleted', () => {
    const windows = [
      ...Object.values(IDENTITY_LIMITS).map((rule) => rule.windowSeconds),
      VERIFICATION_CODE_RULES.resendWaitSeconds,
      CONNECT_LINK_LIMIT.windowSeconds,
      ...Object.values(STAFF_SIGN_IN_LIMITS).map((rule) => rule.windowSeconds),
      STAFF_LOOKUP_LIMITS.accessesPerUser.windowSeconds,
    ];
    for (const seconds of windows) expect(seconds * 1000).toBeLessThan(RETENTION.rateLimitsAfterWindowStart);
  });

  it('knows every place that counts against a limit (a new one: add its rules to the test above)', () => {
    const callers = [...sourceFiles('lib'), ...sourceFiles('app')]
      .filter((file) => !file.startsWith(path.join('lib', 'server', 'rate-limit')))
      .filter((file) => /consume(All)?RateLimits?\(/.test(fs.readFileSync(file, 'utf8')))
      .sort();
    expect(callers).toEqual([
      'lib/server/identity/send-verification-code.ts',
      'lib/server/identity/verify-identity.ts',
      'lib/server/staff/record-staff-member-access.ts',
      'lib/server/staff/send-connect-link.ts',
      'lib/server/staff/sign-in-staff-with-password.ts',
    ]);
  });
});
