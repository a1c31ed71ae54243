// `pnpm bench`: builds @cookie-schema/runtime, runs each benchmark case in a fresh Node process
// (scripts/bench/cases.mjs) against cookie@2, cookie-es and hono, measures the browser bundle of
// one accessor, prints a table and writes docs/BENCHMARKS.md. Budgets: SPEC §6.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { cases } from './bench/cases.mjs';
import { mustPnpm, root, step } from './lib.mjs';

const DATE = process.env.BENCH_DATE ?? '2026-11-28';

step('build @cookie-schema/runtime');
mustPnpm(['--filter', '@cookie-schema/runtime', 'build']);

step('run cases (one process each, 3 interleaved passes)');
// Passes interleave the cases so that a load change on the machine hits every case alike; each
// case's figure is the median of its passes.
const PASSES = Number(process.env.BENCH_PASSES ?? 3);
const samples = new Map(Object.keys(cases).map((id) => [id, []]));
for (let pass = 1; pass <= PASSES; pass++) {
  for (const id of Object.keys(cases)) {
    const child = spawnSync(process.execPath, [join(root, 'scripts/bench/cases.mjs'), id], {
      cwd: root,
      encoding: 'utf8',
    });
    if (child.status !== 0) {
      console.error(child.stderr);
      throw new Error(`case "${id}" failed`);
    }
    const { ops } = JSON.parse(child.stdout.trim().split('\n').at(-1));
    samples.get(id).push(ops);
    console.log(`pass ${pass}  ${id.padEnd(56)} ${format(ops).padStart(12)} ops/s`);
  }
}
const results = new Map(
  [...samples].map(([id, list]) => [id, list.sort((a, b) => a - b)[list.length >> 1]]),
);

step('browser bundle sizes');
const accessor = `
import { stringCodec } from '@cookie-schema/runtime';
import { deleteBrowserCookie, readBrowserCookie, writeBrowserCookie } from '@cookie-schema/runtime/browser';
const codec = stringCodec();
export const lang = {
  get() { const raw = readBrowserCookie('lang'); const r = raw === undefined ? undefined : codec.decode(raw); return r && r.ok ? r.value : undefined; },
  set(v) { writeBrowserCookie('lang', codec.encode(v, 'lang'), '; Max-Age=31536000; Path=/; Secure; SameSite=Lax'); },
  delete() { deleteBrowserCookie('lang', '; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure'); },
};`;
const guarded = `
import { consentCodec, stringCodec } from '@cookie-schema/runtime';
import { deleteBrowserCookie, readBrowserCookie, writeBrowserCookie } from '@cookie-schema/runtime/browser';
const codec = stringCodec();
const consent = consentCodec();
const granted = (category) => {
  const raw = readBrowserCookie('cookies_preferences');
  const r = raw === undefined ? undefined : consent.decode(raw);
  return !!r && r.ok && r.value.revision === 1 && r.value.categories.includes(category);
};
export const ga = {
  get() { const raw = readBrowserCookie('_ga'); const r = raw === undefined ? undefined : codec.decode(raw); return r && r.ok ? r.value : undefined; },
  set(v) { if (granted('statistics')) writeBrowserCookie('_ga', codec.encode(v, '_ga'), '; Max-Age=31536000; Path=/; Secure; SameSite=Lax'); },
  delete() { deleteBrowserCookie('_ga', '; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure'); },
};`;
const jsCookie = `import Cookies from 'js-cookie'; export const get = () => Cookies.get('lang'); export const set = (v) => Cookies.set('lang', v, { expires: 365, path: '/', secure: true, sameSite: 'lax' });`;
const sizes = {};
for (const [name, contents] of [
  ['runtime: one accessor (get/set/delete, string, uri)', accessor],
  ['runtime: one accessor + consent guard (consent cookie decode)', guarded],
  ['js-cookie get+set (peer)', jsCookie],
]) {
  const out = await build({
    stdin: { contents, resolveDir: root, loader: 'js' },
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    platform: 'browser',
  });
  sizes[name] = {
    min: out.outputFiles[0].contents.length,
    gzip: gzipSync(out.outputFiles[0].contents, { level: 9 }).length,
  };
  console.log(`${name.padEnd(64)} ${sizes[name].min} B min, ${sizes[name].gzip} B gzip`);
}

// ── report ──
const groups = [
  [
    'Read one cookie (20-cookie, ~1 KB header)',
    'read-one',
    'read-one/cookie@2 parseCookie(h)[name]',
    '≥ 10× cookie@2',
  ],
  ['Read all cookies', 'read-all', 'read-all/cookie@2 parseCookie', '—'],
  [
    'Write one Set-Cookie (Path, Max-Age, SameSite=Lax, Secure, HttpOnly)',
    'write',
    'write/cookie@2 stringifySetCookie',
    '≥ 1.5× cookie@2',
  ],
  [
    'Read + decode + validate a JSON preferences cookie',
    'json',
    'json/cookie@2 parse + JSON.parse + zod',
    '≥ 3.5× cookie@2 + zod',
  ],
];
const cpu =
  (readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/) ?? [])[1] ??
  cpus()[0]?.model;
const versions = Object.fromEntries(
  ['cookie', 'cookie-es', 'hono', 'js-cookie'].map((name) => [
    name,
    JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version,
  ]),
);
let md = `# Benchmarks — @cookie-schema/runtime\n\n`;
md += `Measured ${DATE} with \`pnpm bench\` (scripts/bench.mjs): each case runs in a fresh Node process against the built runtime (packages/runtime/dist), with 400 ms warm-up, then the median of 9 timed rounds of ~150 ms; the whole set runs in ${PASSES} interleaved passes and each figure is the median of its passes. Ratios are against cookie@2 measured in the same run (SPEC §6).\n\n`;
md += `- Machine: Node ${process.version}, ${cpu}, ${cpus().length} cores\n`;
md += `- Peers: cookie ${versions.cookie}, cookie-es ${versions['cookie-es']}, hono ${versions.hono}, js-cookie ${versions['js-cookie']}; zod from packages/codegen\n\n`;
console.log('');
for (const [title, prefix, baseline, budget] of groups) {
  const base = results.get(baseline);
  md += `## ${title}\n\nBudget: ${budget}\n\n| case | ops/s (median) | × cookie@2 |\n|---|---:|---:|\n`;
  console.log(title);
  for (const [id, ops] of results) {
    if (!id.startsWith(`${prefix}/`)) continue;
    const ratio = `${(ops / base).toFixed(2)}×`;
    md += `| ${id.slice(prefix.length + 1)} | ${format(ops)} | ${ratio} |\n`;
    console.log(
      `  ${id.slice(prefix.length + 1).padEnd(52)} ${format(ops).padStart(12)}  ${ratio.padStart(8)}`,
    );
  }
  md += '\n';
}
md += `## Browser bundle (esbuild --minify, gzip -9)\n\nBudget: ≤ 700 B gzip for one accessor with its consent guard (the generated accessor adds a few bytes of its own).\n\n| bundle | min | gzip |\n|---|---:|---:|\n`;
for (const [name, size] of Object.entries(sizes))
  md += `| ${name} | ${size.min} B | ${size.gzip} B |\n`;
md += `\nRegenerate with \`pnpm bench\` (set BENCH_DATE to change the recorded date).\n`;
writeFileSync(join(root, 'docs/BENCHMARKS.md'), md);
console.log('\nwrote docs/BENCHMARKS.md');

function format(ops) {
  return ops >= 1e6 ? `${(ops / 1e6).toFixed(2)} M` : `${(ops / 1e3).toFixed(1)} k`;
}
