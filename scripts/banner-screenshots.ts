// Renders the generated consent banner and preferences dialog of the shop example (English) in
// Chromium and saves the screenshots reviewed in docs/: light and dark, a 1280px desktop and a
// 390px phone. Re-run after changing the banner (packages/runtime/src/banner*.ts), look at every
// image, and commit them:
//   pnpm exec tsx scripts/banner-screenshots.ts
// Uses /usr/bin/chromium through playwright-core (never `playwright install`).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BANNER_PAGES, bundleBannerPage } from '../examples/usage/test/banner-page.js';
import { servePages } from '../examples/usage/test/browser-harness.js';
import { launchChromium } from './chromium.js';

const root = join(import.meta.dirname, '..');
const [code, browser] = await Promise.all([bundleBannerPage(), launchChromium()]);
const server = await servePages(code, BANNER_PAGES);
try {
  mkdirSync(join(root, 'docs'), { recursive: true });
  for (const [device, width, height] of [
    ['desktop', 1280, 800],
    ['phone', 390, 844],
  ] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      const page = await browser.newPage({ viewport: { width, height }, colorScheme: scheme });
      await page.goto(`${server.base}/?prompt`);
      await page.waitForSelector('.cs-banner');
      const banner = join(root, 'docs', `banner-${device}-${scheme}.png`);
      await page.screenshot({ path: banner });
      await page.click('[data-cookie-consent="preferences"]');
      await page.waitForSelector('.cs-dialog[open]');
      // The opt-out category (on until the visitor objects) with its cookies unfolded, and the
      // opt-in one above it.
      await page.click('.cs-cat:last-of-type summary');
      await page.$eval('.cs-cat:last-of-type', (el) => el.scrollIntoView({ block: 'end' }));
      const dialog = join(root, 'docs', `preferences-${device}-${scheme}.png`);
      await page.screenshot({ path: dialog });
      await page.close();
      console.log(`wrote ${banner}\nwrote ${dialog}`);
    }
  }
} finally {
  await browser.close();
  await server.close();
}
