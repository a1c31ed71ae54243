/**
 * The runtime's bad-input tests: one block per class of hostile or mistaken input, each case
 * with what must happen. Reading never throws and reads only what a write could have written;
 * writing refuses with a `CookieError`; nothing inherited from a polluted `Object.prototype`
 * reaches a header. (Linear time for every header shape: linear.test.ts.)
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CookieDefinition } from '../src/accessor.js';
import { documentCookieValue } from '../src/browser-store.js';
import type { ConsentConfig } from '../src/consent.js';
import { purgeCategories, siteDomains } from '../src/consent.js';
import {
  CookieError,
  compileCookieAttributes,
  compileDeleteAttributes,
  compileJsonValidator,
  getCookieValue,
  integerCodec,
  parseCookieHeader,
  raw,
  serializeDeleteCookie,
  serializeSetCookie,
  signCookieValue,
  stringCodec,
  uri,
} from '../src/index.js';
import { defineJar, type JarOptions } from '../src/jar.js';
import { createRequestStore } from '../src/request-store.js';

const consent: ConsentConfig = {
  cookie: 'cs_consent',
  revision: 1,
  hash: 'h',
  maxAge: 86_400,
  required: 'necessary',
  categories: ['necessary', 'statistics'],
  gpcOptOut: [],
  optOut: [],
  suffix: '; Path=/',
  deleteSuffix: '; Max-Age=0; Path=/',
};
const suffix = '; Max-Age=60; Path=/';
const del = '; Max-Age=0; Path=/';
const accessors: Record<string, CookieDefinition<unknown>> = {
  n: { name: 'n', codec: integerCodec(), suffix },
  token: { name: 'token', codec: stringCodec(undefined, raw), suffix },
  text: { name: 'text', codec: stringCodec(), suffix, fallback: 'none' },
  ga: { name: '_ga_', family: true, category: 'statistics', codec: stringCodec(), suffix },
};
// biome-ignore lint/suspicious/noExplicitAny: the generated Cookies interface is not needed here
type AnyJar = any;
const createCookies = defineJar<string, AnyJar>({
  consent,
  consentMode: {},
  purge: [{ name: '_ga_', family: true, category: 'statistics', deleteSuffix: del }],
  accessors,
});
const createSignedCookies = defineJar<string, AnyJar>({
  consent,
  consentMode: {},
  purge: [],
  accessors: { sid: { name: 'sid', codec: stringCodec(), suffix, signed: true } },
});

/** The error `fn` throws (or its promise rejects with). */
async function thrown(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('a polluted Object.prototype never reaches a header', () => {
  const polluted = ['domain', 'path', 'secure', 'sameSite', 'maxAge', 'onSetCookie', 'type'];
  afterEach(() => {
    for (const key of polluted) delete (Object.prototype as Record<string, unknown>)[key];
  });
  const pollute = () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.domain = 'evil.example';
    proto.path = '/evil';
    proto.sameSite = 'none';
    proto.maxAge = 1;
  };

  it('compileCookieAttributes, serializeSetCookie and deletions read own attributes only', () => {
    pollute();
    expect(compileCookieAttributes('a', {})).toBe('');
    expect(compileCookieAttributes('a')).toBe('');
    expect(serializeSetCookie('a', 'b', { path: '/' })).toBe('a=b; Path=/');
    expect(compileDeleteAttributes('a')).toBe('; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT');
    expect(serializeDeleteCookie('a', { path: '/' })).not.toContain('evil');
  });

  it('a jar reads its options and set() options own only', () => {
    const proto = Object.prototype as Record<string, unknown>;
    const seen: string[] = [];
    proto.onSetCookie = (header: string) => seen.push(header);
    proto.maxAge = 'x';
    const jar = createCookies('');
    expect(jar.n.set(1, {})).toBe(true);
    expect(jar.toSetCookieHeaders()).toEqual([`n=1${suffix}`]);
    expect(seen).toEqual([]);
  });

  it('a JSON Schema reads its keywords own only', () => {
    (Object.prototype as Record<string, unknown>).type = 'string';
    expect(compileJsonValidator({})(42)).toBeUndefined();
  });
});

