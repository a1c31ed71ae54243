// Browser bundle sizes: what an app ships for one accessor, one accessor with its consent guard,
// one JSON accessor with its validator, the whole client module of each example schema (consent included, the firewall apart), and the
// cookie firewall (what it adds to a page that has `consent`), against js-cookie and
// universal-cookie (and js-cookie with JSON.parse) doing get + set. esbuild (bundle, minify, browser, ESM) as a production build
// resolves and defines: the `module`, `browser` and `production` export conditions (Vite's for a
// production build) and `process.env.NODE_ENV` = "production"; the committed generated packages
// imported by name, through their exports, as a user's bundler sees them; gzip level 9 and brotli
// quality 11.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { root } from '../lib.mjs';

// Entries resolve bare specifiers from the scripts package, which depends on the peers (js-cookie,
// universal-cookie), and then from the example app of examples/usage, which depends on the
// generated packages (`@examples/<name>-cookies`).
const PEERS = join(root, 'scripts');
const APP_MODULES = [join(root, 'examples/usage/node_modules')];

/**
 * What a production bundler resolves and defines. esbuild's own default conditions are replaced
 * by any `conditions` list (it would drop `module`), so the list names them all; `browser` is
 * also on through `platform: 'browser'`.
 */
export const PRODUCTION = {
  platform: 'browser',
  conditions: ['module', 'browser', 'production'],
  define: { 'process.env.NODE_ENV': '"production"' },
};

const clientPath = (example) => join(root, 'examples/generated', example, 'dist/client.js');
/** A module of a generated package, by the name an app imports it with. */
const generated = (example, module) => JSON.stringify(`@examples/${example}-cookies/${module}`);
const client = (example) => generated(example, 'client');

/** `export { … } from` every export of a client module but the firewall (measured on its own). */
async function allButFirewall(example) {
  const names = Object.keys(await import(pathToFileURL(clientPath(example)).href));
  const kept = names.filter((name) => name !== 'installCookieFirewall');
  return `export { ${kept.join(', ')} } from ${client(example)};`;
}

