// A page that uses a generated package's consent banner, shared by the banner's Chromium tests and
// scripts/banner-screenshots.ts: the package's client and banner modules bundled as one ES module
// (served at MODULE_PATH), a page with some content and a "Cookie settings" button, and no inline
// script or style anywhere, so that it also runs under a strict Content-Security-Policy.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BannerHandle, BannerOptions } from '@cookie-schema/runtime/banner';
import type { ClientConsent, ConsentState } from '@cookie-schema/runtime/browser';
import { bundleEntry, MODULE_PATH, type Served } from './browser-harness.js';

/** What the page module puts on `window.app`. */
export interface BannerApp {
  client: Record<string, unknown> & { consent: ClientConsent<string> };
  banner: {
    showConsentBanner(options?: BannerOptions): BannerHandle | undefined;
    openConsentPreferences(options?: BannerOptions): BannerHandle | undefined;
  };
  /** Every change `consent.onChange` reported. */
  changes: ConsentState<string>[];
  /** Content-Security-Policy violations reported by the page. */
  violations: string[];
  /** The sum of layout shifts (CLS) so far. */
  layoutShift(): number;
}

export interface BannerWindow {
  app: BannerApp;
}

/**
 * The page module: the package's `client` and `banner` on `window.app`. Like an app, it loads
 * the banner only when there is something to ask (`?prompt`), and opens the preferences from a
 * "Cookie settings" button.
 */
function entry(client: string, banner: string): string {
  return `import * as client from ${JSON.stringify(client)};
import * as banner from ${JSON.stringify(banner)};
const violations = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective + ' ' + e.blockedURI));
let shift = 0;
new PerformanceObserver((list) => { for (const e of list.getEntries()) shift += e.value; }).observe({ type: 'layout-shift', buffered: true });
const changes = [];
client.consent.onChange((state) => changes.push(state));
window.app = { client, banner, changes, violations, layoutShift: () => shift };
document.querySelector('#cookie-settings')?.addEventListener('click', () => banner.openConsentPreferences());
if (new URLSearchParams(location.search).has('prompt') && client.consent.needsPrompt) banner.showConsentBanner();
document.documentElement.dataset.ready = 'true';
`;
}

/** The page module of a generated package (default: the committed shop example). */
export function bundleBannerPage(pkg = '@examples/shop-cookies'): Promise<string> {
  return bundleEntry(entry(`${pkg}/client`, `${pkg}/banner`));
}

const CSS = `body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: #1d2433; background: #f4f6fa; }
header { background: #143a8c; color: #fff; padding: 1rem 1.5rem; font-weight: 700; }
main { max-width: 48rem; margin: 0 auto; padding: 1.5rem; }
.card { background: #fff; border: 1px solid #d9dee8; border-radius: .6rem; padding: 1rem 1.25rem; margin-bottom: 1rem; }
button { font: inherit; }`;

/** The page's HTML with `<html lang>` (none when `lang` is undefined). */
export function bannerPageHtml(lang: string | undefined): string {
  return `<!doctype html>
<html${lang === undefined ? '' : ` lang="${lang}"`}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Acme Shop</title>
<link rel="stylesheet" href="/page.css">
<script type="module" src="${MODULE_PATH}"></script>
</head>
<body>
<header>Acme Shop</header>
<main>
<h1>Winter collection</h1>
<div class="card"><p>Warm jackets, wool hats and boots for the cold months. Free delivery from 50 €, returns within 30 days.</p></div>
<div class="card"><p>Our stores are open every day from 9 am to 7 pm. Orders placed before noon ship the same day.</p></div>
<div class="card"><p>Sign up to our newsletter to hear about new products first.</p></div>
<footer><button type="button" id="cookie-settings">Cookie settings</button></footer>
</main>
</body>
</html>
`;
}

/** The pages of the banner tests: `/` in English, and one per `lang` to test locale choice. */
export const BANNER_PAGES: Readonly<Record<string, Served>> = {
  '/': bannerPageHtml('en'),
  '/de': bannerPageHtml('de'),
  '/de-AT': bannerPageHtml('de-AT'),
  '/fr': bannerPageHtml('fr'),
  '/no-lang': bannerPageHtml(undefined),
  '/page.css': { type: 'text/css; charset=utf-8', body: CSS },
  '/favicon.ico': { type: 'image/x-icon', body: '' },
};

/** The strict policy of the CSP test: no inline script, no inline style. */
export const STRICT_CSP = "default-src 'self'; style-src 'self'; script-src 'self'";

const exec = promisify(execFile);
const usage = new URL('..', import.meta.url).pathname;
const cli = join(usage, '../../packages/codegen/bin/cookie-schema.js');

/**
 * Generates a package from `schema` (a schema document) with the real CLI, outside the workspace,
 * and bundles its page module (the runtime is found through this app's node_modules).
 */
export async function bundleGeneratedPage(schema: unknown): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'cookie-schema-banner-'));
  writeFileSync(join(dir, 'site.cookies.json'), JSON.stringify(schema, null, 2));
  await exec(process.execPath, [
    cli,
    'generate',
    join(dir, 'site.cookies.json'),
    '--out',
    join(dir, 'pkg'),
    '--name',
    '@test/site-cookies',
  ]);
  return bundleEntry(entry(join(dir, 'pkg/dist/client.js'), join(dir, 'pkg/dist/banner.js')), [
    join(usage, 'node_modules'),
  ]);
}
