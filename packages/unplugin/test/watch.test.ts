// The plugin in watch mode: the Vite dev server, Rollup's watch, esbuild's context().watch() and
// webpack's watch regenerate the package when the schema changes (the bundlers' own rebuilds
// then pick up the new files); an invalid edit is reported with its located errors and keeps the
// previous package; fixing the schema regenerates again. Waits poll files and events (no fixed
// sleeps).
import { rmSync, writeFileSync } from 'node:fs';
import { context } from 'esbuild';
import { type RollupWatcher, watch as rollupWatch } from 'rollup';
import { createLogger, createServer, type ViteDevServer } from 'vite';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import webpack from 'webpack';
import esbuildPlugin from '../src/esbuild';
import { createGenerator } from '../src/generator';
import type { CookieSchemaPluginOptions } from '../src/index';
import rollupPlugin from '../src/rollup';
import vitePlugin from '../src/vite';
import webpackPlugin from '../src/webpack';
import {
  breakSchema,
  createProject,
  PACKAGE,
  type Project,
  readIfExists,
  referenceDoc,
  validateLines,
  waitFor,
} from './helpers';

const projects: Project[] = [];
function project(label: string): Project {
  const p = createProject(label.replace(/\W+/g, '-'));
  projects.push(p);
  return p;
}
const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});
afterAll(() => {
  for (const p of projects) rmSync(p.dir, { recursive: true, force: true });
});

const options: CookieSchemaPluginOptions = { schema: 'site.cookies.json', name: PACKAGE };

/** The reference schema with one more language for `lang` (a visible change to the client). */
function withLanguage(code: string) {
  const doc = referenceDoc();
  doc.cookies.django_language.value.values.push(code);
  return doc;
}

const hasLanguage = (text: string | undefined, code: string) =>
  text !== undefined && new RegExp(`['"]${code}['"]`).test(text);

/**
 * The scenario every bundler goes through. `bundle()` reads the latest bundle (undefined when
 * the bundler keeps it in memory), `failures()` the error texts reported so far.
 */
async function editSchemaWhileWatching(
  p: Project,
  bundle: () => string | undefined,
  failures: () => string[],
) {
  const client = () => readIfExists(p.path('cookies', 'src', 'client.ts'));
  await waitFor('the package generated at start', () => client() !== undefined);
  await waitFor('the first bundle', () => bundle()?.includes('django_language') ?? true);
  expect(hasLanguage(client(), 'pt')).toBe(false);

  p.writeSchema(withLanguage('pt'));
  await waitFor('the package regenerated', () => hasLanguage(client(), 'pt'));
  await waitFor('the bundle rebuilt with the new package', () => {
    const code = bundle();
    return code === undefined || hasLanguage(code, 'pt');
  });

  const generated = p.generated();
  const reported = failures().length;
  p.writeSchema(breakSchema(withLanguage('pt')));
  const expected = await validateLines(p);
  expect(expected.length).toBeGreaterThanOrEqual(2);
  // Every line, not just any error: a watcher may also see a half-written file first.
  const reportedSince = () => failures().slice(reported).join('\n');
  await waitFor('the errors reported', () => expected.every((l) => reportedSince().includes(l)));
  for (const line of expected) expect(reportedSince()).toContain(line);
  expect(p.generated()).toEqual(generated);

  p.writeSchema(withLanguage('sv'));
  await waitFor('the package regenerated after the fix', () => hasLanguage(client(), 'sv'));
  await waitFor('the bundle rebuilt after the fix', () => {
    const code = bundle();
    return code === undefined || hasLanguage(code, 'sv');
  });
  expect(hasLanguage(client(), 'pt')).toBe(false);
}

interface Watching {
  /** The latest bundle (undefined when the bundler keeps it in memory). */
  bundle(): string | undefined;
  /** Error texts reported so far. */
  errors: string[];
  /** Extra checks once the scenario is done. */
  finally?(): Promise<void>;
}

type StartWatching = (p: Project) => Promise<Watching>;

const viteDev: StartWatching = async (p) => {
  const errors: string[] = [];
  const logger = createLogger('silent');
  logger.error = (message) => {
    errors.push(message);
  };
  const server: ViteDevServer = await createServer({
    root: p.dir,
    configFile: false,
    customLogger: logger,
    server: { host: '127.0.0.1', port: 0, strictPort: false },
    optimizeDeps: { noDiscovery: true, include: [] },
    plugins: [vitePlugin(options)],
  });
  cleanups.push(() => server.close());
  await server.listen();
  const origin = server.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? '';
  expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  return {
    bundle: () => undefined,
    errors,
    async finally() {
      // The served entry imports the generated client by file; that file serves the new package.
      const entry = await (await fetch(`${origin}/entry.js`)).text();
      const clientUrl = /from\s+["']([^"']*cookies\/dist\/client\.js)["']/.exec(entry)?.[1];
      expect(clientUrl).toBeDefined();
      const served = await (await fetch(`${origin}${clientUrl}`)).text();
      expect(served).toContain('django_language');
      // The members of an enum are in its check, in the shared module.
      const shared = await (
        await fetch(`${origin}${clientUrl!.replace(/client\.js$/, 'shared.js')}`)
      ).text();
      expect(hasLanguage(shared, 'sv')).toBe(true);
    },
  };
};

