// What a browser bundle of the generated client module contains, bundled with esbuild as an app
// would: one accessor pulls in no other cookie, no zod, no ts-morph and no Node built-in; the
// consent banner is in a chunk of its own, which a page that never prompts does not load.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const resolveDir = new URL('..', import.meta.url).pathname;

async function bundle(contents: string) {
  const result = await build({
    stdin: { contents, resolveDir, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  return { code, gzip: gzipSync(code, { level: 9 }).length };
}

const FORBIDDEN = [
  /\bzod\b/,
  /ts-morph/,
  /from\s*["']node:/,
  /require\(["']node:/,
  /IncomingMessage/,
  /setHeader/,
];

/** Strings only the cookie firewall brings: a bundle that never calls it must not have them. */
const FIREWALL = ['cookieStore', 'reportError', 'not-granted', 'undeclared', 'Document.prototype'];

// SPEC §6 budgets: ≤ 700 B gzip for one accessor with its guard, ≤ 2 KB for the whole client
// module of the reference schema. NOT MET (measured 2026-11-29: 1.6 KB for a necessary accessor,
// 2.1 KB guarded, 4.1 KB for the module, down from 2.4 / 3.3 / 4.7 KB). The schema's constants
// alone are ~330 B gzip of the 700, and a hand-tight implementation of the same contract
// (validation with messages, `inspect()` reasons, lifetime overrides, the consent record check)
// is ~1.35 KB (docs/BENCHMARKS.md). The ceilings below stop regressions; they are not the budget.
// Raised for the security hardening of issue 14 (reads that refuse what writes refuse, set()
// options checked, purges that spare the consent cookie and validate the host): measured
// 1.93 / 2.43 / 4.75 KB.
// Raised again for issues 15, 17 and 20 (domain overrides and `whyNot` reasons, opt-out
// categories, encrypted cookies refused in the browser): measured 2.02 / 2.58 / 4.98 KB on
// 2026-12-05. Issue 16 (specialised code) is the one meant to bring these under the budget.
// The firewall's budget (≤ 1 KB gzip, what it adds to a page that has `consent`) is measured by
// `pnpm bench`; its ceiling here stops regressions as well.
const CEILING = { necessary: 2050, guarded: 2600, module: 5000, firewall: 1100 };

/** The named exports of a generated client module, but the firewall. */
async function exportsButFirewall(specifier: string): Promise<string[]> {
  const names = Object.keys(await import(specifier));
  return names.filter((name) => name !== 'installCookieFirewall');
}

/** An app's production build with code splitting: each output file's text, by name. */
async function splitBundle(contents: string) {
  const result = await build({
    stdin: { contents, resolveDir, loader: 'ts', sourcefile: 'app.ts' },
    bundle: true,
    minify: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outdir: 'out',
    entryNames: 'app',
    chunkNames: 'chunk-[hash]',
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles.map((f) => ({
    name: f.path.split('/').pop()!,
    code: f.text,
    gzip: gzipSync(f.contents, { level: 9 }).length,
  }));
}

/** What only the banner and its dialog contain. */
const BANNER_MARKERS = ['data-cookie-consent', 'adoptedStyleSheets', 'showModal', 'cs-banner'];

describe('client bundles', () => {
  it('one accessor of a necessary cookie contains no other cookie', async () => {
    const { code, gzip } = await bundle(
      "import { lang } from '@examples/opendatasoft-cookies/client'; lang.set('fr'); console.log(lang.get());",
    );
    expect(code).toContain('django_language');
    for (const other of ['sessionid', 'csrftoken', 'cookies_preferences'])
      expect(code).not.toContain(other);
    for (const pattern of FORBIDDEN) expect(code).not.toMatch(pattern);
    for (const text of FIREWALL) expect(code).not.toContain(text);
    console.info(`opendatasoft lang accessor: ${code.length} B minified, ${gzip} B gzip`);
    expect(gzip).toBeLessThanOrEqual(CEILING.necessary);
  });

  it('one accessor with its consent guard contains no other cookie', async () => {
    const { code, gzip } = await bundle(
      "import { abBucket } from '@examples/shop-cookies/client'; abBucket.set(3); console.log(abBucket.get());",
    );
    expect(code).toContain('ab_bucket');
    expect(code).toContain('shop_consent');
    for (const other of ['__Host-session', 'cart', 'currency', '_fbp', 'IDE', 'recently_viewed']) {
      expect(code).not.toContain(`"${other}"`);
    }
    for (const pattern of FORBIDDEN) expect(code).not.toMatch(pattern);
    for (const text of FIREWALL) expect(code).not.toContain(text);
    console.info(`shop abBucket accessor with guard: ${code.length} B minified, ${gzip} B gzip`);
    expect(gzip).toBeLessThanOrEqual(CEILING.guarded);
  });

  it("the shop's client module has neither its encrypted cookie nor the sealing code", async () => {
    const { code } = await bundle(
      "import * as cookies from '@examples/shop-cookies/client'; console.log(cookies);",
    );
    expect(code).toContain('shop_consent');
    expect(code).toContain('recently_viewed');
    for (const serverOnly of ['__Host-oauth_state', 'AES-GCM', 'HKDF']) {
      expect(code).not.toContain(serverOnly);
    }
  });

  it('the whole client module of the reference schema (the firewall apart) has no server-only cookie', async () => {
    const names = (await exportsButFirewall('@examples/opendatasoft-cookies/client')).join(', ');
    const { code, gzip } = await bundle(
      `import { ${names} } from '@examples/opendatasoft-cookies/client'; console.log({ ${names} });`,
    );
    expect(code).toContain('cookies_preferences');
    expect(code).not.toContain('sessionid');
    for (const pattern of FORBIDDEN) expect(code).not.toMatch(pattern);
    for (const text of FIREWALL) expect(code).not.toContain(text);
    console.info(`opendatasoft whole client module: ${code.length} B minified, ${gzip} B gzip`);
    expect(gzip).toBeLessThanOrEqual(CEILING.module);
  });

  it('the firewall comes only with installCookieFirewall, with the client cookies’ rules', async () => {
    const module = "'@examples/opendatasoft-cookies/client'";
    const consent = await bundle(`import { consent } from ${module}; console.log(consent);`);
    for (const text of FIREWALL) expect(consent.code).not.toContain(text);
    const { code, gzip } = await bundle(
      `import { consent, installCookieFirewall } from ${module}; console.log(consent, installCookieFirewall());`,
    );
    for (const text of FIREWALL) expect(code).toContain(text);
    // The rules: every cookie page scripts may write (csrftoken is in no other part of this bundle).
    for (const name of ['django_language', 'csrftoken', 'cookies_preferences', '"_pk_id.*"']) {
      expect(code).toContain(name);
    }
    expect(code).not.toContain('sessionid');
    for (const pattern of FORBIDDEN) expect(code).not.toMatch(pattern);
    const added = gzip - consent.gzip;
    console.info(`opendatasoft firewall: ${added} B gzip added to a page with consent`);
    expect(added).toBeLessThanOrEqual(CEILING.firewall);
  });
});

describe('the consent banner (<pkg>/banner)', () => {
  it('is not in the client module: a page that never prompts pays nothing for it', async () => {
    const { code } = await bundle(
      "import * as cookies from '@examples/shop-cookies/client'; console.log(cookies);",
    );
    expect(code).toContain('shop_consent');
    for (const marker of [...BANNER_MARKERS, 'Accept all', 'We use cookies']) {
      expect(code).not.toContain(marker);
    }
  });

  it('loaded on demand, is a chunk of its own with the texts of every locale', async () => {
    const files = await splitBundle(
      `import { consent } from '@examples/shop-cookies/client';
if (consent.needsPrompt) import('@examples/shop-cookies/banner').then((m) => m.showConsentBanner());`,
    );
    const app = files.find((f) => f.name === 'app.js')!;
    // What the page loads up front: the app and the chunks it imports statically (esbuild moves
    // `consent`, which the banner shares, into one); the rest is loaded only by import().
    const eager = [app];
    for (const [, name] of app.code.matchAll(/from\s*["']\.\/(chunk-[\w-]+\.js)["']/g)) {
      eager.push(files.find((f) => f.name === name)!);
    }
    const lazy = files.filter((f) => !eager.includes(f));
    const upFront = eager.map((f) => f.code).join('\n');
    expect(upFront).toContain('shop_consent');
    expect(app.code).toMatch(/import\(["']\.\/chunk-[\w-]+\.js["']\)/);
    for (const marker of BANNER_MARKERS) expect(upFront).not.toContain(marker);
    expect(lazy).toHaveLength(1);
    const banner = lazy[0]!;
    for (const marker of BANNER_MARKERS) expect(banner.code).toContain(marker);
    for (const text of ['Accept all', 'Alle akzeptieren', 'Audience measurement', 'audience_id']) {
      expect(banner.code).toContain(text);
    }
    for (const pattern of FORBIDDEN) expect(banner.code).not.toMatch(pattern);
    console.info(`shop banner, loaded on demand: ${banner.gzip} B gzip`);
    // SPEC §6: banner + preferences dialog, JS + CSS, ≤ 6 KB gzip (pnpm bench measures it beside
    // vanilla-cookieconsent).
    expect(banner.gzip).toBeLessThanOrEqual(6144);
  });
});
