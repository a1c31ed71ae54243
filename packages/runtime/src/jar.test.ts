import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CookieDefinition } from './accessor.js';
import {
  booleanCodec,
  consentCodec,
  dateCodec,
  enumCodec,
  integerCodec,
  jsonCodec,
  numberCodec,
  stringCodec,
} from './codecs.js';
import type { ConsentConfig } from './consent.js';
import { text } from './encoding.js';
import { defineJar, type ServerCookieDefinition, verbatimEnum, verbatimString } from './jar.js';
import { compileJsonValidator } from './json-validator.js';

const consent: ConsentConfig<'necessary'> = {
  cookie: 'choice',
  revision: 1,
  hash: 'h',
  maxAge: 86_400,
  required: 'necessary',
  categories: ['necessary'],
  gpcOptOut: [],
  optOut: [],
  suffix: '; Path=/',
  deleteSuffix: '; Max-Age=0; Path=/',
};
const accessors: Record<string, CookieDefinition<unknown>> = Object.fromEntries(
  Array.from({ length: 40 }, (_, i) => [
    `c${i}`,
    { name: `c${i}`, codec: integerCodec(), suffix: '; Max-Age=60; Path=/' },
  ]),
);
accessors.lang = { name: 'lang', codec: enumCodec(['en', 'fr']), suffix: '; Path=/' };
// biome-ignore lint/suspicious/noExplicitAny: the generated Cookies interface is not needed here
const createCookies = defineJar<'necessary', any>({
  consent,
  consentMode: {},
  purge: [],
  accessors,
});
const header = Array.from({ length: 40 }, (_, i) => `c${i}=${i}`).join('; ');

describe('defineJar', () => {
  it('keeps one accessor per cookie for the request, past the short list too', () => {
    const jar = createCookies(header);
    const first = Array.from({ length: 40 }, (_, i) => jar[`c${i}`]);
    for (let i = 0; i < 40; i++) {
      expect(jar[`c${i}`]).toBe(first[i]);
      expect(jar[`c${i}`].get()).toBe(i);
    }
    jar.c39.set(7);
    expect(jar.c39.get()).toBe(7);
    expect(jar.get('c39')).toBe(7);
  });

  it('shares nothing between requests', () => {
    const a = createCookies('lang=fr');
    const b = createCookies('lang=en');
    expect(a.lang).not.toBe(b.lang);
    a.lang.set('en');
    expect([a.lang.get(), b.lang.get()]).toEqual(['en', 'en']);
    expect(a.toSetCookieHeaders()).toEqual(['lang=en; Path=/']);
    expect(b.toSetCookieHeaders()).toEqual([]);
  });

  it('keeps one consent object per jar', () => {
    const jar = createCookies('');
    expect(jar.consent).toBe(jar.consent);
    // The required category only: there is nothing to ask, so no prompt.
    expect(jar.consent.needsPrompt).toBe(false);
  });
});

