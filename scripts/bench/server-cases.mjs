// Server-side benchmark cases: ours (the committed generated packages over the built runtime)
// against cookie@2, cookie-es, hono's cookie utilities and @edge-runtime/cookies doing the same
// work by hand, and encrypted cookies against iron-webcrypto (what iron-session, h3's sessions
// and Nuxt use). Each case runs alone in a fresh Node process:
//
//   node scripts/bench/server-cases.mjs <case id> [--quick]
//
// prints {"ops": <median ops/s>, "rme": <relative margin of error, %>, "batch": <calls per sample>}
// and, for a case whose call returns a string (a sealed value), "bytes": its length.
// tinybench times batches of calls (one call of a fast case is shorter than the timer's own cost),
// after a warm-up; the figure is the median of the batches' rates times the batch size. A case
// whose call returns a promise (WebCrypto) is awaited call after call.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Bench } from 'tinybench';
import { root } from '../lib.mjs';
import { cleanName, readOcd } from './ocd-schema.mjs';

const load = (path) => import(pathToFileURL(join(root, path)).href);
const opendatasoft = () => load('examples/generated/opendatasoft/dist/server.js');
const shop = () => load('examples/generated/shop/dist/server.js');
const runtime = () => load('packages/runtime/dist/server.js');
const iron = () => import('iron-webcrypto');
const cookie = () => import('cookie');
const cookieEs = () => import('cookie-es');
const hono = () => import('hono/utils/cookie');
const edge = () => import('@edge-runtime/cookies');

// ── Request data ──

const TARGET = 'csrftoken';
const CSRF = 'Xk3d9fJ2mQ7pL0sN4vB8cR1tY6wE5uZa';
const CART = {
  items: [
    { sku: 'SKU-1042', qty: 2 },
    { sku: 'TSHIRT-XL-RED', qty: 1 },
    { sku: 'MUG-07', qty: 4 },
  ],
  currency: 'EUR',
};
const CART_VALUE = Buffer.from(JSON.stringify(CART)).toString('base64url');
const VIEWED = ['SKU-1042', 'TSHIRT-XL-RED', 'MUG-07', 'POSTER-A2-BLUE', 'SOCKS-3PK'];

/**
 * A typical 20-cookie, ~1 KB header: analytics ids, session, CSRF, language, consent, and two
 * JSON cookies of the shop (a base64url cart, URI-encoded recently viewed products).
 */
const TYPICAL = [
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
  [TARGET, CSRF],
  ['django_language', 'fr'],
  ['sessionid', 'q8w7e6r5t4y3u2i1o0p9a8s7d6f5g4h3'],
  ['cart', CART_VALUE],
  ['cookies_preferences', '1.3.miiposjc.k3Yd9.1.necessary~statistics'],
  ['AMCV_12345%40AdobeOrg', '-1124106680%7CMCIDTS%7C19700%7CvVersion%7C5.5.0'],
  ['_pin_unauth', 'dWlkPU5qZzBaR1l4TkdFdE5tWXpNQzAwTkdFeA'],
  ['_uetvid', '0a1b2c3d4e5f60718293a4b5c6d7e8f9'],
  ['OptanonConsent', 'isGpcEnabled=0&datestamp=Tue+Nov+28+2026&version=202311.1.0'],
  ['recently_viewed', encodeURIComponent(JSON.stringify(VIEWED))],
];

/** 40 more names from the Open Cookie Database, values of 16–48 characters, deterministic. */
function ocdPairs(count) {
  const taken = new Set(TYPICAL.map(([name]) => name.toLowerCase()));
  const pairs = [];
  let seed = 42;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed;
  };
  for (const entry of readOcd()) {
    if (pairs.length === count) break;
    const name = cleanName(entry.cookie);
    if (!name || entry.wildcardMatch === '1' || taken.has(name.toLowerCase())) continue;
    taken.add(name.toLowerCase());
    let value = '';
    for (let i = 16 + (next() % 33); i > 0; i--) value += (next() % 36).toString(36);
    pairs.push([name, value]);
  }
  return pairs;
}

