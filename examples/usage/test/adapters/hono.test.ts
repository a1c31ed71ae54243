// Hono on @hono/node-server (a real server on 127.0.0.1, real fetch requests): the cookies()
// middleware — `c.var.cookies` typed by the generated package, Set-Cookie added after next() to
// whatever Response the app sends — and withCookies passing @hono/node-server's environment
// through, so that getConnInfo(c) and c.env.incoming keep working.
import type { AddressInfo } from 'node:net';
import { CookieError } from '@cookie-schema/runtime';
import { withCookies } from '@cookie-schema/runtime/adapters/fetch';
import { cookies } from '@cookie-schema/runtime/adapters/hono';
import {
  type Cookies as OdsCookies,
  createCookies as odsCookies,
} from '@examples/opendatasoft-cookies/server';
import {
  type Cookies as ShopCookies,
  createCookies as shopCookies,
} from '@examples/shop-cookies/server';
import { type HttpBindings, type ServerType, serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const CSRF = (c: string) => c.repeat(43);
let late: ShopCookies | undefined;

// The middleware form: the jar is a variable of the context, Hono's env stays Node's.
const app = new Hono<{ Bindings: HttpBindings }>()
  .use(cookies(shopCookies, { secrets: [SECRET] }))
  .get('/read', async (c) => {
    expectTypeOf(c.var.cookies).toEqualTypeOf<ShopCookies>();
    expectTypeOf(c.get('cookies').currency.get()).toEqualTypeOf<'EUR' | 'USD' | 'GBP'>();
    // @ts-expect-error — `theme` is client-only: the server jar has no accessor for it
    expect(c.var.cookies.theme).toBeUndefined();
    return c.json({
      currency: c.var.cookies.currency.get(),
      session: (await c.var.cookies.session.get()) ?? null,
      remote: getConnInfo(c).remote.address,
      incoming: c.env.incoming.headers['x-probe'] ?? null,
    });
  })
  .post('/cart', (c) => {
    setCookie(c, 'hono_own', 'x', { path: '/' });
    c.var.cookies.cart.set({ currency: 'EUR', items: [{ sku: 'ABC-123', qty: 2 }] });
    return c.json({ ok: true }, 201);
  })
  .post('/session', async (c) => {
    await c.var.cookies.session.set('s3ss10n-1d3nt1f13r-0f-24-chars');
    return c.redirect('/account', 303);
  })
  .get('/own-response', (c) => {
    c.var.cookies.csrf.set(CSRF('o'));
    return new Response('made by the handler', {
      status: 202,
      headers: { 'set-cookie': 'handler_own=1; Path=/' },
    });
  })
  .get('/immutable', (c) => {
    c.var.cookies.csrf.set(CSRF('i'));
    return Response.redirect('http://127.0.0.1/elsewhere', 302);
  })
  .get('/upstream', (c) => {
    setCookie(c, 'upstream', '1', { path: '/' });
    return c.text('from upstream');
  })
  .get('/proxy', async (c) => {
    c.var.cookies.csrf.set(CSRF('p'));
    // A fetch() response: immutable headers, and a Set-Cookie of its own.
    return fetch(new URL('/upstream', c.req.url));
  })
  .get('/fails', (c) => {
    c.var.cookies.csrf.set(CSRF('f'));
    throw new Error('boom');
  })
  .get('/late', (c) => {
    late = c.var.cookies;
    return c.text('sent');
  })
  .get('/nothing', (c) => c.text('no cookies'));
app.onError((error, c) => c.text(`handled: ${error.message}`, 500));

// The fetch form: withCookies around app.fetch, the jar a binding beside @hono/node-server's.
const bound = new Hono<{ Bindings: HttpBindings & { cookies: OdsCookies } }>().get(
  '/where',
  (c) => {
    c.env.cookies.lang.set('de');
    return c.json({
      lang: c.env.cookies.lang.get(),
      remote: getConnInfo(c).remote.address,
      incoming: c.env.incoming.headers['x-probe'] ?? null,
    });
  },
);

function listen(fetch: Parameters<typeof serve>[0]['fetch']) {
  return new Promise<{ server: ServerType; url: string }>((done) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      done({ server, url: `http://127.0.0.1:${info.port}` }),
    );
  });
}

let middleware: { server: ServerType; url: string };
let wrapped: { server: ServerType; url: string };
beforeAll(async () => {
  middleware = await listen(app.fetch);
  wrapped = await listen(
    withCookies(odsCookies, (request, cookies, env: object) =>
      bound.fetch(request, { ...env, cookies }),
    ),
  );
});
afterAll(async () => {
  for (const { server } of [middleware, wrapped]) {
    await new Promise<void>((done) => server.close(() => done()));
  }
});

async function call(base: string, path: string, init: RequestInit = {}) {
  const response = await fetch(base + path, { redirect: 'manual', ...init });
  return {
    status: response.status,
    headers: response.headers,
    setCookie: response.headers.getSetCookie(),
    body: await response.text(),
  };
}

