// The Next.js app of test/adapters/next.test.ts. It resolves `next`, `react` and the workspace
// packages through examples/usage's node_modules (pnpm links into the repository), so the
// repository is the root.
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../../../', import.meta.url));

/** @type {import('next').NextConfig} */
export default {
  // Type-checked by scripts/typecheck.mjs with TypeScript 6 and 7 (tsconfig.json here).
  typescript: { ignoreBuildErrors: true },
  turbopack: { root },
  outputFileTracingRoot: root,
};
