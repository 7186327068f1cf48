import 'server-only';

/**
 * meta.versionId of every generated resource. The generator writes each resource once and nothing
 * rewrites it, so each has one version; vread (`/_history/1`) serves it.
 */
export const RECORD_VERSION = '1';

/**
 * meta.lastUpdated instants derived from dates. A record dated today gets midnight UTC, which is
 * already past in the payer's time zone (America/New_York is behind UTC), so no record claims
 * to have been modified in the future.
 */
export function instantOnDate(date: string, today: string, secondOfDay: number): string {
  if (date >= today) return `${today}T00:00:00Z`;
  const hours = Math.floor(secondOfDay / 3600) % 24;
  const minutes = Math.floor(secondOfDay / 60) % 60;
  const seconds = secondOfDay % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date}T${pad(hours)}:${pad(minutes)}:${pad(seconds)}Z`;
}
