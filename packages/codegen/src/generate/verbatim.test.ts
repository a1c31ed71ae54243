import { describe, expect, it } from 'vitest';
import type { NormalizedCookie, NormalizedValueType } from '../schema/types';
import { isVerbatimChar, provePattern, type VerbatimCheck, verbatimCheck } from './verbatim';

const cookie = (value: NormalizedValueType, extra: Partial<NormalizedCookie> = {}) =>
  ({
    name: 'c',
    signed: false,
    encrypted: false,
    encoding: 'uri',
    value,
    ...extra,
  }) as NormalizedCookie;

/** The RegExp of a check's `/…/u` literal. */
const regExpOf = (literal: string) => new RegExp(literal.slice(1, -2), 'u');

/** Strings over `alphabet`: every one up to 3 characters, and seeded random ones up to 70. */
function samples(alphabet: string[]): string[] {
  const out = [''];
  for (let size = 1; size <= 3; size++) {
    for (const prefix of out.filter((s) => [...s].length === size - 1)) {
      for (const c of alphabet) out.push(prefix + c);
    }
  }
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed;
  };
  for (let i = 0; i < 3000; i++) {
    let s = '';
    const length = next() % 71;
    // Mostly one character repeated (to reach long matches), with a few others.
    const base = alphabet[next() % alphabet.length]!;
    for (let j = 0; j < length; j++) {
      s += next() % 8 === 0 ? alphabet[next() % alphabet.length]! : base;
    }
    out.push(s);
  }
  return out;
}

const ALPHABET = ['a', 'f', 'z', 'Z', '0', '9', '.', '-', '_', '%', ' ', ';', ',', '"', 'é', '\n'];

describe('provePattern', () => {
  it.each([
    '^[A-Za-z0-9]{32,64}$',
    '^[a-z0-9]{32}$',
    '^[0-9a-f]{16}\\.[0-9]{10}$',
    '^(?:ab|cd)+$',
    '^(en|fr)-[A-Z]{2}$',
    '^\\d+$',
    '^\\w{3,}?$',
    '^[-_a-z]*$',
    '^[a-z-]+$',
    '^[\\]\\-a]$',
    '^$',
  ])('proves %s', (source) => {
    expect(provePattern(source)).toBeDefined();
  });

  it.each([
    ['^.+$', 'any character'],
    ['[a-z]+', 'not anchored'],
    ['^[a-z]+', 'not anchored at the end'],
    ['[a-z]+$', 'not anchored at the start'],
    ['^a|b$', 'alternation outside a group'],
    ['^[^;]+$', 'a negated class'],
    ['^\\s*$', 'spaces'],
    ['^[a-z%]+$', '"%", which uri escapes'],
    ['^[ a-z]+$', 'a space'],
    ['^a,b$', 'a comma'],
    ['^(?=a)a$', 'a lookahead'],
    ['^(?<n>a)$', 'a named group'],
    ['^(a)\\1$', 'a back-reference'],
    ['^\\u0041$', 'an escape of a code point'],
    ['^\\x41$', 'an escape of a byte'],
    ['^é$', 'a character outside ASCII'],
    ['^[\\x20-\\x7e]+$', 'escapes in a class'],
    ['^a\\$', 'an escaped "$" at the end'],
    ['^a^b$', 'an assertion inside'],
    ['^\\bab$', 'a word boundary'],
    ['^[z-a]$', 'a reversed range'],
  ])('does not prove %s (%s)', (source) => {
    expect(provePattern(source)).toBeUndefined();
  });

  it('whatever a proven pattern matches is made of cookie-octets other than "%"', () => {
    for (const source of ['^[A-Za-z0-9._-]{1,8}$', '^(?:ab|cd)+$', '^\\w+$', '^[-_a-z]*$']) {
      expect(provePattern(source)).toBeDefined();
      const pattern = new RegExp(source, 'u');
      for (const s of samples(ALPHABET)) {
        if (pattern.test(s))
          expect([...s].every((c) => isVerbatimChar(c.charCodeAt(0)))).toBe(true);
      }
    }
  });
});

