// The example app in headless Chromium (playwright-core driving /usr/bin/chromium; never run
// `playwright install`): a visitor signs in, switches the language, calls the CSRF-protected API,
// grants and withdraws statistics. After every step the browser's own cookie jar
// (`context.cookies()`) must hold only declared cookies, of granted categories, with the
// declared attributes.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { consentCodec } from '@cookie-schema/runtime';
import { policy } from '@examples/opendatasoft-cookies/policy';
import type { Browser, BrowserContext, Cookie, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../scripts/chromium.js';
import { type RunningApp, startApp } from '../src/server.js';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([
    startApp({
      port: 0,
      onFinding: (findings) => {
        const list = findings.map((f) => `${f.cookie} (${f.reason})`);
        throw new Error(`the firewall found ${list.join(', ')}`);
      },
    }),
    launchChromium(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

// ── What the policy allows, from the generated policy data ──────────────────────────────────

const required = policy.categories.find((c) => c.required)!.name;

function declarationOf(name: string) {
  return policy.cookies.find((c) =>
    c.family
      ? name.startsWith(c.name.slice(0, -1)) && name.length > c.name.length - 1
      : c.name === name,
  );
}

/** Categories the consent cookie grants (a valid record of this revision), and the required one. */
function grantedBy(cookies: Cookie[]): Set<string> {
  const granted = new Set<string>([required]);
  const stored = cookies.find((c) => c.name === policy.consentCookie);
  const decoded = stored ? consentCodec().decode(stored.value) : undefined;
  if (
    decoded?.ok &&
    decoded.value.revision === policy.revision &&
    Date.now() - decoded.value.updatedAt < policy.consentMaxAge.seconds * 1000
  ) {
    for (const category of decoded.value.categories) granted.add(category);
  }
  return granted;
}

/**
 * The browser's cookie jar after `step`: every cookie declared (exact name or family), of a
 * granted category, with the declared HttpOnly, Secure, SameSite, path and at most the declared
 * lifetime. Returns the cookies, for the step's own checks.
 */
async function expectHonestJar(context: BrowserContext, step: string): Promise<Cookie[]> {
  const cookies = await context.cookies();
  const granted = grantedBy(cookies);
  const now = Date.now() / 1000;
  const problems: string[] = [];
  for (const cookie of cookies) {
    const declared = declarationOf(cookie.name);
    if (!declared) {
      problems.push(`${cookie.name} is not declared`);
      continue;
    }
    if (!granted.has(declared.category)) {
      problems.push(`${cookie.name} (${declared.category}) exists without consent`);
    }
    const sameSite = declared.sameSite[0]!.toUpperCase() + declared.sameSite.slice(1);
    const want = { httpOnly: declared.httpOnly, secure: declared.secure, sameSite, path: '/' };
    const seen = {
      httpOnly: cookie.httpOnly,
      secure: cookie.secure,
      sameSite: cookie.sameSite,
      path: cookie.path,
    };
    if (JSON.stringify(seen) !== JSON.stringify(want)) {
      problems.push(`${cookie.name}: ${JSON.stringify(seen)}, declared ${JSON.stringify(want)}`);
    }
    if (cookie.expires === -1 || cookie.expires - now > declared.maxAge + 5) {
      problems.push(`${cookie.name} lives until ${cookie.expires}, over ${declared.maxAge}s`);
    }
  }
  expect(problems, `after ${step}`).toEqual([]);
  return cookies;
}

const names = (cookies: Cookie[]) => cookies.map((c) => c.name).sort();
const cookieValue = (cookies: Cookie[], name: string) =>
  cookies.find((c) => c.name === name)?.value;

// ── The journey ─────────────────────────────────────────────────────────────────────────────

/** Page, context and the requests the page made (`METHOD /path`), shared by the steps below. */
let context: BrowserContext;
let page: Page;
const requests: string[] = [];
const pageErrors: string[] = [];

async function ready(): Promise<void> {
  await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
}

/** Runs `action`, which navigates, and waits until the new page's code has started. */
async function navigate<T>(action: () => Promise<T>): Promise<T> {
  const [, result] = await Promise.all([page.waitForEvent('load'), action()]);
  await ready();
  return result;
}

/** Requests made while `action` runs. */
async function requestsDuring(action: () => Promise<unknown>): Promise<string[]> {
  const start = requests.length;
  await action();
  return requests.slice(start);
}

const matomoHit = () =>
  page.waitForResponse((r) => new URL(r.url()).pathname === '/matomo.php' && r.status() === 204);

describe('the example app in Chromium: one visitor, step by step', () => {
  beforeAll(async () => {
    context = await browser.newContext();
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    page.on('request', (r) => requests.push(`${r.method()} ${new URL(r.url()).pathname}`));
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });
  afterEach(() => expect(pageErrors).toEqual([]));
  afterAll(() => context?.close());

  it('first visit: only csrftoken, the banner asks, the statistics script does not load', async () => {
    const during = await requestsDuring(async () => {
      await page.goto(app.url);
      await ready();
    });
    expect(during).toEqual(['GET /', 'GET /app.js']);
    const cookies = await expectHonestJar(context, 'the first visit');
    expect(names(cookies)).toEqual(['csrftoken']);
    expect(cookieValue(cookies, 'csrftoken')).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(await page.isVisible('#consent')).toBe(true);
    expect(await page.isVisible('[data-action="accept"]')).toBe(true);
    expect(await page.isVisible('[data-action="reject"]')).toBe(true);
    expect(await page.isVisible('[data-action="withdraw"]')).toBe(false);
    expect(
      await page.locator('script[data-cookie-category="statistics"]').getAttribute('type'),
    ).toBe('text/plain');
    expect(app.hits).toEqual([]);
  });

  it('a wrong password sets no session (401)', async () => {
    await page.fill('#username', 'ada');
    await page.fill('#password', 'babbage');
    const [response] = await navigate(() =>
      Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname === '/login'),
        page.click('#login button[type="submit"]'),
      ]),
    );
    expect(response.status()).toBe(401);
    expect(await page.textContent('[role="alert"]')).toBe('Wrong username or password.');
    expect(names(await expectHonestJar(context, 'a failed login'))).toEqual(['csrftoken']);
    expect(app.sessions.size).toBe(0);
  });

  it('login sets the HttpOnly sessionid, which page scripts cannot read', async () => {
    const before = cookieValue(await context.cookies(), 'csrftoken');
    await page.fill('#username', 'ada');
    await page.fill('#password', 'lovelace');
    await navigate(() => page.click('#login button[type="submit"]'));
    expect(page.url()).toBe(app.url);
    const cookies = await expectHonestJar(context, 'login');
    expect(names(cookies)).toEqual(['csrftoken', 'sessionid']);
    const sessionid = cookies.find((c) => c.name === 'sessionid')!;
    expect(sessionid.value).toMatch(/^[a-z0-9]{32}$/);
    expect(sessionid.httpOnly).toBe(true);
    expect(app.sessions.get(sessionid.value)?.user.username).toBe('ada');
    expect(await page.textContent('#signed-in')).toBe('Signed in as Ada Lovelace.');
    // Django rotates the CSRF token at login; the page reads the new one from the cookie.
    expect(cookieValue(cookies, 'csrftoken')).not.toBe(before);
    const visible = await page.evaluate(() => document.cookie);
    expect(visible).toContain(`csrftoken=${cookieValue(cookies, 'csrftoken')}`);
    expect(visible).not.toContain('sessionid');
    expect(await page.textContent('#readable-cookies')).toBe('csrftoken');
    // The server-only cookie is not in the client module at all.
    for (const bundle of app.bundles) expect(bundle.code).not.toContain('sessionid');
  });

  it('the language switch writes django_language in the page; the server renders French', async () => {
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.selectOption('#language', 'fr');
    const during = await requestsDuring(() => navigate(() => page.click('#language-form button')));
    // Written by page code (lang.set), not by a form post: the reload is the only request.
    expect(during).toEqual(['GET /', 'GET /app.js']);
    const cookies = await expectHonestJar(context, 'the language switch');
    expect(names(cookies)).toEqual(['csrftoken', 'django_language', 'sessionid']);
    expect(cookieValue(cookies, 'django_language')).toBe('fr');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.textContent('h1')).toBe('Portail open data');
    expect(await page.textContent('#signed-in')).toBe('Connecté en tant que Ada Lovelace.');
    expect(await page.textContent('[data-action="accept"]')).toBe('Accepter les statistiques');
  });

  it('the policy page renders in the chosen language from the generated policy data', async () => {
    await navigate(() => page.click('nav a[href="/cookies"]'));
    expect(await page.textContent('h1')).toBe('Politique de cookies : Opendatasoft platform');
    expect(await page.locator('tbody th').allTextContents()).toEqual(
      policy.cookies.map((c) => c.name),
    );
    expect(await page.textContent('#category-necessary thead th')).toBe('Nom du cookie');
    await expectHonestJar(context, 'the policy page');
    await navigate(() => page.click('nav a[href="/"]'));
  });

  it('the CSRF-protected API call sends the token read from the cookie; without it, 403', async () => {
    const [request] = await Promise.all([
      page.waitForRequest((r) => new URL(r.url()).pathname === '/api/search'),
      page.click('#load-datasets'),
    ]);
    const cookies = await expectHonestJar(context, 'the API call');
    expect(request.headers()['x-csrftoken']).toBe(cookieValue(cookies, 'csrftoken'));
    expect((await request.response())?.status()).toBe(200);
    await page.waitForSelector('#dataset-list li');
    expect(await page.locator('#dataset-list li').allTextContents()).toEqual([
      'Comptage vélo — 1\u202f843\u202f201 enregistrements',
      'Stations de qualité de l’air — 52 enregistrements',
      'Les arbres — 207\u202f641 enregistrements',
      'Sanisettes — 435 enregistrements',
    ]);
    const refused = await page.evaluate(async () => {
      const call = async (headers: Record<string, string>) => {
        const response = await fetch('/api/search', { method: 'POST', headers, body: '{}' });
        return [response.status, ((await response.json()) as { detail: string }).detail];
      };
      return [await call({}), await call({ 'X-CSRFToken': 'a'.repeat(32) })];
    });
    expect(refused).toEqual([
      [403, 'CSRF Failed: CSRF token missing.'],
      [403, 'CSRF Failed: CSRF token incorrect.'],
    ]);
    await expectHonestJar(context, 'the refused API calls');
  });

  it('granting statistics stores the choice, turns on the statistics script, which sets _pk_id', async () => {
    expect(requests.filter((r) => /analytics|matomo/.test(r))).toEqual([]);
    const during = await requestsDuring(() =>
      Promise.all([matomoHit(), page.click('[data-action="accept"]')]),
    );
    expect(during).toEqual(['GET /analytics.js', 'POST /matomo.php']);
    const cookies = await expectHonestJar(context, 'the consent grant');
    const visitor = cookies.find((c) => c.name.startsWith('_pk_id.'));
    expect(visitor?.name).toMatch(/^_pk_id\.1\.[0-9a-f]{4}$/);
    expect(visitor?.value).toMatch(/^[0-9a-f]{16}\.[0-9]{10}$/);
    const record = consentCodec().decode(cookieValue(cookies, 'cookies_preferences')!);
    expect(record.ok && record.value.categories).toEqual(['necessary', 'statistics']);
    expect(record.ok && record.value.revision).toBe(policy.revision);
    expect(app.hits).toEqual([
      { visitor: visitor!.value.split('.')[0], url: '/', consented: true },
    ]);
    expect(await page.isVisible('#consent')).toBe(false);
    await expect
      .poll(() => page.textContent('#readable-cookies'))
      .toBe(`${visitor!.name}, cookies_preferences, csrftoken, django_language`);
  });

  it('after a reload the statistics script runs again, for the same visitor', async () => {
    const visitor = (await context.cookies()).find((c) => c.name.startsWith('_pk_id.'))!;
    await navigate(() => Promise.all([matomoHit(), page.reload()]));
    const cookies = await expectHonestJar(context, 'a reload with consent');
    expect(cookies.find((c) => c.name === visitor.name)?.value).toBe(visitor.value);
    expect(app.hits.map((h) => [h.visitor, h.consented])).toEqual([
      [visitor.value.split('.')[0], true],
      [visitor.value.split('.')[0], true],
    ]);
    expect(await page.isVisible('#consent')).toBe(false);
  });

  it('withdrawing deletes _pk_id, and after a reload the page no longer writes it', async () => {
    await page.click('#cookie-settings');
    expect(await page.isVisible('#consent')).toBe(true);
    await page.click('[data-action="withdraw"]');
    let cookies = await expectHonestJar(context, 'the withdrawal');
    expect(names(cookies)).toEqual([
      'cookies_preferences',
      'csrftoken',
      'django_language',
      'sessionid',
    ]);
    const record = consentCodec().decode(cookieValue(cookies, 'cookies_preferences')!);
    expect(record.ok && record.value.categories).toEqual(['necessary']);
    expect(await page.isVisible('p[data-views="denied"]')).toBe(true);

    const hits = app.hits.length;
    const during = await requestsDuring(async () => {
      await page.reload({ waitUntil: 'networkidle' });
      await ready();
    });
    expect(during).toEqual(['GET /', 'GET /app.js']);
    cookies = await expectHonestJar(context, 'a reload after the withdrawal');
    expect(names(cookies)).not.toContain(expect.stringMatching(/^_pk_id\./));
    expect(app.hits.length).toBe(hits);
    expect(
      await page.locator('script[data-cookie-category="statistics"]').getAttribute('type'),
    ).toBe('text/plain');
    expect(await page.isVisible('#consent')).toBe(false);
  });

  it('logout deletes sessionid and ends the session on the server', async () => {
    await navigate(() => page.click('form[action="/logout"] button'));
    const cookies = await expectHonestJar(context, 'logout');
    expect(names(cookies)).toEqual(['cookies_preferences', 'csrftoken', 'django_language']);
    expect(app.sessions.size).toBe(0);
    expect(await page.isVisible('#login')).toBe(true);
  });
});

