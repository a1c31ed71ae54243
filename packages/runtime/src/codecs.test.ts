import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  booleanCodec,
  type ConsentRecord,
  type CookieCodec,
  consentCodec,
  dateCodec,
  enumCodec,
  integerCodec,
  jsonCodec,
  numberCodec,
  stringCodec,
} from './codecs.js';
import { base64url, type CookieEncoding, raw, uri } from './encoding.js';
import { CookieError } from './errors.js';
import { compileJsonValidator, type JsonSchema } from './json-validator.js';
import { getRawCookieValue } from './parse.js';
import { compileCookieAttributes, formatSetCookie } from './serialize.js';

const encodings: CookieEncoding[] = [uri, base64url, raw];

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CookieError);
    return (error as CookieError).code;
  }
  return undefined;
}

describe('encodings', () => {
  it('uri leaves safe cookie-octets as they are and escapes the rest', () => {
    expect(uri.encode('en')).toBe('en');
    expect(uri.encode("!#$&'()*+-./:<=>?@[]^_`{|}~")).toBe("!#$&'()*+-./:<=>?@[]^_`{|}~");
    expect(uri.encode('a b;c')).toBe('a%20b%3Bc');
    expect(uri.encode('100%')).toBe('100%25');
    expect(uri.encode('{"a":1,"b":"é"}')).toBe('%7B%22a%22%3A1%2C%22b%22%3A%22%C3%A9%22%7D');
    expect(uri.decode('a%20b%3Bc')).toBe('a b;c');
  });

  it('base64url is UTF-8, URL alphabet, no padding, canonical only', () => {
    expect(base64url.encode('é?>')).toBe('w6k_Pg');
    expect(base64url.decode('w6k_Pg')).toBe('é?>');
    expect(base64url.decode('w6k_Pg==')).toBeUndefined(); // padding
    expect(base64url.decode('w6k/Pg')).toBeUndefined(); // standard alphabet
    expect(base64url.decode('w6k_Ph')).toBeUndefined(); // non-zero unused bits
    expect(base64url.decode('abcde')).toBeUndefined(); // impossible length
    expect(base64url.decode('_w')).toBeUndefined(); // 0xff is not UTF-8
  });

  it('raw refuses what is not cookie-octets', () => {
    expect(raw.encode('abc.DEF-_~')).toBe('abc.DEF-_~');
    for (const text of ['a b', 'a;b', 'a,b', 'a"b', 'a\\b', 'é', '\n']) {
      expect(code(() => raw.encode(text, 'c'))).toBe('invalid-value');
    }
  });

  it('a lone surrogate cannot be encoded by any encoding', () => {
    expect(code(() => uri.encode('a\ud800'))).toBe('invalid-value');
    expect(code(() => base64url.encode('\udc00b'))).toBe('invalid-value');
    expect(code(() => raw.encode('\ud800'))).toBe('invalid-value');
  });
});

