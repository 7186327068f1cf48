import { getTranslations } from 'next-intl/server';
import { LanguageAccessNotices } from './language-access-notices';

/**
 * The footer of every page (member, account, developer portal, staff console): the site note, the
 * links for developers and staff, and the Section 1557 notices with the taglines.
 */
export async function SiteFooter() {
  const t = await getTranslations('layout');
  return (
    <footer id="site-footer" className="border-t border-slate-300 bg-slate-50">
      <div className="mx-auto max-w-5xl space-y-6 px-4 py-6 text-sm text-slate-700">
        <div className="flex flex-wrap justify-between gap-4">
          <p>{t('footerNote')}</p>
          <ul className="flex gap-4">
            <li>
              <a href="/developers">{t('developers')}</a>
            </li>
            <li>
              <a href="/staff">{t('staff')}</a>
            </li>
          </ul>
        </div>
        <LanguageAccessNotices id="footer-language-access" compact />
      </div>
    </footer>
  );
}
