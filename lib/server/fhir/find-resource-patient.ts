import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { fhirResources } from '@/lib/db/schema';

/**
 * The member (Patient id) a stored resource belongs to, or null when there is no such resource or
 * it belongs to no one: a backend client's read by id is then decided as a read of that member.
 */
export async function findResourcePatient(resourceType: string, id: string): Promise<string | null> {
  if (resourceType === 'Patient') return id;
  const db = await getDb();
  const [row] = await db
    .select({ patientId: fhirResources.patientId })
    .from(fhirResources)
    .where(and(eq(fhirResources.resourceType, resourceType), eq(fhirResources.id, id)))
    .limit(1);
  return row?.patientId ?? null;
}
