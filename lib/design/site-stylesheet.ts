import fs from 'node:fs';
import path from 'node:path';
import tailwind from '@tailwindcss/postcss';
import browserslist from 'browserslist';
import { browserslistToTargets, transform } from 'lightningcss';
import postcss from 'postcss';

/**
 * Browsers the stylesheet is written for: browserslist's `defaults`, the set Next.js's own CSS
 * pipeline wrote for (hex colours before Tailwind's `oklch`, so an older phone's browser still
 * gets the plan's colours).
 */
const TARGETS = browserslistToTargets(browserslist('defaults'));

/**
 * The site's one stylesheet (app/globals.css through Tailwind, which reads the class names used
 * in the sources under `root`: app, components and lib without their tests, as globals.css's
 * `@source` lines say), minified. It goes into every page's HTML once, as an inline
 * <style> in the head (components/layout/inline-stylesheet.tsx), and nowhere else: the first
 * paint needs no second request, and the page's React Server Components payload does not carry
 * it again (Next.js's `inlineCss` wrote it there twice more, 40% of a page's gzipped bytes;
 * bench/pages/README.md). About 0.2 s, once when the server starts.
 */
export async function compileSiteStylesheet(root = process.cwd()): Promise<string> {
  const from = path.join(root, 'app', 'globals.css');
  const built = await postcss([tailwind({ base: root, optimize: false })]).process(fs.readFileSync(from, 'utf8'), { from });
  const { code } = transform({ filename: 'globals.css', code: Buffer.from(built.css), minify: true, targets: TARGETS });
  return safeInStyleElement(Buffer.from(code).toString('utf8'));
}

/**
 * The stylesheet as the text of a <style> element: nothing in it may close the element. Tailwind
 * writes a rule for any class-like word in the sources, an arbitrary value such as
 * `content-['</style>']` included, so `</style` is written `<\/style` (a CSS escape of the same
 * character).
 */
export function safeInStyleElement(css: string): string {
  return css.replace(/<\/(style)/gi, '<\\/$1');
}

const WATCHED = ['app', 'components', 'lib'];

/**
 * `npm run dev`: compiles the stylesheet again when a source changes (a new class name, an edit
 * to globals.css), so a reload shows it. Returns a function that stops watching.
 */
export function recompileOnChange(root: string, onCompiled: (css: string) => void, onError: (error: unknown) => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  const watchers = WATCHED.map((dir) =>
    fs.watch(path.join(root, dir), { recursive: true }, (_event, file) => {
      if (!file || !/\.(css|tsx?|mdx?)$/.test(file)) return;
      clearTimeout(timer);
      timer = setTimeout(() => compileSiteStylesheet(root).then(onCompiled, onError), 100);
    }),
  );
  return () => {
    clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
}
