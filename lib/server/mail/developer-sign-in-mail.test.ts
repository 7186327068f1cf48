import { describe, expect, it } from 'vitest';
import { loadMessages } from '@/lib/i18n/load-messages';
import { PAYER } from '@/lib/payer';
import { renderMail } from './render-mail';

// The email's own words: what comes before the language-access notices (which name the members'
// phone line for language help in every email, as Section 1557 asks).
const ownWords = (text: string, locale: 'en' | 'es') => text.split((loadMessages(locale) as unknown as { languageAccess: { title: string } }).languageAccess.title)[0];

describe('the developer portal’s sign-in email', () => {
  it.each(['en', 'es'] as const)('in %s: the code on its own line, how long it works, never to share it, to ignore it if not asked, and where developers get help', (locale) => {
    const mail = renderMail('developer-sign-in-code', locale, { code: '482913' });
    const words = ownWords(mail.text, locale);
    expect(words).toMatch(/^ {4}482913$/m);
    expect(mail.subject).toBe(locale === 'en' ? 'Your MassHealth developer portal code' : 'Su código del portal para desarrolladores de MassHealth');
    expect(words).toContain(locale === 'en' ? 'works for 10 minutes' : 'sirve por 10 minutos');
    expect(words).toContain(locale === 'en' ? 'This code is all it takes to get into your developer account. Never share it' : 'Con solo este código se puede entrar a su cuenta de desarrollador. Nunca se lo dé a nadie.');
    expect(words).toContain(locale === 'en' ? 'Did not ask for a code? You can ignore this email.' : '¿No pidió un código? Puede ignorar este correo.');
    expect(words).toContain(PAYER.securityEmail);
    expect(mail.html).toContain(PAYER.securityEmail);
  });

  it.each(['en', 'es'] as const)('in %s: none of the member email’s sentences that are false for a developer', (locale) => {
    const words = ownWords(renderMail('developer-sign-in-code', locale, { code: '482913' }).text, locale);
    const member = ownWords(renderMail('verification-code', locale, { code: '482913' }).text, locale);
    // The member's own lines are there in theirs (so this test would catch them here).
    const falseForDevelopers =
      locale === 'en'
        ? ['without your other details too', 'health information in email', PAYER.customerServicePhone, 'Customer Service']
        : ['si no tiene también sus otros datos', 'información de salud en los correos', PAYER.customerServicePhone, 'Servicio al Cliente'];
    for (const sentence of falseForDevelopers) {
      expect(member, sentence).toContain(sentence);
      expect(words, sentence).not.toContain(sentence);
    }
  });
});
