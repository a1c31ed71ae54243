// The Fetch adapter with a real Hono app (app.fetch), served by Node http on 127.0.0.1 with
// real fetch requests: reads, writes with their declared attributes, Set-Cookie headers other
// code wrote, immutable responses, consent, signing, and writes that come too late.
import { CookieError, consentCodec } from '@cookie-schema/runtime';
import { applyCookies, withCookies } from '@cookie-schema/runtime/adapters/fetch';
import { createCookies as odsCookies } from '@examples/opendatasoft-cookies/server';
import {
  type Cookies as ShopCookies,
  createCookies as shopCookies,
} from '@examples/shop-cookies/server';
import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { stream } from 'hono/streaming';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Served, serveFetch } from './serve-fetch.js';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
let late: ShopCookies | undefined;

const app = new Hono<{ Bindings: { cookies: ShopCookies } }>();
app.get('/upstream', (c) => {
  setCookie(c, 'upstream', '1', { path: '/' });
  return c.text('from upstream');
});
app.get('/read', async (c) => {
  const { cookies } = c.env;
  return c.json({
    currency: cookies.currency.get(),
    cart: cookies.cart.get(),
    session: (await cookies.session.get()) ?? null,
    consent: cookies.consent.state().granted,
  });
});
app.post('/cart', async (c) => {
  const { cookies } = c.env;
  setCookie(c, 'hono_own', 'x', { path: '/' });
  cookies.cart.set({ currency: 'EUR', items: [{ sku: 'ABC-123', qty: 2 }] });
  return c.json({ ok: true }, 201);
});
app.post('/currency', (c) => c.json({ written: c.env.cookies.currency.set('USD') }));
app.post('/consent', (c) => {
  c.env.cookies.consent.grant('preferences');
  return c.body(null, 204);
});
app.post('/session', async (c) => {
  await c.env.cookies.session.set('s3ss10n-1d3nt1f13r-0f-24-chars');
  return c.redirect('/account', 303);
});
// An OAuth round trip: the state is sealed on the way out and checked on the way back.
const OAUTH = {
  provider: 'apple' as const,
  state: 'q'.repeat(43),
  verifier: 'x'.repeat(43),
  returnTo: '/orders',
};
app.get('/oauth/start', async (c) => {
  await c.env.cookies.oauthState.set(OAUTH);
  return c.redirect('https://appleid.example/auth', 302);
});
app.get('/oauth/callback', async (c) => {
  const stored = await c.env.cookies.oauthState.get();
  if (!stored || stored.state !== c.req.query('state')) {
    return c.json(
      { error: (await c.env.cookies.oauthState.inspect()).ok ? 'mismatch' : 'none' },
      400,
    );
  }
  c.env.cookies.oauthState.delete();
  return c.redirect(stored.returnTo ?? '/', 303);
});
app.get('/immutable', (c) => {
  c.env.cookies.csrf.set('c'.repeat(43));
  return Response.redirect('http://127.0.0.1/elsewhere', 302);
});
app.get('/proxy', async (c) => {
  c.env.cookies.csrf.set('p'.repeat(43));
  return fetch(new URL('/upstream', c.req.url));
});
app.get('/stream', (c) => {
  c.env.cookies.csrf.set('s'.repeat(43));
  return stream(c, async (s) => {
    await s.write('one,');
    await s.write('two');
  });
});
app.get('/late', (c) => {
  late = c.env.cookies;
  return c.text('sent');
});

let served: Served;
beforeAll(async () => {
  served = await serveFetch(
    withCookies(shopCookies, (request, cookies) => app.fetch(request, { cookies }), {
      secrets: [SECRET],
    }),
  );
});
afterAll(() => served.close());

async function call(path: string, init: RequestInit = {}) {
  const response = await fetch(served.url + path, { redirect: 'manual', ...init });
  return {
    status: response.status,
    headers: response.headers,
    setCookie: response.headers.getSetCookie(),
    body: await response.text(),
  };
}

const consent = (categories: string[]) =>
  consentCodec().encode({ categories, revision: 3, hash: 'h', updatedAt: Date.now() - 1000 });

