import 'server-only';
import { randomUUID } from 'node:crypto';
import { appClock } from '@/lib/calendar/clock';
import type { DbOrTx } from '@/lib/db/client';
import { outbox } from '@/lib/db/schema';
import type { Locale } from '@/lib/i18n/locales';
import { mailSealingKey, sealMailParams } from './mail-params-seal';
import { assertMailParams, MAIL_TEMPLATES, type MailTemplate } from './mail-templates';

export interface MailToEnqueue {
  /** One per message that must go out once, e.g. `connection-receipt:<grantId>`. */
  dedupeKey: string;
  /** The address on file with the payer, never one typed in a form. */
  to: string;
  template: MailTemplate;
  locale: Locale;
  params: Record<string, string>;
  /** Not worth sending after this instant (a code's email once the code has expired). */
  expiresAt?: Date;
}

/**
 * Puts a message in the outbox inside the caller's transaction, so it goes out if and only if the
 * change it tells of is committed. A second message with the same dedupe key is dropped.
 * Returns the new row's id (null when deduplicated): pass it to deliverMailSoon after commit to
 * send without waiting for the outbox worker.
 */
export async function enqueueMail(tx: DbOrTx, mail: MailToEnqueue): Promise<string | null> {
  assertMailParams(mail.template, mail.params);
  const secretNames: readonly string[] = MAIL_TEMPLATES[mail.template].secretParams;
  const plain: Record<string, string> = {};
  const secret: Record<string, string> = {};
  for (const [name, value] of Object.entries(mail.params)) (secretNames.includes(name) ? secret : plain)[name] = value;
  const sealedParams = Object.keys(secret).length > 0 ? sealMailParams(await mailSealingKey(tx), secret) : null;

  const [row] = await tx
    .insert(outbox)
    .values({
      id: randomUUID(),
      dedupeKey: mail.dedupeKey,
      toAddress: mail.to,
      template: mail.template,
      locale: mail.locale,
      params: plain,
      sealedParams,
      expiresAt: mail.expiresAt ?? null,
      nextAttemptAt: appClock().now(),
    })
    .onConflictDoNothing({ target: outbox.dedupeKey })
    .returning({ id: outbox.id });
  return row?.id ?? null;
}