describe('reads refuse what writes refuse', () => {
  it.each([
    ['a control character', 'a\u0001b'],
    ['a space', 'a b'],
    ['a DQUOTE', 'a"b'],
    ['a backslash', 'a\\b'],
    ['a comma', 'a,b'],
    ['non-ASCII', 'caf\u00e9'],
  ])('raw and uri values with %s are not values of the cookie', (_, value) => {
    expect(() => raw.encode(value)).toThrow(CookieError);
    expect(raw.decode(value)).toBeUndefined();
    expect(uri.decode(value)).toBeUndefined();
  });

  it('an accessor reads a raw value with a control character as absent, and says why', () => {
    const jar = createCookies('token=a\u0001b; text=a\u0001b');
    expect(jar.token.get()).toBeUndefined();
    expect(jar.token.inspect()).toMatchObject({ ok: false, present: true });
    expect(jar.text.get()).toBe('none');
  });

  it('a value longer than any write may make is refused before decoding', () => {
    const long = 'a'.repeat(4096);
    const jar = createCookies(`token=${long}; n=${'1'.repeat(5000)}`);
    expect(jar.token.get()).toBeUndefined();
    expect(jar.token.inspect()).toMatchObject({ ok: false, reason: /over 4096/ });
    expect(jar.n.get()).toBeUndefined();
    expect(createCookies(`token=${'a'.repeat(4091)}`).token.get()).toHaveLength(4091);
  });

  it.each([
    ['"5zzz "   "ppp"', '"5zzz "   "ppp"'],
    ['"a"b"', '"a"b"'],
    ['""', ''],
    ['"abc"', 'abc'],
    ['" a b "', ' a b '],
    ['"', '"'],
  ])('DQUOTEs come off a quoted value only: %s → %s', (value, read) => {
    expect(parseCookieHeader(`x=${value}`).x).toBe(read);
    expect(getCookieValue(`x=${value}; y=1`, 'x')).toBe(read);
    expect(documentCookieValue(`x=${value}`, 'x')).toBe(read);
  });
});

describe('reading never throws', () => {
  it.each([
    ['', undefined],
    [' ', undefined],
    ['a;b', undefined],
    [42, undefined],
    [undefined, undefined],
  ])('a family read with the suffix %j is absent', (suffix, value) => {
    const jar = createCookies('_ga_=1; _ga_x=2');
    expect(jar.ga.get(suffix)).toBe(value);
    expect(jar.ga.inspect(suffix)).toMatchObject({
      ok: false,
      present: false,
      raw: undefined,
      reason: /suffix of token characters/,
    });
    expect(jar.ga.get('x')).toBe('2');
  });

  it('a header whose family member is not a token does not make a purge throw', () => {
    const jar = createCookies('_ga_ x=1; _ga_y=2; cs_consent=1.1.0.h.0.necessary~statistics');
    expect(() => jar.consent.revoke('statistics')).not.toThrow();
    expect(jar.toSetCookieHeaders().some((h: string) => h.startsWith('_ga_y=;'))).toBe(true);
  });

  it('a family member with a name longer than browsers store does not make a purge throw', () => {
    // Found by linear.test.ts: `_ga_` × 2,048 then `=` (no browser sends it; anyone can).
    const long = `_ga_${'x'.repeat(4096)}`;
    const jar = createCookies(`${long}=; _ga_y=2; cs_consent=1.1.0.h.0.necessary~statistics`);
    expect(() => jar.consent.revoke('statistics')).not.toThrow();
    const headers: string[] = jar.toSetCookieHeaders();
    expect(headers.some((h) => h.startsWith('_ga_y=;'))).toBe(true);
    expect(headers.some((h) => h.startsWith(long))).toBe(false);
  });
});

describe('set() options', () => {
  it.each([
    ['expires that is not a Date', { expires: 42 }, 'invalid-expires'],
    ['expires as a string', { expires: '2030-01-01' }, 'invalid-expires'],
    ['an unknown key', { domain: 'evil.com;x' }, 'invalid-attribute'],
    ['another unknown key', { httpOnly: false }, 'invalid-attribute'],
    ['maxAge as a string', { maxAge: '5' }, 'invalid-max-age'],
    ['maxAge over the declared one', { maxAge: 61 }, 'invalid-max-age'],
    ['null', null, 'invalid-attribute'],
    ['a number', 5, 'invalid-attribute'],
  ])('%s is a CookieError, and nothing is written', async (_, options, code) => {
    const jar = createCookies('', { secrets: undefined });
    const error = await thrown(() => jar.n.set(1, options));
    expect(error).toBeInstanceOf(CookieError);
    expect((error as CookieError).code).toBe(code);
    expect(jar.toSetCookieHeaders()).toEqual([]);
  });

  it('maxAge and expires within the declared lifetime are written', () => {
    const jar = createCookies('', { now: () => 0 });
    expect(jar.n.set(1, { maxAge: 10, expires: new Date(5000) })).toBe(true);
    expect(jar.toSetCookieHeaders()[0]).toMatch(/^n=1; Max-Age=5; Path=\/; Expires=/);
  });
});

