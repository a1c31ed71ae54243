/**
 * Every header the runtime reads is processed in linear time: `Cookie` (the request store, the
 * jar's accessors, families and purges), `Sec-GPC`, `Host`, the Node and Next.js adapters'
 * inputs, `document.cookie`, and `Set-Cookie` headers other code wrote (the guard). Proven by
 * counting work (`work.ts`: the characters every built-in touches), not by timing: for
 * adversarial shapes that fast-check draws — long runs of spaces, tabs, `=`, `;`, quotes, `%`,
 * dots and the looked-up names — eight times the input costs at most eight times the work
 * (quadratic code costs 64 times). The RegExps on these paths are proven linear by
 * `regex-audit.test.ts`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CookieDefinition } from '../src/accessor.js';
import { nextCookies } from '../src/adapters/next.js';
import { attachCookies } from '../src/adapters/node.js';
import { documentCookieNames, documentCookieValue } from '../src/browser-store.js';
import type { ConsentConfig } from '../src/consent.js';
import { siteDomains } from '../src/consent.js';
import { filterSetCookies } from '../src/guard.js';
import {
  base64url,
  booleanCodec,
  consentCodec,
  dateCodec,
  enumCodec,
  integerCodec,
  jsonCodec,
  numberCodec,
  raw,
  stringCodec,
} from '../src/index.js';
import { defineJar, verbatimString } from '../src/jar.js';
import { compileJsonValidator } from '../src/json-validator.js';
import { COOKIE_HEADER_LIMIT, createRequestStore, readGpcHeader } from '../src/request-store.js';
import { countWork } from './work.js';

const consent: ConsentConfig = {
  cookie: 'choice',
  revision: 1,
  hash: 'h',
  maxAge: 86_400,
  required: 'necessary',
  categories: ['necessary', 'statistics'],
  gpcOptOut: ['statistics'],
  optOut: [],
  suffix: '; Path=/',
  deleteSuffix: '; Max-Age=0; Path=/',
};
const del = '; Max-Age=0; Path=/';
const def = <T>(name: string, codec: CookieDefinition<T>['codec'], extra = {}) =>
  ({ name, codec, suffix: '; Max-Age=60; Path=/', ...extra }) as CookieDefinition<unknown>;
const accessors: Record<string, CookieDefinition<unknown>> = {
  id: def('id', stringCodec({ pattern: '^[a-z0-9]*$', maxLength: 64 })),
  a: def('a', enumCodec(['x', 'y'])),
  n: def('n', integerCodec()),
  f: def('f', numberCodec()),
  b: def('b', booleanCodec()),
  d: def('d', dateCodec()),
  j: def('j', jsonCodec(compileJsonValidator({ type: 'object' }))),
  j64: def('j64', jsonCodec(compileJsonValidator({ type: 'array' }), base64url)),
  r: def('r', stringCodec(undefined, raw), { category: 'statistics' }),
  ga: def('_ga_', stringCodec(undefined, raw), { family: true, category: 'statistics' }),
  choice: def('choice', consentCodec()),
  // Looked up from its rarest character ("ken"), its head compared where that is found; and
  // read through the generator's shortcut.
  csrf: def('csrftoken', stringCodec({ pattern: '^[A-Za-z0-9]{4,64}$' }), {
    verbatim: verbatimString(/^[A-Za-z0-9]+$/u, 4, 64),
  }),
};
// biome-ignore lint/suspicious/noExplicitAny: the generated Cookies interface is not needed here
const createCookies = defineJar<string, any>({
  consent,
  consentMode: { statistics: ['analytics_storage'] },
  purge: [
    { name: 'r', category: 'statistics', deleteSuffix: del },
    { name: '_ga_', family: true, category: 'statistics', deleteSuffix: del, except: ['_ga_k'] },
  ],
  accessors,
});

/** Everything a request can make the runtime do with its headers. */
function request(headers: Record<string, string | string[]>): void {
  const jar = createCookies({ headers }, { now: () => 0 });
  for (const key of Object.keys(accessors)) {
    if (key === 'ga') {
      jar.ga.get('1');
      jar.ga.inspect('');
      jar.ga.names();
    } else {
      jar[key].get();
      jar[key].inspect();
    }
  }
  jar.get('_ga_x');
  jar.consent.state();
  jar.consent.toConsentMode();
  jar.consent.revoke('statistics');
  jar.toSetCookieHeaders();
}

// What headers are made of: the characters parsers split, trim and unquote on, the names they
// look up, and the pieces of encodings they decode.
const piece = fc.constantFrom(
  ' ',
  '\t',
  '=',
  ';',
  '; ',
  '"',
  ',',
  '\\',
  '%',
  '%2',
  '%20',
  '%E9',
  '.',
  ':',
  '1',
  'a',
  'x',
  'id',
  'id=',
  'n=1',
  '_ga_',
  '_ga_1=',
  'choice=1.',
  'csrfto',
  'ken',
  'csrftoken=',
  'j=',
  '{"a":',
  '[',
  '\u00a0',
);
const unit = fc.array(piece, { minLength: 1, maxLength: 4 }).map((p) => p.join(''));
const edge = fc.array(piece, { maxLength: 3 }).map((p) => p.join(''));

