// Records packages/codegen/test/fixtures/audit/app.har: Chromium (playwright-core, the system
// /usr/bin/chromium) walking the example app (examples/app, schema
// schemas/examples/opendatasoft.cookies.json) in legacy mode, as a fixture for
// `cookie-schema audit`.
//
//   pnpm exec tsx scripts/record-har.ts [out.har]
//
// Legacy mode replays an older version of the app; the app itself sets only declared cookies,
// with consent. The journey, and what the audit must flag in it:
// 1. GET /: the server sets csrftoken. The legacy snippets (/legacy.js) write, with raw
//    document.cookie and before any consent, _hjSessionUser_123 (Hotjar; undeclared),
//    _pk_id.1.<hash> (Matomo's visitor cookie; declared, statistics) and
//    _pk_ses.1.<hash> (Matomo's session cookie; undeclared). Every later request sends them.
// 2. POST /login (ada / lovelace): sessionid (HttpOnly) and a rotated csrftoken.
// 3. The app's language switch: page code writes django_language=fr, then reloads.
// 4. POST /api/search with the X-CSRFToken header.
// 5. POST /i18n/setlang/ (Django's set_language, legacy): django_language=en set by hand without
//    Secure or SameSite, for two years where the policy declares one.
// 6. Accept all in the generated banner: the page writes cookies_preferences; the statistics
//    script reports a page view (POST /matomo.php) with _pk_id. A reload does it again.
// 7. In the preferences dialog ("Cookie settings"), statistics off: _pk_id is deleted; on the next
//    page the legacy snippet writes it again, after the visitor objected.
// The committed fixture was recorded while statistics were opt-in (the app's own script then ran
// only after step 6); since the schema made them opt-out (anonymous audience measurement), the
// app's script also runs from step 1. Either way, what the audit must flag is the same: the
// legacy snippets' cookies, and _pk_id written after the objection.
// 8. POST /logout: sessionid deleted.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { startApp } from '../examples/app/src/server.js';
import { launchChromium } from './chromium.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2] ?? join(root, 'packages/codegen/test/fixtures/audit/app.har');

const app = await startApp({ port: 0, legacy: true });
const browser = await launchChromium();

/** Runs `action`, which navigates, and waits until the new page's code has started. */
async function navigate(page: Page, action: () => Promise<unknown>): Promise<void> {
  await Promise.all([page.waitForEvent('load'), action()]);
  await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
}

const matomoHit = (page: Page) =>
  page.waitForResponse((r) => new URL(r.url()).pathname === '/matomo.php');

try {
  const context = await browser.newContext({ recordHar: { path: out, content: 'omit' } });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  await navigate(page, () => page.goto(app.url));
  await page.fill('#username', 'ada');
  await page.fill('#password', 'lovelace');
  await navigate(page, () => page.click('#login button[type="submit"]'));
  await page.selectOption('#language', 'fr');
  await navigate(page, () => page.click('#language-form button'));
  await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/search'),
    page.click('#load-datasets'),
  ]);
  await page.selectOption('#legacy-language select', 'en');
  await navigate(page, () => page.click('#legacy-language button'));
  // The generated banner (loaded by the page while there is no choice): accept all.
  await page.waitForSelector('.cs-banner');
  await page.click('.cs-banner [data-cookie-consent="accept-all"]');
  await navigate(page, () => Promise.all([matomoHit(page), page.reload()]));
  // Its preferences dialog, from "Cookie settings": statistics off, save.
  await page.click('#cookie-settings');
  await page.waitForSelector('.cs-dialog[open]');
  await page.click('.cs-cat:nth-of-type(2) label');
  await page.click('[data-cookie-consent="save"]');
  await navigate(page, () => page.reload());
  await navigate(page, () => page.click('form[action="/logout"] button'));
  await context.close(); // writes the HAR
  // Indented, so that a re-recording shows up readably in review.
  writeFileSync(out, `${JSON.stringify(JSON.parse(readFileSync(out, 'utf8')), null, 2)}\n`);
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await app.close();
}