const join_ = (pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('; ');
const extra = ocdPairs(40);
export const HEADERS = {
  3: join_([
    ['sessionid', 'q8w7e6r5t4y3u2i1o0p9a8s7d6f5g4h3'],
    [TARGET, CSRF],
    ['django_language', 'fr'],
  ]),
  20: join_(TYPICAL),
  // The target in the middle: 20 database cookies, the typical 20, 20 more.
  60: join_([...extra.slice(0, 20), ...TYPICAL, ...extra.slice(20)]),
};

const ATTRIBUTES = { path: '/', maxAge: 31536000, sameSite: 'lax', secure: true };
const LANGS = new Set(['en', 'fr', 'de', 'es', 'it', 'nl']);
const CSRF_PATTERN = /^[A-Za-z0-9]{32,64}$/;

async function zod() {
  const require = createRequire(join(root, 'packages/codegen/package.json'));
  return (await import(pathToFileURL(require.resolve('zod')).href)).z;
}
async function zodCart() {
  const z = await zod();
  return z
    .object({
      items: z
        .array(
          z
            .object({
              sku: z.string().regex(/^[A-Z0-9-]{3,32}$/),
              qty: z.number().int().min(1).max(99),
            })
            .strict(),
        )
        .max(50),
      currency: z.enum(['EUR', 'USD', 'GBP']),
      coupon: z.string().max(32).optional(),
    })
    .strict();
}
async function zodViewed() {
  const z = await zod();
  return z.array(z.string().max(32)).max(10);
}
const decodeCart = (raw) => JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));

/** The peers of a JSON case: each library's lookup, `decode` (JSON.parse after any base64url), zod. */
function jsonPeers(group, name, decode, makeSchema) {
  const h = () => HEADERS[20];
  return {
    [`${group}/cookie@2 parse + JSON.parse + zod`]: async () => {
      const { parseCookie } = await cookie();
      const schema = await makeSchema();
      const header = h();
      return () => schema.safeParse(decode(parseCookie(header)[name])).data;
    },
    [`${group}/cookie-es filter + JSON.parse + zod`]: async () => {
      const { parse } = await cookieEs();
      const schema = await makeSchema();
      const header = h();
      return () =>
        schema.safeParse(decode(parse(header, { filter: (k) => k === name })[name])).data;
    },
    [`${group}/hono parse(h,name) + JSON.parse + zod`]: async () => {
      const { parse } = await hono();
      const schema = await makeSchema();
      const header = h();
      return () => schema.safeParse(decode(parse(header, name)[name])).data;
    },
    [`${group}/edge-runtime get + JSON.parse + zod`]: async () => {
      const { RequestCookies } = await edge();
      const schema = await makeSchema();
      const headers = new Headers({ cookie: h() });
      return () => schema.safeParse(decode(new RequestCookies(headers).get(name).value)).data;
    },
  };
}

/**
 * A 1 KB JSON session (what iron-session or Remix's cookie sessions keep): user, roles, a cart
 * with prices, a CSRF token, timestamps.
 */
const SESSION = {
  user: {
    id: 'usr_8f14e45fceea167a5a36dedd4bea2543',
    name: 'Ada Lovelace',
    email: 'ada@example.com',
  },
  roles: ['customer', 'beta-tester'],
  locale: 'en-GB',
  theme: 'dark',
  csrf: 'Xk3d9fJ2mQ7pL0sN4vB8cR1tY6wE5uZaXk3d9fJ2mQ7',
  cart: Array.from({ length: 8 }, (_, i) => ({
    sku: `SKU-${1040 + i}-${['RED', 'BLUE', 'GREEN', 'BLACK'][i % 4]}`,
    name: `Product number ${i + 1}`,
    qty: 1 + (i % 3),
    unitPrice: 1999 + i * 250,
    currency: 'EUR',
  })),
  issuedAt: 1796558400,
  lastSeen: 1796562000,
};
const SESSION_JSON = JSON.stringify(SESSION);
export const SESSION_BYTES = SESSION_JSON.length;
if (SESSION_JSON.length < 1000 || SESSION_JSON.length > 1100) {
  throw new Error(`the session should be about 1 KB, is ${SESSION_JSON.length} B`);
}
const SECRET = 'a-secret-of-at-least-32-characters-for-both';
const FORTNIGHT = 14 * 86_400;

