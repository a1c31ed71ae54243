import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadVectors, revive, usesCustomFunction } from '../test/vectors.js';
import { uri } from './encoding.js';
import {
  cookieNeedle,
  decodeCookieValue,
  findRawCookieValue,
  getCookieValue,
  getRawCookieValue,
  parseCookieHeader,
} from './parse.js';

interface JshttpVector {
  id: number;
  test: string;
  fn: string;
  args: unknown[];
  expected?: unknown;
}

const jshttp = loadVectors<{ vectors: JshttpVector[] }>('jshttp-cookie/cookie-v2.0.1-vectors.json');

/** Our Cookie-header stringification for jshttp's `{ $call: stringifyCookie }` round trips. */
function stringifyCookie(cookies: Record<string, string>): string {
  return Object.entries(cookies)
    .map(([name, value]) => `${name}=${uri.encode(value)}`)
    .join('; ');
}

/**
 * DEVIATION from cookie@2 (which keeps them): one pair of surrounding DQUOTEs is removed, as the
 * RFC 6265 §4.1.1 grammar `cookie-value = *cookie-octet / ( DQUOTE *cookie-octet DQUOTE )`
 * says, and as hono, cookie@0.x, Go and Python do.
 */
function unquote(value: string): string {
  return value.length > 1 && value.startsWith('"') && value.endsWith('"')
    ? value.slice(1, -1)
    : value;
}

describe('parseCookieHeader: jshttp/cookie v2.0.1 parseCookie vectors', () => {
  const vectors = jshttp.vectors.filter((v) => v.fn === 'parseCookie');
  it('has the vectors', () => expect(vectors.length).toBeGreaterThan(35));

  for (const vector of vectors) {
    if (usesCustomFunction(vector)) {
      // Custom decode functions: our API has fixed encodings instead (tested in codecs.test.ts).
      continue;
    }
    it(`#${vector.id} ${vector.test}`, () => {
      const arg = vector.args[0] as string | { $call: { args: [Record<string, string>] } };
      const header = typeof arg === 'string' ? arg : stringifyCookie(arg.$call.args[0]);
      const expected = revive(vector.expected) as Record<string, string>;
      const ours = Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, unquote(v)]));
      const parsed = parseCookieHeader(header);
      expect({ ...parsed }).toEqual(ours);
      expect('hasOwnProperty' in parsed).toBe(false); // nothing inherited from Object.prototype
      // The lazy lookup agrees with the full parse on every name.
      for (const [name, value] of Object.entries(ours))
        expect(getCookieValue(header, name)).toBe(value);
    });
  }
});

interface HonoParse {
  test: string;
  input: string;
  name?: string;
  expect: Record<string, string | null>;
}

const hono = loadVectors<{ parse: HonoParse[] }>('hono/hono-cookie-vectors.json');

/**
 * DEVIATIONS from hono, which drops pairs whose name is not a token or whose value is not
 * cookie-octets: we parse leniently like jshttp/cookie (a header is data, not code) and leave
 * validation to the codec of each declared cookie. The keys below are what we return instead.
 */
const honoDeviations: Record<string, Record<string, string>> = {
  'Should ignore invalid cookie names': {
    'tasty cookie': 'strawberry',
    'best_cookie\\': 'sugar',
    '': 'ng',
  },
  'Should ignore cookie names containing non-ASCII or control characters': {
    クッキー: 'strawberry',
    'bad\u0001name': 'sugar',
  },
  'Should not collapse NBSP-prefixed cookie names when parsing all cookies': {
    // Kept under its own name (NBSP is not trimmed), so it still cannot shadow "dummy-cookie".
    '\u00a0dummy-cookie': 'evil',
  },
  'Should ignore invalid cookie values': { yummy_cookie: 'choco\\nchip', best_cookie: '"sugar' },
};

describe('parseCookieHeader / getCookieValue: hono 4.13.3 parse vectors', () => {
  it('has the vectors', () => expect(hono.parse.length).toBe(22));
  for (const vector of hono.parse) {
    it(vector.test, () => {
      const deviation = honoDeviations[vector.test] ?? {};
      if (vector.name === undefined) {
        const parsed = parseCookieHeader(vector.input);
        for (const [name, value] of Object.entries(vector.expect)) {
          const ours = Object.hasOwn(deviation, name) ? deviation[name] : (value ?? undefined);
          expect(parsed[name]).toBe(ours);
        }
        for (const [name, value] of Object.entries(deviation)) expect(parsed[name]).toBe(value);
      } else {
        // hono's parse(header, name) returns only that name: our single lookup.
        const expected = vector.expect[vector.name] ?? undefined;
        expect(getCookieValue(vector.input, vector.name)).toBe(expected);
      }
    });
  }
});