/** [id, budget key or undefined, entry source]; every entry uses what it imports. */
export const bundleCases = [
  [
    'ours: one accessor, get + set (opendatasoft `lang`, necessary)',
    undefined,
    `import { lang } from ${client('opendatasoft')};
export const read = () => lang.get();
export const write = (v) => lang.set(v);`,
  ],
  [
    'ours: one accessor with its consent guard, get + set (shop `ga`, statistics)',
    'accessor',
    `import { ga } from ${client('shop')};
export const read = () => ga.get();
export const write = (v) => ga.set(v);`,
  ],
  [
    'ours: one JSON accessor, get + set (shop `cart`, necessary)',
    'json-accessor',
    `import { cart } from ${client('shop')};
export const read = () => cart.get();
export const write = (v) => cart.set(v);`,
  ],
  [
    'ours: guarded accessor + consent API (shop `ga`, `consent`)',
    undefined,
    `import { consent, ga } from ${client('shop')};
export { consent };
export const read = () => ga.get();
export const write = (v) => ga.set(v);`,
  ],
  [
    'ours: whole client module but the firewall, opendatasoft (5 cookies, consent)',
    'module',
    await allButFirewall('opendatasoft'),
  ],
  [
    'ours: whole client module but the firewall, shop (13 cookies, consent)',
    undefined,
    await allButFirewall('shop'),
  ],
  [
    'ours: `consent` alone (opendatasoft)',
    'consent',
    `export { consent } from ${client('opendatasoft')};`,
  ],
  [
    'ours: `consent` + the firewall (opendatasoft, rules of 4 cookies)',
    'firewall',
    `export { consent, installCookieFirewall } from ${client('opendatasoft')};`,
  ],
  ['ours: `consent` alone (shop)', 'consent-shop', `export { consent } from ${client('shop')};`],
  [
    'ours: `consent` + the firewall (shop, rules of 12 cookies)',
    'firewall-shop',
    `export { consent, installCookieFirewall } from ${client('shop')};`,
  ],
  [
    'ours: the firewall alone, with its consent check (opendatasoft)',
    undefined,
    `export { installCookieFirewall } from ${client('opendatasoft')};`,
  ],
  [
    'js-cookie: get + set',
    'js-cookie',
    `import Cookies from 'js-cookie';
export const read = () => Cookies.get('lang');
export const write = (v) => Cookies.set('lang', v, { expires: 365, path: '/', secure: true, sameSite: 'lax' });`,
  ],
  [
    'js-cookie + JSON.parse: get + set of a JSON cookie (no validation)',
    'js-cookie-json',
    `import Cookies from 'js-cookie';
export const read = () => {
  const raw = Cookies.get('cart');
  try {
    return raw === undefined ? undefined : JSON.parse(raw);
  } catch {
    return undefined;
  }
};
export const write = (v) => Cookies.set('cart', JSON.stringify(v), { expires: 7, path: '/', secure: true, sameSite: 'lax' });`,
  ],
  [
    'universal-cookie: get + set',
    undefined,
    `import Cookies from 'universal-cookie';
const cookies = new Cookies();
export const read = () => cookies.get('lang');
export const write = (v) => cookies.set('lang', v, { maxAge: 31536000, path: '/', secure: true, sameSite: 'lax' });`,
  ],
  [
    'the contract of one guarded accessor, hand-tight (reference: scripts/bench/contract-floor.js)',
    undefined,
    `import { abBucket } from ${JSON.stringify(join(root, 'scripts/bench/contract-floor.js'))};
export const read = () => abBucket.get();
export const write = (v) => abBucket.set(v);`,
  ],
  [
    'hand-written get + set (floor)',
    undefined,
    `export const read = () => {
  for (const part of document.cookie.split('; ')) {
    const i = part.indexOf('=');
    if (part.slice(0, i) === 'lang') return decodeURIComponent(part.slice(i + 1));
  }
};
export const write = (v) => {
  document.cookie = 'lang=' + encodeURIComponent(v) + '; Max-Age=31536000; Path=/; Secure; SameSite=Lax';
};`,
  ],
];

/** gzip -9 and brotli -q 11 sizes of some bytes (or text, as UTF-8). */
export function compressed(input) {
  const bytes = typeof input === 'string' ? Buffer.from(input) : input;
  return {
    min: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }).length,
  };
}

/** Minified, gzip and brotli bytes of one entry. */
export async function bundleSize(contents) {
  const out = await build({
    stdin: { contents, resolveDir: PEERS, loader: 'js', sourcefile: 'entry.js' },
    nodePaths: APP_MODULES,
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    target: 'es2022',
    ...PRODUCTION,
    logLevel: 'silent',
  });
  const bytes = out.outputFiles[0].contents;
  return {
    ...compressed(bytes),
    text: new TextDecoder().decode(bytes),
  };
}

export async function measureBundles() {
  const rows = [];
  for (const [id, key, contents] of bundleCases) {
    rows.push({ id, key, ...(await bundleSize(contents)) });
  }
  return rows;
}

/**
 * Where the minified bytes of an entry come from, by input file, bundling the runtime from its
 * TypeScript sources (the `source` export condition, before the production ones) so that each
 * runtime file is its own input.
 */
