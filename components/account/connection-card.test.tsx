import { NextIntlClientProvider } from 'next-intl';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { loadMessages } from '@/lib/i18n/load-messages';
import type { ConnectionView } from '@/lib/schemas/account';
import { ConnectionCard } from './connection-card';

const CONNECTION: ConnectionView = {
  grantId: '0b0c5f7e-6a52-4c4e-9f8e-1d2c3b4a5f60',
  appName: 'Blue Button Explorer',
  linkName: 'Blue Button Explorer',
  state: 'active',
  categories: ['Personal information'],
  sensitive: 'Not shared',
  years: 'January 1, 2016 to today',
  approvedBy: 'You',
  approvedOn: 'November 23, 2026',
  endsOn: 'February 21, 2027',
  lastRead: 'Not yet',
  lastReadAt: null,
  note: null,
};

const card = (locale: 'en' | 'es', connection: ConnectionView, compact = false) =>
  renderToStaticMarkup(
    <NextIntlClientProvider locale={locale} messages={loadMessages(locale)} timeZone="America/New_York">
      <ConnectionCard connection={connection} headingLevel={3} compact={compact} />
    </NextIntlClientProvider>,
  );

describe('a connection card', () => {
  it('says what a current connection can get, and what an ended one could get (past tense)', () => {
    expect(card('en', CONNECTION)).toContain('What it can get');
    expect(card('es', CONNECTION)).toContain('Lo que puede recibir');
    const ended = { ...CONNECTION, state: 'ended' as const };
    for (const compact of [true, false]) {
      expect(card('en', ended, compact)).toContain('What it could get');
      expect(card('en', ended, compact)).not.toContain('What it can get');
      expect(card('es', ended, compact)).toContain('Lo que podía recibir');
      expect(card('es', ended, compact)).not.toContain('Lo que puede recibir');
    }
  });
});
