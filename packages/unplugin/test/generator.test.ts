// The bundler-independent part of the plugin: options resolved against the root as the CLI
// would be given them, imports of the package mapped to its files, one run at a time, and no
// emit while the schema text is unchanged.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CookieSchemaError,
  createGenerator,
  outDirFilter,
  packageImportFilter,
  resolvePackageImport,
} from '../src/generator';
import { cookieSchema } from '../src/index';
import { breakSchema, createProject, type Project, referenceDoc } from './helpers';

const emits = vi.hoisted(() => ({ count: 0 }));
vi.mock('@cookie-schema/codegen', async (importOriginal) => {
  const codegen = await importOriginal<typeof import('@cookie-schema/codegen')>();
  return {
    ...codegen,
    generateFiles: (...args: Parameters<typeof codegen.generateFiles>) => {
      emits.count++;
      return codegen.generateFiles(...args);
    },
  };
});

const projects: Project[] = [];
function project(label: string): Project {
  const p = createProject(label);
  projects.push(p);
  return p;
}
afterAll(() => {
  for (const p of projects) rmSync(p.dir, { recursive: true, force: true });
});
beforeEach(() => {
  emits.count = 0;
});

describe('options', () => {
  it.each([
    [
      'defaults',
      {},
      { schema: 'cookies.json', out: 'cookies', name: 'cookies', runtime: undefined },
    ],
    [
      'a .cookies.json schema names the package like the CLI',
      { schema: 'config/site.cookies.json' },
      { schema: 'config/site.cookies.json', out: 'cookies', name: 'site-cookies' },
    ],
    [
      'absolute paths are written relative to the root',
      { schema: '/app/shop.json', out: '/app/src/cookies/', name: '@acme/cookies', runtime: '^1' },
      { schema: 'shop.json', out: 'src/cookies', name: '@acme/cookies', runtime: '^1' },
    ],
    [
      'paths outside the root keep their ..',
      { schema: '../config/site.cookies.json', out: './gen' },
      { schema: '../config/site.cookies.json', out: 'gen', name: 'site-cookies' },
    ],
  ] as const)('%s', (_label, given, want) => {
    const generator = createGenerator({ ...given, root: '/app' });
    const paths = generator.paths();
    expect(paths.target).toMatchObject({ ...want, cwd: '/app' });
    expect(paths.schema).toBe(join('/app', want.schema));
    expect(paths.out).toBe(join('/app', want.out));
  });

  it('takes the root from the bundler unless `root` is given', () => {
    const found = createGenerator({});
    found.useRoot('/srv/site');
    expect(found.paths().out).toBe(join('/srv/site', 'cookies'));
    const fixed = createGenerator({ root: '/app' });
    fixed.useRoot('/srv/site');
    expect(fixed.paths().out).toBe(join('/app', 'cookies'));
  });
});

describe('imports of the generated package', () => {
  const paths = createGenerator({
    root: '/app',
    out: 'src/cookies',
    name: '@acme/cookies',
  }).paths();

  it.each([
    ['@acme/cookies/client', join('/app/src/cookies/dist/client.js')],
    ['@acme/cookies/server', join('/app/src/cookies/dist/server.js')],
    ['@acme/cookies/policy', join('/app/src/cookies/dist/policy.js')],
    ['@acme/cookies/shared', undefined],
    ['@acme/cookies', undefined],
    ['@acme/cookies-other/client', undefined],
    ['@acme/cookiesXclient', undefined],
  ])('%s → %s', (id, want) => {
    expect(resolvePackageImport(paths, id)).toBe(want);
    expect(packageImportFilter('@acme/cookies').test(id)).toBe(want !== undefined);
  });

  it('the output directory filter matches its files only', () => {
    const filter = outDirFilter('/app/src/cookies');
    expect(filter.test('/app/src/cookies/dist/client.js')).toBe(true);
    expect(filter.test('/app/src/cookies-x/dist/client.js')).toBe(false);
    expect(filter.test('/app/src/cookies')).toBe(false);
    expect(outDirFilter('C:\\app\\out').test('C:\\app\\out\\dist\\client.js')).toBe(true);
  });
});

describe('generate', () => {
  it('runs one at a time: calls made while a run waits to start share it', async () => {
    const p = project('queue');
    const generator = createGenerator({ root: p.dir, schema: 'site.cookies.json' });
    const first = generator.generate();
    expect(generator.generate()).toBe(first); // not started yet: the same run
    await new Promise((started) => setImmediate(started));
    const second = generator.generate(); // queued behind the first
    const third = generator.generate();
    expect(third).toBe(second);
    expect((await first).write.written.length).toBeGreaterThanOrEqual(14);
    expect((await second).write.written).toEqual([]);
    expect(emits.count).toBe(1); // the second run found the same schema text
  });

  it('emits again only when the schema text changes', async () => {
    const p = project('cache');
    const generator = createGenerator({ root: p.dir, schema: 'site.cookies.json' });
    await generator.generate();
    await generator.generate();
    expect(emits.count).toBe(1);
    const doc = referenceDoc();
    doc.cookies.django_language.value.values.push('pt');
    p.writeSchema(doc);
    const changed = await generator.generate();
    expect(emits.count).toBe(2);
    expect(changed.write.written).toContain('src/client.ts');
  });

  it('rejects an invalid schema with a CookieSchemaError that carries every diagnostic', async () => {
    const p = project('invalid');
    p.writeSchema(breakSchema(referenceDoc()));
    const generator = createGenerator({ root: p.dir, schema: 'site.cookies.json' });
    const error = await generator.generate().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CookieSchemaError);
    const { diagnostics, message, stack } = error as CookieSchemaError;
    expect(diagnostics.map((d) => d.code).sort()).toEqual(['max-age-cap', 'unknown-category']);
    expect(message).toMatch(/^site\.cookies\.json:\d+:\d+ \/cookies\/sessionid\/maxAge: /m);
    expect(stack).toBe(`CookieSchemaError: ${message}`);
    expect(p.generated().size).toBe(0);
  });

  it('returns the warnings of a valid schema, formatted as the CLI prints them', async () => {
    const p = project('warnings');
    const doc = referenceDoc();
    doc.cookies._pk_id = { ...doc.cookies['_pk_id.*'] };
    doc.cookies._pk_id.maxAge = '400d';
    delete doc.cookies._pk_id.accessor;
    p.writeSchema(doc);
    const generator = createGenerator({ root: p.dir, schema: 'site.cookies.json' });
    const { warnings } = await generator.generate();
    expect(warnings).toEqual([
      expect.stringMatching(/^site\.cookies\.json:\d+:\d+ \/cookies\/_pk_id\/maxAge: .*\(warning /),
    ]);
  });
});

describe('bundlers', () => {
  it('refuses a bundler it does not support instead of doing nothing', () => {
    expect(() => cookieSchema.raw({}, { framework: 'farm', versions: {} })).toThrow(
      /supports Vite, Rollup, Rolldown, esbuild and webpack, not farm/,
    );
    expect(cookieSchema.raw({}, { framework: 'vite', versions: {} }).name).toBe('cookie-schema');
  });
});
