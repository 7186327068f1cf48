import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { apps } from '@/lib/db/schema';
import type { PrivacyAnswers } from '@/lib/privacy-questions';

export interface GalleryApp {
  id: string;
  name: string;
  developer: string;
  summary: string;
  website: string | null;
  privacyPolicyUrl: string | null;
  termsUrl: string | null;
  privacy: PrivacyAnswers;
}

/** An app members may read about and choose: only while the payer has it approved, else null. */
export async function findGalleryApp(id: string): Promise<GalleryApp | null> {
  const db = await getDb();
  const [app] = await db
    .select({
      id: apps.id,
      name: apps.name,
      developer: apps.developer,
      summary: apps.summary,
      website: apps.website,
      privacyPolicyUrl: apps.privacyPolicyUrl,
      termsUrl: apps.termsUrl,
      privacy: apps.privacy,
    })
    .from(apps)
    .where(and(eq(apps.id, id), eq(apps.status, 'approved')))
    .limit(1);
  return app ?? null;
}
