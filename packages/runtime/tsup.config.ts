import { defineConfig } from 'tsup';

// Two builds of one source. Messages are written `process.env.NODE_ENV !== 'production' ? full :
// code`, and each build fixes the condition, so no `process` reaches a browser:
// - `dist/` keeps every message: the server entries, Node, and development bundles (the
//   `development` and `node` export conditions) use it, with the declarations;
// - `dist/production/` has codes instead of messages (`CookieError.message` and `inspect()`
//   reasons are the error code): what a production browser bundle resolves (`browser` /
//   default), where each message would cost bytes on every page.
const common = {
  format: ['esm'],
  clean: false,
  target: 'es2022',
  treeshake: true,
  splitting: true,
  sourcemap: false,
} as const;

export default defineConfig([
  {
    ...common,
    entry: [
      'src/index.ts',
      'src/server.ts',
      'src/browser.ts',
      'src/banner.ts',
      'src/adapters/fetch.ts',
      'src/adapters/node.ts',
      'src/adapters/next.ts',
      'src/adapters/hono.ts',
    ],
    dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
    define: { 'process.env.NODE_ENV': '"development"' },
  },
  {
    ...common,
    entry: ['src/index.ts', 'src/browser.ts', 'src/banner.ts'],
    outDir: 'dist/production',
    dts: false,
    define: { 'process.env.NODE_ENV': '"production"' },
  },
]);
