import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createBrowserStore,
  deleteBrowserCookie,
  listBrowserCookieNames,
  readBrowserCookie,
  readBrowserGpc,
  writeBrowserCookie,
} from './browser-store.js';
import { CookieError } from './errors.js';
import { compileCookieAttributes, compileDeleteAttributes } from './serialize.js';

/** A minimal cookie jar behind a `document.cookie`-like accessor (name + path + domain keyed). */
class FakeDocument {
  readonly writes: string[] = [];
  readonly #jar = new Map<string, string>();
  get cookie(): string {
    return [...this.#jar.values()].join('; ');
  }
  set cookie(line: string) {
    this.writes.push(line);
    const [pair = '', ...attributes] = line.split('; ');
    const name = pair.slice(0, pair.indexOf('='));
    const key = `${name}|${attributes
      .filter((a) => /^(Path|Domain)=/.test(a))
      .sort()
      .join('|')}`;
    if (attributes.includes('Max-Age=0')) this.#jar.delete(key);
    else this.#jar.set(key, pair);
  }
}

describe('browser store', () => {
  let doc: FakeDocument;
  beforeEach(() => {
    doc = new FakeDocument();
    Object.assign(globalThis, { document: doc });
  });
  afterEach(() => {
    Reflect.deleteProperty(globalThis, 'document');
  });

  const suffix = compileCookieAttributes('lang', {
    path: '/',
    maxAge: 60,
    sameSite: 'lax',
    secure: true,
  });
  const deletion = compileDeleteAttributes('lang', { path: '/' });

  it('writes, reads lazily, lists and deletes (repeating the path)', () => {
    writeBrowserCookie('lang', 'fr', suffix);
    writeBrowserCookie('theme', 'dark', '; Path=/');
    expect(doc.writes[0]).toBe('lang=fr; Max-Age=60; Path=/; Secure; SameSite=Lax');
    expect(readBrowserCookie('lang')).toBe('fr');
    expect(listBrowserCookieNames()).toEqual(['lang', 'theme']);
    deleteBrowserCookie('lang', deletion);
    expect(doc.writes.at(-1)).toBe(
      'lang=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
    );
    expect(readBrowserCookie('lang')).toBeUndefined();
  });

  it('refuses HttpOnly, bad names and bad values', () => {
    const httpOnly = compileCookieAttributes('sid', { httpOnly: true });
    expect(() => writeBrowserCookie('sid', 'x', httpOnly)).toThrow(
      expect.objectContaining({ code: 'http-only' }) as CookieError,
    );
    expect(() => writeBrowserCookie('a;b', 'x')).toThrow(CookieError);
    expect(() => writeBrowserCookie('a', 'x\r\nInjected: 1')).toThrow(CookieError);
    expect(doc.writes).toEqual([]);
  });

  it('createBrowserStore works over any document-like object', () => {
    const other = new FakeDocument();
    const store = createBrowserStore(other);
    store.set('a', '1', '; Path=/');
    expect(store.get('a')).toBe('1');
    expect(store.names()).toEqual(['a']);
    store.delete('a', compileDeleteAttributes('a', { path: '/' }));
    expect(store.get('a')).toBeUndefined();
    expect(doc.writes).toEqual([]); // not the global document
  });

  it('reads GPC from navigator', () => {
    const before = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    Object.defineProperty(globalThis, 'navigator', {
      value: { globalPrivacyControl: true },
      configurable: true,
    });
    try {
      expect(readBrowserGpc()).toBe(true);
    } finally {
      if (before) Object.defineProperty(globalThis, 'navigator', before);
      else Reflect.deleteProperty(globalThis, 'navigator');
    }
    expect(readBrowserGpc()).toBe(false);
  });
});

describe('browser store without a document (server rendering)', () => {
  it('reads nothing and writes nothing, without throwing', () => {
    expect(typeof document).toBe('undefined');
    expect(readBrowserCookie('a')).toBeUndefined();
    expect(listBrowserCookieNames()).toEqual([]);
    expect(() => writeBrowserCookie('a', '1')).not.toThrow();
  });
});

describe('browser bundle', () => {
  async function bundle(contents: string): Promise<string> {
    const result = await build({
      stdin: { contents, resolveDir: import.meta.dirname, loader: 'ts' },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      minify: true,
      conditions: ['source'],
    });
    return result.outputFiles[0]!.text;
  }

  it('./browser contains no server code and no Node built-ins', async () => {
    const code = await bundle(`export * from './browser.ts';`);
    for (const needle of [
      'IncomingMessage',
      'setHeader',
      'getHeader',
      'set-cookie',
      'sec-gpc',
      'node:',
      'require(',
    ]) {
      expect(code).not.toContain(needle);
    }
    expect(code).toContain('globalPrivacyControl'); // the bundle is not empty
  });

  it('one accessor (read + write + delete of a uri string cookie) stays small', async () => {
    const code = await bundle(`
      import { stringCodec } from './index.ts';
      import { readBrowserCookie, writeBrowserCookie, deleteBrowserCookie } from './browser.ts';
      const codec = stringCodec();
      export const lang = {
        get: () => { const raw = readBrowserCookie('lang'); if (raw === undefined) return undefined; const r = codec.decode(raw); return r.ok ? r.value : undefined; },
        set: (v) => writeBrowserCookie('lang', codec.encode(v, 'lang'), '; Max-Age=31536000; Path=/; Secure; SameSite=Lax'),
        delete: () => deleteBrowserCookie('lang', '; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure'),
      };`);
    expect(code).not.toContain('compileCookieAttributes');
    expect(code).not.toContain('subtle'); // no signing
    // A regression ceiling, not the SPEC §6 budget (700 B gzip for an accessor with its consent
    // guard), which `pnpm bench` measures and reports in docs/BENCHMARKS.md.
    expect(gzipSync(code).length).toBeLessThan(2000);
  });
});
