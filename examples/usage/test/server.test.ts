// The generated server module as an app uses it: a real HTTP server on loopback, real fetch.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CookieError, consentCodec, sealCookieValue } from '@cookie-schema/runtime';
import { createCookies as odsCookies } from '@examples/opendatasoft-cookies/server';
import {
  createCookies as createShopCookies,
  guardSetCookies,
  type JarOptions,
} from '@examples/shop-cookies/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The shop has a signed cookie, so its jar needs secrets (the tests that sign pass their own). */
const shopCookies = (source: Parameters<typeof createShopCookies>[0], options: JarOptions = {}) =>
  createShopCookies(source, { secrets: ['a-test-secret-of-at-least-32-characters!'], ...options });

let server: Server;
let base: string;
let handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

beforeAll(async () => {
  server = createServer((req, res) => {
    Promise.resolve(handler(req, res)).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

async function request(headers: Record<string, string> = {}) {
  const response = await fetch(base, { headers });
  return { body: await response.text(), setCookie: response.headers.getSetCookie() };
}

const now = Date.parse('2026-11-28T12:00:00Z');
const record = (
  categories: string[],
  extra: Partial<{ revision: number; updatedAt: number; gpc: boolean }> = {},
) => consentCodec().encode({ categories, revision: 3, hash: 'x', updatedAt: now - 1000, ...extra });

describe('reading (opendatasoft, Node IncomingMessage)', () => {
  it('reads typed values, the default when absent, and never throws on bad values', async () => {
    handler = (req, res) => {
      const jar = odsCookies(req);
      res.end(
        JSON.stringify({
          lang: jar.lang.get(),
          csrf: jar.csrftoken.get(),
          inspect: jar.lang.inspect(),
        }),
      );
    };
    expect(JSON.parse((await request()).body)).toMatchObject({
      lang: 'en',
      inspect: { ok: true, present: false },
    });
    expect(
      JSON.parse(
        (
          await request({
            cookie: 'django_language=fr; csrftoken=abcdefghijabcdefghijabcdefghij12',
          })
        ).body,
      ),
    ).toMatchObject({ lang: 'fr', csrf: 'abcdefghijabcdefghijabcdefghij12' });
    const bad = JSON.parse(
      (await request({ cookie: 'django_language=xx; csrftoken=%E0%A4%A' })).body,
    );
    expect(bad.lang).toBe('en');
    expect(bad.csrf).toBeUndefined();
    expect(bad.inspect).toMatchObject({ ok: false, present: true, raw: 'xx' });
    expect(bad.inspect.reason).toMatch(/one of "en"/);
  });

  it('takes the first occurrence of a repeated name', () => {
    expect(odsCookies('django_language=de; django_language=fr').lang.get()).toBe('de');
  });

  it('reads by name, typed by CookieName', () => {
    const jar = odsCookies(new Headers({ cookie: 'django_language=nl' }));
    expect(jar.get('django_language')).toBe('nl');
    expect(() => (jar as unknown as { get(n: string): unknown }).get('nope')).toThrow(CookieError);
  });
});

describe('writing', () => {
  it('writes the declared attributes and applies them to a Node ServerResponse', async () => {
    handler = (req, res) => {
      const jar = odsCookies(req);
      jar.lang.set('fr');
      jar.sessionid.set('0123456789abcdef0123456789abcdef');
      res.setHeader('set-cookie', 'other=1');
      jar.applyTo(res).end('ok');
    };
    const { setCookie } = await request();
    expect(setCookie).toEqual([
      'other=1',
      'django_language=fr; Max-Age=31536000; Path=/; Secure; SameSite=Lax',
      'sessionid=0123456789abcdef0123456789abcdef; Max-Age=1209600; Path=/; HttpOnly; Secure; SameSite=Lax',
    ]);
  });

  it('applies to a Fetch Response', () => {
    const jar = odsCookies(new Request('http://x.test/'));
    jar.set('django_language', 'de');
    const response = jar.applyTo(new Response('ok'));
    expect(response.headers.getSetCookie()).toEqual([
      'django_language=de; Max-Age=31536000; Path=/; Secure; SameSite=Lax',
    ]);
  });

  it('refuses invalid values at run time with a CookieError naming the cookie', () => {
    const jar = odsCookies('');
    expect(() => jar.sessionid.set('NOT-A-SESSION')).toThrow(
      /Cookie "sessionid": expected a string matching/,
    );
    expect(() => (jar.lang as { set(v: string): boolean }).set('xx')).toThrow(CookieError);
    expect(jar.toSetCookieHeaders()).toEqual([]);
  });

  it('may shorten a lifetime but never lengthen it beyond the policy', () => {
    const jar = odsCookies('');
    jar.lang.set('fr', { maxAge: 60 });
    expect(jar.toSetCookieHeaders()[0]).toMatch(
      /^django_language=fr; Max-Age=60; Path=\/; Secure; SameSite=Lax; Expires=/,
    );
    expect(() => jar.lang.set('fr', { maxAge: 400 * 86400 })).toThrow(
      /maxAge 34560000 is not whole seconds from 0 to 31536000, the schema's maxAge/,
    );
  });

  it("computes a lifetime from `expires` on the jar's clock", () => {
    const now = Date.UTC(2030, 0, 1);
    const jar = odsCookies('', { now: () => now });
    jar.lang.set('fr', { expires: new Date(now + 90_000) });
    expect(jar.toSetCookieHeaders()[0]).toBe(
      'django_language=fr; Max-Age=90; Path=/; Secure; SameSite=Lax; Expires=Tue, 01 Jan 2030 00:01:30 GMT',
    );
  });

  it('deletes with the declared path and domain; later reads see it gone', () => {
    const jar = odsCookies('django_language=fr');
    jar.lang.delete();
    expect(jar.lang.get()).toBe('en');
    expect(jar.toSetCookieHeaders()).toEqual([
      'django_language=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; SameSite=Lax',
    ]);
  });
});

describe('consent guards (shop)', () => {
  it('writes nothing for a category without consent, and follows onBlocked', () => {
    const blocked: unknown[] = [];
    const jar = shopCookies('', { now: () => now, onBlocked: (b) => blocked.push(b) });
    expect(jar.consent.needsPrompt).toBe(true);
    expect(jar.abBucket.set(5)).toBe(false);
    expect(jar.gaProperty.set('G1', 'GS1.1.1')).toBe(false);
    expect(jar.toSetCookieHeaders()).toEqual([]);
    expect(blocked).toEqual([
      { cookie: 'ab_bucket', category: 'statistics' },
      { cookie: '_ga_G1', category: 'statistics' },
    ]);
    const strict = shopCookies('', { now: () => now, onBlocked: 'throw' });
    expect(() => strict.abBucket.set(5)).toThrow(
      expect.objectContaining({ code: 'consent-required' }),
    );
    // The required category needs no consent.
    expect(strict.csrf.set('a'.repeat(43))).toBe(true);
  });

  it('grant stores the choice and unblocks; revoke deletes the category, family members included', () => {
    const header = `ab_bucket=7; _ga_ABC=GS1.1; _ga_DEF=GS1.2; _ga=GA1.1.2.3; currency=USD`;
    const jar = shopCookies(header, { now: () => now });
    jar.consent.grant('statistics');
    expect(jar.consent.has('statistics')).toBe(true);
    // audience is opt-out: granted before the choice, and kept by a choice that does not object.
    expect(jar.consent.state()).toMatchObject({
      granted: ['necessary', 'statistics', 'audience'],
      needsPrompt: false,
    });
    expect(jar.abBucket.set(8)).toBe(true);
    const granted = jar.toSetCookieHeaders();
    expect(granted[0]).toMatch(
      /^shop_consent=1\.3\.[0-9a-z]+\.[0-9a-f]{16}\.0\.necessary~statistics~audience; Max-Age=15552000; Path=\/; Secure; SameSite=Lax$/,
    );
    // currency (preferences) was present without consent: storing a choice purges it.
    expect(granted).toContain(
      'currency=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; SameSite=Lax',
    );

    const next = shopCookies(`${header}; shop_consent=${record(['necessary', 'statistics'])}`, {
      now: () => now,
    });
    next.consent.revoke('statistics');
    const names = next.toSetCookieHeaders().map((h) => h.slice(0, h.indexOf('=')));
    expect(names).toEqual(
      expect.arrayContaining(['shop_consent', 'ab_bucket', '_ga', '_ga_ABC', '_ga_DEF']),
    );
    expect(next.toSetCookieHeaders().filter((h) => h.startsWith('_ga_'))).toEqual([
      '_ga_ABC=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; SameSite=Lax',
      '_ga_DEF=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; SameSite=Lax',
    ]);
    expect(next.consent.has('statistics')).toBe(false);
    expect(next.abBucket.set(1)).toBe(false);
  });

  it('a choice of an older revision, or older than consentMaxAge, is no choice', () => {
    const old = shopCookies(
      `shop_consent=${record(['necessary', 'statistics'], { revision: 2 })}`,
      { now: () => now },
    );
    expect(old.consent.needsPrompt).toBe(true);
    expect(old.consent.state().reason).toBe('old-revision');
    expect(old.consent.has('statistics')).toBe(false);
    const stale = shopCookies(
      `shop_consent=${record(['statistics'], { updatedAt: now - 200 * 86_400_000 })}`,
      { now: () => now },
    );
    expect(stale.consent.needsPrompt).toBe(true);
    expect(stale.consent.state().reason).toBe('expired');
    const garbage = shopCookies('shop_consent=%%%', { now: () => now });
    expect(garbage.consent.needsPrompt).toBe(true);
    expect(garbage.consent.state().reason).toBe('unreadable');
    expect(shopCookies('').consent.state().reason).toBeUndefined();
  });

  it('Global Privacy Control denies gpcOptOut categories unless granted with GPC on', async () => {
    const given = record(['necessary', 'marketing', 'statistics'], { gpc: false });
    handler = (req, res) => {
      const jar = shopCookies(req, { now: () => now });
      const before = jar.consent.has('marketing');
      jar.consent.grant('marketing');
      res.end(
        JSON.stringify({
          before,
          after: jar.consent.has('marketing'),
          stats: jar.consent.has('statistics'),
          mode: jar.consent.toConsentMode(),
        }),
      );
    };
    const result = JSON.parse(
      (await request({ cookie: `shop_consent=${given}`, 'sec-gpc': '1' })).body,
    );
    expect(result).toMatchObject({ before: false, after: true, stats: true });
    expect(result.mode).toEqual({
      security_storage: 'granted',
      functionality_storage: 'denied',
      personalization_storage: 'denied',
      analytics_storage: 'granted',
      ad_storage: 'granted',
      ad_user_data: 'granted',
      ad_personalization: 'granted',
    });
  });
});

describe('signed cookies (shop __Host-session)', () => {
  it('signs with the first secret, verifies with all, rejects tampering', async () => {
    const writer = shopCookies('', { secrets: ['new-secret', 'old-secret'] });
    expect(await writer.session.set('abcdefghijklmnopqrstuvwxyz')).toBe(true);
    const header = writer.toSetCookieHeaders()[0]!;
    expect(header).toMatch(
      /^__Host-session=abcdefghijklmnopqrstuvwxyz\.[A-Za-z0-9+/]{43}; Max-Age=86400; Path=\/; HttpOnly; Secure; SameSite=Strict; Priority=High$/,
    );
    const cookie = header.slice(0, header.indexOf(';'));
    expect(await shopCookies(cookie, { secrets: ['other', 'new-secret'] }).session.get()).toBe(
      'abcdefghijklmnopqrstuvwxyz',
    );
    const tampered = cookie.replace('abcdef', 'abcdeg');
    const jar = shopCookies(tampered, { secrets: ['new-secret'] });
    expect(await jar.session.get()).toBeUndefined();
    expect(await jar.session.inspect()).toMatchObject({ ok: false, reason: 'bad signature' });
    expect(await jar.get('__Host-session')).toBeUndefined();
    // Without secrets, the jar is refused when it is made, not at the first signed read.
    expect(() => createShopCookies('')).toThrow(/need secrets, and none were given/);
    expect(() => createShopCookies('', { secrets: [process.env.UNSET_SECRET!] })).toThrow(
      /secrets\[0\] is undefined/,
    );
  });

  it('verifies a signed value that another writer percent-encoded whole (Next cookies())', async () => {
    const writer = shopCookies('', { secrets: ['s'] });
    await writer.session.set('abcdefghijklmnopqrstuvwxyz');
    const header = writer.toSetCookieHeaders()[0]!;
    const value = header.slice(header.indexOf('=') + 1, header.indexOf(';'));
    const encoded = `__Host-session=${encodeURIComponent(value)}`;
    expect(encoded).toMatch(/%2B|%2F/);
    const jar = shopCookies(encoded, { secrets: ['s'] });
    expect(await jar.session.get()).toBe('abcdefghijklmnopqrstuvwxyz');
    const forged = encoded.replace('abcdef', 'abcdeg');
    expect(await shopCookies(forged, { secrets: ['s'] }).session.get()).toBeUndefined();
  });
});

describe('encrypted cookies (shop __Host-oauth_state), over HTTP', () => {
  const SECRET = 'the-current-secret-of-at-least-32-chars';
  const state = {
    provider: 'google' as const,
    state: 'S'.repeat(43),
    verifier: 'v'.repeat(64),
    returnTo: '/checkout?step=2',
  };
  // Starts a sign-in (x-action: start) or reads the state back, with the secrets and the clock
  // the request asks for.
  beforeAll(() => {
    handler = async (req, res) => {
      const secrets = String(req.headers['x-secrets'] ?? SECRET).split(',');
      const at = Number(req.headers['x-now'] ?? now);
      const jar = shopCookies(req, { secrets, now: () => at });
      if (req.headers['x-action'] === 'start') {
        const written = await jar.oauthState.set(state);
        jar.applyTo(res).end(JSON.stringify({ written }));
        return;
      }
      const inspection = await jar.oauthState.inspect();
      res.end(JSON.stringify({ state: (await jar.oauthState.get()) ?? null, inspection }));
    };
  });
  const start = async () => {
    const response = await fetch(base, { headers: { 'x-action': 'start' } });
    const [header] = response.headers.getSetCookie();
    return header!;
  };
  const read = async (cookie: string, headers: Record<string, string> = {}) =>
    JSON.parse((await request({ cookie, ...headers })).body);

  it('writes a sealed HttpOnly value that reads back on the next request', async () => {
    const header = await start();
    expect(header).toMatch(
      /^__Host-oauth_state=e1\.[A-Za-z0-9_-]+; Max-Age=600; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
    for (const visible of ['google', 'checkout', 'SSSS', 'vvvv']) {
      expect(header).not.toContain(visible);
    }
    const pair = header.slice(0, header.indexOf(';'));
    expect(await read(pair)).toMatchObject({ state, inspection: { ok: true, present: true } });
    // Two sign-ins of the same state are sealed differently.
    expect((await start()).split(';')[0]).not.toBe(pair);
  });

  it('keeps reading after a rotation, and reads the default once the old secret is gone', async () => {
    const pair = (await start()).split(';')[0]!;
    const rotated = await read(pair, {
      'x-secrets': `the-next-secret-of-at-least-32-chars,${SECRET}`,
    });
    expect(rotated.state).toEqual(state);
    const dropped = await read(pair, { 'x-secrets': 'the-next-secret-of-at-least-32-chars' });
    expect(dropped).toMatchObject({
      state: null,
      inspection: { ok: false, reason: expect.stringMatching(/^cannot be decrypted/) },
    });
  });

  it('refuses a tampered value, one sealed for another cookie, and one replayed too late', async () => {
    const pair = (await start()).split(';')[0]!;
    const value = pair.slice(pair.indexOf('=') + 1);
    const flipped = value.slice(0, 20) + (value[20] === 'a' ? 'b' : 'a') + value.slice(21);
    const tampered = await read(`__Host-oauth_state=${flipped}`);
    expect(tampered).toMatchObject({ state: null, inspection: { ok: false } });
    const elsewhere = await sealCookieValue(JSON.stringify(state), {
      name: 'oauth_state',
      secret: SECRET,
    });
    expect((await read(`__Host-oauth_state=${elsewhere}`)).state).toBe(null);
    const late = await read(pair, { 'x-now': String(now + 600_000) });
    expect(late).toMatchObject({
      state: null,
      inspection: { ok: false, reason: expect.stringMatching(/^expired at 2026-11-28T12:10:00/) },
    });
    expect((await read(pair, { 'x-now': String(now + 599_000) })).state).toEqual(state);
  });
});

describe('JSON values (shop cart)', () => {
  it('round-trips a typed JSON value and rejects one that does not fit the schema', () => {
    const jar = shopCookies('');
    const cart = { items: [{ sku: 'ABC-1', qty: 2 }], currency: 'EUR' as const };
    jar.cart.set(cart);
    const header = jar.toSetCookieHeaders()[0]!;
    const back = shopCookies(header.slice(0, header.indexOf(';')));
    expect(back.cart.get()).toEqual(cart);
    const polluted = shopCookies(
      `cart=${Buffer.from('{"items":[],"currency":"EUR","__proto__":{"x":1}}').toString('base64url')}`,
    );
    expect(polluted.cart.get()).toEqual({ items: [], currency: 'EUR' });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    const invalid = shopCookies(
      `cart=${Buffer.from('{"items":[{"sku":"x"}],"currency":"EUR"}').toString('base64url')}`,
    );
    expect(invalid.cart.get()).toBeUndefined();
    expect(invalid.cart.inspect().ok).toBe(false);
  });
});

describe('guardSetCookies: a firewall for headers other code wrote (shop)', () => {
  const foreign = [
    'tracker=1; Path=/', // undeclared
    'IDE=abc; Domain=doubleclick.net; Path=/; Secure; SameSite=None', // another site's cookie
    '_fbp=fb.1.2; Max-Age=7776000; Path=/; Secure; SameSite=Lax', // marketing, not granted
    '_ga_XYZ=GS1.1; Max-Age=600; Path=/; Secure; SameSite=Lax', // statistics family, granted
    'ab_bucket=4; Max-Age=2592000; Path=/; Secure; SameSite=Lax', // statistics, as declared
    'gone=; Max-Age=0; Path=/', // a deletion always passes
  ];
  const consented = () => ({ cookie: `shop_consent=${record(['necessary', 'statistics'])}` });

  it('drops undeclared, third-party and unconsented cookies on a real Node server response', async () => {
    let findings: unknown;
    handler = (req, res) => {
      const jar = shopCookies(req, { now: () => now });
      res.setHeader('set-cookie', foreign); // what a third-party middleware wrote
      findings = guardSetCookies(res, jar.consent.state().granted);
      res.end('ok');
    };
    const { setCookie } = await request(consented());
    expect(setCookie).toEqual([
      '_ga_XYZ=GS1.1; Max-Age=600; Path=/; Secure; SameSite=Lax',
      'ab_bucket=4; Max-Age=2592000; Path=/; Secure; SameSite=Lax',
      'gone=; Max-Age=0; Path=/',
    ]);
    expect(findings).toEqual([
      { cookie: 'tracker', reason: 'undeclared', action: 'dropped', header: 'tracker=1; Path=/' },
      { cookie: 'IDE', reason: 'third-party', action: 'dropped', header: foreign[1] },
      {
        cookie: '_fbp',
        reason: 'not-granted',
        action: 'dropped',
        category: 'marketing',
        header: foreign[2],
      },
    ]);
  });

  it('reports attributes and lifetimes other than declared, keeping the header as written', async () => {
    let findings: unknown;
    const written = [
      'theme=dark; Path=/', // declared Max-Age=1y, Secure, SameSite=Lax
      `currency=GBP; Max-Age=${400 * 86_400}; Path=/; Secure; SameSite=Lax`, // longer than 1y
      'ab_bucket=4; Max-Age=60; Path=/shop; Secure; SameSite=Strict; HttpOnly', // path, flags
      `last_visit=2026-11-28T12%3A00%3A00.000Z; Expires=${new Date(now + 500 * 86_400_000).toUTCString()}; Path=/; Secure; SameSite=Lax`,
    ];
    handler = (_req, res) => {
      res.setHeader('set-cookie', written);
      findings = guardSetCookies(res, ['necessary', 'preferences', 'statistics'], {
        now: () => now,
      });
      res.end('ok');
    };
    const { setCookie } = await request();
    expect(setCookie).toEqual(written);
    expect(findings).toEqual([
      {
        cookie: 'theme',
        reason: 'attributes',
        action: 'kept',
        category: 'preferences',
        mismatches: [
          { attribute: 'Secure', declared: true, written: false },
          { attribute: 'SameSite', declared: 'Lax', written: undefined },
        ],
        header: written[0],
      },
      {
        cookie: 'currency',
        reason: 'attributes',
        action: 'kept',
        category: 'preferences',
        mismatches: [{ attribute: 'lifetime', declared: 31_536_000, written: 34_560_000 }],
        header: written[1],
      },
      {
        cookie: 'ab_bucket',
        reason: 'attributes',
        action: 'kept',
        category: 'statistics',
        mismatches: [
          { attribute: 'Path', declared: '/', written: '/shop' },
          { attribute: 'HttpOnly', declared: false, written: true },
          { attribute: 'SameSite', declared: 'Lax', written: 'Strict' },
        ],
        header: written[2],
      },
      {
        cookie: 'last_visit',
        reason: 'attributes',
        action: 'kept',
        category: 'statistics',
        mismatches: [{ attribute: 'lifetime', declared: 33_696_000, written: 43_200_000 }],
        header: written[3],
      },
    ]);
  });

  it('rewrites them to the declared attributes with { rewrite: true }, keeping a shorter life', async () => {
    let findings: { action: string; rewritten?: string }[] = [];
    handler = (_req, res) => {
      res.setHeader('set-cookie', [
        'theme=dark; Path=/',
        'ab_bucket=4; Max-Age=60; Path=/shop; SameSite=Strict',
        `currency=GBP; Max-Age=${400 * 86_400}; Path=/`,
        '_ga_XYZ=GS1.1; Max-Age=600; Path=/; Secure; SameSite=Lax', // as declared: untouched
      ]);
      findings = guardSetCookies(res, ['necessary', 'preferences', 'statistics'], {
        rewrite: true,
      }) as typeof findings;
      res.end('ok');
    };
    const { setCookie } = await request();
    expect(setCookie).toEqual([
      'theme=dark; Path=/; Secure; SameSite=Lax', // a session cookie: shorter than declared
      'ab_bucket=4; Max-Age=60; Path=/; Secure; SameSite=Lax',
      'currency=GBP; Max-Age=31536000; Path=/; Secure; SameSite=Lax',
      '_ga_XYZ=GS1.1; Max-Age=600; Path=/; Secure; SameSite=Lax',
    ]);
    expect(findings.map((f) => [f.action, f.rewritten])).toEqual([
      ['rewritten', setCookie[0]],
      ['rewritten', setCookie[1]],
      ['rewritten', setCookie[2]],
    ]);
  });

  it("filters a Fetch Response, and finds nothing to say about the jar's own writes", () => {
    const jar = shopCookies(`shop_consent=${record(['necessary', 'statistics'])}`, {
      now: () => now,
    });
    const response = new Response('ok');
    for (const header of foreign) response.headers.append('set-cookie', header);
    jar.csrf.set('a'.repeat(43));
    jar.abBucket.set(7, { maxAge: 60 });
    jar.consent.grant('preferences');
    jar.currency.set('USD');
    jar.applyTo(response);
    const findings = guardSetCookies(response, jar.consent.state().granted);
    expect(findings.map((d) => [d.cookie, d.reason])).toEqual([
      ['tracker', 'undeclared'],
      ['IDE', 'third-party'],
      ['_fbp', 'not-granted'],
    ]);
    const kept = response.headers.getSetCookie().map((h) => h.split('=')[0]);
    expect(kept).toEqual([
      '_ga_XYZ',
      'ab_bucket',
      'gone',
      '__Secure-csrf',
      'ab_bucket',
      'shop_consent',
      'currency',
    ]);
  });
});
