// The Node adapter with a real Node http server and a real Express 5 app on 127.0.0.1: cookies
// reach the response however its headers are sent, after the ones other code set.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CookieError, consentCodec } from '@cookie-schema/runtime';
import { attachCookies, cookieMiddleware } from '@cookie-schema/runtime/adapters/node';
import { createCookies as odsCookies } from '@examples/opendatasoft-cookies/server';
import {
  type Cookies as ShopCookies,
  createCookies as shopCookies,
} from '@examples/shop-cookies/server';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

declare global {
  namespace Express {
    interface Locals {
      cookies: ShopCookies;
    }
  }
}

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const LANG_FR = 'django_language=fr; Max-Age=31536000; Path=/; Secure; SameSite=Lax';

async function listen(server: Server) {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function call(url: string, init: RequestInit = {}) {
  const response = await fetch(url, { redirect: 'manual', ...init });
  return {
    status: response.status,
    headers: response.headers,
    setCookie: response.headers.getSetCookie(),
    body: await response.text(),
  };
}

describe('attachCookies with Node http', () => {
  let server: Server;
  let base: string;
  let handler: (req: IncomingMessage, res: ServerResponse) => void;
  let thrown: unknown[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      try {
        handler(req, res);
      } catch (error) {
        thrown.push(error);
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      }
    });
    base = await listen(server);
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('reads from the request and writes on res.end(), after what setHeader set', async () => {
    handler = (req, res) => {
      const cookies = attachCookies(odsCookies, req, res);
      const before = cookies.lang.get();
      cookies.lang.set('fr');
      res.setHeader('Set-Cookie', 'other=1; Path=/');
      res.end(before);
    };
    const { body, setCookie } = await call(base, { headers: { cookie: 'django_language=de' } });
    expect(body).toBe('de');
    expect(setCookie).toEqual(['other=1; Path=/', LANG_FR]);
  });

  it('joins Set-Cookie given to writeHead as an object or as a raw array', async () => {
    handler = (req, res) => {
      const cookies = attachCookies(odsCookies, req, res);
      cookies.lang.set('fr');
      res.setHeader('Set-Cookie', 'dropped-by-node=1');
      res.writeHead(201, 'Made', { 'Set-Cookie': ['given=1'], 'Content-Type': 'text/plain' });
      res.end('object');
    };
    const object = await call(base);
    expect(object.status).toBe(201);
    expect(object.body).toBe('object');
    // Node's rule: headers given to writeHead replace those set before with the same name.
    expect(object.setCookie).toEqual(['given=1', LANG_FR]);

    handler = (req, res) => {
      const cookies = attachCookies(odsCookies, req, res);
      cookies.lang.set('fr');
      res.writeHead(200, ['Set-Cookie', 'raw=1', 'X-Raw', 'yes']);
      res.end('raw');
    };
    const raw = await call(base);
    expect(raw.headers.get('x-raw')).toBe('yes');
    expect(raw.setCookie).toEqual(['raw=1', LANG_FR]);

    handler = (req, res) => {
      attachCookies(odsCookies, req, res).lang.set('fr');
      res.setHeader('Set-Cookie', ['a=1', 'b=2']);
      res.writeHead(200, { 'X-Other': 'yes' });
      res.end();
    };
    expect((await call(base)).setCookie).toEqual(['a=1', 'b=2', LANG_FR]);
  });

  it('writes before a streamed body and refuses writes after the headers went', async () => {
    thrown = [];
    handler = (req, res) => {
      const cookies = attachCookies(odsCookies, req, res);
      cookies.lang.set('fr');
      res.write('one,');
      try {
        cookies.lang.set('de');
      } catch (error) {
        thrown.push(error);
      }
      res.end('two');
    };
    const { body, setCookie } = await call(base);
    expect(body).toBe('one,two');
    expect(setCookie).toEqual([LANG_FR]);
    expect(thrown).toHaveLength(1);
    expect(thrown[0]).toBeInstanceOf(CookieError);
    expect(thrown[0]).toMatchObject({ code: 'headers-sent', cookie: 'django_language' });
  });

  it('sends no Set-Cookie when nothing was written', async () => {
    handler = (req, res) => {
      const cookies = attachCookies(odsCookies, req, res);
      res.end(String(cookies.lang.get()));
    };
    const { body, headers } = await call(base);
    expect(body).toBe('en');
    expect(headers.has('set-cookie')).toBe(false);
  });
});

