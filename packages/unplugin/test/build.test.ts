// The plugin in real one-shot builds of Vite 8, Rollup 4, esbuild and webpack 5 (their JS APIs):
// the package is generated at build start and the bundle resolves the generated client; an
// invalid schema fails the build with every located error and writes nothing; an unchanged
// rebuild rewrites nothing; the package is byte for byte what the CLI writes.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build as esbuild } from 'esbuild';
import { rollup } from 'rollup';
import { build as viteBuild } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import webpack from 'webpack';
import esbuildPlugin from '../src/esbuild';
import type { CookieSchemaPluginOptions } from '../src/index';
import rollupPlugin from '../src/rollup';
import vitePlugin from '../src/vite';
import webpackPlugin from '../src/webpack';
import {
  breakSchema,
  cli,
  createProject,
  PACKAGE,
  type Project,
  referenceDoc,
  validateLines,
} from './helpers';

const projects: Project[] = [];
function project(label: string): Project {
  const p = createProject(label);
  projects.push(p);
  return p;
}
afterAll(() => {
  for (const p of projects) rmSync(p.dir, { recursive: true, force: true });
});

const options: CookieSchemaPluginOptions = { schema: 'site.cookies.json', name: PACKAGE };

/** Bundles the project's entry.js with the plugin; resolves to the bundle's code. */
type Bundle = (p: Project, options: CookieSchemaPluginOptions) => Promise<string>;

const bundleWithEsbuild: Bundle = async (p, options) => {
  const result = await esbuild({
    absWorkingDir: p.dir,
    entryPoints: ['entry.js'],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
    plugins: [esbuildPlugin(options)],
  });
  return result.outputFiles[0]!.text;
};

const bundleWithRollup: Bundle = async (p, options) => {
  const bundle = await rollup({
    input: p.path('entry.js'),
    // Rollup resolves no bare import without @rollup/plugin-node-resolve; the runtime stays one.
    external: [/^@cookie-schema\/runtime/],
    plugins: [rollupPlugin({ ...options, root: p.dir })],
    onwarn: () => {},
  });
  try {
    const { output } = await bundle.generate({ format: 'es' });
    return output[0].code;
  } finally {
    await bundle.close();
  }
};

const bundleWithVite: Bundle = async (p, options) => {
  const result = await viteBuild({
    root: p.dir,
    configFile: false,
    logLevel: 'silent',
    plugins: [vitePlugin(options)],
    build: {
      write: false,
      minify: false,
      lib: { entry: 'entry.js', formats: ['es'], fileName: 'bundle' },
    },
  });
  const outputs = Array.isArray(result) ? result : [result];
  const chunk = outputs
    .flatMap((o) => ('output' in o ? o.output : []))
    .find((c) => c.type === 'chunk');
  if (chunk?.type !== 'chunk') throw new Error('vite produced no chunk');
  return chunk.code;
};

const bundleWithWebpack: Bundle = async (p, options) => {
  const compiler = webpack({
    context: p.dir,
    mode: 'production',
    entry: './entry.js',
    output: { path: p.path('webpack-dist'), filename: 'bundle.js' },
    optimization: { minimize: false },
    infrastructureLogging: { level: 'none' },
    plugins: [webpackPlugin(options)],
  });
  await new Promise<void>((done, fail) => {
    compiler.run((error, stats) => {
      compiler.close(() => {
        if (error) fail(error);
        else if (stats?.hasErrors()) fail(new Error(stats.toString({ all: false, errors: true })));
        else done();
      });
    });
  });
  return readFileSync(p.path('webpack-dist', 'bundle.js'), 'utf8');
};

const BUNDLERS: [string, Bundle, number][] = [
  ['esbuild', bundleWithEsbuild, 60_000],
  ['Rollup', bundleWithRollup, 60_000],
  ['Vite', bundleWithVite, 90_000],
  ['webpack', bundleWithWebpack, 120_000],
];