describe('getRawCookieValue', () => {
  const cases: [string, string, string, string | undefined][] = [
    ['simple', 'a=1; b=2', 'b', '2'],
    ['no space after ;', 'a=1;b=2;c=3', 'c', '3'],
    ['name is a suffix of another name', 'sessionid=abc; id=42', 'id', '42'],
    ['name is a prefix of another name', 'ids=1; id=2', 'id', '2'],
    ['name appears inside a value', 'a=xid=1; id=2', 'id', '2'],
    ['name after a space inside a value', 'a=b id=evil; id=good', 'id', 'good'],
    ['name right after "=" in a value', 'a= id=evil; id=good', 'id', 'good'],
    ['absent', 'a=1; b=2', 'c', undefined],
    ['first occurrence wins', 'id=1; id=2', 'id', '1'],
    ['OWS around "="', ' id \t=\t 7 ;x=1', 'id', '7'],
    ['quoted value', 'id="q"', 'id', 'q'],
    ['lone quote kept', 'id="', 'id', '"'],
    ['empty value', 'id=; x=1', 'id', ''],
    ['pair without "="', 'id; id=3', 'id', '3'],
    ['NBSP is not whitespace', '\u00a0id=evil; id=good', 'id', 'good'],
    ['not decoded', 'id=a%20b', 'id', 'a%20b'],
    ['value at the end of the header', 'x=1; id=end', 'id', 'end'],
    ['name at the end without "="', 'x=1; id', 'id', undefined],
    ['empty header', '', 'id', undefined],
  ];
  it.each(cases)('%s', (_, header, name, expected) => {
    expect(getRawCookieValue(header, name)).toBe(expected);
  });

  it('returns undefined for a non-string header', () => {
    expect(getRawCookieValue(undefined, 'a')).toBeUndefined();
    expect(getRawCookieValue(42 as unknown as string, 'a')).toBeUndefined();
    expect(parseCookieHeader(null)).toEqual({});
  });
});

describe('decodeCookieValue', () => {
  it.each([
    ['plain', 'plain'],
    ['a%20b', 'a b'],
    ['%1', '%1'],
    ['a%20b%ZZ', 'a b%ZZ'],
    ['%E9t%C3%A9', '%E9té'],
    ['%F0%9F%8D%AA%F0%9F', '🍪%F0%9F'],
    ['%C3%28', '%C3('],
    ['%80%41', '%80A'],
    ['100%', '100%'],
  ])('%s → %s (malformed escapes stay as they are)', (input, expected) => {
    expect(decodeCookieValue(input)).toBe(expected);
  });
});

describe('parse properties', () => {
  const anyText = fc.string({ unit: 'binary', maxLength: 200 });
  const headerish = fc
    .array(
      fc.constantFrom('a', 'b', 'id', '=', ';', ' ', '\t', '"', '%', '%2', '%20', '\u00a0', 'x'),
      {
        maxLength: 60,
      },
    )
    .map((parts) => parts.join(''));

  it('never throws, on any string (full Unicode, lone surrogates included)', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, headerish), fc.oneof(anyText, headerish), (header, name) => {
        const all = parseCookieHeader(header);
        expect('toString' in all).toBe(false);
        getCookieValue(header, name);
        decodeCookieValue(header);
      }),
      { numRuns: 2000 },
    );
  });

  it('the lazy lookup agrees with the full parse for every name', () => {
    fc.assert(
      fc.property(headerish, fc.constantFrom('a', 'b', 'id', 'x', 'ab'), (header, name) => {
        expect(getCookieValue(header, name)).toBe(parseCookieHeader(header)[name]);
      }),
      { numRuns: 3000 },
    );
  });

  it('the lookup from the rarest character agrees with the full parse', () => {
    // Names whose rarest character (for cookieNeedle) is not the first, and headers made of
    // pieces of them: tails without their head, heads without their tail, names inside values.
    const names = ['csrftoken', 'ken', 'aka', 'cck', 'a1k', '_ga_K', 'k'];
    const pieces = fc.constantFrom(
      ...names,
      'csrfto',
      'csrf',
      'c',
      'a',
      'k',
      'en',
      '=',
      ';',
      '; ',
      ' ',
      '\t',
      '"',
      'v',
    );
    const header = fc.array(pieces, { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(header, fc.constantFrom(...names), (h, name) => {
        expect(getRawCookieValue(h, name)).toBe(parseCookieHeader(h, (v) => v)[name]);
        const needle = cookieNeedle(name);
        expect(findRawCookieValue(h, needle)).toBe(parseCookieHeader(h, (v) => v)[name]);
      }),
      { numRuns: 5000 },
    );
  });

  it("a needle starts at the name's rarest character in Cookie headers", () => {
    expect(cookieNeedle('csrftoken').tail).toBe('ken');
    expect(cookieNeedle('django_language').tail).toBe('jango_language');
    expect(cookieNeedle('_ga').tail).toBe('ga');
    expect(cookieNeedle('abc').tail).toBe('c');
    // A character the table does not list is rarer than any.
    expect(cookieNeedle('ab!c').tail).toBe('!c');
    expect(cookieNeedle('').tail).toBe('');
  });

  it('first occurrence wins for any pair of values', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        const header = `x=1; dup=${uri.encode(a)}; dup=${uri.encode(b)}`;
        expect(parseCookieHeader(header).dup).toBe(a);
        expect(getCookieValue(header, 'dup')).toBe(a);
      }),
    );
  });
});

// Linear time in the header's length: test/linear.test.ts (work counted, never timed).
