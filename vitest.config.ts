import { defineConfig } from 'vitest/config';

/**
 * Two tiers, one suite: `npm test` (and CI) runs both projects.
 * - `unit` (`pnpm test:unit`, well under a minute): tests beside the source, pure functions of
 *   the runtime, the schema, the generator, the renderers, the scan and the audit.
 * - `integration` (`pnpm test:integration`): what needs a real part — the CLI in child
 *   processes, real HTTP servers on loopback (Node, Express, Hono, a built Next app), the four
 *   bundlers, TypeScript compiling generated packages, and Chromium.
 */
const UNIT = ['packages/*/src/**/*.test.ts', 'scripts/**/*.test.ts'];
const INTEGRATION = ['packages/*/test/**/*.test.ts', 'examples/**/test/**/*.test.ts'];

export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: UNIT } },
      { extends: true, test: { name: 'integration', include: INTEGRATION } },
    ],
  },
});
