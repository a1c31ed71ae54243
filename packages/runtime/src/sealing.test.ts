import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadVectors, revive } from '../test/vectors.js';
import { base64urlToBytes, bytesToBase64url } from './encoding.js';
import { CookieError } from './errors.js';
import { SEALED_PREFIX, sealCookieValue, type UnsealResult, unsealCookieValue } from './sealing.js';
import type { CookieSecret } from './signing.js';

interface SealedVector {
  id: string;
  description: string;
  sealed: string;
  open: { name: string; secrets: unknown[]; now?: number };
  expected: UnsealResult;
}

const { vectors } = loadVectors<{ vectors: SealedVector[] }>('sealing/sealed-v1.json');

const SECRET = 'current-secret-of-at-least-32-characters!';
const PREVIOUS = 'previous-secret-of-at-least-32-characters';
/** RFC 6265 token characters: what a cookie name is made of. */
const cookieName = fc.stringMatching(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,40}$/);
/** Well-formed text: any Unicode scalar values, ASCII and beyond. */
const anyText = fc.string({ unit: 'binary', maxLength: 300 });

describe('sealed-v1 vectors (made with Node crypto, packages/runtime/test/vectors/sealing)', () => {
  it('has every kind of vector', () => {
    expect(vectors.map((v) => v.id)).toEqual([
      'string',
      'json-session',
      'expired',
      'bytes-secret',
      'rotated',
      'rotated-out',
      'unicode',
      'empty',
      'other-name',
    ]);
  });
  for (const vector of vectors) {
    it(`${vector.id}: ${vector.description}`, async () => {
      const secrets = revive(vector.open.secrets) as CookieSecret[];
      const opened = await unsealCookieValue(vector.sealed, {
        name: vector.open.name,
        secrets,
        ...(vector.open.now === undefined ? {} : { now: vector.open.now }),
      });
      expect(opened).toEqual(vector.expected);
    });
  }

  it("values sealed today have the vectors' shape: prefix, then nonce + text + tag", async () => {
    const sealed = await sealCookieValue('hello', { name: 'session', secret: SECRET });
    const vector = vectors.find((v) => v.id === 'string')!;
    expect(sealed.startsWith(SEALED_PREFIX)).toBe(true);
    expect(sealed).toHaveLength(vector.sealed.length);
    expect(sealed).not.toBe(vector.sealed);
  });
});

