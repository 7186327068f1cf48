import { describe, expect, it } from 'vitest';
import { classesInHtml, classesNeededBy, splitStylesheet, stylesheetFor } from './critical-stylesheet';
import { compileSiteStylesheet } from './site-stylesheet';

describe("a page's own part of the stylesheet", () => {
  it('reads the classes a selector needs as the class attribute writes them', () => {
    expect(classesNeededBy('.btn-primary')).toEqual(['btn-primary']);
    expect(classesNeededBy('.sm\\:grid-cols-2')).toEqual(['sm:grid-cols-2']);
    expect(classesNeededBy('.w-3\\/6')).toEqual(['w-3/6']);
    expect(classesNeededBy('.mt-0\\.5')).toEqual(['mt-0.5']);
    expect(classesNeededBy('.\\32 xl\\:p-4')).toEqual(['2xl:p-4']);
    expect(classesNeededBy('.\\[overflow-wrap\\:anywhere\\]')).toEqual(['[overflow-wrap:anywhere]']);
    expect(classesNeededBy(".after\\:content-\\[\\'\\'\\]:after")).toEqual(["after:content-['']"]);
    expect(classesNeededBy('.group:hover .group-hover\\:underline')).toEqual(['group', 'group-hover:underline']);
    expect(classesNeededBy('.focus\\:not-sr-only:focus')).toEqual(['focus:not-sr-only']);
    // One selector inside :where/:is/:has is needed; a list's branches, :not and attribute values are not.
    expect(classesNeededBy(':where(.space-y-2>:not(:last-child))')).toEqual(['space-y-2']);
    expect(classesNeededBy('.card:has(.badge)')).toEqual(['card', 'badge']);
    expect(classesNeededBy(':is(.a,.b) .c')).toEqual(['c']);
    expect(classesNeededBy('.row:not(.hidden)')).toEqual(['row']);
    expect(classesNeededBy('a[href$=".pdf"]')).toEqual([]);
    expect(classesNeededBy("a[data-x='.y'] .z")).toEqual(['z']);
    expect(classesNeededBy('h1,h2')).toEqual([]);
  });

  it('reads every class of the HTML, entities and odd spacing included', () => {
    const html = `<p class="a  b\n c"></p><div class='d'></div><span class="content-[&#x27;x&#x27;] e&amp;f"></span><i data-class="no"></i>`;
    expect([...classesInHtml(html)].sort()).toEqual(['a', 'b', 'c', "content-['x']", 'd', 'e&f']);
  });

  it('keeps the rules the page can use, every rule that needs no class, and the order and nesting of all', () => {
    const css =
      '@layer theme,base;@layer components;:root{--x:1}@property --tw-a{syntax:"*";inherits:false}h1{font-size:2rem}.a{color:red}.b{color:blue}'
      + '@media (min-width:40rem){.sm\\:a{color:green}.sm\\:b{color:pink}}@supports (x:y){@media print{.b{c:d}}}'
      + '@keyframes spin{to{transform:rotate(1turn)}}.a .b,.c{x:y}.a:not(.z){x:z}';
    const split = splitStylesheet(css);
    expect(stylesheetFor(split, new Set(['a', 'sm:a']))).toBe(
      '@layer theme,base;@layer components;:root{--x:1}@property --tw-a{syntax:"*";inherits:false}h1{font-size:2rem}.a{color:red}'
      + '@media (min-width:40rem){.sm\\:a{color:green}}@keyframes spin{to{transform:rotate(1turn)}}.a:not(.z){x:z}',
    );
    expect(stylesheetFor(split, new Set(['c']))).toContain('.a .b,.c{x:y}');
    expect(stylesheetFor(split, new Set(['a', 'b', 'sm:a', 'sm:b', 'c', 'z']))).toBe(css);
  });

  it('cuts the real stylesheet about in half for a page of the site, and keeps what that page uses', async () => {
    const css = await compileSiteStylesheet();
    const html = '<body class="flex min-h-screen flex-col"><a class="btn-primary sm:w-auto" href="/">x</a><ul class="space-y-2"><li class="w-3/6">y</li></ul></body>';
    const own = stylesheetFor(splitStylesheet(css), classesInHtml(html));
    expect(own.length).toBeLessThan(css.length * 0.7);
    for (const kept of ['.btn-primary{', '.min-h-screen{', '.w-3\\/6{', ':where(.space-y-2>:not(:last-child))', 'h1{']) expect(own).toContain(kept);
    for (const left of ['.btn-secondary{', '.max-w-3xl{', '.w-5\\/6{']) {
      expect(css).toContain(left);
      expect(own).not.toContain(left);
    }
    // Still one stylesheet a browser reads: every block closed.
    expect(own.split('{').length).toBe(own.split('}').length);
  });

  it('gives back the real stylesheet byte for byte, but for its licence comment, for a page that uses every class (nothing lost between rules)', async () => {
    const css = await compileSiteStylesheet();
    const every = new Set<string>();
    const postcss = (await import('postcss')).default;
    postcss.parse(css).walkRules((rule) => rule.selectors.forEach((selector) => classesNeededBy(selector).forEach((name) => every.add(name))));
    expect(every.size).toBeGreaterThan(150);
    // Comments are left out (Tailwind's licence line; the whole file keeps it).
    expect(stylesheetFor(splitStylesheet(css), every)).toBe(css.replace(/^\/\*![^*]*\*\/\n?/, ''));
  });
});
