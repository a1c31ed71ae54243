// Records packages/codegen/test/fixtures/audit/app.har: Chromium (playwright-core, the system
// /usr/bin/chromium) browsing a tiny node:http app on 127.0.0.1 that sets a mix of declared and
// undeclared cookies and a consent cookie, as a fixture for `cookie-schema audit`.
//
//   pnpm exec tsx scripts/record-har.ts [out.har]
//
// The story (schema: packages/codegen/test/fixtures/audit/site.cookies.json, revision 2):
// 1. The browser still holds a consent cookie from revision 1 (granting everything): stale.
// 2. GET / sets sid (clean), csrftoken (no Secure, SameSite=Strict), lang (2 years, no consent),
//    sessionid (undeclared, ambiguous in the Open Cookie Database), cart (Path=/shop).
//    The page's script writes _ga with document.cookie (no consent yet).
// 3. POST /consent: the visitor grants statistics; the response sets the revision-2 record.
// 4. GET /api/data sends everything; its response sets _gid (undeclared), theme (Expires 31
//    days, declared 30d; preferences not granted), _fbp (marketing, not granted), and deletes
//    an old cookie.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2] ?? join(root, 'packages/codegen/test/fixtures/audit/app.har');
const DAY = 86_400;

/** A consent record in the runtime's format (see consentCodec in @cookie-schema/runtime). */
function consentValue(revision: number, categories: string[], updatedAt = Date.now()): string {
  return `1.${revision}.${updatedAt.toString(36)}.fixture..${categories.join('~')}`;
}

const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Audit fixture app</title></head>
<body><h1>Audit fixture app</h1>
<script>
  document.cookie = '_ga=GA1.1.1234567890.1700000000; path=/; max-age=' + 400 * ${DAY};
  (async () => {
    await fetch('/consent', { method: 'POST', body: 'statistics' });
    await fetch('/api/data');
    document.title = 'done';
  })();
</script></body></html>`;

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname === '/') {
    res.setHeader('Set-Cookie', [
      `sid=3f9a2c71d4e8b605; Path=/; HttpOnly; SameSite=Lax; Max-Age=${14 * DAY}`,
      `csrftoken=Zt81kq0PxV; Path=/; SameSite=Strict; Max-Age=${365 * DAY}`,
      `lang=fr; Path=/; SameSite=Lax; Max-Age=${730 * DAY}`,
      'sessionid=k2v9x7c1m3; Path=/; HttpOnly; SameSite=Lax',
      `cart=2; Path=/shop; SameSite=Lax; Max-Age=${7 * DAY}`,
    ]);
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(page);
  } else if (url.pathname === '/consent' && req.method === 'POST') {
    const record = consentValue(2, ['necessary', 'statistics']);
    res.setHeader(
      'Set-Cookie',
      `cookies_preferences=${record}; Path=/; SameSite=Lax; Max-Age=${180 * DAY}`,
    );
    res.setHeader('Content-Type', 'application/json');
    res.end('{"ok":true}');
  } else if (url.pathname === '/api/data') {
    const expires = new Date(Date.now() + 31 * DAY * 1000).toUTCString();
    res.setHeader('Set-Cookie', [
      `_gid=GA1.1.987654321.1700000000; Path=/; SameSite=Lax; Max-Age=${DAY}`,
      `theme=dark; Path=/; SameSite=Lax; Expires=${expires}`,
      `_fbp=fb.1.1700000000000.123456789; Path=/; SameSite=Lax; Max-Age=${90 * DAY}`,
      'old_banner=; Path=/; Max-Age=0',
    ]);
    res.setHeader('Content-Type', 'application/json');
    res.end('{"items":[]}');
  } else {
    res.statusCode = 404;
    res.end();
  }
});

await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;
const origin = `http://127.0.0.1:${port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  const context = await browser.newContext({ recordHar: { path: out, content: 'omit' } });
  const stale = consentValue(1, ['necessary', 'preferences', 'statistics', 'marketing']);
  await context.addCookies([{ name: 'cookies_preferences', value: stale, url: origin }]);
  const tab = await context.newPage();
  await tab.goto(`${origin}/`);
  await tab.waitForFunction(() => document.title === 'done');
  await context.close(); // writes the HAR
  // Indented, so that a re-recording shows up readably in review.
  writeFileSync(out, `${JSON.stringify(JSON.parse(readFileSync(out, 'utf8')), null, 2)}\n`);
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  server.close();
}
