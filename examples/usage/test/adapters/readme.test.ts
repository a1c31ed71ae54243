// The examples of packages/runtime/README.md § Adapters are file snapshots here, so that the
// type-check compiles them: readme/*.ts (tsconfig of its own: one Express app per program) and
// next-app/app/readme/* (built by next.test.ts). After editing the README, update them with
// `pnpm exec vitest run examples/usage/test/adapters/readme.test.ts -u`.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const README = new URL('../../../../packages/runtime/README.md', import.meta.url);
const HEADER = `// An example of packages/runtime/README.md § Adapters (a file snapshot of readme.test.ts),
// with the reference schema's package for @acme/cookies.
`;
const FILES = [
  'readme/fetch.ts',
  'readme/hono.ts',
  'readme/hono-fetch.ts',
  'readme/node.ts',
  'next-app/app/readme/actions.ts',
  'next-app/app/readme/page.tsx',
];

it('each example of the README compiles as one of these files', async () => {
  const readme = readFileSync(README, 'utf8');
  const start = readme.indexOf('## Adapters');
  const section = readme.slice(start, readme.indexOf('\n## ', start));
  const blocks = [...section.matchAll(/```tsx?\n([\s\S]*?)```/g)].map((m) => m[1]!);
  expect(blocks).toHaveLength(FILES.length);
  for (const [i, block] of blocks.entries()) {
    const code = HEADER + block.replaceAll('@acme/cookies/', '@examples/opendatasoft-cookies/');
    await expect(code).toMatchFileSnapshot(fileURLToPath(new URL(FILES[i]!, import.meta.url)));
  }
});
