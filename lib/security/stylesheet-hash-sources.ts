import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

let cached: { distDir: string; sources: string[] } | undefined;

/**
 * CSP sources ('sha256-…') for every stylesheet of the production build in `distDir`.
 * next.config's `inlineCss` writes them into the HTML as <style> elements, and React writes
 * those hoisted styles without the request's nonce (it takes a style nonce only as
 * `{ style }`, Next.js gives it a string), so the CSP allows them by hash instead: exactly the
 * bytes of the built files, nothing else inline. Read once; a build does not change under a
 * running server.
 */
export function stylesheetHashSources(distDir = path.join(process.cwd(), '.next')): string[] {
  if (cached?.distDir === distDir) return cached.sources;
  const sources: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.css')) sources.push(`sha256-${createHash('sha256').update(fs.readFileSync(full)).digest('base64')}`);
    }
  };
  const staticDir = path.join(distDir, 'static');
  if (fs.existsSync(staticDir)) walk(staticDir);
  cached = { distDir, sources: sources.sort() };
  return cached.sources;
}
