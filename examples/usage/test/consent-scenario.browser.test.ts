// Script blocking and consent in real Chromium, as a shop page uses them (SPEC §4): analytics and
// marketing tags sit in <script type="text/plain" data-cookie-category="…"> until
// consent.activateScripts() turns them on; the tags write their cookies themselves, like gtag.js
// and the Meta pixel do; revoking a category deletes those cookies, the _ga_<id> family member
// included. With Global Privacy Control on, marketing (gpcOptOut) stays denied until it is
// granted explicitly. Cookies are checked in Chromium's store (context.cookies()).
import type { Browser, BrowserContext, Cookie, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bundleShopClient,
  type CookieWrite,
  instrument,
  launchChromium,
  MODULE_PATH,
  type PageServer,
  parseCookieWrite,
  servePages,
} from './browser-harness.js';

/** The analytics property whose session cookie gtag.js names `_ga_<id>`. */
const PROPERTY = 'ABC123';

/**
 * A shop page. gtag.js and the Meta pixel write their cookies with document.cookie, for two years
 * and three months; both count how often they ran. `cookieDomain` is gtag's `cookie_domain`:
 * `'none'` writes host-only cookies; `'auto'` (gtag's default) writes them on the site's domain
 * (the last two labels of the host; host-only on an IP address).
 */
function shopPage(cookieDomain: 'none' | 'auto'): string {
  return `<!doctype html>
<meta charset="utf-8">
<title>Acme Shop</title>
<script type="text/plain" data-cookie-category="statistics">
  (function () {
    var now = Math.floor(Date.now() / 1000);
    var id = Math.floor(Math.random() * 2147483647);
    var host = location.hostname;
    var domain = '${cookieDomain}' === 'auto' && !/^[0-9.]+$/.test(host)
      ? '; domain=' + host.split('.').slice(-2).join('.')
      : '';
    var attributes = '; max-age=63072000; path=/; SameSite=Lax' + domain;
    document.cookie = '_ga=GA1.1.' + id + '.' + now + attributes;
    document.cookie = '_ga_${PROPERTY}=GS2.1.s' + now + '$o1$g0$t' + now + '$j60$l0$h0' + attributes;
    window.analyticsRuns = (window.analyticsRuns || 0) + 1;
  })();
</script>
<script type="text/plain" data-cookie-category="marketing">
  document.cookie = '_fbp=fb.1.' + Date.now() + '.' + Math.floor(Math.random() * 1e9) + '; max-age=7776000; path=/; SameSite=Lax';
  window.marketingRuns = (window.marketingRuns || 0) + 1;
</script>
<script type="module">
  import * as shop from '${MODULE_PATH}';
  window.shop = shop;
  shop.consent.activateScripts();
</script>`;
}

interface ShopWindow {
  shop: {
    consent: {
      grant(...categories: string[]): void;
      revoke(...categories: string[]): void;
      has(category: string): boolean;
      needsPrompt: boolean;
      state(): { granted: string[]; denied: string[]; gpc: boolean; needsPrompt: boolean };
    };
    fbp: { set(value: string): boolean };
  };
  analyticsRuns?: number;
  marketingRuns?: number;
  __cookieWrites: CookieWrite[];
}

let browser: Browser;
let server: PageServer;

beforeAll(async () => {
  const [code, launched] = await Promise.all([bundleShopClient(), launchChromium()]);
  browser = launched;
  server = await servePages(code, { '/': shopPage('none'), '/site-wide': shopPage('auto') });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openShop(context: BrowserContext, url = `${server.base}/`): Promise<Page> {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url);
  await page.waitForFunction(() => 'shop' in window);
  return page;
}

async function newContext(options: { gpc?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext();
  await instrument(context);
  if (options.gpc) {
    await context.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {
        configurable: true,
        get: () => true,
      });
    });
  }
  return context;
}

const names = (cookies: readonly Cookie[]) => cookies.map((c) => c.name).sort();
const analytics = (cookies: readonly Cookie[]) =>
  names(cookies).filter((n) => n === '_ga' || n.startsWith('_ga_'));

/** The page's recorded document.cookie writes, emptied. */
const takeWrites = (page: Page) =>
  page.evaluate(() => (window as unknown as ShopWindow).__cookieWrites.splice(0));

