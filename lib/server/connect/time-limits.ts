import 'server-only';
import { getLocale, getTranslations } from 'next-intl/server';
import { appClock } from '@/lib/calendar';
import type { TimeLimit } from '@/components/connect/time-limit-notice';
import { formatTimeOfDay } from '@/lib/i18n/format-time-of-day';
import { VERIFICATION_CODE_RULES } from '@/lib/server/identity/identity-limits';

/** Warned this long before the connection's two hours end, and before a code's ten minutes end. */
export const FLOW_WARN_BEFORE_SECONDS = 10 * 60;
export const CODE_WARN_BEFORE_SECONDS = 2 * 60;

async function timeOfDay(instant: Date): Promise<{ time: string; hour: number }> {
  return formatTimeOfDay(instant, (await getLocale()) === 'es' ? 'es' : 'en');
}

const secondsUntil = (instant: Date) => Math.max(0, Math.floor((instant.getTime() - appClock().now().getTime()) / 1000));

/** The connection's own time limit (two hours from its start), said on every step. */
export async function flowTimeLimit(expiresAt: Date | undefined): Promise<TimeLimit | null> {
  if (!expiresAt) return null;
  const t = await getTranslations('connect');
  return {
    secondsLeft: secondsUntil(expiresAt),
    statement: t('flowTimeLimit', await timeOfDay(expiresAt)),
    warnBeforeSeconds: FLOW_WARN_BEFORE_SECONDS,
    warning: t('flowTimeWarning', { minutes: FLOW_WARN_BEFORE_SECONDS / 60 }),
  };
}

/** A sent code's ten minutes, said beside the code box. */
export async function codeTimeLimit(sentAt: string | Date | undefined | null): Promise<TimeLimit | null> {
  if (!sentAt) return null;
  const endsAt = new Date(new Date(sentAt).getTime() + VERIFICATION_CODE_RULES.validSeconds * 1000);
  const t = await getTranslations('connect');
  return {
    secondsLeft: secondsUntil(endsAt),
    statement: t('codeTimeLimit', { minutes: VERIFICATION_CODE_RULES.validSeconds / 60, ...(await timeOfDay(endsAt)) }),
    warnBeforeSeconds: CODE_WARN_BEFORE_SECONDS,
    warning: t('codeTimeWarning', { minutes: CODE_WARN_BEFORE_SECONDS / 60 }),
  };
}