describe('the example app in Chromium: other choices', () => {
  it('Refuse stores a choice without statistics; the banner does not ask again', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const requests: string[] = [];
      page.on('request', (r) => requests.push(new URL(r.url()).pathname));
      await page.goto(app.url);
      await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
      await page.click('[data-action="reject"]');
      expect(await page.isVisible('#consent')).toBe(false);
      let cookies = await expectHonestJar(context, 'Refuse');
      expect(names(cookies)).toEqual(['cookies_preferences', 'csrftoken']);
      const record = consentCodec().decode(cookieValue(cookies, 'cookies_preferences')!);
      expect(record.ok && record.value.categories).toEqual(['necessary']);
      await page.reload({ waitUntil: 'networkidle' });
      expect(await page.isVisible('#consent')).toBe(false);
      cookies = await expectHonestJar(context, 'a reload after Refuse');
      expect(names(cookies)).toEqual(['cookies_preferences', 'csrftoken']);
      expect(requests.filter((p) => /analytics|matomo/.test(p))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a choice stored for an older policy revision counts as none: the banner asks again', async () => {
    const context = await browser.newContext();
    try {
      const stale = consentCodec().encode({
        categories: ['necessary', 'statistics'],
        revision: policy.revision - 1,
        hash: 'old',
        updatedAt: Date.now() - 60_000,
      });
      await context.addCookies([
        { name: policy.consentCookie, value: stale, url: app.url, secure: true, sameSite: 'Lax' },
      ]);
      const page = await context.newPage();
      const requests: string[] = [];
      page.on('request', (r) => requests.push(new URL(r.url()).pathname));
      await page.goto(app.url, { waitUntil: 'networkidle' });
      expect(await page.isVisible('#consent')).toBe(true);
      expect(await page.isVisible('[data-action="reject"]')).toBe(true);
      expect(requests.filter((p) => /analytics|matomo/.test(p))).toEqual([]);
      const cookies = await context.cookies();
      expect(names(cookies)).toEqual(['cookies_preferences', 'csrftoken']);
      expect(grantedBy(cookies)).toEqual(new Set(['necessary']));
    } finally {
      await context.close();
    }
  });
});

describe('start.mjs', () => {
  it('starts the app on a free port (--port 0), prints its URL, and serves the page', async () => {
    const start = fileURLToPath(new URL('../start.mjs', import.meta.url));
    const child = spawn(process.execPath, [start, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk;
          const match = /^Example app \(reference schema\): (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(
            out,
          );
          if (match) resolve(match[1]!);
        });
        child.stderr.on('data', (chunk: Buffer) => {
          out += chunk;
        });
        child.once('exit', (code) => reject(new Error(`start.mjs exited ${code}: ${out}`)));
      });
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<h1>Open data portal</h1>');
      expect(response.headers.getSetCookie()).toEqual([
        expect.stringMatching(
          /^csrftoken=[A-Za-z0-9]{32}; Max-Age=31536000; Path=\/; Secure; SameSite=Lax$/,
        ),
      ]);
      // Legacy mode (for the audit fixture) is off by default.
      expect((await fetch(new URL('/legacy.js', url))).status).toBe(404);
      expect((await fetch(new URL('/i18n/setlang/', url), { method: 'POST' })).status).toBe(404);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
