// One benchmark case per process: `node scripts/bench/cases.mjs <case id>` prints
// {"ops": <median ops/s>} on stdout. Imports the BUILT runtime (packages/runtime/dist) and the
// peers as installed. The runner (scripts/bench.mjs) spawns a fresh process per case.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseCookie, stringifySetCookie } from 'cookie';
import { parse as parseEs } from 'cookie-es';
import { parse as parseHono, serialize as serializeHono } from 'hono/utils/cookie';
import { root } from '../lib.mjs';

const runtime = await import(pathToFileURL(join(root, 'packages/runtime/dist/index.js')).href);

// A typical 20-cookie, ~1 KB header: analytics ids, a session, CSRF, preferences, a JSON cookie.
const prefs = { theme: 'dark', fontSize: 14, lang: 'fr', beta: false, tags: ['a', 'b'] };
const pairs = [
  ['_ga', 'GA1.1.1234567890.1700000000'],
  ['_ga_ABC123DEF', 'GS1.1.1700000000.12.1.1700000500.0.0.0'],
  ['_gid', 'GA1.1.987654321.1700000000'],
  ['_fbp', 'fb.1.1700000000000.1234567890'],
  ['ajs_anonymous_id', '4b8d6f2a-9c3e-4f1a-8b7d-2e6c5a9f0d13'],
  ['intercom-id-abc123', 'f3e2d1c0-b9a8-4765-9432-10fedcba9876'],
  ['cf_clearance', 'Zx9yW8vU7tS6rQ5pO4nM3lK2jI1hG0fE-1700000000-0-150'],
  ['__stripe_mid', 'a1b2c3d4-e5f6-4789-a0b1-c2d3e4f5a6b7c8d9e0'],
  ['optimizelyEndUserId', 'oeu1700000000000r0.123456789'],
  ['_hjSessionUser_123456', 'eyJpZCI6IjEyMzQ1Njc4LTkwYWItY2RlZi0xMjM0In0='],
  ['csrftoken', 'Xk3d9fJ2mQ7pL0sN4vB8cR1tY6wE5uZa'],
  ['django_language', 'fr'],
  ['sessionid', 'q8w7e6r5t4y3u2i1o0p9a8s7d6f5g4h3'],
  ['prefs', encodeURIComponent(JSON.stringify(prefs))],
  ['cookies_preferences', '1.3.miiposjc.k3Yd9.1.necessary~statistics'],
  ['AMCV_12345%40AdobeOrg', '-1124106680%7CMCIDTS%7C19700%7CvVersion%7C5.5.0'],
  ['_pin_unauth', 'dWlkPU5qZzBaR1l4TkdFdE5tWXpNQzAwTkdFeA'],
  ['_uetvid', '0a1b2c3d4e5f60718293a4b5c6d7e8f9'],
  ['OptanonConsent', 'isGpcEnabled=0&datestamp=Tue+Nov+28+2026&version=202311.1.0'],
  ['ln_or', 'eyIxMjM0NTYiOiJkIn0%3D'],
];
const header = pairs.map(([k, v]) => `${k}=${v}`).join('; ');
const target = 'sessionid';
const attributes = { path: '/', maxAge: 31536000, sameSite: 'lax', secure: true, httpOnly: true };
const suffix = runtime.compileCookieAttributes(target, attributes);
const value = 'q8w7e6r5t4y3u2i1o0p9a8s7d6f5g4h3';
const prefsSchema = {
  type: 'object',
  properties: {
    theme: { enum: ['light', 'dark'] },
    fontSize: { type: 'integer', minimum: 8, maximum: 32 },
    lang: { type: 'string', maxLength: 5 },
    beta: { type: 'boolean' },
    tags: { type: 'array', items: { type: 'string' } },
  },
  required: ['theme'],
  additionalProperties: false,
};
const prefsCodec = runtime.jsonCodec(runtime.compileJsonValidator(prefsSchema));

async function zodPrefs() {
  const require = createRequire(join(root, 'packages/codegen/package.json'));
  const { z } = await import(pathToFileURL(require.resolve('zod')).href);
  return z
    .object({
      theme: z.enum(['light', 'dark']),
      fontSize: z.number().int().min(8).max(32).optional(),
      lang: z.string().max(5).optional(),
      beta: z.boolean().optional(),
      tags: z.array(z.string()).optional(),
    })
    .strict();
}

/** Each case returns a function whose result is consumed, so nothing is optimised away. */
export const cases = {
  'read-one/ours getCookieValue': () => () => runtime.getCookieValue(header, target),
  'read-one/cookie@2 parseCookie(h)[name]': () => () => parseCookie(header)[target],
  'read-one/cookie-es parse(h,{filter})': () => () =>
    parseEs(header, { filter: (key) => key === target })[target],
  'read-one/hono parse(h,name)': () => () => parseHono(header, target)[target],
  'read-all/ours parseCookieHeader': () => () => runtime.parseCookieHeader(header),
  'read-all/cookie@2 parseCookie': () => () => parseCookie(header),
  'read-all/cookie-es parse': () => () => parseEs(header),
  'read-all/hono parse': () => () => parseHono(header),
  'write/ours formatSetCookie (precomputed suffix)': () => () =>
    runtime.formatSetCookie(target, runtime.uri.encode(value, target), suffix),
  'write/ours serializeSetCookie': () => () =>
    runtime.serializeSetCookie(target, value, attributes),
  'write/cookie@2 stringifySetCookie': () => () =>
    stringifySetCookie({ name: target, value, ...attributes }),
  'write/hono serialize': () => () => serializeHono(target, value, attributes),
  'json/ours lookup + jsonCodec (generated validator)': () => () => {
    const raw = runtime.getRawCookieValue(header, 'prefs');
    return raw === undefined ? undefined : prefsCodec.decode(raw);
  },
  'json/cookie@2 parse + JSON.parse + zod': async () => {
    const schema = await zodPrefs();
    return () => schema.safeParse(JSON.parse(parseCookie(header).prefs));
  },
  'json/cookie-es filter + JSON.parse + zod': async () => {
    const schema = await zodPrefs();
    return () =>
      schema.safeParse(JSON.parse(parseEs(header, { filter: (key) => key === 'prefs' }).prefs));
  },
};

/** Ops/s of `fn`: warm-up, then the median of `rounds` timed rounds of ~`ms` each. */
function measure(fn, rounds = 9, ms = 150) {
  let sink = 0;
  const consume = (result) => {
    sink += result === undefined ? 0 : typeof result === 'string' ? result.length : 1;
  };
  const warmUntil = performance.now() + 400;
  while (performance.now() < warmUntil) for (let i = 0; i < 1000; i++) consume(fn());
  // Calibrate a batch size that takes ~ms.
  let batch = 1000;
  for (;;) {
    const start = performance.now();
    for (let i = 0; i < batch; i++) consume(fn());
    const elapsed = performance.now() - start;
    if (elapsed > ms / 4) {
      batch = Math.max(1, Math.round((batch * ms) / elapsed));
      break;
    }
    batch *= 4;
  }
  const results = [];
  for (let round = 0; round < rounds; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) consume(fn());
    const ns = Number(process.hrtime.bigint() - start);
    results.push((batch * 1e9) / ns);
  }
  results.sort((a, b) => a - b);
  if (sink === -1) console.error(sink);
  return results[rounds >> 1];
}

if (process.argv[2]) {
  const make = cases[process.argv[2]];
  if (!make) throw new Error(`unknown case ${process.argv[2]}`);
  const fn = await make();
  fn(); // fail fast if a peer's API is not what we expect
  console.log(JSON.stringify({ ops: measure(fn) }));
}
