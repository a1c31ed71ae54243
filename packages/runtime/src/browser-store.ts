/**
 * The browser side: `document.cookie`, read with the lazy lookup and written one serialized
 * cookie at a time. Never HttpOnly (the browser would drop the write silently). Safe to import
 * during server rendering: without `document`, reads return nothing and writes do nothing.
 */
import type { CookieStore } from './cookie-store.js';
import { CookieError } from './errors.js';
import { unquoteCookieValue } from './parse.js';
import { formatSetCookie } from './serialize.js';

// Fixed by each build of the runtime (see DEV in errors.ts); declared here for apps that
// compile these sources without Node's types.
declare const process: { env: { NODE_ENV?: string } };

/** Anything with a `cookie` string property that behaves like `document.cookie`. */
export interface CookieDocument {
  cookie: string;
}

/** `document`, or `undefined` during server rendering. */
export function currentDocument(): Document | undefined {
  return typeof document === 'undefined' ? undefined : document;
}

/**
 * The value of `name` in a `document.cookie` string, as browsers serialize it (`a=1; b=2`, the
 * most specific path first, so the first match wins), without its DQUOTEs if it is properly
 * quoted. Not the lenient header parser: `document.cookie` has one spelling, and this is smaller.
 */
export function documentCookieValue(cookie: string | undefined, name: string): string | undefined {
  for (const pair of (cookie ?? '').split('; ')) {
    if (pair.startsWith(name) && pair.charCodeAt(name.length) === 61 /* = */) {
      return unquoteCookieValue(pair.slice(name.length + 1));
    }
  }
  return undefined;
}

/** The names in a `document.cookie` string (nameless cookies have none). */
export function documentCookieNames(cookie: string | undefined): string[] {
  return (cookie ?? '')
    .split('; ')
    .filter((pair) => pair.includes('='))
    .map((pair) => pair.slice(0, pair.indexOf('=')));
}

function write(doc: CookieDocument | undefined, name: string, value: string, suffix: string) {
  if (/; HttpOnly(?:;|$)/i.test(suffix)) {
    throw new CookieError(
      'http-only',
      name,
      process.env.NODE_ENV !== 'production'
        ? 'document.cookie cannot write HttpOnly: set it on the server.'
        : '',
    );
  }
  const header = formatSetCookie(name, value, suffix);
  if (doc) doc.cookie = header;
}

/** The value of `name` in `document.cookie` as sent (not decoded), or `undefined`. */
export function readBrowserCookie(name: string): string | undefined {
  return documentCookieValue(currentDocument()?.cookie, name);
}

/**
 * Writes `name=encodedValue` + `suffix` (from `compileCookieAttributes`) to `document.cookie`.
 * Throws a `CookieError` for a non-token name, a non-cookie-octet value, name + value over
 * 4096 bytes, or an `HttpOnly` suffix.
 */
export function writeBrowserCookie(name: string, encodedValue: string, suffix = ''): void {
  write(currentDocument(), name, encodedValue, suffix);
}

/**
 * Deletes `name` from `document.cookie` with `deleteSuffix` (from `compileDeleteAttributes`,
 * which repeats the cookie's path and domain: without them the browser keeps the cookie).
 */
export function deleteBrowserCookie(name: string, deleteSuffix: string): void {
  write(currentDocument(), name, '', deleteSuffix);
}

/** Names of the cookies visible to `document.cookie`. */
export function listBrowserCookieNames(): string[] {
  return documentCookieNames(currentDocument()?.cookie);
}

/** Whether the browser signals Global Privacy Control (`navigator.globalPrivacyControl`). */
export function readBrowserGpc(): boolean {
  return (
    typeof navigator !== 'undefined' &&
    (navigator as { globalPrivacyControl?: unknown }).globalPrivacyControl === true
  );
}

/**
 * A {@link CookieStore} over `doc.cookie` (default: `document`), for code shared with the
 * server store. Prefer the plain functions above where size matters.
 */
export function createBrowserStore(
  doc: CookieDocument | undefined = currentDocument(),
): CookieStore {
  return {
    get: (name) => documentCookieValue(doc?.cookie, name),
    set: (name, encodedValue, suffix = '') => write(doc, name, encodedValue, suffix),
    delete: (name, deleteSuffix) => write(doc, name, '', deleteSuffix),
    names: () => documentCookieNames(doc?.cookie),
  };
}
