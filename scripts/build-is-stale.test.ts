import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildIsStale, markBuiltFrom } from './build-is-stale';

const roots: string[] = [];
afterEach(() => roots.splice(0).forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

/** A project with one source and a build, each dated (seconds since an arbitrary start). */
function project(sourceAt: number, buildIdAt: number): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'stale-'));
  roots.push(root);
  const t0 = Date.now() / 1000 - 3600;
  fs.mkdirSync(path.join(root, 'app'));
  fs.mkdirSync(path.join(root, '.next'));
  fs.writeFileSync(path.join(root, 'app', 'page.tsx'), 'export default () => null;\n');
  fs.writeFileSync(path.join(root, '.next', 'BUILD_ID'), 'x');
  fs.utimesSync(path.join(root, 'app'), t0, t0);
  fs.utimesSync(path.join(root, 'app', 'page.tsx'), t0 + sourceAt, t0 + sourceAt);
  fs.utimesSync(path.join(root, '.next', 'BUILD_ID'), t0 + buildIdAt, t0 + buildIdAt);
  return root;
}

describe('buildIsStale', () => {
  it('is false when every source is older than the build, true when one is newer or there is no build', () => {
    expect(buildIsStale(project(10, 20))).toBe(false);
    expect(buildIsStale(project(30, 20))).toBe(true);
    const noBuild = project(10, 20);
    fs.rmSync(path.join(noBuild, '.next', 'BUILD_ID'));
    expect(buildIsStale(noBuild)).toBe(true);
  });

  it('builds again after a source saved while the last build ran (the build is dated by its start)', () => {
    // The build started at 10 s, the source was saved at 15 s, the build wrote BUILD_ID at 20 s.
    const root = project(15, 20);
    expect(buildIsStale(root)).toBe(false);
    markBuiltFrom(root, new Date((Date.now() / 1000 - 3600 + 10) * 1000));
    expect(buildIsStale(root)).toBe(true);
  });
});