describe('codecs', () => {
  it('string: length, pattern, type', () => {
    const codec = stringCodec({ minLength: 2, maxLength: 3, pattern: '^[a-z🍪]+$' });
    expect(codec.encode('ab')).toBe('ab');
    expect(codec.validate('🍪🍪🍪')).toEqual({ ok: true, value: '🍪🍪🍪' }); // code points
    expect(codec.validate('a').ok).toBe(false);
    expect(codec.validate('abcd').ok).toBe(false);
    expect(codec.validate('AB').ok).toBe(false);
    expect(codec.validate(42).ok).toBe(false);
    expect(codec.decode('A%42')).toMatchObject({ ok: false });
    expect(() => codec.encode('ABC', 'sessionid')).toThrow(
      'Cookie "sessionid": expected a string matching /^[a-z🍪]+$/u, received "ABC"',
    );
    // A /g RegExp must not keep state between calls.
    const global = stringCodec({ pattern: /a/g });
    expect([global.validate('a').ok, global.validate('a').ok]).toEqual([true, true]);
  });

  it('enum', () => {
    const codec = enumCodec(['en', 'fr'] as const);
    expect(codec.decode('fr')).toEqual({ ok: true, value: 'fr' });
    expect(codec.decode('de')).toEqual({
      ok: false,
      reason: 'expected one of "en", "fr", received "de"',
    });
    expect(code(() => codec.encode('de' as 'en'))).toBe('invalid-value');
  });

  it('integer and number', () => {
    const int = integerCodec({ min: -5, max: 10 });
    expect(int.decode('7')).toEqual({ ok: true, value: 7 });
    for (const text of ['07', '+7', '7.0', '1e1', '-0', '', ' 7', '11', '-6', '0x7']) {
      expect(int.decode(text).ok, text).toBe(false);
    }
    expect(code(() => int.encode(1.5))).toBe('invalid-value');
    expect(integerCodec().decode('9007199254740993').ok).toBe(false); // not a safe integer
    const num = numberCodec({ min: 0 });
    expect(num.decode('1.5e-7')).toEqual({ ok: true, value: 1.5e-7 });
    expect(num.decode('Infinity').ok).toBe(false);
    expect(num.decode('NaN').ok).toBe(false);
    expect(num.decode('-1').ok).toBe(false);
    expect(numberCodec().decode('1e999').ok).toBe(false); // overflows to Infinity
    expect(code(() => num.encode(Number.NaN))).toBe('invalid-value');
  });

  it('boolean', () => {
    const codec = booleanCodec();
    expect([codec.encode(true), codec.encode(false)]).toEqual(['true', 'false']);
    expect(['true', '1', 'false', '0', 'yes', 'TRUE'].map((t) => codec.decode(t).ok)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('date: canonical ISO 8601 only', () => {
    const codec = dateCodec();
    const date = new Date('2026-11-28T10:20:30.456Z');
    expect(codec.encode(date)).toBe('2026-11-28T10:20:30.456Z');
    expect(codec.decode('2026-11-28T10:20:30.456Z')).toEqual({ ok: true, value: date });
    for (const text of [
      '2026-11-28',
      '2026-02-30T00:00:00.000Z',
      'Sat Nov 28 2026',
      '1764325230456',
    ]) {
      expect(codec.decode(text).ok, text).toBe(false);
    }
    expect(code(() => codec.encode(new Date(Number.NaN)))).toBe('invalid-value');
  });

  it('consent: the documented compact format', () => {
    const codec = consentCodec();
    const record: ConsentRecord = {
      categories: ['necessary', 'statistics'],
      revision: 3,
      hash: 'k3Yd9',
      updatedAt: 1764325230456,
      gpc: true,
    };
    expect(codec.encode(record)).toBe('1.3.miiposjc.k3Yd9.1.necessary~statistics');
    expect(codec.decode('1.3.miiposjc.k3Yd9.1.necessary~statistics')).toEqual({
      ok: true,
      value: record,
    });
    expect(codec.decode('1.0.0..')).toMatchObject({ ok: false }); // 5 fields
    expect(codec.decode('1.0.0...')).toEqual({
      ok: true,
      value: { categories: [], revision: 0, hash: '', updatedAt: 0 },
    });
    for (const text of [
      '2.3.miiposjc.k3Yd9.1.necessary', // unknown version
      '1.03.miiposjc.k3Yd9.1.necessary', // leading zero
      '1.3.MIIRYJP4.k3Yd9.1.necessary', // not lower-case base 36
      '1.3.miiposjc.k3Yd9.2.necessary', // gpc flag
      '1.3.miiposjc.k3Yd9.1.necessary~necessary', // duplicate
      '1.3.miiposjc.k3Yd9.1.a~', // empty category
      '1.3.zzzzzzzzzzzz.k3Yd9.1.a', // updatedAt beyond safe integers
    ]) {
      expect(codec.decode(text).ok, text).toBe(false);
    }
    expect(code(() => codec.encode({ ...record, categories: ['a.b'] }))).toBe('invalid-value');
    expect(code(() => codec.encode({ ...record, revision: -1 }))).toBe('invalid-value');
  });
});

describe('json codec', () => {
  const schema: JsonSchema = {
    type: 'object',
    properties: {
      theme: { enum: ['light', 'dark'] },
      size: { type: 'integer', minimum: 8, maximum: 32 },
      tags: { type: 'array', items: { type: 'string' } },
    },
    required: ['theme'],
    additionalProperties: false,
  };
  type Prefs = { theme: 'light' | 'dark'; size?: number; tags?: string[] };
  const codec = jsonCodec(compileJsonValidator<Prefs>(schema), base64url);

  it('round-trips and validates', () => {
    const value: Prefs = { theme: 'dark', size: 12, tags: ['a'] };
    expect(codec.decode(codec.encode(value))).toEqual({ ok: true, value });
    expect(codec.decode(base64url.encode('{"theme":"blue"}'))).toEqual({
      ok: false,
      reason: 'value/theme: expected one of "light", "dark", received "blue"',
    });
    expect(codec.decode(base64url.encode('{"theme":'))).toMatchObject({ ok: false });
    expect(code(() => codec.encode({ theme: 'dark', extra: 1 } as Prefs, 'prefs'))).toBe(
      'invalid-value',
    );
  });

  it('is closed to prototype pollution', () => {
    const open = jsonCodec(compileJsonValidator({ type: 'object' }));
    for (const text of [
      '{"__proto__":{"polluted":1}}',
      '{"\\u005f_proto__":{"polluted":1}}',
      '{"a":{"constructor":{"prototype":{"polluted":1}}}}',
    ]) {
      const result = open.decode(uri.encode(text));
      expect(result.ok).toBe(true);
      const value = result.ok ? (result.value as Record<string, unknown>) : {};
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
      expect(Object.keys(value)).not.toContain('__proto__');
      const merged = Object.assign({}, value, structuredClone(value));
      expect((merged as { polluted?: unknown }).polluted).toBeUndefined();
      expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    }
    expect(open.decode(uri.encode('{"a":{"constructor":1}}'))).toEqual({
      ok: true,
      value: { a: {} },
    });
    // Encoding refuses them outright.
    const hostile = JSON.parse('{"__proto__":{"polluted":1}}');
    expect(code(() => open.encode(hostile))).toBe('invalid-value');
  });
});

describe('compileJsonValidator', () => {
  it.each<[string, JsonSchema, unknown, string | undefined]>([
    ['string ok', { type: 'string' }, 'a', undefined],
    ['string type', { type: 'string' }, 1, 'value: expected string, received number'],
    ['integer vs number', { type: 'integer' }, 1.5, 'value: expected integer, received number'],
    ['number accepts integers', { type: 'number' }, 2, undefined],
    ['nullable', { type: ['string', 'null'] }, null, undefined],
    ['null', { type: 'null' }, false, 'value: expected null, received boolean'],
    ['const', { const: 'x' }, 'y', 'value: expected "x", received "y"'],
    [
      'minLength',
      { type: 'string', minLength: 2 },
      'a',
      'value: expected at least 2 characters, received 1',
    ],
    [
      'maxItems',
      { type: 'array', maxItems: 1 },
      [1, 2],
      'value: expected at most 1 items, received 2',
    ],
    [
      'items',
      { items: { type: 'boolean' } },
      [true, 1],
      'value/1: expected boolean, received number',
    ],
    ['required', { required: ['a'] }, {}, 'value/a: required property is missing'],
    [
      'nested pointer',
      { properties: { 'a/b': { properties: { c: { type: 'string' } } } } },
      { 'a/b': { c: 1 } },
      'value/a~1b/c: expected string, received number',
    ],
    [
      'additional schema',
      { additionalProperties: { type: 'number' } },
      { x: 'y' },
      'value/x: expected number, received string',
    ],
    [
      'plain objects only',
      { type: 'object' },
      new Map(),
      'value: expected a plain object, received object',
    ],
    ['arrays are not objects', { type: 'object' }, [], 'value: expected object, received array'],
    ['any JSON', {}, { a: [1, 'b', null] }, undefined],
    [
      'any JSON refuses functions',
      {},
      { a: () => 1 },
      'value/a: expected a JSON value, received function',
    ],
    [
      'finite numbers',
      { type: 'number' },
      Number.POSITIVE_INFINITY,
      'value: expected a finite number, received Infinity',
    ],
  ])('%s', (_, schema, value, reason) => {
    expect(compileJsonValidator(schema)(value)).toBe(reason);
  });

  it('refuses keywords it does not implement, and hostile property names', () => {
    expect(code(() => compileJsonValidator({ anyOf: [] } as JsonSchema))).toBe('invalid-schema');
    expect(
      code(() => compileJsonValidator({ properties: { x: { $ref: '#' } } } as JsonSchema)),
    ).toBe('invalid-schema');
    // A literal __proto__ sets the prototype of `properties`: not a plain object, refused too.
    expect(
      code(() => compileJsonValidator({ properties: { __proto__: {} } } as unknown as JsonSchema)),
    ).toBe('invalid-schema');
    expect(code(() => compileJsonValidator(JSON.parse('{"properties":{"__proto__":{}}}')))).toBe(
      'invalid-schema',
    );
    expect(code(() => compileJsonValidator({ type: 'string', pattern: '(' }))).toBe(
      'invalid-schema',
    );
    expect(code(() => compileJsonValidator({ type: 'date' as 'string' }))).toBe('invalid-schema');
  });
});

// ── Properties: serialize-then-parse returns every valid value, for every codec and encoding ──

const cookieName = 'c';
const suffix = compileCookieAttributes(cookieName, {
  path: '/',
  maxAge: 3600,
  sameSite: 'lax',
  secure: true,
});

/** Writes the value, then reads it back through a Cookie header with neighbours. */
function roundTrip<T>(codec: CookieCodec<T>, value: T): T {
  const setCookie = formatSetCookie(cookieName, codec.encode(value, cookieName), suffix);
  expect(setCookie).not.toMatch(/[\r\n]/);
  expect(setCookie.endsWith(suffix)).toBe(true);
  const pair = setCookie.slice(0, setCookie.length - suffix.length);
  expect(pair).not.toContain(';'); // no ";" but the attribute separators
  const header = `a=1; ${pair}; cc=2`;
  const result = codec.decode(getRawCookieValue(header, cookieName)!);
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

const anyJson = compileJsonValidator({});
// Valid values only: JSON without the keys refused as prototype-pollution vectors.
const json: fc.Arbitrary<unknown> = fc
  .jsonValue()
  .map((v) => JSON.parse(JSON.stringify(v)))
  .filter((v) => anyJson(v) === undefined);
const consent: fc.Arbitrary<ConsentRecord> = fc
  .record({
    categories: fc.uniqueArray(fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), { maxLength: 8 }),
    revision: fc.nat(),
    hash: fc.stringMatching(/^[A-Za-z0-9_-]{0,128}$/),
    updatedAt: fc.nat({ max: Number.MAX_SAFE_INTEGER }),
    gpc: fc.option(fc.boolean(), { nil: undefined }),
  })
  .map(({ gpc, ...rest }) => (gpc === undefined ? rest : { ...rest, gpc }));

const cases: [string, CookieCodec<never>, fc.Arbitrary<unknown>, CookieEncoding[]][] = [
  [
    'string',
    stringCodec() as CookieCodec<never>,
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    [uri, base64url],
  ],
  [
    'string (raw-safe)',
    stringCodec() as CookieCodec<never>,
    fc.stringMatching(/^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*$/),
    encodings,
  ],
  [
    'enum',
    enumCodec(['en', 'fr', 'x y', 'é;"']) as CookieCodec<never>,
    fc.constantFrom('en', 'fr', 'x y', 'é;"'),
    [uri, base64url],
  ],
  [
    'integer',
    integerCodec() as CookieCodec<never>,
    fc.maxSafeInteger().filter((n) => !Object.is(n, -0)),
    encodings,
  ],
  [
    'number',
    numberCodec() as CookieCodec<never>,
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
    encodings,
  ],
  ['boolean', booleanCodec() as CookieCodec<never>, fc.boolean(), encodings],
  [
    'date',
    dateCodec() as CookieCodec<never>,
    fc.date({
      noInvalidDate: true,
      min: new Date(-62167219200000),
      max: new Date(253402300799999),
    }),
    encodings,
  ],
  ['json', jsonCodec(compileJsonValidator({})) as CookieCodec<never>, json, [uri, base64url]],
  ['consent', consentCodec() as CookieCodec<never>, consent, encodings],
];

describe('serialize-then-parse round-trips every valid value', () => {
  for (const [type, base, arbitrary, usable] of cases) {
    for (const encoding of usable) {
      it(`${type} × ${encoding.name}`, () => {
        // Rebuild the codec over this encoding with the same factory and options.
        const codec = withEncoding(type, base, encoding);
        fc.assert(
          fc.property(arbitrary, (value) => {
            expect(roundTrip(codec, value as never)).toEqual(value);
          }),
          { numRuns: 300 },
        );
      });
    }
  }
});

function withEncoding(
  type: string,
  base: CookieCodec<never>,
  encoding: CookieEncoding,
): CookieCodec<never> {
  switch (type) {
    case 'string':
    case 'string (raw-safe)':
      return stringCodec({}, encoding) as CookieCodec<never>;
    case 'enum':
      return enumCodec(['en', 'fr', 'x y', 'é;"'], encoding) as CookieCodec<never>;
    case 'integer':
      return integerCodec({}, encoding) as CookieCodec<never>;
    case 'number':
      return numberCodec({}, encoding) as CookieCodec<never>;
    case 'boolean':
      return booleanCodec(encoding) as CookieCodec<never>;
    case 'date':
      return dateCodec(encoding) as CookieCodec<never>;
    case 'json':
      return jsonCodec(compileJsonValidator({}), encoding) as CookieCodec<never>;
    case 'consent':
      return consentCodec(encoding) as CookieCodec<never>;
    default:
      return base;
  }
}

describe('decode never throws and never returns a value of the wrong type', () => {
  it('for any input text', () => {
    const all = cases.flatMap(([type, base]) => encodings.map((e) => withEncoding(type, base, e)));
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 100 }), (text) => {
        for (const codec of all) {
          const result = codec.decode(text);
          if (result.ok) expect(codec.validate(result.value).ok).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