describe('script blocking in Chromium (shop client module)', () => {
  it('keeps analytics tags and their cookies out until statistics is granted, and deletes them on revoke', async () => {
    const context = await newContext();
    try {
      const page = await openShop(context);
      const firstVisit = await page.evaluate(() => {
        const w = window as unknown as ShopWindow;
        return {
          needsPrompt: w.shop.consent.needsPrompt,
          analyticsRuns: w.analyticsRuns,
          blocked: document.querySelectorAll('script[type="text/plain"]').length,
        };
      });
      expect(firstVisit).toEqual({ needsPrompt: true, analyticsRuns: undefined, blocked: 2 });
      expect(analytics(await context.cookies())).toEqual([]);
      expect(await takeWrites(page)).toEqual([]);

      await page.evaluate(() => (window as unknown as ShopWindow).shop.consent.grant('statistics'));
      expect(await page.evaluate(() => (window as unknown as ShopWindow).analyticsRuns)).toBe(1);
      expect(analytics(await context.cookies())).toEqual(['_ga', `_ga_${PROPERTY}`]);
      // Marketing was not granted: its tag stays blocked.
      expect(names(await context.cookies())).not.toContain('_fbp');
      const granting = await takeWrites(page);
      // The tag wrote the analytics cookies, not the module (which wrote only the choice).
      expect(granting.filter((w) => w.byModule).map((w) => parseCookieWrite(w.value).name)).toEqual(
        ['shop_consent'],
      );
      expect(
        granting.filter((w) => !w.byModule).map((w) => parseCookieWrite(w.value).name),
      ).toEqual(['_ga', `_ga_${PROPERTY}`]);

      // The next page view runs the tag at once: the choice is stored.
      await openShop(context);
      expect(
        await page.evaluate(() => {
          const w = window as unknown as ShopWindow;
          return { runs: w.analyticsRuns, has: w.shop.consent.has('statistics') };
        }),
      ).toEqual({ runs: 1, has: true });

      await page.evaluate(() =>
        (window as unknown as ShopWindow).shop.consent.revoke('statistics'),
      );
      const afterRevoke = await context.cookies();
      expect(analytics(afterRevoke)).toEqual([]);
      expect(names(afterRevoke)).toContain('shop_consent');
      expect(await page.evaluate(() => document.cookie)).not.toMatch(/(^|; )_ga/);
      const deletions = (await takeWrites(page))
        .filter((w) => w.byModule && parseCookieWrite(w.value).deletion)
        .map((w) => parseCookieWrite(w.value).name)
        .sort();
      expect(deletions).toEqual(['_ga', `_ga_${PROPERTY}`]);

      // And the tag stays off on the next page view.
      await openShop(context);
      expect(await page.evaluate(() => (window as unknown as ShopWindow).analyticsRuns)).toBe(
        undefined,
      );
      expect(analytics(await context.cookies())).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('with Global Privacy Control, keeps marketing denied until it is granted explicitly', async () => {
    // A visitor accepted statistics and marketing without GPC…
    const before = await newContext();
    let cookies: Cookie[];
    try {
      const page = await openShop(before);
      await page.evaluate(() =>
        (window as unknown as ShopWindow).shop.consent.grant('statistics', 'marketing'),
      );
      expect(await page.evaluate(() => (window as unknown as ShopWindow).marketingRuns)).toBe(1);
      cookies = await before.cookies();
      expect(names(cookies)).toEqual(
        expect.arrayContaining(['_fbp', '_ga', `_ga_${PROPERTY}`, 'shop_consent']),
      );
    } finally {
      await before.close();
    }

    // …then turned GPC on: the same cookies, a browser that sends the signal.
    const context = await newContext({ gpc: true });
    try {
      await context.addCookies(cookies);
      const page = await openShop(context);
      const view = () =>
        page.evaluate(() => {
          const w = window as unknown as ShopWindow;
          const { granted, denied, gpc, needsPrompt } = w.shop.consent.state();
          return {
            signal: (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl,
            granted,
            denied,
            gpc,
            needsPrompt,
            marketing: w.shop.consent.has('marketing'),
            analyticsRuns: w.analyticsRuns,
            marketingRuns: w.marketingRuns,
          };
        });
      // audience (opt-out, gpcOptOut) was granted by that choice without GPC: GPC objects now.
      expect(await view()).toEqual({
        signal: true,
        granted: ['necessary', 'statistics'],
        denied: ['preferences', 'marketing', 'audience'],
        gpc: true,
        needsPrompt: false,
        marketing: false,
        analyticsRuns: 1,
        marketingRuns: undefined,
      });
      await takeWrites(page);
      expect(
        await page.evaluate(() => (window as unknown as ShopWindow).shop.fbp.set('fb.1.2.3')),
      ).toBe(false);
      expect(
        (await takeWrites(page)).filter((w) => parseCookieWrite(w.value).name === '_fbp'),
      ).toEqual([]);

      // Another choice that does not name marketing leaves it denied.
      await page.evaluate(() =>
        (window as unknown as ShopWindow).shop.consent.grant('preferences'),
      );
      expect(await view()).toMatchObject({
        granted: ['necessary', 'preferences', 'statistics'],
        marketing: false,
        marketingRuns: undefined,
      });

      // Granting marketing now is explicit: it counts despite GPC, and survives a reload.
      await page.evaluate(() => (window as unknown as ShopWindow).shop.consent.grant('marketing'));
      expect(await view()).toMatchObject({ marketing: true, marketingRuns: 1, gpc: true });
      expect(names(await context.cookies())).toContain('_fbp');
      await openShop(context);
      expect(await view()).toMatchObject({
        signal: true,
        granted: ['necessary', 'preferences', 'statistics', 'marketing'],
        marketing: true,
        marketingRuns: 1,
      });
    } finally {
      await context.close();
    }
  });
  it('revoke also deletes the analytics cookies gtag.js writes on the site domain (cookie_domain "auto", its default)', async () => {
    // www.shop.localhost: Chromium resolves *.localhost to loopback and treats it as a secure
    // context, so a page there can scope cookies to shop.localhost, as gtag does on
    // www.shop.example with Domain=shop.example.
    const context = await newContext();
    try {
      const url = `${server.base.replace('127.0.0.1', 'www.shop.localhost')}/site-wide`;
      const page = await openShop(context, url);
      await page.evaluate(() => (window as unknown as ShopWindow).shop.consent.grant('statistics'));
      const granted = await context.cookies();
      expect(
        granted.filter((c) => c.name.startsWith('_ga')).map((c) => [c.name, c.domain]),
      ).toEqual([
        ['_ga', '.shop.localhost'],
        [`_ga_${PROPERTY}`, '.shop.localhost'],
      ]);

      await page.evaluate(() =>
        (window as unknown as ShopWindow).shop.consent.revoke('statistics'),
      );
      expect(
        analytics(await context.cookies()),
        'cookies of the revoked category left in Chromium: the deletion was written host-only, without the Domain the tag used',
      ).toEqual([]);
      expect(await page.evaluate(() => document.cookie)).not.toMatch(/(^|; )_ga/);
    } finally {
      await context.close();
    }
  });
});
