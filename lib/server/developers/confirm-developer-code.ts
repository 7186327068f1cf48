import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { appClock } from '@/lib/calendar/clock';
import { getDb } from '@/lib/db/client';
import { developerAccounts } from '@/lib/db/schema';
import { recordAuditEvent } from '@/lib/server/audit/record-audit-event';
import { confirmVerificationCode, type ConfirmVerificationCodeResult } from '@/lib/server/identity/confirm-verification-code';
import { DEVELOPER_SIGN_IN_PURPOSE } from './request-developer-code';

/** "Confirm code" for the developer portal: the code is used up once; the first one verifies the address. */
export async function confirmDeveloperCode(input: { developerId: string; code: string; requestId?: string | null }): Promise<ConfirmVerificationCodeResult> {
  const result = await confirmVerificationCode({ subject: { kind: 'developer', id: input.developerId }, purpose: DEVELOPER_SIGN_IN_PURPOSE, code: input.code });
  if (!result.ok) return result;
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx
      .update(developerAccounts)
      .set({ verifiedAt: appClock().now() })
      .where(and(eq(developerAccounts.id, input.developerId), isNull(developerAccounts.verifiedAt)));
    await recordAuditEvent(tx, { actor: { kind: 'developer', id: input.developerId }, action: 'developer.signed-in', requestId: input.requestId });
  });
  return result;
}