export async function bundleComposition(contents) {
  const out = await build({
    stdin: { contents, resolveDir: PEERS, loader: 'js', sourcefile: 'entry.js' },
    nodePaths: APP_MODULES,
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    target: 'es2022',
    ...PRODUCTION,
    conditions: ['source', ...PRODUCTION.conditions],
    metafile: true,
    logLevel: 'silent',
  });
  const [output] = Object.values(out.metafile.outputs);
  return Object.entries(output.inputs)
    .map(([path, { bytesInOutput }]) => ({
      path: path.replace(/^.*?(packages|examples)\//, '$1/'),
      bytes: bytesInOutput,
    }))
    .filter((row) => row.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
}

/**
 * What a page pays for the consent banner when it asks: an app's production build that has
 * `consent` and imports the banner on demand, split by esbuild; the bytes of the chunks only the
 * dynamic import loads (the banner's JS, its CSS inside, and the schema's texts in every locale).
 */
async function bannerOnDemand(example) {
  const out = await build({
    stdin: {
      contents: `import { consent } from ${generated(example, 'client')};
export const ask = () => consent.needsPrompt && import(${generated(example, 'banner')}).then((m) => m.showConsentBanner());`,
      resolveDir: root,
      loader: 'js',
      sourcefile: 'app.js',
    },
    nodePaths: APP_MODULES,
    bundle: true,
    write: false,
    minify: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    ...PRODUCTION,
    outdir: 'out',
    entryNames: 'app',
    chunkNames: 'chunk-[hash]',
    logLevel: 'silent',
  });
  const files = new Map(out.outputFiles.map((f) => [f.path.split('/').pop(), f]));
  const app = new TextDecoder().decode(files.get('app.js').contents);
  const eager = new Set([
    'app.js',
    ...[...app.matchAll(/from"\.\/(chunk-[\w-]+\.js)"/g)].map((m) => m[1]),
  ]);
  const lazy = [...files].filter(([name]) => !eager.has(name)).map(([, f]) => f.contents);
  if (lazy.length === 0) throw new Error(`${example}: the banner is not split from the app`);
  // Each lazy chunk is its own download: add their compressed sizes.
  const sizes = lazy.map(compressed);
  const sum = (key) => sizes.reduce((total, size) => total + size[key], 0);
  return { min: sum('min'), gzip: sum('gzip'), brotli: sum('brotli') };
}

const usage = createRequire(join(root, 'examples/usage/package.json'));

/**
 * The consent banners: ours on demand (the budget), ours in one bundle with consent, the runtime's
 * machinery alone, and vanilla-cookieconsent 3.1.0's JS and CSS (what a site ships to show it;
 * its configuration and texts come on top).
 */
export async function measureBanners() {
  const vanilla = usage.resolve('vanilla-cookieconsent');
  const vanillaCss = readFileSync(usage.resolve('vanilla-cookieconsent/dist/cookieconsent.css'));
  const vanillaVersion = JSON.parse(
    readFileSync(usage.resolve('vanilla-cookieconsent/package.json'), 'utf8'),
  ).version;
  const rows = [
    [
      'ours: banner + preferences dialog, loaded on demand, opendatasoft (JS, CSS inside, en + fr texts)',
      'banner',
      () => bannerOnDemand('opendatasoft'),
    ],
    [
      'ours: banner + preferences dialog, loaded on demand, shop (15 cookies, 5 categories, en + de)',
      undefined,
      () => bannerOnDemand('shop'),
    ],
    [
      'ours: the banner module with consent and the client runtime, one bundle, opendatasoft',
      undefined,
      () => bundleSize(`export * from ${generated('opendatasoft', 'banner')};`),
    ],
    [
      'ours: @cookie-schema/runtime/banner alone (DOM, focus, CSS; no texts)',
      undefined,
      () =>
        bundleSize(
          `export * from ${JSON.stringify(join(root, 'packages/runtime/dist/banner.js'))};`,
        ),
    ],
    [
      `vanilla-cookieconsent ${vanillaVersion}: JS (no configuration)`,
      'vanilla-js',
      () => bundleSize(`export * from ${JSON.stringify(vanilla)};`),
    ],
    [
      `vanilla-cookieconsent ${vanillaVersion}: CSS (dist/cookieconsent.css)`,
      'vanilla-css',
      () => compressed(vanillaCss),
    ],
  ];
  const measured = [];
  for (const [id, key, measure] of rows) {
    const { min, gzip, brotli } = await measure();
    measured.push({ id, key, min, gzip, brotli });
  }
  return measured;
}