/** The 1 KB session as a JSON Schema (the validator ours runs when a jar reads it). */
const SESSION_SCHEMA = {
  type: 'object',
  properties: {
    user: {
      type: 'object',
      properties: { id: { type: 'string' }, name: { type: 'string' }, email: { type: 'string' } },
      required: ['id', 'name', 'email'],
      additionalProperties: false,
    },
    roles: { type: 'array', items: { type: 'string' } },
    locale: { type: 'string' },
    theme: { enum: ['light', 'dark', 'system'] },
    csrf: { type: 'string', pattern: '^[A-Za-z0-9]{43}$' },
    cart: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        properties: {
          sku: { type: 'string' },
          name: { type: 'string' },
          qty: { type: 'integer', minimum: 1 },
          unitPrice: { type: 'integer', minimum: 0 },
          currency: { enum: ['EUR', 'USD', 'GBP'] },
        },
        required: ['sku', 'qty', 'unitPrice', 'currency'],
        additionalProperties: false,
      },
    },
    issuedAt: { type: 'integer' },
    lastSeen: { type: 'integer' },
  },
  required: ['user', 'roles', 'csrf', 'cart', 'issuedAt'],
  additionalProperties: false,
};

/** Ours and iron-webcrypto sealing and opening the session, each with a 14-day expiry inside. */
function sealCases() {
  const ours = async () => {
    const { sealCookieValue, unsealCookieValue } = await runtime();
    const sealOptions = () => ({
      name: '__Host-session',
      secret: SECRET,
      expiresAt: Date.now() + FORTNIGHT * 1000,
    });
    const open = async (sealed) => {
      const opened = await unsealCookieValue(sealed, { name: '__Host-session', secrets: [SECRET] });
      return opened.ok ? JSON.parse(opened.value) : undefined;
    };
    const seal = () => sealCookieValue(JSON.stringify(SESSION), sealOptions());
    return { seal, open, sealed: await seal() };
  };
  const theirs = async () => {
    const Iron = await iron();
    const options = { ...Iron.defaults, ttl: FORTNIGHT * 1000 };
    const seal = () => Iron.seal(SESSION, SECRET, options);
    const open = (sealed) => Iron.unseal(sealed, SECRET, options);
    return { seal, open, sealed: await seal() };
  };
  return {
    'seal/seal + unseal/ours sealCookieValue + unsealCookieValue (runtime)': async () => {
      const { seal, open } = await ours();
      return async () => open(await seal());
    },
    'seal/seal + unseal/ours jar: set, then get from the Cookie header (JSON validator)':
      async () => {
        const { defineJar, jsonCodec, compileJsonValidator, text } = await runtime();
        const createCookies = defineJar({
          consent: { cookie: 'consent', revision: 1, hash: 'h', maxAge: 1, required: 'necessary' },
          consentMode: {},
          purge: [],
          accessors: {
            session: {
              name: '__Host-session',
              codec: jsonCodec(compileJsonValidator(SESSION_SCHEMA), text),
              suffix: `; Max-Age=${FORTNIGHT}; Path=/; HttpOnly; Secure; SameSite=Lax`,
              encrypted: true,
            },
          },
        });
        const options = { secrets: [SECRET] };
        return async () => {
          const writer = createCookies('', options);
          await writer.session.set(SESSION);
          const header = writer.toSetCookieHeaders()[0];
          return createCookies(header.slice(0, header.indexOf(';')), options).session.get();
        };
      },
    'seal/seal + unseal/iron-webcrypto seal + unseal': async () => {
      const { seal, open } = await theirs();
      return async () => open(await seal());
    },
    'seal/seal/ours sealCookieValue (runtime)': async () => (await ours()).seal,
    'seal/seal/iron-webcrypto seal': async () => (await theirs()).seal,
    'seal/unseal/ours unsealCookieValue (runtime)': async () => {
      const { open, sealed } = await ours();
      return () => open(sealed);
    },
    'seal/unseal/iron-webcrypto unseal': async () => {
      const { open, sealed } = await theirs();
      return () => open(sealed);
    },
  };
}

