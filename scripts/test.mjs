// `npm test`: every test of the repository, from a fresh clone.
// Installs, builds, type-checks with TypeScript 6 and 7, lints, runs vitest (unit, CLI in child
// processes, real browser, real servers) and ends with one line `N passed, N failed`.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium, installAndBuild, root, run, runPnpm, step } from './lib.mjs';

installAndBuild();
ensureChromium();

const checks = [];
function check(name, fn) {
  step(name);
  const ok = fn() === 0;
  checks.push({ name, ok });
  console.log(ok ? `✓ ${name}` : `✗ ${name}`);
}

check('type-check (TypeScript 6)', () => run('node', ['scripts/typecheck.mjs', '6']));
check('type-check (TypeScript 7)', () => run('node', ['scripts/typecheck.mjs', '7']));
check('lint and format (biome)', () => runPnpm(['exec', 'biome', 'ci', '.']));

const results = join(root, '.vitest-results.json');
rmSync(results, { force: true });
step('vitest');
run(join(root, 'node_modules/.bin/vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${results}`,
]);

let passed = 0;
let failed = 0;
if (existsSync(results)) {
  const report = JSON.parse(readFileSync(results, 'utf8'));
  passed = report.numPassedTests ?? 0;
  failed = report.numFailedTests ?? 0;
  // A file that failed with no failing test (it did not load, a hook threw) counts once.
  for (const file of report.testResults ?? []) {
    const failing = (file.assertionResults ?? []).some((t) => t.status === 'failed');
    if (file.status === 'failed' && !failing) failed += 1;
  }
  if (report.numTotalTests === 0) failed += 1;
} else {
  console.error('vitest wrote no JSON report');
  failed += 1;
}
for (const c of checks) c.ok ? passed++ : failed++;

const failedChecks = checks.filter((c) => !c.ok).map((c) => c.name);
if (failedChecks.length) console.log(`\nfailed checks: ${failedChecks.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
