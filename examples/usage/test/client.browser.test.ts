// The generated client accessors in real Chromium: how they read what the browser serializes in
// document.cookie, what they write (checked in the browser's own jar), and what they refuse.
// Needs /usr/bin/chromium (driven by playwright-core).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  bundleEntry,
  bundleShopClient,
  launchChromium,
  MODULE_PATH,
  type PageServer,
  servePages,
} from './browser-harness.js';

// The harness serves one module at MODULE_PATH: here, the reference schema's client module.
const page = (title: string) =>
  `<!doctype html><html lang="en"><title>${title}</title><script type="module">
import * as ods from '${MODULE_PATH}';
window.ods = ods;
window.ready = true;
</script></html>`;

let browser: Browser;
let server: PageServer;
let context: BrowserContext;
let tab: Page;

beforeAll(async () => {
  browser = await launchChromium();
  server = await servePages(await bundleShopClient('@examples/opendatasoft-cookies/client'), {
    '/': page('root'),
    '/docs/': page('docs'),
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

beforeEach(async () => {
  await context?.close();
  context = await browser.newContext();
  tab = await context.newPage();
  await open('/');
});

async function open(path: string) {
  await tab.goto(server.base + path);
  await tab.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
}

/** Runs `body` in the page with the module as `ods`. */
function run<T>(body: string): Promise<T> {
  return tab.evaluate(`(() => { const ods = window.ods; ${body} })()`) as Promise<T>;
}

async function jar() {
  return Object.fromEntries((await context.cookies()).map((c) => [c.name, c]));
}

describe('client accessors in Chromium', () => {
  it('reads the default when absent, writes with the declared attributes, deletes', async () => {
    expect(await run('return ods.lang.get();')).toBe('en');
    expect(await run("return ods.lang.set('fr');")).toBe(true);
    const written = (await jar()).django_language!;
    expect(written).toMatchObject({ value: 'fr', path: '/', secure: true, sameSite: 'Lax' });
    expect(written.httpOnly).toBe(false);
    const year = written.expires - Date.now() / 1000;
    expect(year).toBeGreaterThan(365 * 86400 - 120);
    expect(year).toBeLessThanOrEqual(365 * 86400 + 5);
    expect(await run('return ods.lang.get();')).toBe('fr');
    await run('ods.lang.delete();');
    expect((await jar()).django_language).toBeUndefined();
    expect(await run('return [ods.lang.get(), ods.lang.has()];')).toEqual(['en', false]);
  });

  it('reads a DQUOTE-wrapped value, and falls back with a reason on an invalid one', async () => {
    await run(`document.cookie = 'django_language="de"; path=/';`);
    expect(await run('return ods.lang.get();')).toBe('de');
    await run(`document.cookie = 'django_language=xx; path=/';`);
    expect(await run('return ods.lang.get();')).toBe('en');
    expect(await run('return ods.lang.inspect();')).toEqual({
      ok: false,
      present: true,
      value: 'en',
      raw: 'xx',
      reason: 'expected one of "en", "fr", "de", "es", "it", "nl", received "xx"',
    });
    await run(`document.cookie = 'django_language=%E0%A4%A; path=/';`);
    expect(await run('return ods.lang.inspect().reason;')).toBe(
      '"%E0%A4%A" is not a valid uri enum',
    );
  });

  it('finds its own name only, and the most specific path first', async () => {
    await run(`document.cookie = 'xdjango_language=nl; path=/';`);
    expect(await run('return ods.lang.get();')).toBe('en');
    await run(`document.cookie = 'django_language=it; path=/';`);
    await run(`document.cookie = 'django_language=es; path=/docs/';`);
    await open('/docs/');
    expect(await run('return document.cookie;')).toMatch(/django_language=es.*django_language=it/);
    expect(await run('return ods.lang.get();')).toBe('es');
  });

  it('refuses bad values and longer lifetimes, writing nothing', async () => {
    const error = (call: string) =>
      run<[string, string]>(
        `try { ${call}; return ['none', '']; } catch (e) { return [e.code, e.message]; }`,
      );
    expect(await error("ods.lang.set('xx')")).toEqual([
      'invalid-value',
      'Cookie "django_language": expected one of "en", "fr", "de", "es", "it", "nl", received "xx"',
    ]);
    expect((await error('ods.lang.set("fr", { maxAge: 400 * 86400 })'))[0]).toBe('invalid-max-age');
    expect((await error("ods.csrftoken.set('short')"))[0]).toBe('invalid-value');
    expect(await jar()).toEqual({});
    expect(await run('return ods.lang.set("fr", { maxAge: 60 });')).toBe(true);
    const expires = (await jar()).django_language!.expires - Date.now() / 1000;
    expect(expires).toBeGreaterThan(50);
    expect(expires).toBeLessThanOrEqual(61);
  });

  it('guards a family by consent and checks member suffixes', async () => {
    const value = "'0123456789abcdef.1764374400'";
    const set = () => run<boolean>(`return ods.matomoVisitor.set('1.d4c3', ${value});`);
    // statistics is opt-out in the reference schema: written before any choice…
    expect(await set()).toBe(true);
    expect(Object.keys(await jar())).toEqual(['_pk_id.1.d4c3']);
    const thrown = await run<string>(
      `try { ods.matomoVisitor.set('1; Path=/x', ${value}); } catch (e) { return e.code; }`,
    );
    expect(thrown).toBe('invalid-name');
    // …until the visitor objects: deleted, and not written again…
    await run("ods.consent.revoke('statistics');");
    expect(Object.keys(await jar())).toEqual(['cookies_preferences']);
    expect(await set()).toBe(false);
    expect(Object.keys(await jar())).toEqual(['cookies_preferences']);
    // …until granted.
    await run("ods.consent.grant('statistics');");
    expect(await set()).toBe(true);
    expect(await run('return ods.matomoVisitor.names();')).toEqual(['_pk_id.1.d4c3']);
    expect(await run("return ods.matomoVisitor.get('1.d4c3');")).toBe(
      '0123456789abcdef.1764374400',
    );
    expect(Object.keys(await jar()).sort()).toEqual(['_pk_id.1.d4c3', 'cookies_preferences']);
    await run("ods.consent.revoke('statistics');");
    expect(Object.keys(await jar())).toEqual(['cookies_preferences']);
  });
});

describe('a production build', () => {
  // What a production bundler resolves (`browser` + `production` conditions, NODE_ENV
  // production): the runtime's build without messages. Same behaviour, codes for the text.
  let production: PageServer;
  beforeAll(async () => {
    const code = await bundleEntry("export * from '@examples/opendatasoft-cookies/client';", [], {
      production: true,
    });
    expect(code).not.toContain('received');
    production = await servePages(code, { '/': page('production') });
  }, 60_000);
  afterAll(() => production?.close());

  it('gives error codes and reasons as codes, and behaves as the development build', async () => {
    await tab.goto(`${production.base}/`);
    await tab.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
    const [code, message, isError] = await run<[string, string, boolean]>(
      "try { ods.lang.set('xx'); } catch (e) { return [e.code, e.message, e instanceof Error]; }",
    );
    expect([code, message, isError]).toEqual([
      'invalid-value',
      'Cookie "django_language": invalid-value',
      true,
    ]);
    expect(
      await run('return ods.lang.set("fr", { maxAge: 400 * 86400 }) ;').catch((e) => String(e)),
    ).toMatch(/invalid-max-age/);
    await run(`document.cookie = 'django_language=xx; path=/';`);
    expect(await run('return ods.lang.inspect();')).toEqual({
      ok: false,
      present: true,
      value: 'en',
      raw: 'xx',
      reason: 'invalid-value',
    });
    await run(`document.cookie = 'django_language=%E0%A4%A; path=/';`);
    expect(await run('return ods.lang.inspect().reason;')).toBe('malformed');
    expect(await run("return ods.lang.set('fr');")).toBe(true);
    expect(await run('return ods.lang.get();')).toBe('fr');
  });
});

describe('client module without a document (server rendering)', () => {
  it('reads defaults and writes nothing, without throwing', async () => {
    const { lang, csrftoken, consent } = await import('@examples/opendatasoft-cookies/client');
    expect(typeof document).toBe('undefined');
    expect(lang.get()).toBe('en');
    expect(csrftoken.get()).toBeUndefined();
    expect(lang.set('fr')).toBe(true);
    expect(lang.get()).toBe('en');
    expect(consent.needsPrompt).toBe(true);
  });
});
