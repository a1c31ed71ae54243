// The cookie firewall of the shop's generated client module in real Chromium (SPEC §4
// `installCookieFirewall`): third-party scripts served from their own URLs write cookies as the
// real ones do — a gtag.js-style tag (_ga, _ga_<id>, _gid on the site's domain), a Hotjar-style
// one (_hjSessionUser_<id>), and a script that writes whatever a test asks through
// document.cookie or cookieStore.set. What the firewall let through is checked in Chromium's own
// cookie jar (context.cookies()), what it reports against each script's URL.
//
// The page is served as www.shop.localhost (Chromium resolves *.localhost to the loopback, and
// treats it as a secure context): cookieStore exists, Secure cookies stick, and a Domain=
// cookie on shop.localhost is a different cookie from a host-only one, as on a real site.
//
// Consent changes go through `consent.grant` / `consent.revoke`, and in one test through the
// generated banner (`<pkg>/banner`, bundled in the same module as `shop.banner`), as a visitor
// makes them.
import type * as ShopBanner from '@examples/shop-cookies/banner';
import type * as Shop from '@examples/shop-cookies/client';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  bundleEntry,
  type CookieWrite,
  instrument,
  launchChromium,
  MODULE_PATH,
  type PageServer,
  servePages,
} from './browser-harness.js';

const PAGE = `<!doctype html><html lang="en"><title>Acme Shop</title>
<script type="module">
import * as shop from '${MODULE_PATH}';
window.shop = shop;
window.reports = [];
window.errors = [];
addEventListener('error', (event) => window.errors.push(event.message));
</script></html>`;

/**
 * gtag.js with cookie_domain "auto": the client id `_ga` and the session `_ga_<property>` for two
 * years, `_gid` for a day, on the site's domain (the host's last two labels), in gtag's spelling.
 */
const GTAG = `(function () {
  var now = Math.floor(Date.now() / 1000);
  var id = Math.floor(Math.random() * 2147483647);
  var domain = location.hostname.split('.').slice(-2).join('.');
  function write(name, value, seconds) {
    var expires = new Date(Date.now() + seconds * 1000).toUTCString();
    document.cookie = name + '=' + value + '; path=/; expires=' + expires + '; domain=' + domain + '; SameSite=Lax';
  }
  write('_ga', 'GA1.1.' + id + '.' + now, 63072000);
  write('_ga_ABC123', 'GS2.1.s' + now + '$o1$g0$t' + now + '$j60$l0$h0', 63072000);
  write('_gid', 'GA1.1.' + id + '.' + now, 86400);
})();`;

/** Hotjar's visitor cookie: `_hjSessionUser_<site id>`, a year, on `.` + the site's domain. */
const HOTJAR = `(function () {
  var value = btoa(JSON.stringify({ id: 'a1b2c3d4', created: Date.now(), existing: false }));
  var expires = new Date(Date.now() + 365 * 86400000).toUTCString();
  var domain = '.' + location.hostname.split('.').slice(-2).join('.');
  document.cookie = '_hjSessionUser_123456=' + value + '; expires=' + expires + '; path=/; domain=' + domain + '; SameSite=Lax';
})();`;

/** A third-party script that writes what a test asks, so that its URL is the writer's. */
const WRITER = `window.vendor = {
  write: function (text) { document.cookie = text; },
  storeSet: function (a, b) { return b === undefined ? cookieStore.set(a) : cookieStore.set(a, b); },
};`;

type Report = Shop.FirewallReport<Shop.CategoryName>;

interface FirewallWindow {
  shop: typeof Shop & { banner: typeof ShopBanner };
  firewall: Shop.CookieFirewall;
  reports: Report[];
  errors: string[];
  vendor: { write(text: string): void; storeSet(a: unknown, b?: string): Promise<void> };
  __cookieWrites: CookieWrite[];
}

let browser: Browser;
let server: PageServer;
let base: string;
let context: BrowserContext;
let tab: Page;

