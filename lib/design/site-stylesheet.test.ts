import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '@/lib/security/content-security-policy';
import { compileSiteStylesheet, safeInStyleElement } from './site-stylesheet';
import { publishSiteStylesheet, publishedSiteStylesheet } from './site-stylesheet-slot';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** The stylesheet of a project of one page, whose JSX is `page`, with this project's Tailwind. */
async function compileProjectOf(page: string): Promise<string> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'site-css-'));
  dirs.push(root);
  fs.mkdirSync(path.join(root, 'app'));
  fs.symlinkSync(path.resolve('node_modules'), path.join(root, 'node_modules'));
  fs.writeFileSync(path.join(root, 'app', 'globals.css'), '@import "tailwindcss";\n');
  fs.writeFileSync(path.join(root, 'app', 'page.tsx'), `export default () => ${page};\n`);
  return compileSiteStylesheet(root);
}

describe('the site stylesheet', () => {
  it('is the Tailwind build of app/globals.css for the classes the sources use, minified, with colours older browsers read', async () => {
    const css = await compileSiteStylesheet();
    // Component classes of globals.css and utilities found in the sources.
    expect(css).toMatch(/\.btn-primary\{/);
    expect(css).toMatch(/\.focus-on-dark/);
    expect(css).toMatch(/\.max-w-3xl\{/);
    // The plan's brand colour; Tailwind's slate as hex (app/globals.css gives it so).
    expect(css).toContain('#14558f');
    expect(css).toMatch(/--color-slate-900:#[0-9a-f]{3,6}[;}]/);
    // Nothing left for a browser to resolve, and no line breaks or indentation.
    expect(css).not.toMatch(/@import|@apply|@theme/);
    expect(css.split('\n').length).toBeLessThan(5);
  });

  it('reads the pages\' sources only: nothing from tests, fixtures or words in code, one copy of each colour', async () => {
    const css = await compileSiteStylesheet();
    // Class-like words of this very test file, of e2e and of the docs are not in the pages.
    expect(css).not.toMatch(/\.before\\:content-/);
    expect(css).not.toMatch(/\.(text-center|underline-offset-8|pr-9)\{/);
    // Words in code that Tailwind took for classes (`.filter(`, `transform`, `visible`): blocked in globals.css.
    expect(css).not.toMatch(/\.(filter|transform|transition|visible|static|table)\{/);
    expect(css).not.toMatch(/--tw-(blur|rotate-x|skew-x)/);
    // Tailwind's own colours are hex in the theme: no lab() second copy inside @supports.
    expect(css).not.toContain('lab(');
    // What the pages do use is still there: the progress bar's widths, a class only a page uses.
    expect(css).toContain('.w-3\\/6{');
    expect(css).toMatch(/\.after\\:content-\\\[\\'\\'\\\]:after\{/);
    expect(css).toMatch(/\.transition-colors\{/);
  });

  it('holds only the classes found in the sources it reads', async () => {
    const css = await compileProjectOf('<p className="text-center underline-offset-8">x</p>');
    expect(css).toMatch(/\.text-center\{/);
    expect(css).toMatch(/\.underline-offset-8\{/);
    expect(css).not.toMatch(/\.btn-primary/);
  });

  it('never closes its <style> element, whatever a source holds', async () => {
    const css = await compileProjectOf(`<p className="before:content-['</style><b>x</b>']">x</p>`);
    expect(css).toContain('<\\/style');
    expect(css).not.toMatch(/<\/style/i);
    expect(safeInStyleElement('a{content:"</STYLE>"}')).toBe('a{content:"<\\/STYLE>"}');
  });

  it('is handed to the page renderer through one slot on globalThis, and allowed by the nonce alone', () => {
    publishSiteStylesheet('p{color:red}');
    expect(publishedSiteStylesheet()).toBe('p{color:red}');
    expect((globalThis as Record<symbol, unknown>)[Symbol.for('consent-hub.site-stylesheet')]).toBe('p{color:red}');
    const csp = contentSecurityPolicy('bm9uY2U=');
    expect(csp.split('; ').find((d) => d.startsWith('style-src'))).toBe("style-src 'self' 'nonce-bm9uY2U='");
    expect(csp).not.toContain('unsafe-inline');
  });
});
