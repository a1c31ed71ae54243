// Renders the reference policy page (opendatasoft, English) in Chromium and saves the screenshots
// reviewed in docs/: a 1280px desktop and a 390px phone, full page. Re-run after changing the
// HTML renderer, look at both images, and commit them:
//   pnpm exec tsx scripts/policy-screenshots.ts
// Uses /usr/bin/chromium through playwright-core (never `playwright install`).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { renderPolicyHtml } from '../packages/codegen/src/policy/render-html';
import { loadSchema } from '../packages/codegen/src/schema/load';
import { launchChromium } from './chromium.js';

const root = join(import.meta.dirname, '..');
const result = await loadSchema(join(root, 'schemas', 'examples', 'opendatasoft.cookies.json'));
if (!result.ok) throw new Error('schemas/examples/opendatasoft.cookies.json is invalid');
const html = renderPolicyHtml(result.schema, { locale: 'en' });

const browser = await launchChromium();
try {
  mkdirSync(join(root, 'docs'), { recursive: true });
  for (const [name, width, scale] of [
    ['desktop', 1280, 1],
    ['phone', 390, 2],
  ] as const) {
    const page = await browser.newPage({
      viewport: { width, height: 800 },
      deviceScaleFactor: scale,
      colorScheme: 'light',
    });
    await page.setContent(html);
    const path = join(root, 'docs', `policy-page-${name}.png`);
    await page.screenshot({ path, fullPage: true });
    await page.close();
    console.log(`wrote ${path}`);
  }
} finally {
  await browser.close();
}