describe('secrets of a package with signed cookies', () => {
  it.each([
    ['no options', undefined, /need secrets, and none were given/],
    ['no secrets', {}, /need secrets, and none were given/],
    [
      'a string, as cookie-parser takes it',
      { secrets: 'keyboard cat' },
      /must be an array, received a string/,
    ],
    ['an empty array', { secrets: [] }, /the array is empty/],
    ['[undefined] (an unset variable)', { secrets: [undefined] }, /secrets\[0\] is undefined/],
    ['[null]', { secrets: [null] }, /secrets\[0\] is null/],
    ["['']", { secrets: [''] }, /secrets\[0\] is an empty string/],
    ['a number', { secrets: [42] }, /secrets\[0\] is 42/],
    ['an empty Uint8Array', { secrets: [new Uint8Array()] }, /secrets\[0\]/],
  ])('%s: createCookies throws a CookieError that says what to set', (_, options, message) => {
    const error = (() => {
      try {
        createSignedCookies('', options as JarOptions);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CookieError);
    expect((error as CookieError).code).toBe('invalid-secret');
    expect((error as CookieError).message).toMatch(message);
    expect((error as CookieError).message).toContain('secrets: [process.env.COOKIE_SECRET]');
  });

  it('good secrets sign and verify; a package without signed cookies needs none', async () => {
    const secret = 'x'.repeat(32);
    const jar = createSignedCookies('', { secrets: [secret] });
    await jar.sid.set('abc');
    const [header] = jar.toSetCookieHeaders();
    const pair = header.slice(0, header.indexOf(';'));
    expect(await createSignedCookies(pair, { secrets: [secret] }).sid.get()).toBe('abc');
    expect(() => createCookies('')).not.toThrow();
  });

  it('a secret under 32 characters warns once per process', async () => {
    vi.resetModules();
    const { defineJar: fresh } = await import('../src/jar.js');
    const make = fresh<string, AnyJar>({
      consent,
      consentMode: {},
      purge: [],
      accessors: { sid: { name: 'sid', codec: stringCodec(), suffix, signed: true } },
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      make('', { secrets: ['y'.repeat(32)] });
      expect(warn).not.toHaveBeenCalled();
      make('', { secrets: ['y'.repeat(32), 'short'] });
      make('', { secrets: ['short'] });
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]![0])).toMatch(/shorter than 32 characters/);
    } finally {
      warn.mockRestore();
    }
  });

  it('signCookieValue refuses a value that is not text', async () => {
    const error = await thrown(() => signCookieValue(42 as never, 's'));
    expect(error).toBeInstanceOf(CookieError);
    expect((error as CookieError).code).toBe('invalid-value');
  });
});

describe('purges delete only what they declare', () => {
  const purge = [
    { name: 'cs_', family: true, category: 'statistics', deleteSuffix: del, except: ['cs_keep'] },
    { name: '_ga_', family: true, category: 'statistics', deleteSuffix: del },
    { name: '_ga_pref', category: 'preferences', deleteSuffix: del },
  ];
  const names = (store: ReturnType<typeof createRequestStore>) =>
    store.toSetCookieHeaders().map((h) => h.slice(0, h.indexOf('=')));

  it('a family never deletes the consent cookie, its except list, nor an exact name of a category that stays', () => {
    const store = createRequestStore('cs_consent=1; cs_keep=1; cs_x=1; _ga_pref=1; _ga_y=1');
    purgeCategories(store, purge, ['statistics'], '', 'cs_consent');
    expect(names(store).sort()).toEqual(['_ga_y', 'cs_x']);
  });

  it('an exact name of a category revoked with the family goes with it', () => {
    const store = createRequestStore('_ga_pref=1; _ga_y=1');
    purgeCategories(store, purge, ['statistics', 'preferences'], '', 'cs_consent');
    expect(names(store).sort()).toEqual(['_ga_pref', '_ga_y']);
  });

  it.each([
    ['shop.example; HttpOnly'],
    ['a b.example'],
    ['evil.example\r\nx'],
    [`${'a.'.repeat(130)}example`],
    ['[::1]:3000'],
    ['shop.example:99999999'],
  ])('a Host that is not a host name (%j) adds no Domain= deletion', (host) => {
    expect(siteDomains(host)).toEqual([]);
  });
});
