import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import en from '@/lib/i18n/messages/en/layout.json';
import { SiteHeader, StaffSiteHeader } from './site-header';

describe("the staff console's header", () => {
  it('has no language switch and none of the member navigation, and leads back to the console', () => {
    const html = renderToStaticMarkup(<StaffSiteHeader siteName={en.siteName} />);
    expect(html).toContain('href="/staff"');
    expect(html).toContain('staff console');
    expect(html).not.toContain('<form');
    expect(html).not.toContain(en.switchTo);
    expect(html).not.toContain('<nav');
    for (const label of [en.home, en.apps, en.account, en.help]) expect(html).not.toContain(`>${label}<`);
  });

  it('leaves the member header as it was: its navigation and the switch it is given', () => {
    const html = renderToStaticMarkup(
      <SiteHeader siteName={en.siteName} nav={{ label: en.mainNav, links: [{ href: '/apps', label: en.apps }] }} languageSwitch={<button type="submit">{en.switchTo}</button>} />,
    );
    expect(html).toContain(`<nav aria-label="${en.mainNav}"`);
    expect(html).toContain(`href="/apps"`);
    expect(html).toContain(en.switchTo);
    expect(html).toMatch(/<a[^>]*href="\/"/);
  });
});
