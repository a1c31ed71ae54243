// A family never purges what it must not (SPEC §3 last rule), even in a package generated from a
// schema that `validate` refuses: the shop schema, changed after validation so that its `_ga_*`
// family covers a necessary `_ga_keep` and a `shop_*` family (statistics) covers the consent
// cookie `shop_consent`. Revoking statistics, on a real package's server jar and in Chromium,
// deletes the members and keeps `_ga_keep` and the visitor's choice.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emitPackage, loadSchema } from '@cookie-schema/codegen';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bundleShopClient,
  launchChromium,
  MODULE_PATH,
  type PageServer,
  servePages,
} from './browser-harness.js';

const here = dirname(fileURLToPath(import.meta.url));
let dir: string;

beforeAll(async () => {
  const loaded = await loadSchema(join(here, '../../../schemas/examples/shop.cookies.json'));
  if (!loaded.ok) throw new Error('invalid example');
  const schema = { ...loaded.schema, cookies: [...loaded.schema.cookies] };
  const necessary = schema.cookies.find((c) => c.name === 'csrf' || c.category === 'necessary')!;
  const family = schema.cookies.find((c) => c.name === '_ga_*')!;
  schema.cookies.push(
    {
      ...necessary,
      name: '_ga_keep',
      prefix: '_ga_keep',
      accessor: 'gaKeep',
      scope: 'both',
      httpOnly: false,
      signed: false,
      family: false,
    },
    { ...family, name: 'shop_*', prefix: 'shop_', accessor: 'shopStats' },
  );
  // Inside examples/usage, so that the package resolves @cookie-schema/runtime as an app's would.
  dir = mkdtempSync(join(here, '..', '.covering-'));
  for (const [path, text] of emitPackage(schema, { name: 'covering', command: 'test' })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a family that covers other names (server jar)', () => {
  it('the generated purge list names what the family covers', async () => {
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(join(dir, 'src/server.ts'), 'utf8')).toContain("except: ['_ga_keep']");
  });

  it('revoking statistics keeps _ga_keep and the consent cookie', async () => {
    const { createCookies } = await import(join(dir, 'dist/server.js'));
    const secrets = ['s'.repeat(32)];
    const granting = createCookies('', { secrets });
    granting.consent.grant('statistics');
    const choice = granting.toSetCookieHeaders()[0].split(';')[0];
    const jar = createCookies(`${choice}; _ga_keep=1; _ga_x=2; shop_x=3`, { secrets });
    jar.consent.revoke('statistics');
    const headers: string[] = jar.toSetCookieHeaders();
    const deleted = headers.filter((h) => /Max-Age=0/.test(h)).map((h) => h.split('=')[0]);
    expect(deleted.sort()).toEqual(['_ga_x', 'shop_x']);
    const consent = headers.find((h) => h.startsWith('shop_consent='))!;
    expect(consent).not.toMatch(/Max-Age=0/);
    expect(createCookies(consent.split(';')[0], { secrets }).consent.state()).toMatchObject({
      needsPrompt: false,
      // audience is opt-out: granting statistics did not object to it, revoking it neither.
      granted: ['necessary', 'audience'],
    });
  });
});

describe('a family that covers other names (Chromium)', () => {
  let browser: Browser;
  let server: PageServer;

  beforeAll(async () => {
    browser = await launchChromium();
    const page = `<!doctype html><html lang="en"><title>x</title><script type="module">
import * as shop from '${MODULE_PATH}';
window.shop = shop;
window.ready = true;
</script></html>`;
    server = await servePages(await bundleShopClient(join(dir, 'dist/client.js')), { '/': page });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('revoking statistics keeps _ga_keep and the consent cookie', async () => {
    const context = await browser.newContext();
    const tab = await context.newPage();
    await tab.goto(`${server.base}/`);
    await tab.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
    const after = await tab.evaluate(() => {
      const { consent } = (
        window as unknown as {
          shop: { consent: { grant(c: string): void; revoke(c: string): void } };
        }
      ).shop;
      consent.grant('statistics');
      for (const pair of ['_ga_keep=1', '_ga_x=2', 'shop_x=3']) {
        // biome-ignore lint/suspicious/noDocumentCookie: a third-party script's write, on purpose
        document.cookie = `${pair}; Path=/; Secure; SameSite=Lax`;
      }
      consent.revoke('statistics');
      return document.cookie;
    });
    const names = after
      .split('; ')
      .map((pair) => pair.split('=')[0])
      .sort();
    expect(names).toEqual(['_ga_keep', 'shop_consent']);
    await context.close();
  });
});