describe('verbatimCheck', () => {
  /** Whether a check accepts `value`. */
  const accepts = (check: VerbatimCheck, value: string) =>
    check.kind === 'enum'
      ? check.values.includes(value)
      : value.length >= check.minLength &&
        value.length <= (check.maxLength ?? Number.POSITIVE_INFINITY) &&
        (check.pattern === undefined
          ? [...value].every((c) => isVerbatimChar(c.charCodeAt(0)))
          : regExpOf(check.pattern).test(value));

  it.each([
    [{ pattern: '^[A-Za-z0-9]{32,64}$' }, '/^[A-Za-z0-9]+$/u', 32, 64],
    [{ pattern: '^[a-z0-9]{32}$', maxLength: 40 }, '/^[a-z0-9]+$/u', 32, 32],
    [{ pattern: '^[a-z]{2,}$', minLength: 3, maxLength: 9 }, '/^[a-z]+$/u', 3, 9],
    [{ pattern: '^\\d*$' }, '/^\\d*$/u', 0, undefined],
    [{ pattern: '^a?$' }, '/^a*$/u', 0, 1],
    [{ pattern: '^[0-9a-f]{16}\\.[0-9]{10}$' }, '/^[0-9a-f]{16}\\.[0-9]{10}$/u', 0, undefined],
    [{ maxLength: 12 }, undefined, 0, 12],
  ])('a string %j: %s, lengths %i to %s', (constraints, pattern, minLength, maxLength) => {
    expect(verbatimCheck(cookie({ type: 'string', ...constraints }))).toEqual({
      kind: 'string',
      pattern,
      minLength,
      maxLength,
    });
  });

  it('accepts what the codec accepts and writes unchanged, and nothing else', () => {
    const constraints = [
      { pattern: '^[A-Za-z0-9]{3,5}$' },
      { pattern: '^[a-z]{2,}$', minLength: 3, maxLength: 6 },
      { pattern: '^a?$' },
      { pattern: '^(?:a|z9)+$', maxLength: 4 },
      { minLength: 1, maxLength: 4 },
    ];
    for (const c of constraints) {
      const check = verbatimCheck(cookie({ type: 'string', ...c }))!;
      const pattern = c.pattern === undefined ? undefined : new RegExp(c.pattern, 'u');
      for (const s of samples(ALPHABET)) {
        const length = [...s].length;
        const valid =
          length >= (c.minLength ?? 0) &&
          length <= (c.maxLength ?? Number.POSITIVE_INFINITY) &&
          (pattern === undefined || pattern.test(s));
        const unchanged = [...s].every((ch) => isVerbatimChar(ch.charCodeAt(0)));
        expect(accepts(check, s), `${JSON.stringify(c)} ${JSON.stringify(s)}`).toBe(
          valid && unchanged,
        );
      }
    }
  });

  it('an enum of words written as they are; none when one needs encoding', () => {
    expect(verbatimCheck(cookie({ type: 'enum', values: ['en', 'fr-CA'] }))).toEqual({
      kind: 'enum',
      values: ['en', 'fr-CA'],
    });
    expect(verbatimCheck(cookie({ type: 'enum', values: ['en', 'a b'] }))).toBeUndefined();
    expect(verbatimCheck(cookie({ type: 'enum', values: ['100%'] }))).toBeUndefined();
    expect(verbatimCheck(cookie({ type: 'enum', values: ['é'] }))).toBeUndefined();
  });

  it('none for signed, encrypted and base64url cookies, other value types, unproven patterns', () => {
    const string: NormalizedValueType = { type: 'string' };
    expect(verbatimCheck(cookie(string, { signed: true }))).toBeUndefined();
    expect(verbatimCheck(cookie(string, { encrypted: true }))).toBeUndefined();
    expect(verbatimCheck(cookie(string, { encoding: 'base64url' }))).toBeUndefined();
    expect(verbatimCheck(cookie(string, { encoding: 'raw' }))).toBeDefined();
    expect(verbatimCheck(cookie({ type: 'integer' }))).toBeUndefined();
    expect(verbatimCheck(cookie({ type: 'boolean' }))).toBeUndefined();
    expect(verbatimCheck(cookie({ type: 'consent' }))).toBeUndefined();
    expect(verbatimCheck(cookie({ type: 'string', pattern: '^.{3}$' }))).toBeUndefined();
  });
});