describe('withCookies around a Hono app', () => {
  it('reads typed values from the request', async () => {
    const empty = JSON.parse((await call('/read')).body);
    // audience is opt-out: granted until the visitor objects.
    expect(empty).toEqual({
      currency: 'EUR',
      session: null,
      consent: ['necessary', 'audience'],
    });
    const { setCookie: written } = await call('/cart', { method: 'POST' });
    const cookie = written.find((h) => h.startsWith('cart='))!.split(';')[0]!;
    const read = JSON.parse(
      (await call('/read', { headers: { cookie: `${cookie}; currency=USD` } })).body,
    );
    expect(read.currency).toBe('USD');
    expect(read.cart).toEqual({ currency: 'EUR', items: [{ sku: 'ABC-123', qty: 2 }] });
  });

  it('appends the declared Set-Cookie after the ones Hono set, keeping status and body', async () => {
    const { status, setCookie, body } = await call('/cart', { method: 'POST' });
    expect(status).toBe(201);
    expect(JSON.parse(body)).toEqual({ ok: true });
    expect(setCookie).toHaveLength(2);
    expect(setCookie[0]).toBe('hono_own=x; Path=/');
    expect(setCookie[1]).toMatch(
      /^cart=[A-Za-z0-9_-]+; Max-Age=604800; Path=\/; Secure; SameSite=Lax$/,
    );
  });

  it('writes nothing for a category without consent, and writes once it is granted', async () => {
    const blocked = await call('/currency', { method: 'POST' });
    expect(JSON.parse(blocked.body)).toEqual({ written: false });
    expect(blocked.setCookie).toEqual([]);

    const granted = await call('/consent', { method: 'POST' });
    expect(granted.status).toBe(204);
    const record = granted.setCookie.find((h) => h.startsWith('shop_consent='))!;
    expect(record).toMatch(
      /necessary~preferences~audience; Max-Age=15552000; Path=\/; Secure; SameSite=Lax$/,
    );

    const allowed = await call('/currency', {
      method: 'POST',
      headers: { cookie: record.split(';')[0]! },
    });
    expect(JSON.parse(allowed.body)).toEqual({ written: true });
    expect(allowed.setCookie).toEqual([
      'currency=USD; Max-Age=31536000; Path=/; Secure; SameSite=Lax',
    ]);
    const withRecord = await call('/currency', {
      method: 'POST',
      headers: { cookie: `shop_consent=${consent(['necessary', 'statistics'])}` },
    });
    expect(withRecord.setCookie).toEqual([]);
  });

  it('signs on a redirect and verifies what comes back', async () => {
    const { status, headers, setCookie } = await call('/session', { method: 'POST' });
    expect(status).toBe(303);
    expect(headers.get('location')).toBe('/account');
    expect(setCookie).toHaveLength(1);
    expect(setCookie[0]).toMatch(
      /^__Host-session=s3ss10n-1d3nt1f13r-0f-24-chars\.[A-Za-z0-9+/]{43}; Max-Age=86400; Path=\/; HttpOnly; Secure; SameSite=Strict; Priority=High$/,
    );
    const pair = setCookie[0]!.split(';')[0]!;
    expect(JSON.parse((await call('/read', { headers: { cookie: pair } })).body).session).toBe(
      's3ss10n-1d3nt1f13r-0f-24-chars',
    );
    const tampered = pair.replace('s3ss10n', 'S3SS10N');
    expect(JSON.parse((await call('/read', { headers: { cookie: tampered } })).body).session).toBe(
      null,
    );
  });

  it('seals an encrypted value on a redirect, opens it on the callback, refuses tampering', async () => {
    const start = await call('/oauth/start');
    expect(start.status).toBe(302);
    expect(start.setCookie).toHaveLength(1);
    expect(start.setCookie[0]).toMatch(
      /^__Host-oauth_state=e1\.[A-Za-z0-9_-]+; Max-Age=600; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
    expect(start.setCookie[0]).not.toContain('orders');
    const pair = start.setCookie[0]!.split(';')[0]!;
    const callback = await call(`/oauth/callback?state=${OAUTH.state}`, {
      headers: { cookie: pair },
    });
    expect(callback.status).toBe(303);
    expect(callback.headers.get('location')).toBe('/orders');
    expect(callback.setCookie).toEqual([
      '__Host-oauth_state=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure; SameSite=Lax',
    ]);
    const tampered = pair.slice(0, -3) + (pair.at(-3) === 'A' ? 'B' : 'A') + pair.slice(-2);
    const refused = await call(`/oauth/callback?state=${OAUTH.state}`, {
      headers: { cookie: tampered },
    });
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.body)).toEqual({ error: 'none' });
  });

  it('copies an immutable Response.redirect() to add its cookies', async () => {
    const { status, headers, setCookie } = await call('/immutable');
    expect(status).toBe(302);
    expect(headers.get('location')).toBe('http://127.0.0.1/elsewhere');
    expect(setCookie).toEqual([`__Secure-csrf=${'c'.repeat(43)}; Path=/; Secure; SameSite=Lax`]);
  });

  it('copies a fetch() response passed through, keeping its body and its Set-Cookie', async () => {
    const { status, body, setCookie } = await call('/proxy');
    expect(status).toBe(200);
    expect(body).toBe('from upstream');
    expect(setCookie).toEqual([
      'upstream=1; Path=/',
      `__Secure-csrf=${'p'.repeat(43)}; Path=/; Secure; SameSite=Lax`,
    ]);
  });

  it('adds cookies to a streamed body', async () => {
    const { body, setCookie } = await call('/stream');
    expect(body).toBe('one,two');
    expect(setCookie).toEqual([`__Secure-csrf=${'s'.repeat(43)}; Path=/; Secure; SameSite=Lax`]);
  });

  it('refuses a write after the handler returned instead of losing it', async () => {
    late = undefined;
    const { body, setCookie } = await call('/late');
    expect(body).toBe('sent');
    expect(setCookie).toEqual([]);
    expect(late).toBeDefined();
    let error: unknown;
    try {
      late!.csrf.set('l'.repeat(43));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CookieError);
    expect(error).toMatchObject({ code: 'headers-sent', cookie: '__Secure-csrf' });
    expect(late!.toSetCookieHeaders()).toEqual([]);
  });
});

