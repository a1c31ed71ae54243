// `npm run demo`: the main job, from a fresh clone with only Node 20 and npm.
// Installs, builds, validates the bundled example schemas and says where everything is.
import { join } from 'node:path';
import { installAndBuild, must, root, step } from './lib.mjs';

installAndBuild();

const cli = join(root, 'packages/codegen/bin/cookie-schema.js');
const schemas = [
  'schemas/examples/opendatasoft.cookies.json',
  'schemas/examples/shop.cookies.json',
];
for (const schema of schemas) {
  step(`cookie-schema validate ${schema}`);
  must('node', [cli, 'validate', schema]);
}

step('done');
console.log(`Example schemas:     ${schemas.map((s) => join(root, s)).join('\n                     ')}
JSON Schema (editor): ${join(root, 'schemas/cookie-schema.json')}
CLI:                 pnpm exec cookie-schema --help   (or node ${cli} --help)`);
