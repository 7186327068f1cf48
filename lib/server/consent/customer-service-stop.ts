import 'server-only';
import { createTranslator } from 'use-intl/core';
import { loadMessages } from '@/lib/i18n/load-messages';
import type { Locale } from '@/lib/i18n/locales';
import { PAYER } from '@/lib/payer';
import { STOP_REASONS, type StopReason } from '@/lib/schemas/staff';

/** How a grant customer service stopped records its reason: `customer-service:<reason>`. */
const PREFIX = 'customer-service:';

export function customerServiceRevokedReason(reason: StopReason): string {
  return `${PREFIX}${reason}`;
}

/** The reason from the list, or null when the grant was not stopped by customer service for one. */
export function customerServiceStopReason(revokedReason: string | null): StopReason | null {
  const code = revokedReason?.startsWith(PREFIX) ? revokedReason.slice(PREFIX.length) : null;
  return (STOP_REASONS as readonly string[]).includes(code ?? '') ? (code as StopReason) : null;
}

/**
 * What the member (or their representative) is told, in their language: customer service
 * stopped it (never which person), and why, in the words of the reason chosen from the list.
 */
export function customerServiceStopWords(locale: Locale) {
  const t = createTranslator({ locale, messages: loadMessages(locale), namespace: 'customerService' }) as unknown as (key: string, values?: Record<string, string>) => string;
  const reason = (code: StopReason) => t(`stopReason_${code}`);
  return {
    reason,
    /** The same reason told to the representative who made the connection, naming the member. */
    reasonForRepresentative: (code: StopReason, memberName: string) => t(`forRepresentative.stopReason_${code}`, { memberName }),
    accountNote: (code: StopReason | null) => t('accountStopped', { payer: PAYER.name, reason: code ? reason(code) : '' }).trim(),
  };
}
