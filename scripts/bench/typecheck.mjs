// Type-check cost of an app that uses a generated package, by schema size: the package is
// installed as a user has it (node_modules/@bench/cookies with its dist .d.ts reached through the
// package's exports; @cookie-schema/runtime's dist .d.ts through its exports), and a small app
// imports createCookies and a few accessors, reads and writes by accessor and by name, and uses
// consent on the client. `tsc --noEmit --extendedDiagnostics` with TypeScript 6 and 7.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../lib.mjs';

export const COMPILERS = {
  'TS 6': join(root, 'node_modules/typescript/bin/tsc'),
  'TS 7': join(root, 'node_modules/typescript7/bin/tsc'),
};

/**
 * Cookies for the app to use, in schema order: three the server sees and two page scripts see
 * (first-party, not families, not signed).
 */
export function pickCookies(schemaFile) {
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
  const plain = Object.entries(schema.cookies).filter(
    ([name, c]) => !name.endsWith('*') && c.party !== 'third' && !c.signed,
  );
  const server = plain.filter(([, c]) => c.scope !== 'client').slice(0, 3);
  const client = plain
    .filter(([, c]) => !c.httpOnly && c.scope !== 'server' && c.value?.type !== 'consent')
    .slice(0, 2);
  if (server.length < 3 || client.length < 2) {
    throw new Error(`${schemaFile} has too few first-party cookies for the app`);
  }
  const cookie = ([name, c]) => ({ name, accessor: c.accessor ?? camel(name) });
  return { server: server.map(cookie), client: client.map(cookie) };
}

function camel(name) {
  return name
    .replace(/^__(Host|Secure)-/i, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w, i) => (i === 0 ? w[0].toLowerCase() + w.slice(1) : w[0].toUpperCase() + w.slice(1)))
    .join('');
}

/** The app's sources: each value read is written back, so any value type fits. */
export function appSources({ server: [a, b, c], client: [d, e] }, category) {
  const q = JSON.stringify;
  const server = `import { type CookieName, createCookies } from '@bench/cookies/server';

const names: CookieName[] = [${q(a.name)}, ${q(b.name)}];

export function handle(request: Request): Response {
  const jar = createCookies(request, { onBlocked: 'ignore' });
  const first = jar.${a.accessor}.get();
  if (first !== undefined) jar.${a.accessor}.set(first);
  const second = jar.${b.accessor}.inspect();
  if (!second.ok) jar.${b.accessor}.delete();
  const byName = jar.get(${q(c.name)});
  if (byName !== undefined) jar.set(${q(c.name)}, byName);
  for (const name of names) jar.delete(name);
  if (!jar.consent.has(${q(category)})) jar.consent.grant(${q(category)});
  return jar.applyTo(new Response('ok'));
}
`;
  const client = `import { consent, ${d.accessor}, ${e.accessor} } from '@bench/cookies/client';

export function onLoad(): boolean {
  consent.onChange(() => ${e.accessor}.delete());
  const value = ${d.accessor}.get();
  if (value !== undefined) ${d.accessor}.set(value);
  return ${e.accessor}.get() !== undefined;
}
`;
  return { 'server.ts': server, 'client.ts': client };
}

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'Bundler',
    lib: ['ES2022', 'DOM'],
    types: [],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
  },
  files: ['server.ts', 'client.ts'],
};

/**
 * Makes `<dir>` an app: the generated package copied to node_modules/@bench/cookies, the runtime
 * linked, the app sources and a tsconfig.json (`skipLibCheck` as given).
 */
export function writeApp(dir, pkgDir, sources, { skipLibCheck = true } = {}) {
  mkdirSync(join(dir, 'node_modules/@cookie-schema'), { recursive: true });
  cpSync(pkgDir, join(dir, 'node_modules/@bench/cookies'), { recursive: true });
  symlinkSync(join(root, 'packages/runtime'), join(dir, 'node_modules/@cookie-schema/runtime'));
  for (const [file, text] of Object.entries(sources)) writeFileSync(join(dir, file), text);
  const tsconfig = structuredClone(TSCONFIG);
  tsconfig.compilerOptions.skipLibCheck = skipLibCheck;
  writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
}

/** One `tsc --extendedDiagnostics` run: wall ms, tsc's own times (ms) and counts. */
export function typecheckOnce(dir, compiler) {
  const start = process.hrtime.bigint();
  const child = spawnSync(
    process.execPath,
    [COMPILERS[compiler], '-p', 'tsconfig.json', '--extendedDiagnostics'],
    { cwd: dir, encoding: 'utf8' },
  );
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const field = (label) => {
    const match = new RegExp(`^${label}:\\s+([\\d.]+)(s|K)?`, 'm').exec(child.stdout);
    if (!match) return undefined;
    return match[2] === 's' ? Math.round(Number(match[1]) * 1000) : Number(match[1]);
  };
  if (child.status !== 0) {
    throw new Error(`${compiler} found errors in ${dir}:\n${child.stdout}\n${child.stderr}`);
  }
  return {
    wall,
    total: field('Total time'),
    parse: field('Parse time'),
    bind: field('Bind time'),
    check: field('Check time'),
    instantiations: field('Instantiations'),
    types: field('Types'),
    memory: field('Memory used'),
  };
}

const median = (list) => [...list].sort((a, b) => a - b)[list.length >> 1];

/**
 * Type-checks each app with each compiler `runs` times (interleaved) and returns medians:
 * `{ [app]: { [compiler]: { wall, total, parse, bind, check, instantiations, types, memory } } }`.
 */
export function benchTypecheck(apps, { runs = 3, log = console.log } = {}) {
  const samples = {};
  for (let run = 1; run <= runs; run++) {
    for (const [app, dir] of Object.entries(apps)) {
      for (const compiler of Object.keys(COMPILERS)) {
        const sample = typecheckOnce(dir, compiler);
        samples[app] ??= {};
        samples[app][compiler] ??= [];
        samples[app][compiler].push(sample);
        log(
          `${compiler} ${app.padEnd(34)} run ${run}: ${sample.wall.toFixed(0)} ms wall, total ${sample.total} ms, check ${sample.check} ms, ${sample.instantiations} instantiations`,
        );
      }
    }
  }
  const result = {};
  for (const [app, byCompiler] of Object.entries(samples)) {
    result[app] = {};
    for (const [compiler, list] of Object.entries(byCompiler)) {
      result[app][compiler] = Object.fromEntries(
        ['wall', 'total', 'parse', 'bind', 'check', 'instantiations', 'types', 'memory'].map(
          (k) => [k, median(list.map((s) => s[k]))],
        ),
      );
    }
  }
  return result;
}
