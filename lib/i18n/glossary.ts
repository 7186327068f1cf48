/**
 * The settled Spanish words of the consent hub (issue 17). Every Spanish message
 * (lib/i18n/messages/es/*.json) and every email follows it; `glossary.test.ts` fails on a variant
 * listed under `never`. Plain words, grade 6–8. To change a term, change it here and in every string.
 */
export interface GlossaryTerm {
  english: string;
  spanish: string;
  /** Variants that read wrong or differently from the settled term. */
  never: RegExp[];
  why: string;
}

export const SPANISH_GLOSSARY: readonly GlossaryTerm[] = [
  {
    english: 'claims',
    spanish: 'reclamaciones (una reclamación)',
    never: [/\breclamos?\b/i],
    why: '"reclamos" reads as "complaints"; a claim for a health service is a "reclamación".',
  },
  {
    english: 'complaint (to OCR, the FTC or the plan)',
    spanish: 'queja',
    never: [/\bdenuncia(s|r)?\b/i],
    why: 'One word for a complaint everywhere.',
  },
  {
    english: 'act for (a member), on behalf of',
    spanish: 'en nombre de (actuar en nombre de, hacer algo en nombre de)',
    never: [/\bact(uar|úo|úa|úan|uando|uó)\s+por\b/i],
    why: '"actuar por" is a calque of "act for".',
  },
  {
    english: 'behavioral health',
    spanish: 'salud conductual',
    never: [/\bsalud del comportamiento\b/i],
    why: 'The term MassHealth uses in Spanish.',
  },
  {
    english: 'substance use (disorder treatment)',
    spanish: 'consumo de sustancias (consumo de alcohol o drogas)',
    never: [/\buso de (sustancias|alcohol|drogas)\b/i],
    why: 'One term for the sensitive data, everywhere.',
  },
  {
    english: 'Report a problem',
    spanish: 'Informar un problema (un informe)',
    never: [/\breport(ar|e|es|ó|amos|a)\b/i],
    why: 'The button and the pages that name it must say the same thing.',
  },
  {
    english: 'app',
    spanish: 'app (la app, las apps)',
    never: [/\baplicaci(ón|on|ones)\b/i],
    why: 'Members know "app"; one word everywhere.',
  },
  {
    english: 'share data, Approve data share',
    spanish: 'compartir datos ("Aprobar y compartir datos")',
    never: [/\bintercambi(o|ar) de datos\b/i, /\bintercambio\b/i],
    why: '"intercambio" suggests a two-way exchange; the member shares.',
  },
];

/** The terms a Spanish text breaks: each offending variant with the settled word to use. */
export function glossaryViolations(text: string): { found: string; use: string }[] {
  const found: { found: string; use: string }[] = [];
  for (const term of SPANISH_GLOSSARY) {
    for (const pattern of term.never) {
      const match = pattern.exec(text);
      if (match) found.push({ found: match[0], use: term.spanish });
    }
  }
  return found;
}