beforeAll(async () => {
  const [code, launched] = await Promise.all([
    bundleEntry(
      "export * from '@examples/shop-cookies/client'; export * as banner from '@examples/shop-cookies/banner';",
    ),
    launchChromium(),
  ]);
  browser = launched;
  server = await servePages(code, {
    '/': PAGE,
    '/vendor/gtag.js': GTAG,
    '/vendor/hotjar.js': HOTJAR,
    '/vendor/writer.js': WRITER,
  });
  base = server.base.replace('127.0.0.1', 'www.shop.localhost');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

afterEach(async () => {
  await context?.close();
});

async function open(options: { record?: boolean } = {}): Promise<void> {
  context = await browser.newContext();
  if (options.record) await instrument(context);
  tab = await context.newPage();
  await tab.goto(`${base}/`);
  await tab.waitForFunction(() => 'shop' in window);
  await load('/vendor/writer.js');
}

/** Installs the firewall; every report goes to `window.reports`. */
async function install(options: Shop.FirewallOptions<Shop.CategoryName> = {}): Promise<void> {
  await tab.evaluate((o) => {
    const w = window as unknown as FirewallWindow;
    w.firewall = w.shop.installCookieFirewall({ ...o, onBlocked: (r) => w.reports.push(r) });
  }, options);
}

/** Runs a script from the server, as a `<script src>` a page would have. */
async function load(path: string): Promise<void> {
  await tab.evaluate(
    (src) =>
      new Promise<void>((resolve, reject) => {
        const script = document.createElement('script');
        script.src = src;
        script.onload = () => resolve();
        script.onerror = () => reject(new Error(`${src} failed to load`));
        document.head.append(script);
      }),
    path,
  );
}

const vendorWrite = (text: string) =>
  tab.evaluate((t) => (window as unknown as FirewallWindow).vendor.write(t), text);

const vendorStoreSet = (a: unknown, b?: string) =>
  tab.evaluate(([x, y]) => (window as unknown as FirewallWindow).vendor.storeSet(x, y), [
    a,
    b,
  ] as const);

const consent = (change: 'grant' | 'revoke', ...categories: Shop.CategoryName[]) =>
  tab.evaluate(([c, list]) => (window as unknown as FirewallWindow).shop.consent[c](...list), [
    change,
    categories,
  ] as const);

/** The reports since the last call. */
const takeReports = () =>
  tab.evaluate(() => (window as unknown as FirewallWindow).reports.splice(0));

/** Chromium's cookie jar: name → the cookie (the last one of a name, which tests avoid). */
async function jar() {
  return Object.fromEntries((await context.cookies()).map((c) => [c.name, c]));
}

const names = async () => Object.keys(await jar()).sort();

const from = (script: string) => `${base}/vendor/${script}`;

/** What gtag.js's writes are reported as before statistics is granted. */
const gtagReports = () => [
  { name: '_ga', reason: 'not-granted', source: from('gtag.js'), category: 'statistics' },
  { name: '_ga_ABC123', reason: 'not-granted', source: from('gtag.js'), category: 'statistics' },
  { name: '_gid', reason: 'undeclared', source: from('gtag.js'), category: undefined },
];

const hotjarReport = () => ({
  name: '_hjSessionUser_123456',
  reason: 'undeclared',
  source: from('hotjar.js'),
  category: undefined,
});

describe('the cookie firewall in Chromium', () => {
  it('drops gtag’s and Hotjar’s cookies before consent, reporting each with its script', async () => {
    await open();
    await install();
    await load('/vendor/gtag.js');
    await load('/vendor/hotjar.js');
    expect(await names()).toEqual([]);
    expect(await takeReports()).toEqual([...gtagReports(), hotjarReport()]);
  });

  it('lets a granted category through from then on, blocks it again on revoke, and the purge deletes what was written', async () => {
    await open();
    await install();
    await consent('grant', 'statistics');
    await load('/vendor/gtag.js');
    await load('/vendor/hotjar.js');
    const granted = await jar();
    expect(Object.keys(granted).sort()).toEqual(['_ga', '_ga_ABC123', 'shop_consent']);
    // As gtag wrote them: on the site's domain, for two years (which Chromium caps at 400 days).
    expect(granted._ga).toMatchObject({ domain: '.shop.localhost', path: '/', sameSite: 'Lax' });
    expect(granted._ga!.expires - Date.now() / 1000).toBeGreaterThan(399 * 86400);
    expect(await takeReports()).toEqual([
      { name: '_gid', reason: 'undeclared', source: from('gtag.js'), category: undefined },
      hotjarReport(),
    ]);

    await consent('revoke', 'statistics');
    expect(await names()).toEqual(['shop_consent']);
    expect(await takeReports()).toEqual([]);
    await load('/vendor/gtag.js');
    expect(await names()).toEqual(['shop_consent']);
    expect(await takeReports()).toEqual(gtagReports());
  });

  it('follows the choices made in the generated banner and its preferences dialog', async () => {
    await open();
    await install();
    await load('/vendor/gtag.js');
    expect(await names()).toEqual([]);
    expect(await takeReports()).toEqual(gtagReports());

    // The visitor accepts all in the banner: the consent record passes unreported, and so do
    // gtag's declared cookies from then on.
    await tab.evaluate(() => (window as unknown as FirewallWindow).shop.banner.showConsentBanner());
    await tab.click('[data-cookie-consent="accept-all"]');
    expect(await names()).toEqual(['shop_consent']);
    await load('/vendor/gtag.js');
    expect(await names()).toEqual(['_ga', '_ga_ABC123', 'shop_consent']);
    expect(await takeReports()).toEqual([
      { name: '_gid', reason: 'undeclared', source: from('gtag.js'), category: undefined },
    ]);

    // Then rejects all from "Cookie settings": the purge deletes gtag's cookies and the
    // firewall blocks them again.
    await tab.evaluate(() =>
      (window as unknown as FirewallWindow).shop.banner.openConsentPreferences(),
    );
    await tab.click('dialog [data-cookie-consent="reject-all"]');
    expect(await names()).toEqual(['shop_consent']);
    await load('/vendor/gtag.js');
    expect(await names()).toEqual(['shop_consent']);
    expect(await takeReports()).toEqual(gtagReports());
  });

  it('in report mode lets every write through and reports the same', async () => {
    await open();
    await install({ mode: 'report' });
    await load('/vendor/gtag.js');
    await load('/vendor/hotjar.js');
    expect(await names()).toEqual(['_ga', '_ga_ABC123', '_gid', '_hjSessionUser_123456']);
    expect(await takeReports()).toEqual([...gtagReports(), hotjarReport()]);
  });

  it('reads names and lifetimes as the browser does: spacing, case, no `=`, __Host-, Max-Age over Expires', async () => {
    await open();
    await install();
    const report = (name: string, reason: string, category?: string) => ({
      name,
      reason,
      source: from('writer.js'),
      category,
    });
    await vendorWrite('  _gid  =  GA1.1.1.2 ;  path=/');
    await vendorWrite('_GA=GA1.1.1.2; Path=/'); // another cookie than _ga
    await vendorWrite('theme=dark; PATH=/; MAX-AGE=3600'); // preferences, not granted
    await vendorWrite('__Host-evil=1; Path=/; Secure');
    await vendorWrite('__Host-session=forged; Path=/; Secure'); // HttpOnly: the server's
    await vendorWrite('nameless');
    await vendorWrite('_gid=x; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=3600; Path=/');
    await vendorWrite('cart=e30; Path=/; Secure'); // necessary: passes
    expect(await names()).toEqual(['cart']);
    expect(await takeReports()).toEqual([
      report('_gid', 'undeclared'),
      report('_GA', 'undeclared'),
      report('theme', 'not-granted', 'preferences'),
      report('__Host-evil', 'undeclared'),
      report('__Host-session', 'undeclared'),
      report('', 'undeclared'),
      report('_gid', 'undeclared'),
    ]);
  });

  it('lets deletions through, however they are spelled', async () => {
    await open();
    // Written before the firewall was installed.
    await tab.evaluate(() => {
      for (const cookie of ['_gid', '_hjSessionUser_1', '_hjid', '_fbp', 'theme', '__Host-old']) {
        // biome-ignore lint/suspicious/noDocumentCookie: a script that ran before the firewall
        document.cookie = `${cookie}=old; Path=/; Secure`;
      }
    });
    expect(await names()).toHaveLength(6);
    await install();
    await vendorWrite('_gid=; MAX-AGE=0; PATH=/');
    await vendorWrite('_hjSessionUser_1=x;expires=Thu, 01 Jan 1970 00:00:00 GMT;path=/');
    await vendorWrite('_hjid=x; Max-Age=-5; Path=/');
    // A date that Date.parse reads as past: written as a deletion, so nothing can slip through.
    await vendorWrite('_fbp=new; Expires=1970; Path=/');
    await vendorWrite('theme=; Path=/; Expires=Wed, 21 Oct 2015 07:28:00 GMT');
    await vendorStoreSet({ name: '__Host-old', value: '', expires: Date.now() - 1000 });
    expect(await names()).toEqual([]);
    expect(await takeReports()).toEqual([]);
  });

  it('checks cookieStore.set, in both its forms', async () => {
    await open();
    await install();
    await vendorStoreSet({
      name: '_gid',
      value: 'GA1.1.1.2',
      expires: Date.now() + 86400000,
      domain: 'shop.localhost',
    });
    await vendorStoreSet('_hjSessionUser_9', 'x');
    await vendorStoreSet({ name: '_ga', value: 'GA1.1.1.2', expires: Date.now() + 86400000 });
    expect(await names()).toEqual([]);
    const report = (name: string, reason: string, category?: string) => ({
      name,
      reason,
      source: from('writer.js'),
      category,
    });
    expect(await takeReports()).toEqual([
      report('_gid', 'undeclared'),
      report('_hjSessionUser_9', 'undeclared'),
      report('_ga', 'not-granted', 'statistics'),
    ]);
    await consent('grant', 'statistics');
    await vendorStoreSet({ name: '_ga', value: 'GA1.1.1.2', expires: Date.now() + 86400000 });
    await vendorStoreSet('_ga_XYZ', 'GS1.1.1');
    expect(await names()).toEqual(['_ga', '_ga_XYZ', 'shop_consent']);
    expect(await takeReports()).toEqual([]);
  });

  it('with clampLifetime, shortens a lifetime longer than declared to the declared one', async () => {
    await open();
    await install({ clampLifetime: true });
    await consent('grant', 'statistics');
    await load('/vendor/gtag.js');
    await vendorWrite('__Secure-csrf=abc; Max-Age=86400; Path=/; Secure'); // declared: session
    await vendorStoreSet({ name: '_ga_XYZ', value: 'GS1', expires: Date.now() + 800 * 86400000 });
    await vendorWrite('last_visit=2026-12-01T00%3A00%3A00.000Z; Max-Age=60; Path=/'); // shorter
    const cookies = await jar();
    const days = (name: string) => (cookies[name]!.expires - Date.now() / 1000) / 86400;
    const thirteenMonths = 33696000 / 86400;
    for (const name of ['_ga', '_ga_ABC123', '_ga_XYZ']) {
      expect(days(name)).toBeGreaterThan(thirteenMonths - 1);
      expect(days(name)).toBeLessThanOrEqual(thirteenMonths);
    }
    // The rest of gtag's attributes stay as written.
    expect(cookies._ga).toMatchObject({ domain: '.shop.localhost', path: '/', sameSite: 'Lax' });
    expect(cookies['__Secure-csrf']!.expires).toBe(-1);
    expect(days('last_visit') * 86400).toBeLessThanOrEqual(60);
    const lifetime = (name: string, source: string, category: string) => ({
      name,
      reason: 'lifetime',
      source: from(source),
      category,
    });
    expect(await takeReports()).toEqual([
      lifetime('_ga', 'gtag.js', 'statistics'),
      lifetime('_ga_ABC123', 'gtag.js', 'statistics'),
      { name: '_gid', reason: 'undeclared', source: from('gtag.js'), category: undefined },
      lifetime('__Secure-csrf', 'writer.js', 'necessary'),
      lifetime('_ga_XYZ', 'writer.js', 'statistics'),
    ]);
  });

  it('lets the generated accessors and consent write exactly what they write, unreported', async () => {
    await open({ record: true });
    await install({ clampLifetime: true });
    const written = await tab.evaluate(() => {
      const { shop } = window as unknown as FirewallWindow;
      shop.consent.grant('statistics', 'preferences');
      shop.theme.set('dark');
      shop.cart.set({ items: [{ sku: 'SKU-1', qty: 2 }], currency: 'EUR' });
      shop.abBucket.set(7, { maxAge: 60 });
      shop.gaProperty.set('XYZ', 'GS1.1.1');
      shop.currency.delete();
      return (window as unknown as FirewallWindow).__cookieWrites.splice(0);
    });
    expect(written.every((w) => w.byModule)).toBe(true);
    expect(written.map((w) => w.value.replace(/Expires=[^;]*/, 'Expires=…'))).toEqual([
      expect.stringMatching(
        /^shop_consent=1\.3\.[0-9a-z]+\.[0-9a-f]{16}\.[01]?\.necessary~preferences~statistics~audience; Max-Age=15552000; Path=\/; Secure; SameSite=Lax$/,
      ),
      'theme=dark; Max-Age=31536000; Path=/; Secure; SameSite=Lax',
      expect.stringMatching(/^cart=[\w-]+; Max-Age=604800; Path=\/; Secure; SameSite=Lax$/),
      'ab_bucket=7; Max-Age=60; Path=/; Secure; SameSite=Lax; Expires=…',
      '_ga_XYZ=GS1.1.1; Max-Age=33696000; Path=/; Secure; SameSite=Lax',
      'currency=; Max-Age=0; Path=/; Secure; SameSite=Lax',
    ]);
    expect(await takeReports()).toEqual([]);
    expect(await names()).toEqual(['_ga_XYZ', 'ab_bucket', 'cart', 'shop_consent', 'theme']);
  });

  it('sees a consent change made in another tab within a second', async () => {
    await open();
    await install();
    await vendorWrite('_ga=GA1.1.1.2; Path=/');
    const other = await context.newPage();
    await other.goto(`${base}/`);
    await other.waitForFunction(() => 'shop' in window);
    await other.evaluate(() =>
      (window as unknown as FirewallWindow).shop.consent.grant('statistics'),
    );
    await tab.waitForTimeout(1100);
    await vendorWrite('_ga=GA1.1.3.4; Path=/');
    expect((await jar())._ga?.value).toBe('GA1.1.3.4');
    expect((await takeReports()).map((r) => r.name)).toEqual(['_ga']);
  });

  it('uninstall() restores the browser’s own accessors; a second install returns the same firewall', async () => {
    await open();
    const same = await tab.evaluate(() => {
      const { shop } = window as unknown as FirewallWindow;
      const first = shop.installCookieFirewall();
      return first === shop.installCookieFirewall({ mode: 'report' });
    });
    expect(same).toBe(true);
    await vendorWrite('_gid=1; Path=/'); // still enforced: the second call's options are ignored
    expect(await names()).toEqual([]);
    const restored = await tab.evaluate(() => {
      const { shop } = window as unknown as FirewallWindow;
      const first = shop.installCookieFirewall();
      first.uninstall();
      const browsers = [
        Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')!.set,
        CookieStore.prototype.set,
      ];
      const own = browsers.map((f) => /\{\s*\[native code\]\s*\}/.test(String(f)));
      const second = shop.installCookieFirewall();
      first.uninstall(); // an old firewall's uninstall leaves the new one alone
      const stillOn = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')!.set;
      second.uninstall();
      second.uninstall();
      return {
        own,
        stillOn: stillOn !== browsers[0],
        fresh: first !== second,
        after: Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')!.set === browsers[0],
      };
    });
    expect(restored).toEqual({ own: [true, true], stillOn: true, fresh: true, after: true });
    await vendorWrite('_gid=1; Path=/');
    await vendorStoreSet('_hjid', 'x');
    await tab.evaluate(() => (window as unknown as FirewallWindow).shop.theme.set('dark'));
    expect(await names()).toEqual(['_gid', '_hjid']); // theme: preferences not granted
  });

  it('keeps a throwing onBlocked from breaking the script that wrote', async () => {
    await open();
    await tab.evaluate(() => {
      (window as unknown as FirewallWindow).shop.installCookieFirewall({
        onBlocked: () => {
          throw new Error('handler failed');
        },
      });
    });
    await vendorWrite('_gid=1; Path=/');
    expect(await names()).toEqual([]);
    const errors = await tab.evaluate(() => (window as unknown as FirewallWindow).errors);
    expect(errors).toEqual([expect.stringContaining('handler failed')]);
  });
});

describe('the cookie firewall without a document', () => {
  it('is a no-op during server rendering', async () => {
    const { installCookieFirewall } = await import('@examples/shop-cookies/client');
    const firewall = installCookieFirewall({ onBlocked: () => {} });
    expect(typeof firewall.uninstall).toBe('function');
    expect(() => firewall.uninstall()).not.toThrow();
    expect(installCookieFirewall()).toBe(firewall);
  });
});