describe('encrypted cookies in the jar', () => {
  interface Session {
    user: number;
    role: 'admin' | 'user';
    note?: string;
  }
  const session = jsonCodec(
    compileJsonValidator<Session>({
      type: 'object',
      properties: {
        user: { type: 'integer' },
        role: { enum: ['admin', 'user'] },
        note: { type: 'string' },
      },
      required: ['user', 'role'],
      additionalProperties: false,
    }),
    text,
  );
  const encrypted = (
    name: string,
    codec: CookieDefinition<unknown>['codec'],
    extra: Partial<CookieDefinition<unknown>> = {},
  ): CookieDefinition<unknown> => ({
    name,
    codec,
    encrypted: true,
    suffix: '; Max-Age=3600; Path=/; HttpOnly; Secure; SameSite=Lax',
    ...extra,
  });
  const twoCategories: ConsentConfig<'necessary' | 'statistics'> = {
    ...consent,
    categories: ['necessary', 'statistics'],
  };
  // biome-ignore lint/suspicious/noExplicitAny: the generated Cookies interface is not needed here
  const createEncrypted = defineJar<'necessary' | 'statistics', any>({
    consent: twoCategories,
    consentMode: {},
    purge: [],
    accessors: {
      session: encrypted('__Host-session', session as CookieDefinition<unknown>['codec'], {
        fallback: { user: 0, role: 'user' },
      }),
      state: encrypted('oauth_state', stringCodec({}, text), { suffix: '; Path=/; HttpOnly' }),
      string: encrypted('e_string', stringCodec({}, text)),
      enumeration: encrypted('e_enum', enumCodec(['a', 'b', 'c'], text)),
      integer: encrypted('e_integer', integerCodec({}, text)),
      number: encrypted('e_number', numberCodec({}, text)),
      boolean: encrypted('e_boolean', booleanCodec(text)),
      date: encrypted('e_date', dateCodec(text)),
      tracked: encrypted('tracked', integerCodec({}, text), { category: 'statistics' }),
    },
  });
  const SECRETS = ['current-secret-of-at-least-32-characters!'];
  const T0 = Date.UTC(2026, 11, 5, 12);
  const pairOf = (header: string) => header.slice(0, header.indexOf(';'));

  /** Writes with one jar, reads back with a jar over the Cookie header a browser would send. */
  async function roundTrip(key: string, value: unknown, options = {}) {
    const writer = createEncrypted('', { secrets: SECRETS, now: () => T0, ...options });
    expect(await writer[key].set(value)).toBe(true);
    const [header] = writer.toSetCookieHeaders();
    return { header, reader: createEncrypted(pairOf(header), { secrets: SECRETS, now: () => T0 }) };
  }

  it('round-trips every value type, and the value on the wire is sealed', async () => {
    const cases: [string, fc.Arbitrary<unknown>][] = [
      ['string', fc.string({ unit: 'binary' })],
      ['enumeration', fc.constantFrom('a', 'b', 'c')],
      ['integer', fc.maxSafeInteger()],
      ['number', fc.double({ noNaN: true, noDefaultInfinity: true })],
      ['boolean', fc.boolean()],
      ['date', fc.date({ noInvalidDate: true, min: new Date(0), max: new Date('9999-12-31') })],
      [
        'session',
        fc.record(
          { user: fc.integer(), role: fc.constantFrom('admin', 'user'), note: fc.string() },
          { requiredKeys: ['user', 'role'] },
        ),
      ],
    ];
    for (const [key, arbitrary] of cases) {
      await fc.assert(
        fc.asyncProperty(arbitrary, async (value) => {
          const { header, reader } = await roundTrip(key, value);
          expect(header).toMatch(/^[^=]+=e1\.[A-Za-z0-9_-]+; Max-Age=3600; Path=\/; HttpOnly/);
          const read = await reader[key].get();
          // -0 is written as 0 (the number codec's text form).
          expect(read).toEqual(Object.is(value, -0) ? 0 : value);
        }),
        { numRuns: 25 },
      );
    }
  });

  it('reads and writes by name, async', async () => {
    const writer = createEncrypted('', { secrets: SECRETS });
    await expect(writer.set('oauth_state', 'xyz')).resolves.toBe(true);
    const reader = createEncrypted(pairOf(writer.toSetCookieHeaders()[0]), { secrets: SECRETS });
    await expect(reader.get('oauth_state')).resolves.toBe('xyz');
  });

  it('reads a value sealed for another cookie, tampered or not sealed as the default, saying why', async () => {
    const { header } = await roundTrip('session', { user: 42, role: 'admin' });
    const sealed = pairOf(header).slice('__Host-session='.length);
    const read = (cookie: string, options = {}) =>
      createEncrypted(cookie, { secrets: SECRETS, now: () => T0, ...options }).session;

    const replayed = read(
      `__Host-session=${(await roundTrip('state', 'xyz')).header.split(/[=;]/)[1]}`,
    );
    expect(await replayed.get()).toEqual({ user: 0, role: 'user' });
    expect(await replayed.inspect()).toMatchObject({
      ok: false,
      present: true,
      reason: expect.stringMatching(
        /^cannot be decrypted: tampered, truncated, encrypted for another cookie/,
      ),
    });
    const flipped = sealed.slice(0, -2) + (sealed.at(-2) === 'A' ? 'B' : 'A') + sealed.at(-1);
    expect(await read(`__Host-session=${flipped}`).inspect()).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^cannot be decrypted/),
    });
    expect(await read('__Host-session={"user":1,"role":"admin"}').inspect()).toMatchObject({
      ok: false,
      value: { user: 0, role: 'user' },
      reason: 'not an encrypted value',
    });
    // No usable secrets: refused where the jar is made, before any read could fail quietly.
    for (const secrets of [[], [''], undefined]) {
      expect(() => read(`__Host-session=${sealed}`, { secrets })).toThrow(
        expect.objectContaining({ code: 'invalid-secret' }),
      );
    }
    expect(await read(`__Host-session=${sealed}`).get()).toEqual({ user: 42, role: 'admin' });
  });

  it('enforces the written lifetime on read: a copy replayed later reads as the default', async () => {
    const { header } = await roundTrip('session', { user: 42, role: 'admin' });
    const at = (ms: number) =>
      createEncrypted(pairOf(header), { secrets: SECRETS, now: () => ms }).session;
    expect(await at(T0 + 3_599_000).get()).toEqual({ user: 42, role: 'admin' });
    expect(await at(T0 + 3_600_000).get()).toEqual({ user: 0, role: 'user' });
    expect(await at(T0 + 3_600_000).inspect()).toMatchObject({
      ok: false,
      reason: 'expired at 2026-12-05T13:00:00.000Z (the lifetime sealed in the value)',
    });
    // A shorter lifetime for one write goes inside the value too.
    const short = await roundTrip('session', { user: 1, role: 'user' }, {});
    expect(short.header).toContain('Max-Age=3600');
    const writer = createEncrypted('', { secrets: SECRETS, now: () => T0 });
    await writer.session.set({ user: 7, role: 'user' }, { maxAge: 60 });
    const sixty = pairOf(writer.toSetCookieHeaders()[0]);
    const later = createEncrypted(sixty, { secrets: SECRETS, now: () => T0 + 61_000 });
    expect(await later.session.inspect()).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^expired at/),
    });
    // A session cookie (no Max-Age) carries no expiry.
    const { header: state } = await roundTrip('state', 'xyz');
    const years = createEncrypted(pairOf(state), { secrets: SECRETS, now: () => T0 + 1e11 });
    expect(await years.state.get()).toBe('xyz');
  });

  it('rotates secrets without logging anyone out', async () => {
    const { header } = await roundTrip('session', { user: 42, role: 'admin' });
    const rotated = createEncrypted(pairOf(header), {
      secrets: ['the-new-secret-of-at-least-32-characters', ...SECRETS],
      now: () => T0,
    });
    expect(await rotated.session.get()).toEqual({ user: 42, role: 'admin' });
  });

  it('refuses a value over 4096 bytes at set, with its size, before writing, consent or not', async () => {
    const jar = createEncrypted('', { secrets: SECRETS });
    const big = { user: 1, role: 'user' as const, note: 'x'.repeat(3100) };
    const error = await jar.session.set(big).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'too-large', cookie: '__Host-session' });
    expect((error as Error).message).toMatch(/encrypted value would be 4\d{3} bytes/);
    expect(jar.toSetCookieHeaders()).toEqual([]);
    // The statistics category is not granted, yet the refusal is the same.
    await expect(jar.tracked.set(Number.NaN)).rejects.toMatchObject({ code: 'invalid-value' });
    expect(await jar.tracked.set(5)).toBe(false);
    expect(jar.toSetCookieHeaders()).toEqual([]);
    const granted = consentCodec().encode({
      categories: ['necessary', 'statistics'],
      revision: 1,
      hash: 'h',
      updatedAt: Date.now(),
    });
    const allowed = createEncrypted(`choice=${granted}`, { secrets: SECRETS });
    expect(await allowed.tracked.set(5)).toBe(true);
  });

  it('needs secrets to write, and refuses values of the wrong type', async () => {
    expect(() => createEncrypted('')).toThrow(
      expect.objectContaining({
        code: 'invalid-secret',
        message: expect.stringMatching(/^encrypted cookies need secrets/),
      }),
    );
    const jar = createEncrypted('', { secrets: SECRETS });
    await expect(jar.session.set({ user: 'x', role: 'user' })).rejects.toMatchObject({
      code: 'invalid-value',
    });
    await expect(jar.string.set('a\uD800')).rejects.toMatchObject({ code: 'invalid-value' });
    expect(jar.toSetCookieHeaders()).toEqual([]);
  });
});

