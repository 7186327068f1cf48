import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './content-security-policy';
import { stylesheetHashSources } from './stylesheet-hash-sources';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('the inlined stylesheet in the CSP', () => {
  it('allows exactly the bytes of each built stylesheet, by SHA-256', () => {
    const distDir = fs.mkdtempSync(path.join(os.tmpdir(), 'style-hash-'));
    dirs.push(distDir);
    fs.mkdirSync(path.join(distDir, 'static', 'chunks'), { recursive: true });
    const css = 'body{color:#0f172a}\n';
    fs.writeFileSync(path.join(distDir, 'static', 'chunks', 'a1.css'), css);
    fs.writeFileSync(path.join(distDir, 'static', 'chunks', 'a1.js'), 'ignored');
    const expected = `sha256-${createHash('sha256').update(css).digest('base64')}`;
    expect(stylesheetHashSources(distDir)).toEqual([expected]);

    const csp = contentSecurityPolicy('bm9uY2U=', { styleHashes: stylesheetHashSources(distDir) });
    const styleSrc = csp.split('; ').find((d) => d.startsWith('style-src'));
    expect(styleSrc).toBe(`style-src 'self' 'nonce-bm9uY2U=' '${expected}'`);
    expect(csp).not.toContain('unsafe-inline');
  });

  it('adds nothing without a build (dev) and keeps the nonce-only policy', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'style-hash-'));
    dirs.push(empty);
    expect(stylesheetHashSources(empty)).toEqual([]);
    expect(contentSecurityPolicy('bm9uY2U=', { dev: true })).toContain("style-src 'self' 'nonce-bm9uY2U='; ");
  });
});
