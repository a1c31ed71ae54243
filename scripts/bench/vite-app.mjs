// Vite production builds of page code, as an app ships it: Vite's own defaults for a production
// build (`vite build`: its minifier, the `module`, `browser` and `production` export conditions,
// `process.env.NODE_ENV` = "production"), written to memory; the JS of the output, each file
// compressed on its own (gzip level 9, brotli quality 11), as a browser downloads it.
//
// - the example app's client (examples/app/src/client: `app.ts`, the page code, and
//   `analytics.ts`, the statistics script), built from its real entries, which import the
//   generated package and the runtime by name from examples/app;
// - a new user's app: a page script that reads and writes three cookies of the shop schema and
//   uses `consent`, importing `@examples/shop-cookies/client` by name from a temporary app whose
//   node_modules links the generated package (as `pnpm add` would).
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { root } from '../lib.mjs';
import { compressed } from './bundle.mjs';

/**
 * `vite build` of some entries in memory: the JS chunks of the output, each with its sizes, its
 * entry name if it is an entry, and the chunks it imports statically.
 */
export async function viteBuild(appRoot, input) {
  const cacheDir = mkdtempSync(join(tmpdir(), 'cookie-schema-vite-'));
  try {
    const result = await build({
      root: appRoot,
      configFile: false,
      envFile: false,
      publicDir: false,
      cacheDir,
      logLevel: 'silent',
      mode: 'production',
      build: {
        write: false,
        reportCompressedSize: false,
        copyPublicDir: false,
        rolldownOptions: { input },
      },
    });
    const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
    // The banner's CSS is a string in its JS; a CSS or other asset would be left out of the sums.
    const other = outputs.filter((o) => o.type !== 'chunk').map((o) => o.fileName);
    if (other.length) throw new Error(`vite build: unexpected assets ${other.join(', ')}`);
    return outputs.map((chunk) => ({
      file: chunk.fileName,
      entry: chunk.isEntry ? chunk.name : undefined,
      imports: chunk.imports,
      ...compressed(chunk.code),
    }));
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

/** The chunks a page loads for one entry before any dynamic import: it and its static imports. */
function loadedBy(chunks, entry) {
  const loaded = new Set();
  const visit = (chunk) => {
    if (!chunk || loaded.has(chunk)) return;
    loaded.add(chunk);
    for (const file of chunk.imports) visit(chunks.find((c) => c.file === file));
  };
  visit(chunks.find((c) => c.entry === entry));
  return [...loaded];
}

/** Sizes of a list of files, each compressed on its own. */
function total(files) {
  const sum = (key) => files.reduce((n, f) => n + f[key], 0);
  return {
    min: sum('min'),
    gzip: sum('gzip'),
    brotli: sum('brotli'),
    // Output names without their content hash (`assets/app-DY5ivRTD.js` → `assets/app.js`).
    files: files.map(({ file, gzip }) => ({ file: file.replace(/-[\w-]{8}\.js$/, '.js'), gzip })),
  };
}

/** A new user's page script: three cookies of the shop schema, and consent. */
export const NEW_APP_ENTRY = `import { cart, consent, currency, theme } from '@examples/shop-cookies/client';

const $ = (selector) => document.querySelector(selector);

document.documentElement.dataset.theme = theme.get();
$('#theme').addEventListener('change', (event) => theme.set(event.target.value));

$('#currency').value = currency.get();
$('#currency').addEventListener('change', (event) => currency.set(event.target.value));

for (const button of document.querySelectorAll('[data-sku]')) {
  button.addEventListener('click', () => {
    const basket = cart.get() ?? { items: [], currency: currency.get() };
    basket.items.push({ sku: button.dataset.sku, qty: 1 });
    cart.set(basket);
  });
}

$('#banner').hidden = !consent.needsPrompt;
$('#accept').addEventListener('click', () => consent.grant('preferences', 'statistics', 'marketing'));
$('#refuse').addEventListener('click', () => consent.set([]));
`;

/** A temporary app with NEW_APP_ENTRY as `src/main.js` and the shop package linked. */
function writeNewApp(dir) {
  mkdirSync(join(dir, 'src'), { recursive: true });
  mkdirSync(join(dir, 'node_modules/@examples'), { recursive: true });
  symlinkSync(
    join(root, 'examples/generated/shop'),
    join(dir, 'node_modules/@examples/shop-cookies'),
    'dir',
  );
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'new-app', private: true, type: 'module' }, null, 2)}\n`,
  );
  writeFileSync(join(dir, 'src/main.js'), NEW_APP_ENTRY);
}

/**
 * The Vite rows of the bundle table: the example app's client (all its JS; and what a page loads
 * before any dynamic import and without the statistics script: app.js and its static imports),
 * and a new user's app.
 */
export async function measureViteApps() {
  const client = join(root, 'examples/app/src/client');
  const app = await viteBuild(join(root, 'examples/app'), {
    app: join(client, 'app.ts'),
    analytics: join(client, 'analytics.ts'),
  });
  const dir = mkdtempSync(join(tmpdir(), 'cookie-schema-new-app-'));
  let newApp;
  try {
    writeNewApp(dir);
    newApp = await viteBuild(dir, { main: join(dir, 'src/main.js') });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return [
    {
      id: "Vite: the example app's client, all JS (examples/app: page code, statistics script, banner)",
      key: 'vite-app',
      ...total(app),
    },
    {
      id: "Vite: the example app's page code as a page that does not prompt loads it (app.js, its static imports)",
      key: 'vite-app-page',
      ...total(loadedBy(app, 'app')),
    },
    {
      id: "Vite: a new user's app, `cart`, `theme`, `currency` get + set and `consent` (shop)",
      key: 'vite-new-app',
      ...total(newApp),
    },
  ];
}
