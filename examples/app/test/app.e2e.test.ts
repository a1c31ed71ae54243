// The example app in headless Chromium (playwright-core driving /usr/bin/chromium; never run
// `playwright install`): a visitor signs in, switches the language, calls the CSRF-protected API,
// and clicks through the generated consent banner: statistics are opt-out (anonymous audience
// measurement), so they run until the visitor objects, and come back once granted in the
// preferences. After every step the browser's own cookie jar (`context.cookies()`) must hold only
// declared cookies, of granted categories, with the declared attributes.
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

const OPT_OUT = policy.categories.filter((c) => c.optOut).map((c) => c.name);

/**
 * Categories granted by the cookies (SPEC §3, §4): a valid record of this revision grants what it
 * lists; without one, the required category and the opt-out ones, unless a stored record (even a
 * void one) leaves them out (an objection).
 */
function grantedBy(cookies: Cookie[]): Set<string> {
  const granted = new Set<string>([required]);
  const stored = cookies.find((c) => c.name === policy.consentCookie);
  const decoded = stored ? consentCodec().decode(stored.value) : undefined;
  const record = decoded?.ok ? decoded.value : undefined;
  if (
    record &&
    record.revision === policy.revision &&
    Date.now() - record.updatedAt < policy.consentMaxAge.seconds * 1000
  ) {
    for (const category of record.categories) granted.add(category);
  } else {
    for (const category of OPT_OUT) {
      if (!record || record.categories.includes(category)) granted.add(category);
    }
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

/** The requests of a page load, without the page code's chunks (`/chunk-*.js`). */
const withoutChunks = (list: string[]) => list.filter((r) => !/^GET \/chunk-[\w-]+\.js$/.test(r));

/** The generated banner's buttons and the stored record's categories. */
const hook = (value: string) => `[data-cookie-consent="${value}"]`;
async function recordOf(context: BrowserContext): Promise<string[] | undefined> {
  const value = cookieValue(await context.cookies(), policy.consentCookie);
  const decoded = value === undefined ? undefined : consentCodec().decode(value);
  return decoded?.ok ? decoded.value.categories : undefined;
}
const visitorOf = (cookies: Cookie[]) => cookies.find((c) => c.name.startsWith('_pk_id.'));

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

  it('first visit: csrftoken, the anonymous statistics run (opt-out), and the banner says the visitor can object', async () => {
    const during = await requestsDuring(async () => {
      await Promise.all([matomoHit(), page.goto(app.url)]);
      await ready();
      await page.waitForSelector('.cs-banner');
    });
    expect(withoutChunks(during).sort()).toEqual(
      ['GET /', 'GET /analytics.js', 'GET /app.js', 'POST /matomo.php'].sort(),
    );
    const cookies = await expectHonestJar(context, 'the first visit');
    const visitor = visitorOf(cookies);
    expect(visitor?.name).toMatch(/^_pk_id\.1\.[0-9a-f]{4}$/);
    expect(visitor?.value).toMatch(/^[0-9a-f]{16}\.[0-9]{10}$/);
    expect(names(cookies)).toEqual([visitor!.name, 'csrftoken']);
    expect(cookieValue(cookies, 'csrftoken')).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(app.hits).toEqual([{ visitor: visitor!.value.split('.')[0], url: '/', granted: true }]);
    // The generated banner: no consent needed, the visitor can object; three equal buttons.
    expect(await page.textContent('.cs-banner p')).toContain(
      'the others need no consent either, but you can object to them',
    );
    for (const button of ['accept-all', 'reject-all', 'preferences']) {
      expect(await page.isVisible(`.cs-banner ${hook(button)}`)).toBe(true);
    }
    expect(await page.getAttribute('.cs-banner a', 'href')).toBe('/cookies');
    expect(
      await page.locator('script[data-cookie-category="statistics"]').getAttribute('type'),
    ).toBe('module');
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
    const cookies = await expectHonestJar(context, 'a failed login');
    expect(names(cookies)).toEqual([visitorOf(cookies)!.name, 'csrftoken']);
    expect(app.sessions.size).toBe(0);
  });

  it('login sets the HttpOnly sessionid, which page scripts cannot read', async () => {
    const before = cookieValue(await context.cookies(), 'csrftoken');
    await page.fill('#username', 'ada');
    await page.fill('#password', 'lovelace');
    await navigate(() => page.click('#login button[type="submit"]'));
    expect(page.url()).toBe(app.url);
    const cookies = await expectHonestJar(context, 'login');
    const visitor = visitorOf(cookies)!.name;
    expect(names(cookies)).toEqual([visitor, 'csrftoken', 'sessionid']);
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
    await expect.poll(() => page.textContent('#readable-cookies')).toBe(`${visitor}, csrftoken`);
    // The server-only cookie is not in the client module at all. (The banner's chunk names it, as
    // the policy page does, in the list of necessary cookies: text, not an accessor.)
    const banner = app.bundles.filter((b) => b.code.includes('data-cookie-consent'));
    expect(banner).toHaveLength(1);
    for (const bundle of app.bundles.filter((b) => !banner.includes(b))) {
      expect(bundle.code).not.toContain('sessionid');
    }
  });

  it('the language switch writes django_language in the page; the server renders French', async () => {
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.selectOption('#language', 'fr');
    const during = await requestsDuring(() => navigate(() => page.click('#language-form button')));
    // Written by page code (lang.set), not by a form post: the reload is the only page request.
    expect(withoutChunks(during).filter((r) => !/analytics|matomo/.test(r))).toEqual([
      'GET /',
      'GET /app.js',
    ]);
    const cookies = await expectHonestJar(context, 'the language switch');
    expect(names(cookies)).toEqual([
      visitorOf(cookies)!.name,
      'csrftoken',
      'django_language',
      'sessionid',
    ]);
    expect(cookieValue(cookies, 'django_language')).toBe('fr');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.textContent('h1')).toBe('Portail open data');
    expect(await page.textContent('#signed-in')).toBe('Connecté en tant que Ada Lovelace.');
    // The generated banner follows <html lang>.
    await page.waitForSelector('.cs-banner');
    expect(await page.textContent(`.cs-banner ${hook('accept-all')}`)).toBe('Tout accepter');
    expect(await page.textContent(`.cs-banner ${hook('reject-all')}`)).toBe('Tout refuser');
  });

  it('the policy page renders the reference page from the generated policy data, in French', async () => {
    await navigate(() => page.click('nav a[href="/cookies"]'));
    expect(await page.textContent('h1')).toBe('Politique de cookies : Opendatasoft platform');
    expect(await page.locator('main > section[id^="section-"] h2').allTextContents()).toEqual(
      policy.sections!.map((section) => section.title.fr),
    );
    expect(await page.locator('#section-2 p').count()).toBe(4);
    expect(await page.textContent('#category-statistics .consent-need')).toMatch(
      /^Pas de consentement requis.*vous y opposer/,
    );
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

  it('objecting (reject all) deletes _pk_id; after a reload the page no longer writes it', async () => {
    await page.waitForSelector('.cs-banner');
    await page.click(`.cs-banner ${hook('reject-all')}`);
    expect(await page.isVisible('.cs-banner')).toBe(false);
    let cookies = await expectHonestJar(context, 'the objection');
    expect(names(cookies)).toEqual([
      'cookies_preferences',
      'csrftoken',
      'django_language',
      'sessionid',
    ]);
    expect(await recordOf(context)).toEqual(['necessary']);

    const hits = app.hits.length;
    const during = await requestsDuring(async () => {
      await page.reload({ waitUntil: 'networkidle' });
      await ready();
    });
    // A visitor who has chosen loads no banner, and the statistics script stays off.
    expect(during).toEqual(['GET /', 'GET /app.js', ...during.slice(2)]);
    expect(during.filter((r) => /analytics|matomo/.test(r))).toEqual([]);
    cookies = await expectHonestJar(context, 'a reload after the objection');
    expect(visitorOf(cookies)).toBeUndefined();
    expect(app.hits.length).toBe(hits);
    expect(
      await page.locator('script[data-cookie-category="statistics"]').getAttribute('type'),
    ).toBe('text/plain');
    expect(await page.$('.cs-banner')).toBeNull();
  });

  it('"cookie settings" reopens the preferences; turning statistics on runs the script again', async () => {
    await page.click('#cookie-settings');
    await page.waitForSelector('.cs-dialog[open]');
    const statistics = '.cs-cat:nth-of-type(2)';
    expect(await page.textContent(`${statistics} label`)).toBe('Cookies statistiques');
    expect(await page.isChecked(`${statistics} input`)).toBe(false);
    expect(await page.textContent(`${statistics} .cs-status`)).toBe(
      'Consentement non requis\u00a0; opposition possible',
    );
    await page.click(`${statistics} label`);
    const during = await requestsDuring(() => Promise.all([matomoHit(), page.click(hook('save'))]));
    expect(during).toEqual(['GET /analytics.js', 'POST /matomo.php']);
    await page.waitForSelector('.cs-dialog', { state: 'detached' });
    const cookies = await expectHonestJar(context, 'statistics turned on');
    expect(await recordOf(context)).toEqual(['necessary', 'statistics']);
    const visitor = visitorOf(cookies)!;
    expect(app.hits.at(-1)).toEqual({
      visitor: visitor.value.split('.')[0],
      url: '/',
      granted: true,
    });
    // Focus went back to the button that opened the dialog.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('cookie-settings');
  });

  it('after a reload the statistics script runs again, for the same visitor', async () => {
    const visitor = visitorOf(await context.cookies())!;
    const hits = app.hits.length;
    await navigate(() => Promise.all([matomoHit(), page.reload()]));
    const cookies = await expectHonestJar(context, 'a reload with consent');
    expect(cookies.find((c) => c.name === visitor.name)?.value).toBe(visitor.value);
    expect(app.hits.slice(hits)).toEqual([
      { visitor: visitor.value.split('.')[0], url: '/', granted: true },
    ]);
    expect(await page.$('.cs-banner')).toBeNull();
  });

  it('logout deletes sessionid and ends the session on the server', async () => {
    await navigate(() => page.click('form[action="/logout"] button'));
    const cookies = await expectHonestJar(context, 'logout');
    expect(names(cookies)).toEqual([
      visitorOf(cookies)!.name,
      'cookies_preferences',
      'csrftoken',
      'django_language',
    ]);
    expect(app.sessions.size).toBe(0);
    expect(await page.isVisible('#login')).toBe(true);
  });
});

describe('the example app in Chromium: other choices', () => {
  it('accept all stores every category; the banner does not ask again', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(app.url);
      await page.waitForSelector('.cs-banner');
      await page.click(`.cs-banner ${hook('accept-all')}`);
      expect(await page.isVisible('.cs-banner')).toBe(false);
      expect(await recordOf(context)).toEqual(policy.categories.map((c) => c.name));
      await expectHonestJar(context, 'accept all');
      await page.reload({ waitUntil: 'networkidle' });
      expect(await page.$('.cs-banner')).toBeNull();
      await expectHonestJar(context, 'a reload after accept all');
    } finally {
      await context.close();
    }
  });

  it('a choice stored for an older policy revision counts as none: the banner asks again, and an objection in it still holds', async () => {
    for (const [categories, runs] of [
      [['necessary', 'statistics'], true],
      [['necessary'], false],
    ] as const) {
      const context = await browser.newContext();
      try {
        const stale = consentCodec().encode({
          categories: [...categories],
          revision: policy.revision - 1,
          hash: 'old',
          updatedAt: Date.now() - 60_000,
        });
        await context.addCookies([
          {
            name: policy.consentCookie,
            value: stale,
            url: app.url,
            secure: true,
            sameSite: 'Lax',
            expires: Math.floor(Date.now() / 1000) + 86_400,
          },
        ]);
        const page = await context.newPage();
        const requests: string[] = [];
        page.on('request', (r) => requests.push(new URL(r.url()).pathname));
        await page.goto(app.url, { waitUntil: 'networkidle' });
        expect(await page.isVisible('.cs-banner')).toBe(true);
        expect(
          requests.some((p) => p === '/matomo.php'),
          `${categories}`,
        ).toBe(runs);
        // (Not expectHonestJar: the stale record was planted by the test, without Secure.)
        const cookies = await context.cookies();
        expect(grantedBy(cookies)).toEqual(new Set(categories));
        expect(visitorOf(cookies) !== undefined).toBe(runs);
      } finally {
        await context.close();
      }
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
