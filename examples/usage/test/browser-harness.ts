// What the Chromium tests of the generated client module share: the browser, the shop client
// module bundled with esbuild as an app would bundle it, a loopback HTTP server for the pages,
// and an init script that records every document.cookie write with the code that made it.
// Needs /usr/bin/chromium (driven by playwright-core; never run `playwright install`).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import type { BrowserContext } from 'playwright-core';

export { launchChromium } from '../../../scripts/chromium.js';

/** Where pages load the bundled client module from. */
export const MODULE_PATH = '/shop-cookies.js';

/**
 * A generated client module (default: the shop's; its dist and the runtime's dist, as esbuild
 * resolves them for an app), as one ES module. Not minified, so that the recorded writes name
 * the module's code.
 */
export async function bundleShopClient(
  specifier = '@examples/shop-cookies/client',
): Promise<string> {
  return bundleEntry(`export * from '${specifier}';`);
}

/**
 * `contents` (an entry module, resolved from this app) bundled into one ES module, not minified,
 * as a development server bundles it (the runtime's `development` build, with its messages);
 * `production: true` bundles as a production build does (the runtime's codes in place of
 * messages). `nodePaths` lets a package generated outside the workspace find the runtime.
 */
export async function bundleEntry(
  contents: string,
  nodePaths: string[] = [],
  { production = false } = {},
): Promise<string> {
  const result = await build({
    stdin: { contents, resolveDir: new URL('..', import.meta.url).pathname, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    // esbuild drops its default 'module' condition once a list is given: name it.
    conditions: ['module', 'browser', production ? 'production' : 'development'],
    define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
    write: false,
    logLevel: 'silent',
    nodePaths,
  });
  return result.outputFiles[0]!.text;
}

export interface PageServer {
  /** `http://127.0.0.1:<port>`: a secure context for Chromium, so Secure cookies stick. */
  readonly base: string;
  close(): Promise<void>;
}

/** A served file: HTML as a string, or any content with its type. */
export type Served = string | { readonly type: string; readonly body: string };

/**
 * Serves `pages` (path → HTML, or JavaScript for a path ending in `.js`, or content with its
 * type) and the bundled module at
 * {@link MODULE_PATH} on 127.0.0.1, with `headers` on every response (e.g. a
 * Content-Security-Policy). Every response is `no-store`, so a reload runs the page again.
 */
export async function servePages(
  moduleCode: string,
  pages: Readonly<Record<string, Served>>,
  headers: Readonly<Record<string, string>> = {},
): Promise<PageServer> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    res.setHeader('cache-control', 'no-store');
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    const page = pages[path];
    if (path === MODULE_PATH) {
      res.setHeader('content-type', 'text/javascript; charset=utf-8');
      res.end(moduleCode);
    } else if (page !== undefined) {
      const { type, body } =
        typeof page === 'string'
          ? {
              type: `${path.endsWith('.js') ? 'text/javascript' : 'text/html'}; charset=utf-8`,
              body: page,
            }
          : page;
      res.setHeader('content-type', type);
      res.end(body);
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** A recorded `document.cookie = …`: the string written, and whether the module's code wrote it. */
export interface CookieWrite {
  readonly value: string;
  /** The frame that assigned `document.cookie` is in the bundled module. */
  readonly byModule: boolean;
  /** That frame, for messages. */
  readonly writer: string;
}

export interface RecordingWindow {
  __cookieWrites: CookieWrite[];
}

/**
 * Init script (runs in the page before any of its scripts): wraps the setter of
 * `Document.prototype.cookie` to record every write and the frame that made it, then writes.
 */
export function recordCookieWrites(modulePath: string): void {
  const w = window as unknown as RecordingWindow;
  w.__cookieWrites = [];
  const native = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')!;
  Object.defineProperty(Document.prototype, 'cookie', {
    configurable: true,
    enumerable: native.enumerable,
    get(this: Document) {
      return native.get!.call(this);
    },
    set(this: Document, value: string) {
      // [0] "Error", [1] this setter, [2] the code that assigned document.cookie.
      const writer = (new Error().stack ?? '').split('\n')[2]?.trim() ?? '';
      w.__cookieWrites.push({
        value: String(value),
        byModule: writer.includes(modulePath),
        writer,
      });
      native.set!.call(this, value);
    },
  });
}

/** Starts recording in every page of `context`. */
export async function instrument(context: BrowserContext): Promise<void> {
  await context.addInitScript(recordCookieWrites, MODULE_PATH);
}

/**
 * The cookie name of a `document.cookie` write and whether it deletes (Max-Age ≤ 0, or no
 * Max-Age and an Expires in the past: RFC 6265bis §5.6.2, Max-Age wins).
 */
export function parseCookieWrite(
  write: string,
  now = Date.now(),
): { name: string; deletion: boolean } {
  const [pair = '', ...attributes] = write.split(';');
  const eq = pair.indexOf('=');
  const name = (eq < 0 ? '' : pair.slice(0, eq)).trim();
  let maxAge: number | undefined;
  let expires: number | undefined;
  for (const attribute of attributes) {
    const at = attribute.indexOf('=');
    const key = (at < 0 ? attribute : attribute.slice(0, at)).trim().toLowerCase();
    const value = at < 0 ? '' : attribute.slice(at + 1).trim();
    if (key === 'max-age' && /^-?\d+$/.test(value)) maxAge = Number(value);
    else if (key === 'expires' && !Number.isNaN(Date.parse(value))) expires = Date.parse(value);
  }
  const deletion = maxAge !== undefined ? maxAge <= 0 : expires !== undefined && expires <= now;
  return { name, deletion };
}
