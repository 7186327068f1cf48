import 'server-only';
import { eq, inArray, max, sql } from 'drizzle-orm';
import { calendarDateIn, laterDate, type CalendarDate } from '@/lib/calendar';
import { getDb } from '@/lib/db/client';
import { apps } from '@/lib/db/schema';

export interface GalleryAppSummary {
  id: string;
  name: string;
  developer: string;
  summary: string;
  hasPrivacyPolicy: boolean;
}

/** Longer queries are cut: nobody types an app name this long, and a search should stay cheap. */
export const MAX_GALLERY_QUERY_LENGTH = 100;

/**
 * The approved apps, by name; with a query, those whose name, developer or summary contains every
 * word of it, ignoring case and accents ("medtrack", "MÉDTRACK" and "Medtrack Labs" all find MedTrack Rx).
 */
export async function listGalleryApps(query?: string): Promise<GalleryAppSummary[]> {
  const db = await getDb();
  const rows = await db
    .select({ id: apps.id, name: apps.name, developer: apps.developer, summary: apps.summary, privacyPolicyUrl: apps.privacyPolicyUrl })
    .from(apps)
    .where(eq(apps.status, 'approved'))
    .orderBy(sql`lower(${apps.name})`, apps.id);
  const words = searchWords(query);
  // Matched here rather than in SQL: PGlite has no `unaccent`, and the gallery holds tens of apps, not thousands.
  return rows
    .filter((row) => {
      const haystack = foldForSearch(`${row.name} ${row.developer} ${row.summary}`);
      return words.every((word) => haystack.includes(word));
    })
    .map(({ privacyPolicyUrl, ...app }) => ({ ...app, hasPrivacyPolicy: Boolean(privacyPolicyUrl) }));
}

/**
 * The day the gallery last changed: an app was approved or reinstated, an approved app changed its
 * privacy answers, or an app was suspended (which removed it from the list). Null when no app was ever listed.
 */
export async function galleryLastUpdated(): Promise<CalendarDate | null> {
  const db = await getDb();
  const [row] = await db
    .select({
      statusSince: max(apps.statusSince),
      privacyUpdatedAt: sql<Date | null>`max(${apps.privacyUpdatedAt}) filter (where ${apps.status} = 'approved')`.mapWith(apps.privacyUpdatedAt),
    })
    .from(apps)
    .where(inArray(apps.status, ['approved', 'suspended']));
  const statusDay = (row?.statusSince ?? null) as CalendarDate | null;
  // An instant becomes the payer's calendar day: 11 p.m. in Boston is still that day in Boston.
  const privacyDay = row?.privacyUpdatedAt ? calendarDateIn(row.privacyUpdatedAt) : null;
  if (statusDay && privacyDay) return laterDate(statusDay, privacyDay);
  return statusDay ?? privacyDay;
}

/** Lower case, without accents or other combining marks, so "Compañía" and "compania" compare equal. */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('en-US');
}

function searchWords(query: string | undefined): string[] {
  if (!query) return [];
  return foldForSearch(query.slice(0, MAX_GALLERY_QUERY_LENGTH)).split(/\s+/).filter(Boolean);
}
