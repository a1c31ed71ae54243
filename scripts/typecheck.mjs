// Type-checks the repository (sources, tests, committed generated packages) with TypeScript 6
// (`node scripts/typecheck.mjs 6`) or the native TypeScript 7 (`… 7`).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { root, run } from './lib.mjs';

const version = process.argv[2] ?? '6';
const tsc = join(
  root,
  'node_modules',
  version === '7' ? 'typescript7' : 'typescript',
  'bin',
  'tsc',
);
const projects = [
  'tsconfig.json',
  'examples/usage/tsconfig.json',
  'examples/app/tsconfig.json',
  'examples/usage/test/adapters/next-app/tsconfig.json',
  'examples/usage/test/adapters/readme/tsconfig.json',
  ...process.argv.slice(3),
].filter((p) => existsSync(join(root, p)));
let code = 0;
for (const project of projects) {
  console.log(`tsc ${version} -p ${project}`);
  code ||= run('node', [tsc, '-p', project, '--noEmit']);
}
process.exitCode = code;
