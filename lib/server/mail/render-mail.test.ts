import { describe, expect, it } from 'vitest';
import { TAGLINES } from '@/lib/i18n/taglines';
import { MAIL_TEMPLATES, type MailTemplate } from './mail-templates';
import { renderMail } from './render-mail';

const SAMPLE_PARAMS: Record<string, string> = {
  code: '482913',
  appName: 'CareCompass',
  categories: 'Personal information, Insurance coverage',
  endsOn: '2027-03-31',
  accountUrl: 'http://localhost:3000/account',
  appUrl: 'http://localhost:3000/apps/carecompass',
  galleryUrl: 'http://localhost:3000/apps',
  connectUrl: 'http://localhost:3000/apps/carecompass/connect',
  reason: 'The app failed a security review.',
  sharingUrl: 'http://localhost:3000/account/sharing',
  learnUrl: 'http://localhost:3000/help/sharing',
  memberName: 'Emma Rossi',
  representativeName: 'Giulia Rossi',
  capacity: 'her parent',
  endCause: 'child18',
  action: 'connected',
  date: '2032-05-02',
};
// Values that choose a sentence (ICU select) or are written as words, not shown as they are.
const NOT_VERBATIM = new Set(['endsOn', 'date', 'endCause', 'action']);

const paramsFor = (template: MailTemplate) =>
  Object.fromEntries(MAIL_TEMPLATES[template].params.map((name) => [name, SAMPLE_PARAMS[name]]));

describe('renderMail', () => {
  const templates = Object.keys(MAIL_TEMPLATES) as MailTemplate[];

  it.each(templates.flatMap((t) => [[t, 'en'], [t, 'es']] as const))('renders %s in %s with every string and value in place', (template, locale) => {
    const mail = renderMail(template, locale, paramsFor(template));
    for (const part of [mail.subject, mail.text, mail.html]) {
      expect(part).not.toMatch(/email\.[a-zA-Z]|\{[a-zA-Z]+\}/);
    }
    expect(mail.text).toContain('MassHealth');
    expect(mail.html).toContain(`<html lang="${locale}">`);
    for (const name of MAIL_TEMPLATES[template].params) {
      if (!NOT_VERBATIM.has(name)) expect(mail.text, name).toContain(SAMPLE_PARAMS[name]);
    }
  });

  // Section 1557: every email, in both languages, has both notices and the 15 taglines, each
  // tagline in the HTML with its own lang and dir. The footer is common to every template.
  it.each(templates.flatMap((t) => [[t, 'en'], [t, 'es']] as const))('%s in %s carries both 1557 notices and the 15 taglines', (template, locale) => {
    const mail = renderMail(template, locale, paramsFor(template));
    const notices =
      locale === 'en'
        ? ['We do not discriminate because of race, color, national origin, sex', 'We give free help so you can talk with us', 'Office for Civil Rights']
        : ['No discriminamos por raza, color, país de origen, sexo', 'Le damos ayuda gratis para que pueda hablar con nosotros', 'Oficina de Derechos Civiles'];
    for (const notice of notices) {
      expect(mail.text).toContain(notice);
      expect(mail.html).toContain(notice);
    }
    expect(mail.html).toContain('<a href="https://www.hhs.gov/ocr/complaints/index.html">');
    for (const tagline of TAGLINES) {
      const pattern = new RegExp(`<p lang="${tagline.lang}" dir="${tagline.dir}">[^<]*1-800-841-2900[^<]*</p>`);
      expect(mail.html, tagline.lang).toMatch(pattern);
      expect(mail.text, tagline.lang).toContain(tagline.text.slice(0, 12));
    }
    expect(mail.html.match(/<p lang="/g)).toHaveLength(15);
  });

  it('puts the code on a line of its own and tells how long it works', () => {
    const mail = renderMail('verification-code', 'en', { code: '482913' });
    expect(mail.subject).toBe('Your MassHealth code');
    expect(mail.text).toMatch(/^ {4}482913$/m);
    expect(mail.text).toContain('works for 10 minutes');
  });

  it('writes dates as words in the member’s language', () => {
    expect(renderMail('connection-ending-soon', 'en', paramsFor('connection-ending-soon')).text).toContain('until March 31, 2027');
    expect(renderMail('connection-ending-soon', 'es', paramsFor('connection-ending-soon')).text).toContain('hasta el 31 de marzo de 2027');
  });

  it('writes a one-time connection\'s end (an instant) to the minute, in the payer\'s time zone, which it names', () => {
    const params = { ...paramsFor('connection-receipt'), endsOn: '2026-12-06T19:55:00.000Z' };
    expect(renderMail('connection-receipt', 'en', params).text).toMatch(/December 6, 2026 at 2:55\sPM Eastern time/);
    expect(renderMail('connection-receipt', 'es', params).text).toMatch(/6 de diciembre de 2026 a las 2:55\sp\.\s?m\. hora del Este\./);
  });

  it('says whether mental health and substance use claims are shared, when claims are, and only then', () => {
    for (const template of ['connection-receipt', 'connection-changed', 'representative-receipt', 'representative-changed'] as const) {
      const params = paramsFor(template);
      expect(renderMail(template, 'en', { ...params, sensitive: 'shared' }).text, template).toContain('This includes claims about mental health care and treatment for alcohol or drug use.');
      expect(renderMail(template, 'en', { ...params, sensitive: 'notShared' }).text, template).toContain('This does not include claims about mental health care or treatment for alcohol or drug use.');
      expect(renderMail(template, 'es', { ...params, sensitive: 'shared' }).text, template).toContain('Esto incluye las reclamaciones de atención de salud mental');
      // No claims shared (or an email queued before the sentence existed): no sentence.
      expect(renderMail(template, 'en', params).text, template).not.toMatch(/mental health/);
    }
  });

  it('tells a representative whose authority ended the next step for their kind of authority', () => {
    const params = { ...paramsFor('authority-ended-representative'), endCause: 'ended' };
    const next = (authority?: string) => renderMail('authority-ended-representative', 'en', authority ? { ...params, authority } : params).text;
    expect(next('authorized_representative_designee')).toContain('can name you again by signing a new Authorized Representative form');
    expect(next('legal_guardian')).toContain('if a court names you again, send us the new papers');
    expect(next('legal_guardian')).not.toContain('Authorized Representative form');
    expect(next('personal_representative')).toContain('if legal papers name you again');
    // Queued before the authority was a param: a plain next step, never a broken sentence.
    expect(next()).toContain('to find out what you can do');
    expect(renderMail('authority-ended-representative', 'es', { ...params, authority: 'legal_guardian' }).text).toContain('si un tribunal le vuelve a nombrar');
  });

  it('escapes HTML in every value and links only web addresses', () => {
    const mail = renderMail('app-access-removed', 'en', {
      ...paramsFor('app-access-removed'),
      appName: '<script>alert("x")</script>',
      reason: 'Tom & Jerry\'s "review"',
      galleryUrl: 'javascript:alert(1)',
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(mail.html).toContain('Tom &amp; Jerry&#39;s &quot;review&quot;');
    expect(mail.html).not.toContain('href="javascript:');
    expect(mail.html).toContain('<a href="http://localhost:3000/account">');
    // Plain text is not HTML: the name reads as typed.
    expect(mail.subject).toContain('<script>alert("x")</script>');
  });

  it('refuses to render with a value missing', () => {
    expect(() => renderMail('connection-ended', 'en', { appName: 'CareCompass' })).toThrow(/accountUrl/);
    expect(() => renderMail('verification-code', 'en', { code: ' ' })).toThrow(/code/);
  });
});
