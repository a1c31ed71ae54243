// What a browser bundle of the generated client module contains, bundled with esbuild as an app
// would: one accessor pulls in no other cookie, no zod, no ts-morph and no Node built-in.
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
// The firewall's budget (≤ 1 KB gzip, what it adds to a page that has `consent`) is measured by
// `pnpm bench`; its ceiling here stops regressions as well.
const CEILING = { necessary: 1700, guarded: 2250, module: 4300, firewall: 1100 };

/** The named exports of a generated client module, but the firewall. */
async function exportsButFirewall(specifier: string): Promise<string[]> {
  const names = Object.keys(await import(specifier));
  return names.filter((name) => name !== 'installCookieFirewall');
}

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