describe('applyCookies and withCookies alone', () => {
  it('returns the same Response when its headers are mutable, a copy otherwise', async () => {
    const jar = odsCookies('');
    jar.lang.set('de');
    const json = Response.json({ a: 1 }, { status: 202 });
    expect(applyCookies(jar, json)).toBe(json);
    expect(json.headers.getSetCookie()).toEqual([
      'django_language=de; Max-Age=31536000; Path=/; Secure; SameSite=Lax',
    ]);
    const redirect = Response.redirect('http://x.test/', 307);
    const copy = applyCookies(jar, redirect);
    expect(copy).not.toBe(redirect);
    expect(copy.status).toBe(307);
    expect(redirect.headers.getSetCookie()).toEqual([]);
    expect(copy.headers.getSetCookie()).toHaveLength(1);
    const untouched = Response.redirect('http://x.test/', 307);
    expect(applyCookies(odsCookies(''), untouched)).toBe(untouched);
  });

  it('passes the extra arguments of the server through and keeps the app options', async () => {
    const seen: string[] = [];
    const handler = withCookies(
      odsCookies,
      (request: Request, cookies, context: { params: { id: string } }) => {
        cookies.lang.set('nl');
        return new Response(`${new URL(request.url).pathname} ${context.params.id}`);
      },
      { onSetCookie: (header) => seen.push(header) },
    );
    const response = await handler(new Request('http://x.test/p'), { params: { id: '7' } });
    expect(await response.text()).toBe('/p 7');
    expect(seen).toEqual(['django_language=nl; Max-Age=31536000; Path=/; Secure; SameSite=Lax']);
    expect(response.headers.getSetCookie()).toEqual(seen);
  });
});
