// `npm run demo`: the main job, from a fresh clone with only Node 20 and npm.
// Installs, builds, validates the bundled example schemas, generates their typed packages and the
// policy pages, and says where everything is. `npm run demo -- --serve` then starts the example
// app (examples/app) and prints its URL (PORT sets the port; Ctrl+C stops it).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { installAndBuild, must, root, run, step } from './lib.mjs';

const serve = process.argv.includes('--serve');

installAndBuild();

const cli = join(root, 'packages/codegen/bin/cookie-schema.js');
const out = join(root, '.out');
mkdirSync(out, { recursive: true });
const examples = [
  ['opendatasoft', ['en', 'fr']],
  ['shop', ['en', 'de']],
];
const written = [];
for (const [name, locales] of examples) {
  const schema = `schemas/examples/${name}.cookies.json`;
  step(`cookie-schema validate ${schema}`);
  must('node', [cli, 'validate', schema]);
  step(`cookie-schema generate ${schema}`);
  const pkg = `examples/generated/${name}`;
  must('node', [
    cli,
    'generate',
    schema,
    '--out',
    pkg,
    '--name',
    `@examples/${name}-cookies`,
    '--runtime',
    'workspace:*',
  ]);
  written.push(`typed package   ${join(root, pkg)}  (src/, dist/, README.md)`);
  for (const locale of locales) {
    for (const format of ['html', 'md']) {
      const file = join(out, `${name}-policy.${locale}.${format}`);
      must('node', [cli, 'policy', schema, '--format', format, '--locale', locale, '--out', file]);
      written.push(`policy page     ${file}`);
    }
  }
}

step('done');
console.log(`${written.join('\n')}
JSON Schema     ${join(root, 'schemas/cookie-schema.json')}  (point "$schema" at it for completion)
CLI             pnpm exec cookie-schema --help   (or: node ${cli} --help)
Example app     npm run app   (or: npm run demo -- --serve)`);

if (serve) {
  step('example app (examples/app)');
  process.exitCode = run('node', [join(root, 'examples/app/start.mjs')]);
}