// ── Cases: id → async setup returning the function to time ──

const readOne = (size) => {
  const h = HEADERS[size];
  return {
    [`read-one/${size}/ours jar.${TARGET}.get() (generated)`]: async () => {
      const { createCookies } = await opendatasoft();
      return () => createCookies(h).csrftoken.get();
    },
    [`read-one/${size}/ours getCookieValue (runtime)`]: async () => {
      const { getCookieValue } = await runtime();
      return () => getCookieValue(h, TARGET);
    },
    [`read-one/${size}/cookie@2 parseCookie(h)[name]`]: async () => {
      const { parseCookie } = await cookie();
      return () => parseCookie(h)[TARGET];
    },
    [`read-one/${size}/cookie-es parse(h,{filter})`]: async () => {
      const { parse } = await cookieEs();
      return () => parse(h, { filter: (key) => key === TARGET })[TARGET];
    },
    [`read-one/${size}/hono parse(h,name)`]: async () => {
      const { parse } = await hono();
      return () => parse(h, TARGET)[TARGET];
    },
    [`read-one/${size}/edge-runtime RequestCookies.get`]: async () => {
      const { RequestCookies } = await edge();
      const headers = new Headers({ cookie: h });
      return () => new RequestCookies(headers).get(TARGET)?.value;
    },
  };
};

const readAll = (size) => {
  const h = HEADERS[size];
  return {
    [`read-all/${size}/ours parseCookieHeader (runtime)`]: async () => {
      const { parseCookieHeader } = await runtime();
      return () => parseCookieHeader(h);
    },
    [`read-all/${size}/cookie@2 parseCookie`]: async () => {
      const { parseCookie } = await cookie();
      return () => parseCookie(h);
    },
    [`read-all/${size}/cookie-es parse`]: async () => {
      const { parse } = await cookieEs();
      return () => parse(h);
    },
    [`read-all/${size}/hono parse`]: async () => {
      const { parse } = await hono();
      return () => parse(h);
    },
    [`read-all/${size}/edge-runtime parseCookie`]: async () => {
      const { parseCookie } = await edge();
      return () => parseCookie(h);
    },
  };
};

