import type { ConnectionsPayload } from '@/lib/schemas/account';
import type { AccountScope } from '@/lib/server/account/account-scope';

/**
 * The account's opening line (an `account` message key): what the viewer can do with the apps
 * listed. A member under 18 may stop or change only the connections they made themself
 * (docs/representatives-policy.md), so the line says so when some or all of theirs were made by
 * someone acting for them.
 */
export function accountLeadKey(scope: Pick<AccountScope, 'viewer'>, connections: Pick<ConnectionsPayload, 'members'>): 'lead' | 'leadRepresentative' | 'leadSomeYours' | 'leadNoneYours' {
  if (scope.viewer.kind === 'representative') return 'leadRepresentative';
  const current = connections.members.flatMap((member) => member.current);
  const changeable = current.filter((c) => c.canChange !== false).length;
  if (changeable === current.length) return 'lead';
  return changeable === 0 ? 'leadNoneYours' : 'leadSomeYours';
}

/**
 * "People who can act for you": an adult member is emailed when one of them connects, changes or
 * stops an app; a member under 18 never is (the person who acted is). A member viewer may change
 * every connection exactly when 18 or over (permissionsFor).
 */
export function peopleLeadKey(member: Pick<AccountScope['members'][number], 'changes'> | undefined): 'peopleLead' | 'peopleLeadMinor' {
  return member?.changes === 'own' ? 'peopleLeadMinor' : 'peopleLead';
}