describe('app.use(cookies(createCookies)) on @hono/node-server', () => {
  it("reads typed values, and leaves Node's environment to getConnInfo and c.env.incoming", async () => {
    const { status, body, setCookie } = await call(middleware.url, '/read', {
      headers: { cookie: 'currency=GBP', 'x-probe': 'seen' },
    });
    expect(status).toBe(200);
    expect(JSON.parse(body)).toEqual({
      currency: 'GBP',
      session: null,
      remote: '127.0.0.1',
      incoming: 'seen',
    });
    expect(setCookie).toEqual([]);
  });

  it('applies Set-Cookie after next(), after the ones Hono set', async () => {
    const { status, body, setCookie } = await call(middleware.url, '/cart', { method: 'POST' });
    expect(status).toBe(201);
    expect(JSON.parse(body)).toEqual({ ok: true });
    expect(setCookie).toHaveLength(2);
    expect(setCookie[0]).toBe('hono_own=x; Path=/');
    expect(setCookie[1]).toMatch(
      /^cart=[A-Za-z0-9_-]+; Max-Age=604800; Path=\/; Secure; SameSite=Lax$/,
    );
  });

  it('signs on c.redirect() and verifies what comes back', async () => {
    const { status, headers, setCookie } = await call(middleware.url, '/session', {
      method: 'POST',
    });
    expect(status).toBe(303);
    expect(headers.get('location')).toBe('/account');
    expect(setCookie).toHaveLength(1);
    expect(setCookie[0]).toMatch(
      /^__Host-session=s3ss10n-1d3nt1f13r-0f-24-chars\.[A-Za-z0-9+/]{43}; Max-Age=86400; Path=\/; HttpOnly; Secure; SameSite=Strict; Priority=High$/,
    );
    const read = await call(middleware.url, '/read', {
      headers: { cookie: setCookie[0]!.split(';')[0]! },
    });
    expect(JSON.parse(read.body).session).toBe('s3ss10n-1d3nt1f13r-0f-24-chars');
  });

  it('adds them to a Response the handler made itself, keeping its own Set-Cookie', async () => {
    const { status, body, setCookie } = await call(middleware.url, '/own-response');
    expect(status).toBe(202);
    expect(body).toBe('made by the handler');
    expect(setCookie).toEqual([
      'handler_own=1; Path=/',
      `__Secure-csrf=${CSRF('o')}; Path=/; Secure; SameSite=Lax`,
    ]);
  });

  it('adds them to an immutable Response.redirect()', async () => {
    const { status, headers, setCookie } = await call(middleware.url, '/immutable');
    expect(status).toBe(302);
    expect(headers.get('location')).toBe('http://127.0.0.1/elsewhere');
    expect(setCookie).toEqual([`__Secure-csrf=${CSRF('i')}; Path=/; Secure; SameSite=Lax`]);
  });

  it("adds them to a fetch() response passed through, keeping that response's own", async () => {
    const { status, body, setCookie } = await call(middleware.url, '/proxy');
    expect(status).toBe(200);
    expect(body).toBe('from upstream');
    expect(setCookie).toEqual([
      'upstream=1; Path=/',
      `__Secure-csrf=${CSRF('p')}; Path=/; Secure; SameSite=Lax`,
    ]);
  });

  it("adds them to the error handler's response", async () => {
    const { status, body, setCookie } = await call(middleware.url, '/fails');
    expect(status).toBe(500);
    expect(body).toBe('handled: boom');
    expect(setCookie).toEqual([`__Secure-csrf=${CSRF('f')}; Path=/; Secure; SameSite=Lax`]);
  });

  it('adds no header when nothing was written', async () => {
    const { body, setCookie } = await call(middleware.url, '/nothing');
    expect(body).toBe('no cookies');
    expect(setCookie).toEqual([]);
  });

  it('refuses a write after the response left the middleware instead of losing it', async () => {
    late = undefined;
    const { body, setCookie } = await call(middleware.url, '/late');
    expect(body).toBe('sent');
    expect(setCookie).toEqual([]);
    let error: unknown;
    try {
      late!.csrf.set(CSRF('l'));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CookieError);
    expect(error).toMatchObject({ code: 'headers-sent', cookie: '__Secure-csrf' });
  });
});

describe('withCookies around app.fetch, passing the environment through', () => {
  it("keeps @hono/node-server's incoming and outgoing beside the jar", async () => {
    const { status, body, setCookie } = await call(wrapped.url, '/where', {
      headers: { 'x-probe': 'node' },
    });
    expect(status).toBe(200);
    expect(JSON.parse(body)).toEqual({ lang: 'de', remote: '127.0.0.1', incoming: 'node' });
    expect(setCookie).toEqual([
      'django_language=de; Max-Age=31536000; Path=/; Secure; SameSite=Lax',
    ]);
  });
});
