import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { auditEvents, consentGrants } from '@/lib/db/schema';
import { CATEGORY_RESOURCE_TYPES, type DataCategory } from '@/lib/server/smart/smart-scopes';
import type { FhirAccess } from './authorize-fhir-request';

const categoryOf = (resourceType: string) =>
  (Object.keys(CATEGORY_RESOURCE_TYPES) as DataCategory[]).find((c) => (CATEGORY_RESOURCE_TYPES[c] as readonly string[]).includes(resourceType));

/**
 * Why a token cannot read these types, for the words of a refusal (read only when one is made):
 * `notShared`, the member's choice (the app asked for the category and the member left it out);
 * `notInScope`, the token's scope (the app did not ask, or asked for other types of the category).
 * A grant approved before the approval recorded what the app asked for counts every category the
 * member did not approve as theirs, as refusals said then.
 */
export async function explainUnreadableTypes(access: FhirAccess, types: string[]): Promise<{ notShared: string[]; notInScope: string[] }> {
  const out = { notShared: [] as string[], notInScope: [] as string[] };
  if (types.length === 0) return out;
  // Another health plan's read (Payer-to-Payer) has no grant: what it may read is its token's reach.
  if (!access.grantId) return { ...out, notInScope: [...types] };
  const db = await getDb();
  const [grant] = await db
    .select({ approved: consentGrants.categories, details: auditEvents.details })
    .from(consentGrants)
    .leftJoin(auditEvents, and(eq(auditEvents.memberId, consentGrants.memberId), eq(auditEvents.grantId, consentGrants.id), eq(auditEvents.action, 'consent.granted')))
    .where(eq(consentGrants.id, access.grantId))
    .limit(1);
  const approved = new Set(grant?.approved ?? []);
  const asked = Array.isArray(grant?.details?.categoriesAsked) ? new Set(grant.details.categoriesAsked as string[]) : null;
  for (const type of types) {
    const category = categoryOf(type);
    const memberLeftOut = category !== undefined && !approved.has(category) && (asked === null || asked.has(category));
    (memberLeftOut ? out.notShared : out.notInScope).push(type);
  }
  return out;
}
