// Writes schemas/cookie-schema.json (and the copy shipped in the codegen package) from the zod
// model. The test `json-schema.test.ts` fails when the committed files are stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cookieSchemaJsonSchemaText } from '../packages/codegen/src/schema/json-schema';

const root = join(import.meta.dirname, '..');
const text = cookieSchemaJsonSchemaText();
for (const file of ['schemas/cookie-schema.json', 'packages/codegen/cookie-schema.json']) {
  writeFileSync(join(root, file), text);
  console.log(`wrote ${file}`);
}
