// Type-checking an app must not grow with the number of declared cookies: the same calls against
// a package of 300 cookies cost what they cost against one of 30 (compared by TypeScript's
// instantiation count, which is deterministic, not by time). `jar.set(name, value)` inferred its
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

const APP = `import { createCookies } from '@scale/cookies/server';
import { c1 } from '@scale/cookies/client';

export function handle(request: Request): Response {
  const jar = createCookies(request);
  jar.set('c1', 'one');
  jar.set('c2', jar.get('c3') ?? 'three');
  jar.c4.set(jar.c5.get() ?? 'five');
  c1.set(c1.get() ?? 'one');
  jar.delete('c6');
  const withDefault: string = jar.get('c8');
  jar.set('c8', withDefault);
  return jar.applyTo(new Response('ok'));
}
`;

/** Instantiations of type-checking APP against a generated package of `count` string cookies. */
function instantiations(count: number): number {
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
  return program.getInstantiationCount();
}

describe('type-checking cost by schema size', () => {
  it('an app costs the same instantiations against 300 cookies as against 30', () => {
    const small = instantiations(30);
    const large = instantiations(300);
    expect(small).toBeGreaterThan(0);
    expect(large).toBeLessThanOrEqual(small + 10);
  });
});
