import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadVectors, revive } from '../test/vectors.js';
import { CookieError } from './errors.js';
import { getCookieValue, getRawCookieValue } from './parse.js';
import { type CookieSecret, signCookieValue, unsignCookieValue } from './signing.js';

interface SigningVectors {
  cookie_signature: {
    sign: {
      value: string;
      secret: unknown;
      expected?: string;
      expected_not?: string;
      throws?: boolean;
    }[];
    unsign: { input: string; secret: unknown; expected: string | false }[];
  };
  cookie_parser: {
    signedCookie: { input: string; secret: unknown; expected: string | false; note?: string }[];
    middleware: {
      cookie_header: string;
      secret: unknown;
      'req.signedCookies'?: Record<string, string>;
    }[];
  };
}

const vectors = loadVectors<SigningVectors>('signing/hmac-signed-cookie-vectors.json');
const secretOf = (secret: unknown) => revive(secret) as CookieSecret | CookieSecret[];

describe('cookie-signature 1.2.2 vectors', () => {
  for (const vector of vectors.cookie_signature.sign) {
    it(`sign ${JSON.stringify(vector.value)} with ${JSON.stringify(vector.secret)}`, async () => {
      if (vector.throws) {
        // cookie-signature throws on a Date secret; we reject anything but a string or bytes.
        await expect(
          signCookieValue(vector.value, new Date() as unknown as string),
        ).rejects.toBeInstanceOf(CookieError);
        return;
      }
      const signed = await signCookieValue(vector.value, secretOf(vector.secret) as CookieSecret);
      if (vector.expected !== undefined) expect(signed).toBe(vector.expected);
      if (vector.expected_not !== undefined) expect(signed).not.toBe(vector.expected_not);
    });
  }
  for (const vector of vectors.cookie_signature.unsign) {
    it(`unsign ${JSON.stringify(vector.input)} → ${JSON.stringify(vector.expected)}`, async () => {
      expect(await unsignCookieValue(vector.input, secretOf(vector.secret))).toBe(vector.expected);
    });
  }
});

describe('cookie-parser signedCookie vectors (the "s:" prefix is cookie-parser\'s, stripped here)', () => {
  for (const vector of vectors.cookie_parser.signedCookie.filter((v) => v.input.startsWith('s:'))) {
    it(`${vector.input} with ${JSON.stringify(vector.secret)}${vector.note ? ` (${vector.note})` : ''}`, async () => {
      expect(await unsignCookieValue(vector.input.slice(2), secretOf(vector.secret))).toBe(
        vector.expected,
      );
    });
  }
  it('middleware: rotation across a whole Cookie header', async () => {
    const vector = vectors.cookie_parser.middleware.find((v) => v['req.signedCookies'])!;
    const expected = vector['req.signedCookies']!;
    expect(Object.keys(expected).length).toBeGreaterThan(0);
    for (const [name, value] of Object.entries(expected)) {
      const signed = getRawCookieValue(vector.cookie_header, name)!.slice(2);
      expect(await unsignCookieValue(signed, secretOf(vector.secret))).toBe(value);
    }
  });
});

interface HonoSigned {
  test: string;
  secret: unknown;
  input: string;
  name?: string;
  expect: Record<string, string | false | null>;
}

describe('hono 4.13.3 parseSigned vectors — DEVIATION: hono pads its signature with "="', () => {
  // hono signs the same HMAC-SHA256 but writes base64 with its "=" padding (then %-escapes it).
  // We use cookie-signature's format, which has no padding, and refuse padded signatures (one
  // spelling per signature). Stripping the padding must make every hono verdict ours.
  const hono = loadVectors<{ parseSigned: HonoSigned[] }>('hono/hono-cookie-vectors.json');
  for (const vector of hono.parseSigned) {
    it(vector.test, async () => {
      const secret = secretOf(vector.secret) as CookieSecret;
      for (const [name, expected] of Object.entries(vector.expect)) {
        const value = getCookieValue(vector.input, name);
        if (expected === null) {
          // Absent, or (hono: "ignore regular cookies") present without any signature.
          if (value !== undefined) expect(await unsignCookieValue(value, secret)).toBe(false);
          continue;
        }
        const padded = value!;
        expect(await unsignCookieValue(padded, secret)).toBe(false); // padded: refused
        const unpadded = padded.replace(/=$/, '');
        expect(await unsignCookieValue(unpadded, secret)).toBe(expected);
      }
    });
  }

  it("serializeSigned: our signature is hono's without padding", async () => {
    const signed = await signCookieValue('macha', 'secret chocolate chips');
    expect(signed).toBe('macha.diubJPY8O7hI1pLa42QSfkPiyDWQ0I4DnlACH/N2HaA');
    expect(`${encodeURIComponent(signed)}%3D`).toBe(
      'macha.diubJPY8O7hI1pLa42QSfkPiyDWQ0I4DnlACH%2FN2HaA%3D',
    );
  });
});