export const cases = {
  // What one request's jar costs before any cookie is read: the part of every server case that
  // does not depend on the header.
  'parts/ours createCookies(header) (generated)': async () => {
    const { createCookies } = await opendatasoft();
    const h = HEADERS[20];
    return () => createCookies(h);
  },
  ...readOne(3),
  ...readOne(20),
  ...readOne(60),
  ...readAll(3),
  ...readAll(20),
  ...readAll(60),

  // Path=/; Max-Age=31536000; SameSite=Lax; Secure — csrftoken's declared attributes.
  'write/ours jar.csrftoken.set(v) (generated)': async () => {
    const { createCookies } = await opendatasoft();
    const jar = createCookies('');
    return () => jar.csrftoken.set(CSRF);
  },
  'write/ours formatSetCookie (precomputed suffix, runtime)': async () => {
    const { compileCookieAttributes, formatSetCookie, uri } = await runtime();
    const suffix = compileCookieAttributes(TARGET, ATTRIBUTES);
    return () => formatSetCookie(TARGET, uri.encode(CSRF, TARGET), suffix);
  },
  'write/ours serializeSetCookie (runtime)': async () => {
    const { serializeSetCookie } = await runtime();
    return () => serializeSetCookie(TARGET, CSRF, ATTRIBUTES);
  },
  // As its users call it: an object literal per call. (Spreading ATTRIBUTES into it on every call
  // costs cookie@2 about twice as much, a cost that is the bench's, not the library's.)
  'write/cookie@2 stringifySetCookie (object literal)': async () => {
    const { stringifySetCookie } = await cookie();
    return () =>
      stringifySetCookie({
        name: TARGET,
        value: CSRF,
        path: '/',
        maxAge: 31536000,
        sameSite: 'lax',
        secure: true,
      });
  },
  'write/cookie-es serialize': async () => {
    const { serialize } = await cookieEs();
    return () => serialize(TARGET, CSRF, ATTRIBUTES);
  },
  'write/hono serialize': async () => {
    const { serialize } = await hono();
    return () => serialize(TARGET, CSRF, { ...ATTRIBUTES, sameSite: 'Lax' });
  },
  'write/edge-runtime stringifyCookie': async () => {
    const { stringifyCookie } = await edge();
    return () => stringifyCookie({ name: TARGET, value: CSRF, ...ATTRIBUTES });
  },

  // Read + decode + validate a JSON preferences cookie: the shop's `recently_viewed` (URI-encoded
  // JSON, an array of at most 10 strings of at most 32 characters) from the 20-cookie header.
  'json/ours jar.recentlyViewed.get() (generated validator)': async () => {
    const { createCookies } = await shop();
    const h = HEADERS[20];
    // The shop has signed and encrypted cookies: its jar refuses to be made without secrets.
    const options = { secrets: [SECRET] };
    return () => createCookies(h, options).recentlyViewed.get();
  },
  ...jsonPeers('json', 'recently_viewed', JSON.parse, zodViewed),
  // The same with the shop's base64url `cart` (3 items): decoding base64url without Node's Buffer.
  'json-b64/ours jar.cart.get() (generated validator)': async () => {
    const { createCookies } = await shop();
    const h = HEADERS[20];
    const options = { secrets: [SECRET] };
    return () => createCookies(h, options).cart.get();
  },
  ...jsonPeers('json-b64', 'cart', decodeCart, zodCart),

  // A request round: jar from a Request, lang + csrftoken read and validated, lang written, the
  // Set-Cookie applied to the response headers.
  'round/ours createCookies(request) (generated)': async () => {
    const { createCookies } = await opendatasoft();
    const request = new Request('https://data.example/', { headers: { cookie: HEADERS[20] } });
    return () => {
      const jar = createCookies(request);
      const lang = jar.lang.get();
      const csrf = jar.csrftoken.get();
      jar.lang.set(lang === 'de' ? 'fr' : 'de');
      return csrf && jar.applyTo(new Headers());
    };
  },
  ...Object.fromEntries(
    [
      [
        'cookie@2',
        cookie,
        (m) => m.parseCookie,
        (m) => (v) => m.stringifySetCookie({ name: 'django_language', value: v, ...ATTRIBUTES }),
      ],
      [
        'cookie-es',
        cookieEs,
        (m) => m.parse,
        (m) => (v) => m.serialize('django_language', v, ATTRIBUTES),
      ],
      [
        'hono',
        hono,
        (m) => m.parse,
        (m) => (v) => m.serialize('django_language', v, { ...ATTRIBUTES, sameSite: 'Lax' }),
      ],
    ].map(([peer, importer, parser, serializer]) => [
      `round/${peer} by hand (parse, check, serialize)`,
      async () => {
        const m = await importer();
        const parse = parser(m);
        const serialize = serializer(m);
        const request = new Request('https://data.example/', { headers: { cookie: HEADERS[20] } });
        return () => {
          const cookies = parse(request.headers.get('cookie') ?? '');
          const lang = LANGS.has(cookies.django_language) ? cookies.django_language : 'en';
          const csrf = CSRF_PATTERN.test(cookies.csrftoken ?? '') ? cookies.csrftoken : undefined;
          const headers = new Headers();
          headers.append('set-cookie', serialize(lang === 'de' ? 'fr' : 'de'));
          return csrf && headers;
        };
      },
    ]),
  ),
  ...sealCases(),
  'round/edge-runtime RequestCookies + ResponseCookies by hand': async () => {
    const { RequestCookies, ResponseCookies } = await edge();
    const request = new Request('https://data.example/', { headers: { cookie: HEADERS[20] } });
    return () => {
      const cookies = new RequestCookies(request.headers);
      const raw = cookies.get('django_language')?.value;
      const lang = LANGS.has(raw) ? raw : 'en';
      const token = cookies.get('csrftoken')?.value;
      const csrf = CSRF_PATTERN.test(token ?? '') ? token : undefined;
      const headers = new Headers();
      new ResponseCookies(headers).set('django_language', lang === 'de' ? 'fr' : 'de', ATTRIBUTES);
      return csrf && headers;
    };
  },
};

