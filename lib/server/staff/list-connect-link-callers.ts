import 'server-only';
import { inArray } from 'drizzle-orm';
import type { CalendarDate } from '@/lib/calendar';
import type { DbOrTx } from '@/lib/db/client';
import { representatives } from '@/lib/db/schema';
import type { AuthorityType } from '@/lib/server/eligibility/authority-active-on';
import { maskEmail } from '@/lib/server/identity/mask-email';
import { listPhoneChoiceCallers } from '@/lib/server/sharing/phone-choice-callers';

/** Who may be on the phone asking for a link to connect an app, and where that link is emailed. */
export type ConnectLinkCaller =
  | { kind: 'member'; value: 'member'; name: string }
  | { kind: 'representative'; value: string; repId: string; name: string; authorityType: AuthorityType; email: string; maskedEmail: string; locale: string };

/**
 * The callers a link may be sent for, by the phone choice's rule (phone-choice-callers.ts): the
 * member unless they are a minor someone acts for (a child a parent acts for is never written to),
 * and each parent, guardian or personal representative acting today; and a designee acting today,
 * who may connect apps for the member too. Null when the member is not on file; none when they died.
 */
export async function listConnectLinkCallers(db: DbOrTx, memberId: string, today: CalendarDate): Promise<ConnectLinkCaller[] | null> {
  const phone = await listPhoneChoiceCallers(db, memberId, today);
  if (!phone) return null;
  const acting = [
    ...phone.callers.flatMap((c) => (c.kind === 'representative' ? [{ repId: c.repId, authorityType: c.authorityType }] : [])),
    ...phone.designees.map((d) => ({ repId: d.repId, authorityType: 'authorized_representative_designee' as AuthorityType })),
  ];
  const reps = acting.length
    ? await db.select().from(representatives).where(inArray(representatives.repId, acting.map((a) => a.repId)))
    : [];
  return [
    ...(phone.callers.some((c) => c.kind === 'member') ? [{ kind: 'member' as const, value: 'member' as const, name: phone.callers.find((c) => c.kind === 'member')!.name }] : []),
    ...acting.flatMap(({ repId, authorityType }): ConnectLinkCaller[] => {
      const rep = reps.find((r) => r.repId === repId);
      return rep
        ? [{ kind: 'representative', value: repId, repId, name: `${rep.given} ${rep.family}`, authorityType, email: rep.email, maskedEmail: maskEmail(rep.email), locale: rep.preferredLocale }]
        : [];
    }),
  ];
}
