import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { apps, authorities, members, representatives } from '@/lib/db/schema';
import { approveConnection } from '@/lib/server/consent/approve-connection';
import type { TestHub } from './test-hub';

/** A representative's gallery approval (no token yet) for a member they act for, under the authority on file. */
export async function connectAsRepresentative(hub: TestHub, repId: string, memberId: string, appId = 'medtrack-rx') {
  const [authority] = await hub.db.select().from(authorities).where(and(eq(authorities.repId, repId), eq(authorities.memberId, memberId)));
  const [rep] = await hub.db.select().from(representatives).where(eq(representatives.repId, repId));
  const [member] = await hub.db.select().from(members).where(eq(members.memberId, memberId));
  const [app] = await hub.db.select().from(apps).where(eq(apps.id, appId));
  const { grant } = await approveConnection({
    provider: hub.provider,
    interactionUid: null,
    member: { memberId, patientId: member.patientId },
    approvedBy: { kind: 'representative', repId, authorityId: authority.id, authorityType: authority.type, relatedPersonId: rep.relatedPersonId },
    app: { id: app.id, clientId: app.clientId },
    requestedScope: app.scopes,
    categories: ['personal', 'claims'],
    includeSensitive: false,
    duration: '1y',
    dataWindowStart: '2016-01-01',
    expiresAt: new Date(Date.now() + 365 * 86_400_000),
    requestKey: randomUUID(),
  });
  return grant;
}
