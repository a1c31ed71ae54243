// The vanilla-cookieconsent bridge in real Chromium: `cookie-schema export --to
// vanilla-cookieconsent` (the real CLI) writes the configuration of the shop schema; a page runs
// the real vanilla-cookieconsent 3 with it and the generated client module's `consent`, as a site
// that prefers that banner would. Its choices must reach `consent`: the consent cookie holds the
// generated record, the typed guards follow the banner, revoking in its preferences deletes the
// category's cookies, a lost record is stored again, and it writes no undeclared cookie.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { consentCodec } from '@cookie-schema/runtime';
import type { ClientConsent } from '@cookie-schema/runtime/browser';
import { policy } from '@examples/shop-cookies/policy';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bundleEntry,
  launchChromium,
  MODULE_PATH,
  type PageServer,
  servePages,
} from './browser-harness.js';
import { declarationOf } from './shop-consent-model.js';

const exec = promisify(execFile);
const repo = new URL('../../..', import.meta.url).pathname;

interface VccWindow {
  app: {
    client: Record<string, { set(value: unknown): boolean }> & { consent: ClientConsent<string> };
    CookieConsent: {
      showPreferences(): void;
      acceptedCategory(name: string): boolean;
    };
  };
}

let browser: Browser;
let server: PageServer;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cookie-schema-vcc-'));
  const config = join(dir, 'cookieconsent.config.mjs');
  await exec(
    process.execPath,
    [
      join(repo, 'packages/codegen/bin/cookie-schema.js'),
      'export',
      'schemas/examples/shop.cookies.json',
      '--to',
      'vanilla-cookieconsent',
      '--out',
      config,
    ],
    { cwd: repo },
  );
  const code = await bundleEntry(`import * as CookieConsent from 'vanilla-cookieconsent';
import * as client from '@examples/shop-cookies/client';
import cookieConsentConfig from ${JSON.stringify(config)};
window.app = { client, CookieConsent };
// hideFromBots: headless Chromium announces itself as automated.
await CookieConsent.run({ ...cookieConsentConfig(client.consent), hideFromBots: false });
document.documentElement.dataset.ready = 'true';`);
  const css = readFileSync(
    createRequire(import.meta.url).resolve('vanilla-cookieconsent/dist/cookieconsent.css'),
    'utf8',
  );
  [browser, server] = await Promise.all([
    launchChromium(),
    servePages(code, {
      '/': `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Acme Shop</title>
<link rel="stylesheet" href="/cookieconsent.css">
<script type="module" src="${MODULE_PATH}"></script></head>
<body><h1>Acme Shop</h1></body>
</html>`,
      '/cookieconsent.css': { type: 'text/css', body: css },
      '/favicon.ico': { type: 'image/x-icon', body: '' },
    }),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.base}/`);
  await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
  return page;
}

/** The categories of the generated record in the consent cookie, or `undefined`. */
async function record(context: BrowserContext): Promise<string[] | undefined> {
  const cookie = (await context.cookies()).find((c) => c.name === policy.consentCookie);
  const decoded = cookie ? consentCodec().decode(cookie.value) : undefined;
  return decoded?.ok ? decoded.value.categories : undefined;
}

/** Writes through the typed accessors; returns which writes the guards let through. */
function writeAll(page: Page) {
  return page.evaluate(() => {
    const { client } = (window as unknown as VccWindow).app;
    return {
      ga: client.ga!.set('GA1.1.2.3'),
      fbp: client.fbp!.set('fb.1.2.3'),
      currency: client.currency!.set('USD'),
      audience: client.audienceId!.set('0123456789abcdef'),
    };
  });
}

describe('vanilla-cookieconsent 3 with the exported configuration', () => {
  it('stores its choices through consent: the guards follow the banner', async () => {
    const context = await browser.newContext();
    try {
      const page = await open(context);
      // The banner is shown a frame after run() resolves (it fades in): wait for it.
      await page.locator('#cc-main .cm').waitFor({ state: 'visible', timeout: 5000 });
      expect(await page.isVisible('#cc-main .cm')).toBe(true);
      // Before any choice: the opt-out category is on, the others off, as the guards say.
      expect(await writeAll(page)).toEqual({
        ga: false,
        fbp: false,
        currency: false,
        audience: true,
      });
      await page.click('#cc-main .cm [data-role="all"]');
      await expect.poll(() => record(context)).toEqual(policy.categories.map((c) => c.name));
      expect(await writeAll(page)).toEqual({ ga: true, fbp: true, currency: true, audience: true });
      // Every cookie in the jar is declared: vanilla-cookieconsent keeps its state in
      // localStorage, not in an undeclared cookie.
      const cookies = await context.cookies();
      expect(cookies.filter((c) => !declarationOf(c.name)).map((c) => c.name)).toEqual([]);
      expect(
        await page.evaluate(() =>
          Object.keys(localStorage).filter((k) => k.endsWith(':vanilla-cookieconsent')),
        ),
      ).toEqual([`${policy.consentCookie}:vanilla-cookieconsent`]);

      // A change in its preferences: withdrawing statistics and objecting to audience deletes
      // their cookies, and the guards block them from then on.
      await page.evaluate(() =>
        (window as unknown as VccWindow).app.CookieConsent.showPreferences(),
      );
      await page.waitForSelector('#cc-main .pm', { state: 'visible' });
      expect(
        await page.$$eval('#cc-main .section__toggle', (inputs) =>
          (inputs as HTMLInputElement[]).map((i) => [i.value, i.checked]),
        ),
      ).toEqual(policy.categories.map((c) => [c.name, true]));
      await page.click('#cc-main .section__toggle[value="statistics"]', { force: true });
      await page.click('#cc-main .section__toggle[value="audience"]', { force: true });
      await page.click('#cc-main .pm [data-role="save"]');
      await expect.poll(() => record(context)).toEqual(['necessary', 'preferences', 'marketing']);
      const names = (await context.cookies()).map((c) => c.name);
      expect(names).not.toContain('_ga');
      expect(names).not.toContain('audience_id');
      expect(names).toContain('_fbp');
      expect(await writeAll(page)).toEqual({
        ga: false,
        fbp: true,
        currency: true,
        audience: false,
      });
    } finally {
      await context.close();
    }
  });

  it('reject all objects to the opt-out category too', async () => {
    const context = await browser.newContext();
    try {
      const page = await open(context);
      expect((await writeAll(page)).audience).toBe(true);
      await page.click('#cc-main .cm [data-role="necessary"]');
      await expect.poll(() => record(context)).toEqual(['necessary']);
      expect((await context.cookies()).map((c) => c.name)).toEqual([policy.consentCookie]);
      expect(await writeAll(page)).toEqual({
        ga: false,
        fbp: false,
        currency: false,
        audience: false,
      });
    } finally {
      await context.close();
    }
  });

  it('stores the banner’s choice again when the consent cookie is lost, and never twice', async () => {
    const context = await browser.newContext();
    try {
      const page = await open(context);
      await page.click('#cc-main .cm [data-role="all"]');
      await expect.poll(() => record(context)).toEqual(policy.categories.map((c) => c.name));
      const first = (await context.cookies()).find((c) => c.name === policy.consentCookie)!;
      // A reload with a valid record: the banner does not ask, and the record is left alone.
      await page.reload();
      await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
      expect(await page.isVisible('#cc-main .cm')).toBe(false);
      expect((await context.cookies()).find((c) => c.name === policy.consentCookie)?.value).toBe(
        first.value,
      );
      // The consent cookie is deleted (by the visitor, or it expired): vanilla-cookieconsent
      // still has the choice, and stores it through consent on the next page.
      await context.clearCookies({ name: policy.consentCookie });
      await page.reload();
      await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
      expect(await record(context)).toEqual(policy.categories.map((c) => c.name));
      expect(
        await page.evaluate(() => (window as unknown as VccWindow).app.client.consent.needsPrompt),
      ).toBe(false);
    } finally {
      await context.close();
    }
  });
});
