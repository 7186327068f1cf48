import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contrast, parseColor, tailwindColor } from './colors';

// WCAG 1.4.11: the focus ring must reach 3:1 against every background it is drawn on. The ring is
// `--focus-ring` (app/globals.css); inside `.focus-on-dark` (the dark blue header and navigation)
// it is `--focus-ring-on-dark`. Backgrounds are found in the sources, so a new one is checked too.

const ROOTS = ['app', 'components'];
function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx$/.test(entry.name) && !entry.name.includes('.test.') ? [full] : [];
  });
}
const sources = ROOTS.flatMap((root) => sourceFiles(path.join(process.cwd(), root))).map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));

/** Background colour classes in plain (not hover:, focus:, aria-[…]:) use, with the class list around them. */
const backgrounds = sources.flatMap(({ file, text }) =>
  [...text.matchAll(/className="([^"]*)"/g)].flatMap((m) =>
    m[1]
      .split(/\s+/)
      .filter((cls) => /^bg-[a-z]+(-\d+)?$/.test(cls))
      .map((cls) => ({ file: path.relative(process.cwd(), file), colour: cls.slice(3), classes: m[1].split(/\s+/) })),
  ),
);

const ring = parseColor('var(--focus-ring)');
const ringOnDark = parseColor('var(--focus-ring-on-dark)');
const WHITE = tailwindColor('white');

// Dark surfaces and why the ring is never drawn on them with the light-page colour.
const DARK_SURFACES: Record<string, string> = {
  'components/layout/site-header.tsx': 'the header and navigation carry .focus-on-dark',
  'components/connect/step-shell.tsx': 'the progress bar holds nothing focusable',
  'app/(developer)/developers/page.tsx': 'a focusable code block: its ring is drawn outside it, on the white page',
  'app/(developer)/developers/apps/[appId]/page.tsx': 'a focusable code block: its ring is drawn outside it, on the white page',
};

describe('the focus ring', () => {
  it('finds the page backgrounds in the sources', () => {
    expect(backgrounds.length).toBeGreaterThan(20);
    expect(backgrounds.map((b) => b.colour)).toContain('brand-800');
  });

  it('reaches 3:1 against white and every light background the pages use', () => {
    const light = [...new Set(['white', 'slate-50', ...backgrounds.map((b) => b.colour)])].filter((c) => contrast(tailwindColor(c), WHITE) < 3);
    expect(light.length).toBeGreaterThan(4);
    for (const colour of light) expect(contrast(ring, tailwindColor(colour)), `ring on bg-${colour}`).toBeGreaterThanOrEqual(3);
  });

  it('reaches 3:1 on the dark blue header and navigation, which use the light ring', () => {
    const header = sources.find((s) => s.file.endsWith('components/layout/site-header.tsx'))!.text;
    expect(header).toMatch(/<header className="[^"]*\bfocus-on-dark\b/);
    for (const colour of ['brand-700', 'brand-800']) {
      expect(contrast(ringOnDark, tailwindColor(colour)), `light ring on bg-${colour}`).toBeGreaterThanOrEqual(3);
      // The old single orange ring was 1.5:1 and 2.0:1 here.
      expect(contrast(ring, tailwindColor(colour))).toBeLessThan(3);
    }
    // The skip link appears over the header.
    const skip = sources.find((s) => s.file.endsWith('components/layout/skip-link.tsx'))!.text;
    expect(skip).toMatch(/focus-on-dark/);
  });

  it('is never drawn with the light-page colour on a dark background', () => {
    const dark = backgrounds.filter((b) => contrast(tailwindColor(b.colour), WHITE) >= 3);
    for (const surface of dark) {
      expect(DARK_SURFACES[surface.file] ?? (surface.classes.includes('focus-on-dark') ? 'own class' : undefined), `${surface.file}: bg-${surface.colour}`).toBeDefined();
    }
  });
});