describe('signing', () => {
  const secret = 'a secret of at least thirty-two bytes!';

  it('rotation: the first secret signs, every secret verifies', async () => {
    const old = await signCookieValue('v', 'old secret');
    const current = await signCookieValue('v', secret);
    expect(await unsignCookieValue(old, [secret, 'old secret'])).toBe('v');
    expect(await unsignCookieValue(current, [secret, 'old secret'])).toBe('v');
    expect(await unsignCookieValue(old, [secret])).toBe(false);
    expect(await unsignCookieValue(current, secret)).toBe('v');
  });

  it('bytes secrets work and are not confused with text secrets', async () => {
    const bytes = new TextEncoder().encode(secret);
    const signed = await signCookieValue('v', bytes);
    expect(signed).toBe(await signCookieValue('v', secret)); // same key material
    expect(await unsignCookieValue(signed, new Uint8Array([1, 2, 3]))).toBe(false);
  });

  it('rejects empty secrets and empty secret lists', async () => {
    await expect(signCookieValue('v', '')).rejects.toMatchObject({ code: 'invalid-secret' });
    await expect(unsignCookieValue('v.x', [])).rejects.toMatchObject({ code: 'invalid-secret' });
    await expect(signCookieValue('v', new Uint8Array())).rejects.toMatchObject({
      code: 'invalid-secret',
    });
  });

  it('tampered, truncated, padded, extended and re-spelled signatures are refused', async () => {
    const signed = await signCookieValue('value', secret);
    const [value, signature] = [
      signed.slice(0, signed.lastIndexOf('.')),
      signed.slice(signed.lastIndexOf('.') + 1),
    ];
    expect(signature).toHaveLength(43);
    const flip = (s: string, i: number) =>
      s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    const last = signature.at(-1)!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    // Same 32 bytes, different unused bits: a second spelling of the same signature.
    const respelled = signature.slice(0, 42) + alphabet[alphabet.indexOf(last) + 1];
    for (const bad of [
      `valuf.${signature}`, // tampered value
      `${value}.${flip(signature, 0)}`, // tampered signature
      `${value}.${signature.slice(0, 42)}`, // truncated
      `${value}.${signature.slice(0, 20)}`,
      `${value}.`, // empty
      `${value}.${signature}=`, // padded
      `${value}.${signature}A`, // extended
      `${value}.${signature}.garbage`,
      `${value}.${respelled}`,
      `${value}.${signature.replace(/\+/g, '-').replace(/\//g, '_')}x`, // base64url alphabet
      value, // unsigned
      '',
    ]) {
      expect(await unsignCookieValue(bad, secret), bad).toBe(false);
    }
    expect(await unsignCookieValue(signed, secret)).toBe('value');
  });

  it('any value round-trips, and any change to it is detected', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        fc.string({ minLength: 1, maxLength: 60 }),
        async (value, other) => {
          const signed = await signCookieValue(value, secret);
          expect(await unsignCookieValue(signed, secret)).toBe(value);
          if (other !== value) {
            const forged = other + signed.slice(signed.lastIndexOf('.'));
            expect(await unsignCookieValue(forged, secret)).toBe(false);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('verifies through crypto.subtle.verify, not a string comparison', async () => {
    const subtle = globalThis.crypto.subtle;
    const original = subtle.verify.bind(subtle);
    let calls = 0;
    subtle.verify = (async (...args: Parameters<SubtleCrypto['verify']>) => {
      calls++;
      return original(...args);
    }) as SubtleCrypto['verify'];
    try {
      const signed = await signCookieValue('v', secret);
      expect(await unsignCookieValue(signed, ['other secret', secret])).toBe('v');
      expect(calls).toBe(2);
    } finally {
      subtle.verify = original;
    }
  });
});
