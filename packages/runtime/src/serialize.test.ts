import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadVectors, revive, usesCustomFunction } from '../test/vectors.js';
import { raw } from './encoding.js';
import { CookieError } from './errors.js';
import {
  type CookieAttributes,
  compileCookieAttributes,
  compileDeleteAttributes,
  formatSetCookie,
  serializeDeleteCookie,
  serializeSetCookie,
} from './serialize.js';

interface JshttpVector {
  id: number;
  test: string;
  fn: string;
  args: unknown[];
  expected?: string;
  throws?: unknown;
}

function thrown(fn: () => unknown): CookieError | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CookieError);
    return error as CookieError;
  }
  return undefined;
}

const jshttp = loadVectors<{ vectors: JshttpVector[] }>('jshttp-cookie/cookie-v2.0.1-vectors.json');

/**
 * DEVIATIONS from cookie@2 stringifySetCookie: cases it accepts and we refuse, by vector id.
 * Every other vector must give the same string (or, like cookie@2, throw).
 */
const jshttpDeviations: Record<number, string> = {
  // Names outside the RFC 9110 token set; cookie@2 allows any cookie-octet but "=" (issue #191).
  // We follow the RFC (SPEC §3: names are tokens), so no user agent or proxy mis-splits them.
  ...Object.fromEntries(
    [191, 206, 207, 208, 209, 210, 211, 212, 213, 214, 215, 216, 217].map((id) => [
      id,
      'invalid-name',
    ]),
  ),
  // Paths not starting with "/": user agents ignore them and use the default path (RFC 6265 §5.2.4).
  262: 'invalid-attribute',
  263: 'invalid-attribute',
  // `raw` (cookie@2's identity encode) must be cookie-octets: DQUOTE, "," and "\" are not.
  239: 'invalid-value',
  240: 'invalid-value',
  241: 'invalid-value',
  // SameSite=None without Secure: user agents reject the cookie (RFC 6265bis §5.6.7).
  280: 'secure-required',
  // sameSite: true is not a SameSite keyword (cookie@2 maps it to Strict).
  281: 'invalid-attribute',
};

describe('serializeSetCookie: jshttp/cookie v2.0.1 stringifySetCookie vectors', () => {
  const vectors = jshttp.vectors.filter((v) => v.fn === 'stringifySetCookie');
  it('has the vectors', () => expect(vectors.length).toBe(99));

  for (const vector of vectors) {
    // Custom encode functions: our encodings are fixed (uri, base64url, raw).
    if (usesCustomFunction(vector)) continue;
    const deviation = jshttpDeviations[vector.id];
    const title = `#${vector.id} ${vector.test}${deviation ? ` — DEVIATION: we throw ${deviation}` : ''}`;
    it(title, () => {
      const [cookie, options] = revive(vector.args) as [
        { name: string; value: string } & CookieAttributes,
        { encode?: unknown } | undefined,
      ];
      const { name, value, ...attributes } = cookie;
      const encoding = options?.encode === undefined ? undefined : raw;
      const run = () => serializeSetCookie(name, value, attributes, encoding);
      if (deviation !== undefined) {
        expect(thrown(run)?.code).toBe(deviation);
      } else if (vector.throws !== undefined) {
        expect(thrown(run)).toBeInstanceOf(CookieError);
      } else {
        expect(run()).toBe(vector.expected);
      }
    });
  }
});

interface HonoSerialize {
  test: string;
  name: string;
  value: string;
  options: Record<string, unknown>;
  secret?: string;
  expected?: string;
  throws?: string;
}

const hono = loadVectors<{ serialize: HonoSerialize[] }>('hono/hono-cookie-vectors.json');

describe('serializeSetCookie: hono 4.13.3 serialize vectors', () => {
  it('has the vectors', () => expect(hono.serialize.length).toBe(28));
  for (const vector of hono.serialize) {
    // Signed serialization is compared in signing.test.ts (hono pads and escapes signatures).
    if (vector.secret !== undefined) continue;
    const negative = vector.options.maxAge === -1;
    it(`${vector.test}${negative ? ' — DEVIATION: we throw invalid-max-age' : ''}`, () => {
      const attributes = revive(vector.options) as CookieAttributes;
      const run = () => serializeSetCookie(vector.name, vector.value, attributes);
      if (negative) {
        // hono silently drops a negative Max-Age; we refuse it: deleting is serializeDeleteCookie.
        expect(thrown(run)?.code).toBe('invalid-max-age');
      } else if (vector.throws !== undefined) {
        expect(thrown(run)).toBeInstanceOf(CookieError);
      } else {
        expect(run()).toBe(vector.expected);
      }
    });
  }
});