describe('cookieMiddleware with Express 5', () => {
  let server: Server;
  let base: string;
  const dir = mkdtempSync(join(tmpdir(), 'cookie-schema-express-'));
  const file = join(dir, 'page.txt');
  writeFileSync(file, 'a file');

  beforeAll(async () => {
    const app = express();
    app.use(cookieMiddleware(shopCookies, { secrets: [SECRET] }));
    app.get('/read', async (_req, res) => {
      const { cookies } = res.locals;
      res.json({
        currency: cookies.currency.get(),
        session: (await cookies.session.get()) ?? null,
        marketing: cookies.consent.has('marketing'),
      });
    });
    app.post('/cart', (_req, res) => {
      res.cookie('express_own', 'x', { path: '/' });
      res.locals.cookies.cart.set({ currency: 'USD', items: [{ sku: 'ABC-123', qty: 1 }] });
      res.status(201).json({ ok: true });
    });
    app.post('/currency', (_req, res) => {
      res.json({ written: res.locals.cookies.currency.set('GBP') });
    });
    app.post('/marketing', (_req, res) => {
      const { cookies } = res.locals;
      res.json({ written: cookies.fbp.set('fb.1.1596403881668.1116446470') });
    });
    app.post('/session', async (_req, res) => {
      await res.locals.cookies.session.set('s3ss10n-1d3nt1f13r-0f-24-chars');
      res.redirect(303, '/account');
    });
    app.post('/oauth/start', async (_req, res) => {
      await res.locals.cookies.oauthState.set({
        provider: 'google',
        state: 'g'.repeat(43),
        verifier: 'V'.repeat(128),
      });
      res.redirect(302, 'https://accounts.google.example/o/oauth2');
    });
    app.get('/oauth/callback', async (req, res) => {
      const { cookies } = res.locals;
      const stored = await cookies.oauthState.get();
      const { reason } = (await cookies.oauthState.inspect()) as { reason?: string };
      if (!stored || stored.state !== req.query.state) res.status(400).json({ reason });
      else res.json({ verifier: stored.verifier });
    });
    app.get('/file', (_req, res) => {
      res.locals.cookies.csrf.set('f'.repeat(43));
      res.sendFile(file);
    });
    server = createServer(app);
    base = await listen(server);
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  const record = (categories: string[], gpc?: boolean) =>
    consentCodec().encode({
      categories,
      revision: 3,
      hash: 'h',
      updatedAt: Date.now() - 1000,
      ...(gpc === undefined ? {} : { gpc }),
    });

  it('puts the jar on res.locals and appends after res.cookie()', async () => {
    const { status, body, setCookie } = await call(`${base}/cart`, { method: 'POST' });
    expect(status).toBe(201);
    expect(JSON.parse(body)).toEqual({ ok: true });
    expect(setCookie).toHaveLength(2);
    expect(setCookie[0]).toBe('express_own=x; Path=/');
    expect(setCookie[1]).toMatch(
      /^cart=[A-Za-z0-9_-]+; Max-Age=604800; Path=\/; Secure; SameSite=Lax$/,
    );
    const read = await call(`${base}/read`, { headers: { cookie: 'currency=USD' } });
    expect(JSON.parse(read.body)).toMatchObject({ currency: 'USD', session: null });
  });

  it('writes nothing without consent, and honours Sec-GPC for marketing', async () => {
    const blocked = await call(`${base}/currency`, { method: 'POST' });
    expect(JSON.parse(blocked.body)).toEqual({ written: false });
    expect(blocked.setCookie).toEqual([]);
    const allowed = await call(`${base}/currency`, {
      method: 'POST',
      headers: { cookie: `shop_consent=${record(['necessary', 'preferences'])}` },
    });
    expect(allowed.setCookie).toEqual([
      'currency=GBP; Max-Age=31536000; Path=/; Secure; SameSite=Lax',
    ]);

    // Marketing granted before GPC was seen: a request with Sec-GPC: 1 denies it again.
    const granted = `shop_consent=${record(['necessary', 'marketing'])}`;
    const marketing = await call(`${base}/marketing`, {
      method: 'POST',
      headers: { cookie: granted },
    });
    expect(JSON.parse(marketing.body)).toEqual({ written: true });
    const gpc = await call(`${base}/marketing`, {
      method: 'POST',
      headers: { cookie: granted, 'sec-gpc': '1' },
    });
    expect(JSON.parse(gpc.body)).toEqual({ written: false });
    expect(gpc.setCookie).toEqual([]);
  });

  it('signs on res.redirect() and verifies what comes back', async () => {
    const { status, headers, setCookie } = await call(`${base}/session`, { method: 'POST' });
    expect(status).toBe(303);
    expect(headers.get('location')).toBe('/account');
    expect(setCookie).toHaveLength(1);
    expect(setCookie[0]).toMatch(
      /^__Host-session=s3ss10n-1d3nt1f13r-0f-24-chars\.[A-Za-z0-9+/]{43}; Max-Age=86400; Path=\/; HttpOnly; Secure; SameSite=Strict; Priority=High$/,
    );
    const pair = setCookie[0]!.split(';')[0]!;
    const read = await call(`${base}/read`, { headers: { cookie: pair } });
    expect(JSON.parse(read.body).session).toBe('s3ss10n-1d3nt1f13r-0f-24-chars');
    const forged = await call(`${base}/read`, {
      headers: { cookie: pair.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) },
    });
    expect(JSON.parse(forged.body).session).toBe(null);
  });

  it('seals an encrypted value on res.redirect() and opens it on the callback', async () => {
    const start = await call(`${base}/oauth/start`, { method: 'POST' });
    expect(start.status).toBe(302);
    expect(start.setCookie).toHaveLength(1);
    expect(start.setCookie[0]).toMatch(
      /^__Host-oauth_state=e1\.[A-Za-z0-9_-]+; Max-Age=600; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
    const pair = start.setCookie[0]!.split(';')[0]!;
    const back = await call(`${base}/oauth/callback?state=${'g'.repeat(43)}`, {
      headers: { cookie: pair },
    });
    expect(back.status).toBe(200);
    expect(JSON.parse(back.body)).toEqual({ verifier: 'V'.repeat(128) });
    const cut = await call(`${base}/oauth/callback?state=${'g'.repeat(43)}`, {
      headers: { cookie: pair.slice(0, -4) },
    });
    expect(JSON.parse(cut.body)).toEqual({
      reason: expect.stringMatching(/^cannot be decrypted|^not an encrypted value/),
    });
  });

  it('writes before res.sendFile() streams the file', async () => {
    const { body, setCookie } = await call(`${base}/file`);
    expect(body).toBe('a file');
    expect(setCookie).toEqual([`__Secure-csrf=${'f'.repeat(43)}; Path=/; Secure; SameSite=Lax`]);
  });
});
