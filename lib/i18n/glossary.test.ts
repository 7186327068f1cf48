import { describe, expect, it } from 'vitest';
import { MAIL_TEMPLATES, type MailTemplate } from '@/lib/server/mail/mail-templates';
import { renderMail } from '@/lib/server/mail/render-mail';
import { glossaryViolations, SPANISH_GLOSSARY } from './glossary';
import { loadMessages } from './load-messages';

function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => strings(child, path ? `${path}.${key}` : key));
}

describe('the Spanish glossary', () => {
  it('catches each variant it forbids (so the scan below can fail)', () => {
    for (const sample of ['Sus reclamos', 'Actúo por un miembro', 'salud del comportamiento', 'uso de sustancias', 'Reportar un problema', 'la aplicación', 'Aprobar el intercambio de datos']) {
      expect(glossaryViolations(sample), sample).not.toEqual([]);
    }
    for (const settled of ['Sus reclamaciones', 'en nombre de un miembro', 'salud conductual', 'consumo de sustancias', 'Informar un problema', 'la app', 'Aprobar y compartir datos']) {
      expect(glossaryViolations(settled), settled).toEqual([]);
    }
    expect(SPANISH_GLOSSARY.length).toBeGreaterThanOrEqual(7);
  });

  it('is followed by every Spanish message', () => {
    const broken = strings(loadMessages('es'))
      .map(([key, text]) => ({ key, violations: glossaryViolations(text) }))
      .filter((entry) => entry.violations.length > 0)
      .map(({ key, violations }) => `${key}: ${violations.map((v) => `"${v.found}" → ${v.use}`).join('; ')}`);
    expect(broken).toEqual([]);
  });

  it('is followed by every email in Spanish', () => {
    for (const template of Object.keys(MAIL_TEMPLATES) as MailTemplate[]) {
      const params = Object.fromEntries(MAIL_TEMPLATES[template].params.map((name) => [name, name.endsWith('Url') ? 'https://example.test/' : name === 'endsOn' ? '2027-03-31' : 'CareCompass']));
      const mail = renderMail(template, 'es', params);
      expect(glossaryViolations(`${mail.subject}\n${mail.text}`), template).toEqual([]);
    }
  });
});