describe('compileCookieAttributes', () => {
  it('builds the suffix of typical attributes', () => {
    expect(
      compileCookieAttributes('lang', {
        path: '/',
        maxAge: 31536000,
        sameSite: 'lax',
        secure: true,
      }),
    ).toBe('; Max-Age=31536000; Path=/; Secure; SameSite=Lax');
    expect(compileCookieAttributes('lang')).toBe('');
    expect(
      compileCookieAttributes('lang', { sameSite: 'LAX' as 'lax', priority: 'HIGH' as 'high' }),
    ).toBe('; SameSite=Lax; Priority=High');
  });

  const refused: [string, string, CookieAttributes, string][] = [
    ['name with a space', 'a b', {}, 'invalid-name'],
    ['name with CR LF', 'a\r\nSet-Cookie: x', {}, 'invalid-name'],
    ['empty name', '', {}, 'invalid-name'],
    ['non-ASCII name', 'ñ', {}, 'invalid-name'],
    ['domain with ";"', 'a', { domain: 'example.com; Secure' }, 'invalid-attribute'],
    ['domain with LF', 'a', { domain: 'example.com\n' }, 'invalid-attribute'],
    ['domain with a port', 'a', { domain: 'example.com:443' }, 'invalid-attribute'],
    ['path with ";"', 'a', { path: '/; Domain=evil' }, 'invalid-attribute'],
    ['path with CR', 'a', { path: '/\r' }, 'invalid-attribute'],
    ['path with NUL', 'a', { path: '/\u0000' }, 'invalid-attribute'],
    ['path with DEL', 'a', { path: '/\u007f' }, 'invalid-attribute'],
    ['path with a space', 'a', { path: '/a b' }, 'invalid-attribute'],
    ['relative path', 'a', { path: 'a/b' }, 'invalid-attribute'],
    ['path over 1024 bytes', 'a', { path: `/${'a'.repeat(1024)}` }, 'too-large'],
    ['sameSite with ";"', 'a', { sameSite: 'lax; Secure' as 'lax' }, 'invalid-attribute'],
    ['unknown sameSite', 'a', { sameSite: 'loose' as 'lax' }, 'invalid-attribute'],
    ['priority with LF', 'a', { priority: 'high\n' as 'high' }, 'invalid-attribute'],
    ['unknown attribute (typo)', 'a', { maxage: 1 } as CookieAttributes, 'invalid-attribute'],
    ['non-boolean flag', 'a', { secure: 'yes' as unknown as boolean }, 'invalid-attribute'],
    ['fractional Max-Age', 'a', { maxAge: 1.5 }, 'invalid-max-age'],
    ['negative Max-Age', 'a', { maxAge: -1 }, 'invalid-max-age'],
    ['NaN Max-Age', 'a', { maxAge: Number.NaN }, 'invalid-max-age'],
    ['string Max-Age', 'a', { maxAge: '60' as unknown as number }, 'invalid-max-age'],
    ['Max-Age of 400 days + 1 s', 'a', { maxAge: 34560001 }, 'invalid-max-age'],
    ['invalid Expires', 'a', { expires: new Date(Number.NaN) }, 'invalid-expires'],
    ['Expires as a string', 'a', { expires: 'tomorrow' as unknown as Date }, 'invalid-expires'],
    [
      'Expires 401 days ahead',
      'a',
      { expires: new Date(Date.now() + 401 * 86400e3) },
      'invalid-expires',
    ],
    [
      'Expires in year 10000',
      'a',
      { expires: new Date('+010000-01-01T00:00:00Z') },
      'invalid-expires',
    ],
    ['SameSite=None without Secure', 'a', { sameSite: 'none' }, 'secure-required'],
    ['Partitioned without Secure', 'a', { partitioned: true }, 'secure-required'],
    ['__Host- without Secure', '__Host-a', { path: '/' }, 'prefix-violation'],
    [
      '__Host- with Domain',
      '__Host-a',
      { path: '/', secure: true, domain: 'example.com' },
      'prefix-violation',
    ],
    ['__Host- without Path=/', '__Host-a', { secure: true }, 'prefix-violation'],
    ['__Host- with another path', '__Host-a', { secure: true, path: '/app' }, 'prefix-violation'],
    ['__host- (any case) without Secure', '__host-a', { path: '/' }, 'prefix-violation'],
    ['__Secure- without Secure', '__Secure-a', {}, 'prefix-violation'],
    ['__SECURE- without Secure', '__SECURE-a', {}, 'prefix-violation'],
    ['__Http- without HttpOnly', '__Http-a', { secure: true }, 'prefix-violation'],
    [
      '__Host-Http- without HttpOnly',
      '__Host-Http-a',
      { secure: true, path: '/' },
      'prefix-violation',
    ],
  ];
  it.each(refused)('refuses %s', (_, name, attributes, code) => {
    const error = thrown(() => compileCookieAttributes(name, attributes));
    expect(error?.code).toBe(code);
  });

  it('accepts what the prefixes require', () => {
    expect(compileCookieAttributes('__Host-sid', { secure: true, path: '/' })).toBe(
      '; Path=/; Secure',
    );
    expect(compileCookieAttributes('__Secure-sid', { secure: true, domain: 'example.com' })).toBe(
      '; Domain=example.com; Secure',
    );
    expect(compileCookieAttributes('__Http-sid', { secure: true, httpOnly: true })).toBe(
      '; HttpOnly; Secure',
    );
    expect(compileCookieAttributes('__Hostile', {})).toBe(''); // not a prefix
    expect(compileCookieAttributes('a', { maxAge: 34560000 })).toBe('; Max-Age=34560000');
  });

  it('names the cookie, the bad value and the fix in the message', () => {
    const error = thrown(() => compileCookieAttributes('sid', { maxAge: 34646400 }));
    expect(error?.message).toBe(
      'Cookie "sid": maxAge 34646400 exceeds 400 days; user agents cap Max-Age at 34560000 seconds (RFC 6265bis §5.6.2). Use at most 34560000.',
    );
    expect(error?.cookie).toBe('sid');
    const prefix = thrown(() =>
      compileCookieAttributes('__Host-sid', { secure: true, path: '/', domain: 'a.com' }),
    );
    expect(prefix?.message).toMatch(
      /^Cookie "__Host-sid": a __Host- cookie must not set Domain .* Remove domain\.$/,
    );
    const path = thrown(() => compileCookieAttributes('sid', { path: '/\r\nX: y' }));
    expect(path?.message).toContain('path "/\\r\\nX: y" is invalid');
  });
});