/** Work at `n` and `8n` repetitions of `unit`, the input about 1 KiB, then 8 KiB. */
function growth(build: (body: string) => () => unknown, u: string, before: string, after: string) {
  const n = Math.ceil(1024 / u.length);
  const at = (count: number) => countWork(build(before + u.repeat(count) + after));
  return { small: at(n), large: at(8 * n) };
}

/** Linear: eight times the input, at most eight times the work (plus a constant). */
function expectLinear(build: (body: string) => () => unknown, runs = 60): void {
  fc.assert(
    fc.property(unit, edge, edge, (u, before, after) => {
      const { small, large } = growth(build, u, before, after);
      expect(large).toBeLessThanOrEqual(8 * small + 2000);
    }),
    { numRuns: runs },
  );
}

describe('every header the runtime reads costs linear work', () => {
  it('the cost model sees quadratic work (a control: it would fail the property)', () => {
    const quadratic = (body: string) => () => {
      for (let i = 0; i < body.length; i++) body.indexOf('\u0000', i);
    };
    const { small, large } = growth(quadratic, ' ', '', '');
    expect(large).toBeGreaterThan(40 * small);
  });

  it('Cookie: the request store (lookups, names, writes and deletions)', () => {
    expectLinear((body) => () => {
      const store = createRequestStore({ headers: { cookie: body } });
      store.get('id');
      store.get('csrftoken');
      store.get('');
      store.has('a');
      store.set('id', 'v', '; Path=/');
      store.delete('a');
      store.names();
    });
  });

  it('Cookie: a jar reading every value type, a family, consent, and a purge', () => {
    expectLinear((body) => () => request({ cookie: body, host: 'www.shop.example' }), 40);
  });

  it('Cookie: one value of each type, as long as the header allows', () => {
    const value = fc.constantFrom(...Object.values(accessors).map((d) => d.name));
    fc.assert(
      fc.property(value, unit, (name, u) => {
        const build = (body: string) => () => request({ cookie: `${name}=${body}` });
        const { small, large } = growth(build, u, '', '');
        expect(large).toBeLessThanOrEqual(8 * small + 2000);
      }),
      { numRuns: 40 },
    );
  });

  it('Cookie: several header fields (HTTP/2), through the Node adapter', () => {
    expectLinear((body) => () => {
      const res = {
        headersSent: false,
        getHeader: () => undefined,
        setHeader: () => {},
        writeHead: () => {},
      };
      const jar = attachCookies(createCookies, { headers: { cookie: [body, body] } }, res);
      jar.id.get();
      jar.ga.names();
    });
  });

  it('Cookie: the values of Next.js cookies()', () => {
    expectLinear((body) => () => {
      const store = {
        getAll: () => [
          { name: 'id', value: body },
          { name: '_ga_1', value: `${body}.${'A'.repeat(43)}` },
        ],
        set: () => {},
      };
      const jar = nextCookies(createCookies, store);
      jar.id.get();
      jar.ga.names();
    });
  });

  it('Sec-GPC', () => {
    expectLinear((body) => () => {
      readGpcHeader({ headers: { 'sec-gpc': body } });
      readGpcHeader({ headers: { 'sec-gpc': `1${body}` } });
      createCookies({ headers: { 'sec-gpc': body } }).consent.state();
    });
  });

  it('Host: the domains a purge sweeps', () => {
    expectLinear((body) => () => {
      siteDomains(body);
      siteDomains(`${body}.example`);
      request({ cookie: '_ga_1=1; r=1', host: body });
    });
  });

  it('document.cookie', () => {
    expectLinear((body) => () => {
      documentCookieValue(body, 'id');
      documentCookieValue(`id=${body}`, 'id');
      documentCookieNames(body);
    });
  });

  it('Set-Cookie headers other code wrote (guardSetCookies)', () => {
    const definition = {
      cookies: { id: ['necessary', '; Path=/'] },
      families: [['_ga_', 'statistics', '; Max-Age=60; Path=/']],
      thirdParty: ['_gcl_*'],
    } as const;
    // Attributes are compared with the declaration, and rewritten to it on request.
    for (const options of [{}, { rewrite: true }, { domain: 'shop.example' }]) {
      expectLinear(
        (body) => () =>
          filterSetCookies(
            [body, `id=1${body}`, `${body}=1; Max-Age=0`, `id=1; Path=/${body}; Max-Age=${body}`],
            definition,
            ['necessary'],
            options,
          ),
      );
    }
  });
});

describe(`a Cookie header over ${COOKIE_HEADER_LIMIT} characters`, () => {
  it('costs no more than one at the limit: the rest is not read', () => {
    const work = (bytes: number) => {
      const cookie = `${'a=1; '.repeat(Math.ceil(bytes / 5))}_ga_1=1`;
      return countWork(() => request({ cookie, host: 'shop.example' }));
    };
    expect(work(16 * COOKIE_HEADER_LIMIT)).toBeLessThanOrEqual(work(COOKIE_HEADER_LIMIT) + 2000);
  });

  it('keeps the whole pairs that end within the limit, and reads no pair cut by it', () => {
    const filler = `f=${'x'.repeat(COOKIE_HEADER_LIMIT - 20)}`;
    const store = createRequestStore(`${filler}; id=abc; cut=${'y'.repeat(100)}; late=1`);
    expect(store.get('id')).toBe('abc');
    expect(store.get('cut')).toBeUndefined();
    expect(store.get('late')).toBeUndefined();
    expect(store.header.length).toBeLessThanOrEqual(COOKIE_HEADER_LIMIT);
  });
});