describe.each(BUNDLERS)('%s', (label, bundle, timeout) => {
  it(
    'generates the package at build start, and the bundle imports its client; an unchanged rebuild writes nothing',
    async () => {
      const p = project(label);
      expect(p.generated().size).toBe(0);
      const code = await bundle(p, options);
      const files = p.generated();
      expect(JSON.parse(files.get('package.json') ?? '{}').name).toBe(PACKAGE);
      expect([...files.keys()]).toEqual(
        expect.arrayContaining(['src/client.ts', 'dist/client.js', 'dist/client.d.ts']),
      );
      // The lang accessor's cookie exists only in the generated package: it was resolved.
      expect(code).toContain('django_language');
      expect(code).not.toContain('sessionid'); // HttpOnly: not in the client module

      const mtimes = p.mtimes();
      const again = await bundle(p, options);
      expect(again).toContain('django_language');
      expect(p.mtimes()).toEqual(mtimes);
      expect(p.generated()).toEqual(files);
    },
    timeout,
  );

  it(
    'fails with every located schema error, as `validate` prints them, and leaves the package intact',
    async () => {
      const p = project(label);
      await bundle(p, options);
      const files = p.generated();
      const mtimes = p.mtimes();
      p.writeSchema(breakSchema(referenceDoc()));
      const expected = await validateLines(p);
      expect(expected.length).toBeGreaterThanOrEqual(2);
      const error = await bundle(p, options).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error).toBeInstanceOf(Error);
      for (const line of expected) expect(error?.message).toContain(line);
      expect(error?.message).toContain('site.cookies.json is invalid (2 errors)');
      expect(p.generated()).toEqual(files);
      expect(p.mtimes()).toEqual(mtimes);
    },
    timeout,
  );
});

describe('the generated package', () => {
  it.each([
    ['defaults', {}, ['generate', 'site.cookies.json']],
    [
      'out, name and runtime',
      { out: 'src/cookies', name: '@acme/cookies', runtime: 'workspace:*' },
      [
        'generate',
        'site.cookies.json',
        '--out',
        'src/cookies',
        '--name',
        '@acme/cookies',
        '--runtime',
        'workspace:*',
      ],
    ],
  ] as const)(
    'is byte for byte what the CLI writes (%s)',
    async (_label, extra, args) => {
      const viaPlugin = project('same-plugin');
      const viaCli = project('same-cli');
      writeFileSync(viaPlugin.path('entry.js'), 'export {};\n');
      await bundleWithEsbuild(viaPlugin, { schema: 'site.cookies.json', ...extra });
      const result = await cli([...args], viaCli.dir);
      expect(result.code).toBe(0);
      const out = 'out' in extra ? extra.out : 'cookies';
      const fromCli = viaCli.generated(out);
      expect(fromCli.size).toBeGreaterThanOrEqual(14);
      expect(viaPlugin.generated(out)).toEqual(fromCli);
      expect(fromCli.get('src/client.ts')).toContain(`cookie-schema ${args.join(' ')}`);
    },
    60_000,
  );

  it('refuses to overwrite a directory that it did not generate', async () => {
    const p = project('foreign');
    writeFileSync(p.path('entry.js'), 'export {};\n');
    mkdirSync(p.path('cookies'));
    writeFileSync(p.path('cookies', 'package.json'), '{"name":"mine"}');
    await expect(bundleWithEsbuild(p, options)).rejects.toThrow(
      /is not a package generated by cookie-schema; refusing to overwrite it/,
    );
    expect(readFileSync(p.path('cookies', 'package.json'), 'utf8')).toBe('{"name":"mine"}');
  });

  it('reports a missing schema file at its path', async () => {
    const p = project('missing');
    await expect(bundleWithEsbuild(p, { ...options, schema: 'nope.cookies.json' })).rejects.toThrow(
      /nope\.cookies\.json:1:1 \/: file not found/,
    );
    expect(p.generated().size).toBe(0);
  });
});