const rollupWatching: StartWatching = async (p) => {
  const errors: string[] = [];
  const watcher: RollupWatcher = rollupWatch({
    input: p.path('entry.js'),
    external: [/^@cookie-schema\/runtime/],
    plugins: [rollupPlugin({ ...options, root: p.dir })],
    onwarn: () => {},
    output: { dir: p.path('rollup-dist'), format: 'es' },
    watch: { clearScreen: false },
  });
  cleanups.push(() => watcher.close());
  watcher.on('event', (event) => {
    if (event.code === 'ERROR') errors.push(event.error.message);
    if ('result' in event && event.result) void event.result.close();
  });
  return { bundle: () => readIfExists(p.path('rollup-dist', 'entry.js')) ?? '', errors };
};

const esbuildWatching: StartWatching = async (p) => {
  const errors: string[] = [];
  const ctx = await context({
    absWorkingDir: p.dir,
    entryPoints: ['entry.js'],
    bundle: true,
    format: 'esm',
    outfile: p.path('esbuild-dist', 'bundle.js'),
    logLevel: 'silent',
    plugins: [
      esbuildPlugin(options),
      {
        name: 'record-errors',
        setup(build) {
          build.onEnd((result) => {
            errors.push(...result.errors.map((e) => e.text));
          });
        },
      },
    ],
  });
  cleanups.push(() => ctx.dispose());
  await ctx.watch();
  return { bundle: () => readIfExists(p.path('esbuild-dist', 'bundle.js')) ?? '', errors };
};

const webpackWatching: StartWatching = async (p) => {
  const errors: string[] = [];
  const compiler = webpack({
    context: p.dir,
    mode: 'development',
    devtool: false,
    entry: './entry.js',
    output: { path: p.path('webpack-dist'), filename: 'bundle.js' },
    infrastructureLogging: { level: 'none' },
    plugins: [webpackPlugin(options)],
  });
  const watching = compiler.watch({ aggregateTimeout: 50 }, (error, stats) => {
    if (error) errors.push(error.message);
    for (const e of stats?.compilation.errors ?? []) errors.push(e.message);
  });
  if (!watching) throw new Error('webpack did not start watching');
  cleanups.push(() => new Promise((done) => watching.close(done)));
  return { bundle: () => readIfExists(p.path('webpack-dist', 'bundle.js')) ?? '', errors };
};

const WATCHERS: [string, StartWatching][] = [
  ['Vite dev server', viteDev],
  ['Rollup watch', rollupWatching],
  ['esbuild context().watch()', esbuildWatching],
  ['webpack watch', webpackWatching],
];

describe.each(WATCHERS)('%s', (label, start) => {
  it('regenerates on schema change and rebuilds; reports an invalid edit and keeps the package', async () => {
    const p = project(label);
    const watching = await start(p);
    await editSchemaWhileWatching(p, watching.bundle, () => watching.errors);
    await watching.finally?.();
  }, 180_000);

  it('watches a schema that is invalid at start: fixing it generates the package', async () => {
    const p = project(label);
    p.writeSchema(breakSchema(referenceDoc()));
    const expected = await validateLines(p);
    expect(expected.length).toBeGreaterThanOrEqual(2);
    const watching = await start(p);
    const reported = () => watching.errors.join('\n');
    await waitFor('the errors reported', () => expected.every((l) => reported().includes(l)));
    for (const line of expected) expect(reported()).toContain(line);
    expect(p.generated().size).toBe(0);

    p.writeSchema(withLanguage('sv'));
    await waitFor('the package generated after the fix', () =>
      hasLanguage(readIfExists(p.path('cookies', 'src', 'client.ts')), 'sv'),
    );
    await waitFor('the bundle built after the fix', () => {
      const code = watching.bundle();
      return code === undefined || hasLanguage(code, 'sv');
    });
    await watching.finally?.();
  }, 180_000);
});

it('esbuild watch: an entry that imports the generated files by path is rebuilt too', async () => {
  const p = project('esbuild-by-path');
  writeFileSync(
    p.path('entry.js'),
    "import { lang } from './cookies/dist/client.js';\nconsole.log(lang.get());\n",
  );
  // The first build needs the files before esbuild resolves the path.
  await createGenerator({ ...options, root: p.dir }).generate();
  const watching = await esbuildWatching(p);
  await editSchemaWhileWatching(p, watching.bundle, () => watching.errors);
}, 180_000);