describe('sealCookieValue / unsealCookieValue', () => {
  it('round-trips any text for any cookie name, as cookie-octets', async () => {
    await fc.assert(
      fc.asyncProperty(cookieName, anyText, async (name, text) => {
        const sealed = await sealCookieValue(text, { name, secret: SECRET });
        expect(sealed).toMatch(/^e1\.[A-Za-z0-9_-]+$/);
        expect(await unsealCookieValue(sealed, { name, secrets: [SECRET] })).toEqual({
          ok: true,
          value: text,
        });
      }),
      { numRuns: 150 },
    );
  });

  it('never seals one value twice the same way', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, async (text) => {
        const options = { name: 'session', secret: SECRET };
        const [a, b] = await Promise.all([
          sealCookieValue(text, options),
          sealCookieValue(text, options),
        ]);
        expect(a).not.toBe(b);
      }),
      { numRuns: 100 },
    );
  });

  it('fails on any single-bit flip of the sealed bytes (nonce, ciphertext, tag)', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, fc.nat(), fc.nat(7), async (text, at, bit) => {
        const sealed = await sealCookieValue(text, { name: 'session', secret: SECRET });
        const bytes = base64urlToBytes(sealed.slice(SEALED_PREFIX.length))!;
        bytes[at % bytes.length]! ^= 1 << bit;
        const flipped = SEALED_PREFIX + bytesToBase64url(bytes);
        const opened = await unsealCookieValue(flipped, { name: 'session', secrets: [SECRET] });
        expect(opened).toEqual({ ok: false, reason: 'undecryptable' });
      }),
      { numRuns: 200 },
    );
  });

  it('fails on any single-bit flip of the sealed text, and on any truncation', async () => {
    const sealed = await sealCookieValue('{"user":42,"role":"admin"}', {
      name: 'session',
      secret: SECRET,
    });
    const open = (value: string) =>
      unsealCookieValue(value, { name: 'session', secrets: [SECRET] });
    for (let i = 0; i < sealed.length; i++) {
      for (let bit = 0; bit < 7; bit++) {
        const flipped =
          sealed.slice(0, i) +
          String.fromCharCode(sealed.charCodeAt(i) ^ (1 << bit)) +
          sealed.slice(i + 1);
        expect((await open(flipped)).ok, `char ${i}, bit ${bit}`).toBe(false);
      }
    }
    for (let length = 0; length < sealed.length; length++) {
      expect((await open(sealed.slice(0, length))).ok, `first ${length} chars`).toBe(false);
    }
    expect((await open(sealed)).ok).toBe(true);
  });

  it('binds the cookie name: a value replayed under another name does not open', async () => {
    await fc.assert(
      fc.asyncProperty(cookieName, cookieName, async (name, other) => {
        fc.pre(name !== other);
        const sealed = await sealCookieValue('{"user":42}', { name, secret: SECRET });
        expect(await unsealCookieValue(sealed, { name: other, secrets: [SECRET] })).toEqual({
          ok: false,
          reason: 'undecryptable',
        });
      }),
      { numRuns: 100 },
    );
  });

  it('rotates: the first secret seals, every secret opens, a dropped one no longer does', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, async (text) => {
        const before = await sealCookieValue(text, { name: 'session', secret: PREVIOUS });
        const rotated = [SECRET, PREVIOUS];
        expect(await unsealCookieValue(before, { name: 'session', secrets: rotated })).toEqual({
          ok: true,
          value: text,
        });
        const after = await sealCookieValue(text, { name: 'session', secret: rotated[0]! });
        for (const secrets of [rotated, [SECRET]]) {
          expect((await unsealCookieValue(after, { name: 'session', secrets })).ok).toBe(true);
        }
        expect(await unsealCookieValue(before, { name: 'session', secrets: [SECRET] })).toEqual({
          ok: false,
          reason: 'undecryptable',
        });
      }),
      { numRuns: 50 },
    );
  });

  it('opens with a bytes secret, and a string secret is its UTF-8 bytes', async () => {
    const bytes = new TextEncoder().encode(SECRET);
    const sealed = await sealCookieValue('x', { name: 'session', secret: bytes });
    expect(await unsealCookieValue(sealed, { name: 'session', secrets: SECRET })).toEqual({
      ok: true,
      value: 'x',
    });
  });

  it('keeps an expiry inside the value, to the second, and refuses it from then on', async () => {
    const now = Date.UTC(2026, 11, 5, 12);
    const expiresAt = now + 60_000;
    const sealed = await sealCookieValue('v', { name: 'session', secret: SECRET, expiresAt });
    const at = (when: number) =>
      unsealCookieValue(sealed, { name: 'session', secrets: [SECRET], now: when });
    expect(await at(now)).toEqual({ ok: true, value: 'v', expiresAt });
    expect(await at(expiresAt - 1)).toEqual({ ok: true, value: 'v', expiresAt });
    expect(await at(expiresAt)).toEqual({ ok: false, reason: 'expired', expiresAt });
    // Kept to the second: 1.9 s after the epoch second is the same second.
    const rounded = await sealCookieValue('v', {
      name: 'session',
      secret: SECRET,
      expiresAt: expiresAt + 900,
    });
    expect(
      await unsealCookieValue(rounded, { name: 'session', secrets: [SECRET], now: expiresAt }),
    ).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('reads anything that is not a sealed value as malformed, never throwing', async () => {
    for (const value of ['', 'e1.', 'e1', 'e2.AAAA', 'hello', 'e1.====', `e1.${'A'.repeat(54)}`]) {
      expect(await unsealCookieValue(value, { name: 'session', secrets: [SECRET] })).toEqual({
        ok: false,
        reason: 'malformed',
      });
    }
    await fc.assert(
      fc.asyncProperty(fc.string(), async (value) => {
        const opened = await unsealCookieValue(value, { name: 'session', secrets: [SECRET] });
        expect(opened.ok).toBe(false);
      }),
    );
  });

  it('refuses unusable secrets where they are used', async () => {
    for (const secret of ['', new Uint8Array(0), 42, undefined, null, {}]) {
      await expect(
        sealCookieValue('x', { name: 'session', secret: secret as CookieSecret }),
      ).rejects.toMatchObject({ code: 'invalid-secret', cookie: 'session' });
      await expect(
        unsealCookieValue('e1.AAAA', {
          name: 'session',
          secrets: [SECRET, secret as CookieSecret],
        }),
      ).rejects.toMatchObject({ code: 'invalid-secret' });
    }
    await expect(unsealCookieValue('e1.AAAA', { name: 'session', secrets: [] })).rejects.toThrow(
      CookieError,
    );
  });

  it('refuses text with a lone surrogate, which has no UTF-8 form', async () => {
    await expect(
      sealCookieValue('a\uD800b', { name: 'session', secret: SECRET }),
    ).rejects.toMatchObject({ code: 'invalid-value', cookie: 'session' });
  });

  it('refuses a value whose sealed form would not fit in 4096 bytes, before encrypting, with the size', async () => {
    const name = '__Host-session';
    // The largest text that fits: name + "e1." + base64url(24 + 1 + n + 16 bytes) ≤ 4096.
    let n = 0;
    while (name.length + 3 + Math.ceil(((24 + 1 + n + 1 + 16) * 4) / 3) <= 4096) n++;
    const fits = await sealCookieValue('x'.repeat(n), { name, secret: SECRET });
    expect(name.length + fits.length).toBeLessThanOrEqual(4096);
    expect(name.length + fits.length).toBeGreaterThan(4090);
    const error = await sealCookieValue('x'.repeat(n + 1), { name, secret: SECRET }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CookieError);
    expect(error).toMatchObject({ code: 'too-large', cookie: name });
    expect((error as Error).message).toMatch(
      new RegExp(
        `would be \\d+ bytes \\(name and value \\d+\\), over the 4096 .* ${n + 1} bytes before encryption`,
      ),
    );
  });
});
