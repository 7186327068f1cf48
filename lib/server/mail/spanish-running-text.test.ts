import { describe, expect, it } from 'vitest';
import { REVIEW_CRITERIA } from '@/lib/app-review-criteria';
import { STOP_REASONS } from '@/lib/schemas/staff';
import { describeAppStopForMembers, describeCriterionForMembers } from '@/lib/server/apps/describe-criterion';
import { customerServiceStopWords } from '@/lib/server/consent/customer-service-stop';
import { renderMail } from './render-mail';

// A Spanish-speaking probe read the emails: a sentence that goes on after a colon starts in lower
// case, a list inside a sentence lower-cases its common nouns and joins the last with "y", and a
// time reads "a. m." / "p. m." (RAE). English keeps its own style.
const NBSP = '\u00a0';
const accountUrl = 'http://localhost:3000/account';
const es = customerServiceStopWords('es');
const en = customerServiceStopWords('en');

describe('a sentence after "Por qué:" in Spanish', () => {
  it('goes on in lower case in the customer service stop email', () => {
    const mail = renderMail('connection-stopped-by-staff', 'es', { appName: 'MedTrack Rx', reason: es.reason('lost-device'), accountUrl });
    expect(mail.subject).toBe('MassHealth dejó de compartir su información con MedTrack Rx');
    expect(mail.text).toContain('Por qué: usted nos dijo que perdió el teléfono o la computadora que tiene la app.');
    const toRep = renderMail('connection-stopped-by-staff-representative', 'es', {
      appName: 'MedTrack Rx',
      memberName: 'Emma Rossi',
      reason: es.reasonForRepresentative('suspected-misuse', 'Emma Rossi'),
      accountUrl,
    });
    expect(toRep.text).toContain('Por qué: usted nos dijo que cree que la app está usando mal la información de Emma Rossi.');
  });

  it('goes on in lower case for every reason customer service can choose, and the account says it so too', () => {
    for (const reason of STOP_REASONS) {
      for (const said of [es.reason(reason), es.reasonForRepresentative(reason, 'Emma Rossi')]) expect(said, reason).toMatch(/^\p{Ll}/u);
      expect(es.accountNote(reason), reason).toMatch(/Por qué: \p{Ll}/u);
    }
  });

  it('goes on in lower case for every reason the payer stops an app for, keeping a proper noun’s capital', () => {
    const stoppedAt = new Date('2026-12-06T15:00:00Z');
    for (const criterion of REVIEW_CRITERIA) {
      const reason = describeCriterionForMembers(criterion, 'es')!;
      expect(reason, criterion).toMatch(/^\p{Ll}/u);
      const mail = renderMail('app-access-removed', 'es', { appName: 'MedTrack Rx', reason, galleryUrl: 'http://localhost:3000/apps', accountUrl });
      expect(mail.text, criterion).toMatch(/Por qué la detuvimos: \p{Ll}/u);
      expect(describeAppStopForMembers(criterion, stoppedAt, 'es'), criterion).toMatch(/Por qué: \p{Ll}/u);
    }
    expect(describeCriterionForMembers('ftc-attestation-breach', 'es')).toMatch(/^la Comisión Federal de Comercio \(FTC\)/);
    expect(describeCriterionForMembers('credentials-exposed', 'es')).toContain('conectarse a MassHealth');
  });

  it('keeps its capital in English', () => {
    const mail = renderMail('connection-stopped-by-staff', 'en', { appName: 'MedTrack Rx', reason: en.reason('lost-device'), accountUrl });
    expect(mail.text).toContain('Why: You told us you lost the phone or computer that has the app.');
  });
});

describe('the data categories inside a sentence', () => {
  const receipt = { appName: 'CareCompass', endsOn: '2027-03-31', accountUrl };

  it('are written in lower case in Spanish, the last joined with "y"', () => {
    const mail = renderMail('connection-receipt', 'es', { ...receipt, categories: 'Información personal, Reclamaciones y visitas, Proveedores' });
    expect(mail.text).toContain('Lo que la app puede recibir: información personal, reclamaciones y visitas y proveedores.');
    expect(renderMail('connection-changed', 'es', { ...receipt, categories: 'Cobertura' }).text).toContain('Lo que la app puede recibir ahora: cobertura.');
    const toRep = renderMail('representative-receipt', 'es', {
      ...receipt,
      memberName: 'Emma Rossi',
      capacity: 'su madre',
      endCause: 'child18',
      categories: 'Información personal, Medicamentos cubiertos',
    });
    expect(toRep.text).toContain('Lo que la app puede recibir: información personal y medicamentos cubiertos.');
  });

  it('keep the English style in English, and anything that is not a list of category names as it came', () => {
    const mail = renderMail('connection-receipt', 'en', { ...receipt, categories: 'Personal information, Claims and visits, Providers' });
    expect(mail.text).toContain('What the app can get: Personal information, Claims and visits, Providers.');
    expect(renderMail('connection-receipt', 'es', { ...receipt, categories: 'Personal information, Coverage' }).text).toContain(': Personal information, Coverage.');
  });
});

describe('a time in a Spanish email', () => {
  it('reads "p. m.", as the RAE writes it, with one period at the end of the sentence', () => {
    const params = { appName: 'CareCompass', categories: 'Cobertura', endsOn: '2026-12-06T19:55:00.000Z', accountUrl };
    const text = renderMail('connection-receipt', 'es', params).text;
    expect(text).toMatch(new RegExp(`6 de diciembre de 2026 a las 2:55\\sp\\.${NBSP}m\\. hora del Este\\.`));
    expect(text).not.toMatch(/[ap]\.m\./);
    expect(renderMail('connection-receipt', 'en', params).text).toMatch(/December 6, 2026 at 2:55\sPM Eastern time/);
  });
});