describe('verbatim: what the generator proves of a cookie’s values', () => {
  // The same cookies with and without the generator's shortcut: the codec stays the judge.
  const defs = {
    token: {
      name: 'token',
      codec: stringCodec({ pattern: '^[A-Za-z0-9]{4,8}$' }),
      suffix: '; Max-Age=60; Path=/',
      verbatim: verbatimString(/^[A-Za-z0-9]+$/u, 4, 8),
    },
    text: {
      name: 'text',
      codec: stringCodec({ maxLength: 6 }),
      suffix: '; Path=/; Domain=example.com',
      verbatim: verbatimString(undefined, 0, 6),
    },
    lang: {
      name: 'lang',
      codec: enumCodec(['en', 'fr', 'de']),
      suffix: '; Path=/',
      fallback: 'en',
      verbatim: verbatimEnum(['en', 'fr', 'de']),
    },
    family: {
      name: 'f_',
      family: true,
      codec: stringCodec({ pattern: '^[a-z]+$' }),
      suffix: '; Path=/',
      verbatim: verbatimString(/^[a-z]+$/u),
    },
  } satisfies Record<string, ServerCookieDefinition<unknown>>;
  const without = Object.fromEntries(
    Object.entries(defs).map(([key, { verbatim: _, ...def }]) => [key, def]),
  );
  const jarOf = (accessors: Record<string, ServerCookieDefinition<unknown>>) =>
    // biome-ignore lint/suspicious/noExplicitAny: the generated Cookies interface is not needed here
    defineJar<'necessary', any>({ consent, consentMode: {}, purge: [], accessors });
  const fast = jarOf(defs);
  const slow = jarOf(without);
  const outcome = (fn: () => unknown) => {
    try {
      return { value: fn() };
    } catch (error) {
      return { error: (error as { code?: string }).code };
    }
  };
  const strings = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 12 }),
    fc.stringMatching(/^[A-Za-z0-9%; ]{0,10}$/),
    fc.constantFrom('en', 'fr', 'de', 'EN', '', 'abcd', 'ab%41', '%', 'a b', 'é'),
  );
  const values = fc.oneof(strings, fc.anything());

  it('reads, writes and refuses exactly what the codec alone does', () => {
    fc.assert(
      fc.property(fc.constantFrom('token', 'text', 'lang'), values, strings, (key, value, raw) => {
        const header = `x=1; ${defs[key as keyof typeof defs].name}=${raw}`;
        const a = fast(header);
        const b = slow(header);
        expect(a[key].get()).toEqual(b[key].get());
        expect(a[key].inspect()).toEqual(b[key].inspect());
        expect(outcome(() => a[key].set(value))).toEqual(outcome(() => b[key].set(value)));
        expect(a.toSetCookieHeaders()).toEqual(b.toSetCookieHeaders());
        expect(a[key].get()).toEqual(b[key].get());
        expect(outcome(() => a.family.set('m', value))).toEqual(
          outcome(() => b.family.set('m', value)),
        );
        expect(a.family.get('m')).toEqual(b.family.get('m'));
        expect(a.toSetCookieHeaders()).toEqual(b.toSetCookieHeaders());
      }),
      { numRuns: 2000 },
    );
  });

  it('a stateful RegExp (/g, /y) gives the same answer every time', () => {
    for (const pattern of [/^[a-z]+$/g, /^[a-z]+$/y]) {
      const check = verbatimString(pattern);
      expect([check('ab'), check('ab'), check('ab'), check('a b')]).toEqual([
        true,
        true,
        true,
        false,
      ]);
    }
  });

  it('a verbatim value is written as it is, within the name and value limit', () => {
    const jar = fast('');
    expect(jar.token.set('Ab12')).toBe(true);
    expect(jar.lang.set('fr')).toBe(true);
    expect(jar.toSetCookieHeaders()).toEqual(['token=Ab12; Max-Age=60; Path=/', 'lang=fr; Path=/']);
    expect(jar.token.get()).toBe('Ab12');
    const long = jarOf({
      big: { name: 'big', codec: stringCodec(), suffix: '', verbatim: verbatimString() },
    })('');
    expect(() => long.big.set('x'.repeat(4094))).toThrow(
      expect.objectContaining({ code: 'too-large' }),
    );
    long.big.set('x'.repeat(4093));
    expect(long.toSetCookieHeaders()).toEqual([`big=${'x'.repeat(4093)}`]);
  });

  it('a definition whose name or suffix would break the header is refused at its first use', () => {
    const bad = jarOf({
      name: { name: 'a b', codec: stringCodec(), suffix: '; Path=/' },
      suffix: { name: 'ok', codec: stringCodec(), suffix: '; Path=/\r\nX-Injected: 1' },
      deletion: { name: 'del', codec: stringCodec(), suffix: '', deleteSuffix: 'Max-Age=0' },
      fine: { name: 'fine', codec: stringCodec(), suffix: '; Path=/' },
    });
    const jar = bad('a b=1; ok=2');
    expect(() => jar.name).toThrow(expect.objectContaining({ code: 'invalid-name' }));
    expect(() => jar.suffix.set('v')).toThrow(
      expect.objectContaining({ code: 'invalid-attribute' }),
    );
    expect(() => jar.deletion).toThrow(expect.objectContaining({ code: 'invalid-attribute' }));
    expect(() => jar.get('ok')).toThrow(expect.objectContaining({ code: 'invalid-attribute' }));
    // The others work.
    expect(jar.fine.set('x')).toBe(true);
    expect(jar.toSetCookieHeaders()).toEqual(['fine=x; Path=/']);
  });
});
