import 'server-only';
import { formatCalendarDate } from '@/lib/i18n/format-calendar-date';
import type { CallerMatch } from './lookup-caller';

/**
 * Several people match a lookup: the list to choose from, with dates as the member screen gives
 * them, and the detail to ask for that tells them apart (the city only when theirs differ).
 */
export function describeCallerMatches(matches: CallerMatch[]): { message: string; items: { href: string; title: string; detail: string }[] } {
  const born = (date: string) => formatCalendarDate(date, 'en');
  const memberMatches = matches.filter((m) => m.kind === 'member');
  const asks = [
    ...(memberMatches.length ? ['member ID'] : []),
    ...(matches.some((m) => m.kind === 'representative') ? ['representative ID'] : []),
    ...(new Set(memberMatches.map((m) => m.city.trim().toLowerCase())).size > 1 ? ['city'] : []),
  ];
  return {
    message: `${matches.length} people match. Ask the caller for their ${asks.join(' or ')} and choose.`,
    items: matches.map((m) =>
      m.kind === 'member'
        ? { href: `/staff/members/${m.memberId}`, title: m.name, detail: `Member ${m.memberId} · born ${born(m.birthDate)} · ${m.city}` }
        : { href: `/staff/representatives/${encodeURIComponent(m.repId)}`, title: m.name, detail: `Representative ${m.repId} · born ${born(m.birthDate)}` },
    ),
  };
}
