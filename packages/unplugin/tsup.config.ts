import { defineConfig } from 'tsup';

const entry = ['src/index.ts', 'src/vite.ts', 'src/rollup.ts', 'src/esbuild.ts', 'src/webpack.ts'];

export default defineConfig({
  entry,
  format: ['esm'],
  dts: { entry, compilerOptions: { ignoreDeprecations: '6.0' } },
  clean: false,
  target: 'node20',
  platform: 'node',
  sourcemap: false,
});
