import { getTranslations } from 'next-intl/server';
import { LANGUAGE_ACCESS_VALUES, renderedTaglines } from '@/lib/i18n/language-access';

interface Props {
  /** Unique on the page: the footer and `/help` both show the notices. */
  id: string;
  /** The notices' heading level: 2 in the footer and on `/help`. */
  level?: 2 | 3;
  compact?: boolean;
}

/**
 * Section 1557's notice of nondiscrimination, notice of free language help and auxiliary aids, and
 * the taglines in the state's top 15 languages, each in its own script with its `lang` and `dir`.
 */
export async function LanguageAccessNotices({ id, level = 2, compact = false }: Props) {
  const t = await getTranslations('languageAccess');
  const Heading = `h${level}` as 'h2' | 'h3';
  const Sub = `h${level + 1}` as 'h3' | 'h4';
  const sub = compact ? 'text-base font-semibold' : 'text-lg font-semibold';
  // In the footer (already the page's contentinfo landmark) not a second region of the same name.
  const Box = compact ? 'div' : 'section';
  return (
    <Box aria-labelledby={compact ? undefined : id} data-language-access="" className="space-y-3 [overflow-wrap:anywhere]">
      <Heading id={id} className={compact ? 'text-lg font-semibold' : undefined}>
        {t('title')}
      </Heading>
      <div className="space-y-1">
        <Sub className={sub}>{t('nondiscriminationTitle')}</Sub>
        <p data-notice="nondiscrimination">{t('nondiscrimination', LANGUAGE_ACCESS_VALUES)}</p>
      </div>
      <div className="space-y-1">
        <Sub className={sub}>{t('helpTitle')}</Sub>
        <p data-notice="language-help">{t('help', LANGUAGE_ACCESS_VALUES)}</p>
        <p>
          {t.rich('complaint', {
            ...LANGUAGE_ACCESS_VALUES,
            link: (chunks) => <a href={LANGUAGE_ACCESS_VALUES.ocrUrl}>{chunks}</a>,
          })}
        </p>
      </div>
      <div className="space-y-1">
        <Sub className={sub}>{t('taglinesTitle')}</Sub>
        {/* Laid out only when near the screen: the taglines' 15 scripts send the browser looking
            for fonts, which on a phone without them made the first layout of every page 2-3 times
            as long (bench/pages/README.md). Still read by screen readers and found by find-in-page. */}
        <ul aria-label={t('taglinesLabel')} className="grid gap-x-6 gap-y-2 [contain-intrinsic-size:auto_40rem] [content-visibility:auto] sm:grid-cols-2">
          {renderedTaglines().map((tagline) => (
            <li key={tagline.lang} lang={tagline.lang} dir={tagline.dir} data-tagline={tagline.lang}>
              {tagline.text}
            </li>
          ))}
        </ul>
      </div>
    </Box>
  );
}
