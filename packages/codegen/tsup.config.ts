import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/cli.ts'],
  format: ['esm'],
  dts: { entry: ['src/index.ts'], compilerOptions: { ignoreDeprecations: '6.0' } },
  clean: false,
  target: 'node20',
  platform: 'node',
  sourcemap: false,
});
