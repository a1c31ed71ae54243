// Type-checking an app must not grow with the number of declared cookies: the same calls against
// a package of 300 cookies cost what they cost against one of 30 (compared by TypeScript's
// instantiation and type counts, which are deterministic, not by time). `jar.set(name, value)` inferred its
// type parameter from the value too, which made TypeScript try every cookie.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { emitPackage } from '../src/generate/index';
import { parseSchema } from '../src/schema/load';
import { baseSchema, repoRoot } from './helpers';

const work = mkdtempSync(join(tmpdir(), 'cookie-schema-typecheck-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const options: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  // The runtime's TypeScript sources: no build needed.
  customConditions: ['source'],
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  types: [],
  strict: true,
  noEmit: true,
  skipLibCheck: true,
};
// Parsed once for both programs: the standard library and the runtime are the same.
const host = ts.createCompilerHost(options);
const parsed = new Map<string, ts.SourceFile | undefined>();
const getSourceFile = host.getSourceFile;
host.getSourceFile = (file, ...rest) => {
  if (file.startsWith(work) && !file.includes('/runtime/')) return getSourceFile(file, ...rest);
  if (!parsed.has(file)) parsed.set(file, getSourceFile(file, ...rest));
  return parsed.get(file);
};

const APP = `import { type CookieName, createCookies } from '@scale/cookies/server';
import { c1 } from '@scale/cookies/client';

const names: CookieName[] = ['c1', 'c2'];

export function handle(request: Request): Response {
  const jar = createCookies(request);
  jar.set('c1', 'one');
  jar.set('c2', jar.get('c3') ?? 'three');
  jar.c4.set(jar.c5.get() ?? 'five');
  c1.set(c1.get() ?? 'one');
  jar.delete('c6');
  const withDefault: string = jar.get('c8');
  jar.set('c8', withDefault);
  for (const name of names) jar.delete(name);
  return jar.applyTo(new Response('ok'));
}
`;

/** What type-checking APP against a generated package of `count` string cookies costs. */
function cost(count: number): { instantiations: number; types: number } {
  const doc = baseSchema();
  doc.cookies = { cookie_consent: doc.cookies.cookie_consent };
  for (let i = 0; i < count; i++) {
    // One in ten a family (`f10_*`), as in real policies (`_ga_*`, `_pk_id.*`); one in ten
    // client-only (`c7`: a reason in the server jar's types) and one with a default (`c8`).
    doc.cookies[i % 10 === 9 ? `f${i}_*` : `c${i}`] = {
      provider: 'Test',
      service: 'Scale',
      category: i % 2 ? 'statistics' : 'necessary',
      purpose: `Cookie number ${i}.`,
      value: { type: 'string' },
      maxAge: '1d',
      ...(i % 10 === 7 ? { scope: 'client' } : {}),
      ...(i % 10 === 8 ? { default: 'eight' } : {}),
    };
  }
  const loaded = parseSchema(JSON.stringify(doc), 'scale.cookies.json');
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  const dir = join(work, String(count));
  const pkg = join(dir, 'node_modules/@scale/cookies');
  for (const [path, text] of emitPackage(loaded.schema, {
    name: '@scale/cookies',
    command: 'test',
  })) {
    mkdirSync(dirname(join(pkg, path)), { recursive: true });
    writeFileSync(join(pkg, path), text);
  }
  mkdirSync(join(dir, 'node_modules/@cookie-schema'), { recursive: true });
  symlinkSync(join(repoRoot, 'packages/runtime'), join(dir, 'node_modules/@cookie-schema/runtime'));
  writeFileSync(join(dir, 'app.ts'), APP);
  const program = ts.createProgram([join(dir, 'app.ts')], options, host);
  const errors = ts.getPreEmitDiagnostics(program);
  expect(errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  return { instantiations: program.getInstantiationCount(), types: program.getTypeCount() };
}

describe('type-checking cost by schema size', () => {
  let measured: { small: ReturnType<typeof cost>; large: ReturnType<typeof cost> } | undefined;
  const measure = () => (measured ??= { small: cost(30), large: cost(300) });

  it('an app costs the same instantiations against 300 cookies as against 30', () => {
    const { small, large } = measure();
    expect(small.instantiations).toBeGreaterThan(0);
    expect(large.instantiations).toBeLessThanOrEqual(small.instantiations + 10);
  });

  // A by-name call with a literal made TypeScript compute its name type's constraint over every
  // name (unions of all names with NotOnServer's messages, each reduced against the families'
  // template literals): 4.8 types per added cookie here, and 3.7x the time of a 20-cookie app at
  // 2,000 cookies. What must remain is about one type per name (its literal type).
  it('an app creates about one type per added cookie, not one per name and by-name call', () => {
    const { small, large } = measure();
    expect(large.types - small.types).toBeLessThanOrEqual(2 * (300 - 30));
  });
});
