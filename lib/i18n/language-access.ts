import { PAYER } from '@/lib/payer';
import { TAGLINES, taglineText, type Tagline } from './taglines';

/**
 * The two Section 1557 notices (45 CFR 92.10 nondiscrimination, 92.11 availability of language
 * assistance and auxiliary aids) and the taglines, as one list of parts in the reader's language.
 * The page footer (components/layout/language-access-notices.tsx), `/help` and every email
 * (lib/server/mail/render-mail.ts) all take them from here, so none can leave one out.
 */
export const LANGUAGE_ACCESS_NOTICE_KEYS = ['nondiscrimination', 'help', 'complaint'] as const;

export const LANGUAGE_ACCESS_VALUES = {
  payer: PAYER.name,
  phone: PAYER.customerServicePhone,
  tty: PAYER.customerServiceTty,
  ocrUrl: PAYER.ocrComplaintUrl,
} as const;

export interface RenderedTagline extends Pick<Tagline, 'lang' | 'dir' | 'englishName' | 'nativeName'> {
  text: string;
}

export function renderedTaglines(): RenderedTagline[] {
  return TAGLINES.map((tagline) => ({
    lang: tagline.lang,
    dir: tagline.dir,
    englishName: tagline.englishName,
    nativeName: tagline.nativeName,
    text: taglineText(tagline, { phone: PAYER.customerServicePhone, tty: PAYER.customerServiceTty }),
  }));
}
