// The Next.js adapter in a real Next.js 16 app (./next-app): `next build` (Turbopack), then
// `next start` on 127.0.0.1, and real requests to its Route Handlers, its page and its Server
// Actions (posted as a form without JavaScript, as a browser does before hydration).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCookies as odsCookies } from '@examples/opendatasoft-cookies/server';
import { createCookies as shopCookies } from '@examples/shop-cookies/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const APP = fileURLToPath(new URL('./next-app/', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
// `next` is a devDependency of this example (examples/usage), not of the repository root.
const NEXT = join(ROOT, 'examples/usage/node_modules/next/dist/bin/next');
const SECRET = 'a-test-secret-of-at-least-32-characters!';

let server: ChildProcess | undefined;
let base = '';

function env(): NodeJS.ProcessEnv {
  // Not vitest's NODE_ENV=test: next build and next start set production themselves.
  const { NODE_ENV: _, ...rest } = process.env;
  return { ...rest, NEXT_TELEMETRY_DISABLED: '1', COOKIE_SECRET: SECRET };
}

function run(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [NEXT, ...args], { cwd: APP, env: env() });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`next ${args[0]} exited ${code}:\n${output}`)),
    );
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'packages/runtime/dist/adapters/next.js'))) {
    throw new Error(
      'The Next.js app imports the built runtime: run `pnpm --filter @cookie-schema/runtime run build`.',
    );
  }
  const started = performance.now();
  await run(['build']);
  console.info(`next build: ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [NEXT, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: APP,
    env: env(),
    detached: true,
    stdio: 'ignore',
  });
  for (let attempt = 0; ; attempt++) {
    try {
      if ((await fetch(`${base}/api/ods`)).ok) break;
    } catch {
      if (attempt > 300) throw new Error('next start did not answer within 30 s');
    }
    await new Promise((done) => setTimeout(done, 100));
  }
}, 300_000);

afterAll(() => {
  // The server was started in its own process group: end the group (next start and its workers).
  if (server?.pid !== undefined) process.kill(-server.pid, 'SIGTERM');
});

async function call(path: string, init: RequestInit = {}) {
  const response = await fetch(base + path, { redirect: 'manual', ...init });
  return {
    status: response.status,
    headers: response.headers,
    setCookie: response.headers.getSetCookie(),
    body: await response.text(),
  };
}

const post = (path: string, body: unknown, cookie?: string) =>
  call(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });

/**
 * A Set-Cookie header as a user agent understands it: attribute names and SameSite's value are
 * case-insensitive, order does not matter. Expires is dropped when Max-Age is positive (Max-Age
 * wins, RFC 6265bis §5.6.2; Next adds an Expires to every Max-Age).
 */
function meaning(header: string) {
  const [pair, ...attributes] = header.split(/;\s*/);
  const eq = pair!.indexOf('=');
  const result: Record<string, string> = {
    name: pair!.slice(0, eq),
    value: pair!.slice(eq + 1),
  };
  for (const attribute of attributes) {
    const at = attribute.indexOf('=');
    const key = (at === -1 ? attribute : attribute.slice(0, at)).toLowerCase();
    const value = at === -1 ? 'true' : attribute.slice(at + 1);
    result[key] = key === 'samesite' || key === 'priority' ? value.toLowerCase() : value;
  }
  if (Number(result['max-age']) > 0) delete result.expires;
  return result;
}

const byName = (headers: string[], name: string) =>
  headers.find((h) => h.startsWith(`${name}=`)) ?? '';
const pairOf = (header: string) => header.split(';')[0]!;

describe('nextCookies in Route Handlers', () => {
  it('reads typed values through the cookies() store', async () => {
    expect(JSON.parse((await call('/api/ods')).body)).toMatchObject({ lang: 'en' });
    const fr = await call('/api/ods', { headers: { cookie: 'django_language=fr' } });
    expect(JSON.parse(fr.body)).toMatchObject({ lang: 'fr', inspect: { ok: true } });
    const bad = await call('/api/ods', { headers: { cookie: 'django_language=xx' } });
    expect(JSON.parse(bad.body)).toMatchObject({
      lang: 'en',
      inspect: { ok: false, raw: 'xx' },
    });
  });

  it('writes and deletes with the attributes the generated Set-Cookie has', async () => {
    const { setCookie, body } = await post('/api/ods', { lang: 'de' });
    expect(JSON.parse(body)).toEqual({ lang: 'de' });
    const own = odsCookies('');
    own.lang.set('de');
    own.csrftoken.delete();
    const expected = own.toSetCookieHeaders();
    expect(setCookie).toHaveLength(2);
    expect(meaning(byName(setCookie, 'django_language'))).toEqual(
      meaning(byName(expected, 'django_language')),
    );
    expect(meaning(byName(setCookie, 'csrftoken'))).toEqual(meaning(byName(expected, 'csrftoken')));
    expect(meaning(byName(setCookie, 'django_language'))).toEqual({
      name: 'django_language',
      value: 'de',
      'max-age': '31536000',
      path: '/',
      secure: 'true',
      samesite: 'lax',
    });
    expect(meaning(byName(setCookie, 'csrftoken'))).toMatchObject({
      value: '',
      'max-age': '0',
      expires: 'Thu, 01 Jan 1970 00:00:00 GMT',
    });
  });

  it('writes nothing for a category without consent; granting unblocks', async () => {
    const blocked = await post('/api/shop', { currency: 'USD' });
    expect(JSON.parse(blocked.body).written).toEqual({ currency: false });
    expect(blocked.setCookie).toEqual([]);

    const granted = await post('/api/shop', { grant: true, currency: 'USD' });
    expect(JSON.parse(granted.body).written).toEqual({ currency: true });
    expect(granted.setCookie.map((h) => meaning(h).name)).toEqual(['shop_consent', 'currency']);
    expect(meaning(byName(granted.setCookie, 'currency'))).toEqual({
      name: 'currency',
      value: 'USD',
      'max-age': '31536000',
      path: '/',
      secure: 'true',
      samesite: 'lax',
    });
    // The consent record Next wrote reads back on the next request.
    const consent = pairOf(byName(granted.setCookie, 'shop_consent'));
    const later = await post('/api/shop', { currency: 'USD' }, consent);
    expect(JSON.parse(later.body).written).toEqual({ currency: true });
    const read = await call('/api/shop', { headers: { cookie: consent } });
    // audience is opt-out: the grant kept it.
    expect(JSON.parse(read.body).granted).toEqual(['necessary', 'preferences', 'audience']);
  });

  it('round-trips a signed cookie through Next, and reads one the Fetch adapter signed', async () => {
    const id = 's3ss10n-1d3nt1f13r-0f-24-chars';
    const { setCookie, body } = await post('/api/shop', { session: id });
    expect(JSON.parse(body)).toMatchObject({ written: { session: true }, session: id });
    const header = byName(setCookie, '__Host-session');
    expect(meaning(header)).toMatchObject({
      'max-age': '86400',
      path: '/',
      httponly: 'true',
      secure: 'true',
      samesite: 'strict',
    });
    const read = await call('/api/shop', { headers: { cookie: pairOf(header) } });
    expect(JSON.parse(read.body).session).toBe(id);
    const tampered = pairOf(header).replace('s3ss10n', 'S3SS10N');
    expect(
      JSON.parse((await call('/api/shop', { headers: { cookie: tampered } })).body).session,
    ).toBe(null);

    const other = shopCookies('', { secrets: [SECRET] });
    await other.session.set('another-session-id-of-24-chars');
    const fromFetch = pairOf(other.toSetCookieHeaders()[0]!);
    const readOther = await call('/api/shop', { headers: { cookie: fromFetch } });
    expect(JSON.parse(readOther.body).session).toBe('another-session-id-of-24-chars');
  });

  it('writes uri-encoded values as the other adapters do, and reads them back', async () => {
    const viewed = ['été 10%', 'a/b+c', 'x;y "z"'];
    const { setCookie, body } = await post('/api/shop', { grant: true, viewed });
    expect(JSON.parse(body)).toMatchObject({ written: { viewed: true }, viewed });
    const own = shopCookies('', { secrets: [SECRET] });
    own.consent.grant('preferences');
    own.recentlyViewed.set(viewed);
    const expected = byName(own.toSetCookieHeaders(), 'recently_viewed');
    expect(pairOf(byName(setCookie, 'recently_viewed'))).toBe(pairOf(expected));
    const consent = pairOf(byName(setCookie, 'shop_consent'));
    const read = await call('/api/shop', {
      headers: { cookie: `${consent}; ${pairOf(expected)}` },
    });
    expect(JSON.parse(read.body).viewed).toEqual(viewed);
  });
});

describe('nextCookies in Server Actions and Server Components', () => {
  async function actionId(form: string, cookie?: string) {
    const page = await call('/', cookie ? { headers: { cookie } } : {});
    const formHtml = new RegExp(`<form id="${form}"[\\s\\S]*?</form>`).exec(page.body)?.[0] ?? '';
    const id = /name="(\$ACTION_ID_[0-9a-f]+)"/.exec(formHtml)?.[1];
    expect(id).toBeDefined();
    return { id: id!, page: page.body };
  }

  async function submit(form: string, fields: Record<string, string>, cookie?: string) {
    const { id } = await actionId(form, cookie);
    const data = new FormData();
    data.set(id, '');
    for (const [name, value] of Object.entries(fields)) data.set(name, value);
    return call('/', {
      method: 'POST',
      body: data,
      headers: { origin: base, ...(cookie ? { cookie } : {}) },
    });
  }

  const shown = (html: string, id: string) =>
    new RegExp(`<p id="${id}">([^<]*)</p>`).exec(html)?.[1];

  it('a Server Component reads through the store', async () => {
    const { page } = await actionId('language', 'django_language=nl');
    expect(shown(page, 'lang')).toBe('nl');
    expect(shown(page, 'session')).toBe('none');
  });

  it('a Server Action writes with the declared attributes; the page re-renders with it', async () => {
    const { status, setCookie, body } = await submit(
      'language',
      { lang: 'fr' },
      'django_language=de',
    );
    expect(status).toBe(200);
    const own = odsCookies('');
    own.lang.set('fr');
    expect(setCookie.map(meaning)).toEqual(own.toSetCookieHeaders().map(meaning));
    expect(shown(body, 'lang')).toBe('fr');
  });

  it('the README example page reads through the store', async () => {
    const { body } = await call('/readme', { headers: { cookie: 'django_language=it' } });
    expect(body).toContain('<p>it</p>');
  });

  it('a Server Action signs a cookie that the page then verifies', async () => {
    const id = 'signed-in-by-a-server-action';
    const { setCookie, body } = await submit('sign-in', { session: id });
    expect(shown(body, 'session')).toBe(id);
    const header = byName(setCookie, '__Host-session');
    expect(meaning(header)).toMatchObject({ httponly: 'true', samesite: 'strict' });
    const { page } = await actionId('sign-in', pairOf(header));
    expect(shown(page, 'session')).toBe(id);
  });
});

describe('withCookies in a Next.js Route Handler', () => {
  it('adds raw Set-Cookie headers to the returned Response.redirect()', async () => {
    const { status, headers, setCookie } = await call('/api/fetch', {
      headers: { cookie: 'django_language=nl' },
    });
    expect(status).toBe(303);
    expect(headers.get('location')).toMatch(/\/\?was=nl$/);
    const own = odsCookies('');
    own.lang.set('de');
    expect(setCookie).toEqual(own.toSetCookieHeaders());
  });
});
