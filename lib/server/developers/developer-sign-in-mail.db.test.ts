import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { outbox } from '@/lib/db/schema';
import { PAYER } from '@/lib/payer';
import { findTextInDatabase } from '@/lib/server/identity/testing/find-text-in-database';
import { setLogSink } from '@/lib/server/log/logger';
import { settleMailDeliveries } from '@/lib/server/mail/deliver-mail-soon';
import { readDevOutbox } from '@/lib/server/mail/read-dev-outbox';
import { setUpDataDir } from '@/lib/testing/set-up-data-dir';
import { setUpTestDatabase } from '@/lib/testing/set-up-test-database';
import { requestDeveloperCode } from './request-developer-code';

setUpDataDir('hub-developer-mail-', { unsetSmtp: true });
const database = setUpTestDatabase({ settleMail: true });

describe('a developer’s sign-in code', () => {
  it.each(['en', 'es'] as const)('comes in the developer portal’s own email (%s), not the members’; the code is in no log line and nowhere in the database', async (locale) => {
    const email = `dev-${locale}@apps.example`;
    const lines: string[] = [];
    const restoreSink = setLogSink((line) => lines.push(line));
    try {
      const { sent } = await requestDeveloperCode({ email, locale, networkKey: '198.51.100.8' });
      expect(sent.ok).toBe(true);
      await settleMailDeliveries();
    } finally {
      restoreSink();
    }
    const [row] = await database.db.select().from(outbox).where(eq(outbox.toAddress, email));
    expect(row.template).toBe('developer-sign-in-code');
    expect(row.params).toEqual({});
    const mail = (await readDevOutbox()).find((m) => m.to === email)!;
    const code = /^ {4}(\d{6})$/m.exec(mail.text)![1];
    expect(mail.subject).toContain(locale === 'en' ? 'developer portal code' : 'portal para desarrolladores');
    expect(mail.text).toContain(PAYER.securityEmail);
    expect(mail.text).not.toContain(locale === 'en' ? 'other details' : 'otros datos');
    expect(lines.join('\n')).not.toContain(code);
    expect(await findTextInDatabase(database.db, code)).toEqual([]);
  });
});
