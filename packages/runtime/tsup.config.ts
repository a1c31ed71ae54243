import { defineConfig } from 'tsup';

export default defineConfig({
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
  format: ['esm'],
  dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
  clean: false,
  target: 'es2022',
  treeshake: true,
  splitting: true,
  sourcemap: false,
});