describe('formatSetCookie', () => {
  it('concatenates name, value and suffix', () => {
    expect(formatSetCookie('a', 'b', '; Path=/')).toBe('a=b; Path=/');
  });
  it('refuses name + value over 4096 bytes, and accepts exactly 4096', () => {
    expect(formatSetCookie('ab', 'x'.repeat(4094), '')).toHaveLength(4097);
    expect(thrown(() => formatSetCookie('ab', 'x'.repeat(4095), ''))?.code).toBe('too-large');
  });
  it.each(['a;b', 'a b', 'a\r\n', 'a,b', 'a"b', 'a\\b', 'é'])('refuses the value %j', (value) => {
    expect(thrown(() => formatSetCookie('a', value, ''))?.code).toBe('invalid-value');
  });
});

describe('serializeDeleteCookie', () => {
  it('expires the cookie and repeats path and domain', () => {
    expect(serializeDeleteCookie('sid', { path: '/app', domain: 'example.com', maxAge: 60 })).toBe(
      'sid=; Max-Age=0; Domain=example.com; Path=/app; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
    );
    expect(compileDeleteAttributes('sid')).toBe(
      '; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
    );
  });
  it('keeps Secure for prefixed names and Partitioned when given', () => {
    expect(
      serializeDeleteCookie('__Host-sid', { path: '/', partitioned: true, secure: true }),
    ).toBe(
      '__Host-sid=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; Partitioned',
    );
    expect(serializeDeleteCookie('__Secure-x')).toBe(
      '__Secure-x=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure',
    );
  });
});

describe('serialize properties', () => {
  const attributes: fc.Arbitrary<CookieAttributes> = fc.record(
    {
      domain: fc.constantFrom('example.com', '.example.com', 'a-b.c0.org'),
      path: fc.constantFrom('/', '/app', '/a/b.c', '/x=y?z'),
      maxAge: fc.integer({ min: 0, max: 34560000 }),
      httpOnly: fc.boolean(),
      secure: fc.constant(true),
      sameSite: fc.constantFrom('strict', 'lax', 'none'),
      partitioned: fc.boolean(),
      priority: fc.constantFrom('low', 'medium', 'high'),
    },
    { requiredKeys: ['secure'] },
  ) as fc.Arbitrary<CookieAttributes>;

  it('a header is one line with exactly one ";" per attribute, for any value', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), attributes, (value, attrs) => {
        const header = serializeSetCookie('name', value, attrs);
        expect(header).not.toMatch(/[\r\n\u0000]/);
        const suffix = compileCookieAttributes('name', attrs);
        expect(header.split(';').length).toBe(suffix.split(';').length);
        expect(header.endsWith(suffix)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('any attribute text with CR, LF, ";" or a control character is refused', () => {
    const evil = fc
      .tuple(
        fc.string(),
        fc.constantFrom('\r', '\n', ';', '\u0000', '\u001f', '\u007f'),
        fc.string(),
      )
      .map(([a, c, b]) => a + c + b);
    fc.assert(
      fc.property(evil, fc.constantFrom('domain', 'path', 'sameSite', 'priority'), (text, key) => {
        expect(
          thrown(() => compileCookieAttributes('a', { secure: true, [key]: text })),
        ).toBeInstanceOf(CookieError);
      }),
    );
  });
});