/** The same for a function that returns a promise: each call awaited before the next. */
async function measureAsync(fn, { time, warmupTime }) {
  let sink = 0;
  const consume = (result) => {
    sink += result === undefined ? 0 : typeof result === 'string' ? result.length : 1;
  };
  const warmUntil = performance.now() + 200;
  while (performance.now() < warmUntil) consume(await fn());
  let batch = 1;
  let elapsed = 0;
  while (elapsed < 2 && batch < 1 << 20) {
    batch *= 2;
    const start = performance.now();
    for (let i = 0; i < batch; i++) consume(await fn());
    elapsed = performance.now() - start;
  }
  batch = Math.max(1, Math.round((0.1 * batch) / elapsed));
  const bench = new Bench({ time, warmupTime, warmup: true, iterations: 32, throws: true });
  bench.add('case', async () => {
    for (let i = 0; i < batch; i++) consume(await fn());
  });
  await bench.run();
  const { result } = bench.tasks[0];
  if (sink === -1) console.error(sink);
  return { ops: result.throughput.p50 * batch, rme: result.latency.rme, batch };
}

/** Median ops/s of `fn`, timed by tinybench in batches after a warm-up. */
async function measure(fn, { time, warmupTime }) {
  let sink = 0;
  const consume = (result) => {
    sink += result === undefined ? 0 : typeof result === 'string' ? result.length : 1;
  };
  // Calibrate a batch of ~100 µs (after a first warm-up), so that the timer's cost is noise.
  const warmUntil = performance.now() + 100;
  while (performance.now() < warmUntil) consume(fn());
  let batch = 1;
  let elapsed = 0;
  while (elapsed < 2 && batch < 1 << 24) {
    batch *= 2;
    const start = performance.now();
    for (let i = 0; i < batch; i++) consume(fn());
    elapsed = performance.now() - start;
  }
  batch = Math.max(1, Math.round((0.1 * batch) / elapsed));
  const bench = new Bench({ time, warmupTime, warmup: true, iterations: 32, throws: true });
  bench.add('case', () => {
    for (let i = 0; i < batch; i++) consume(fn());
  });
  await bench.run();
  const { result } = bench.tasks[0];
  if (sink === -1) console.error(sink);
  return { ops: result.throughput.p50 * batch, rme: result.latency.rme, batch };
}

if (process.argv[2] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const id = process.argv[2];
  const make = cases[id];
  if (!make) throw new Error(`unknown case "${id}"`);
  const fn = await make();
  // Fail fast when a peer's API or our output is not what the case expects.
  const first = fn();
  const isAsync = typeof first?.then === 'function';
  const value = isAsync ? await first : first;
  if (value === undefined) throw new Error(`case "${id}" returned undefined`);
  const quick = process.argv.includes('--quick');
  const result = await (isAsync ? measureAsync : measure)(
    fn,
    quick ? { time: 250, warmupTime: 150 } : { time: 700, warmupTime: 400 },
  );
  console.log(
    JSON.stringify(typeof value === 'string' ? { ...result, bytes: value.length } : result),
  );
}
