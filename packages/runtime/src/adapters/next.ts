/**
 * @cookie-schema/runtime/adapters/next — the adapter over Next.js App Router's `cookies()` store,
 * for Server Actions, Route Handlers and Server Components: reads come from the store (so they
 * see what this request already wrote), and each write goes to `store.set` as it happens, with
 * the attributes the schema declares. Typed by shape: `next` is not imported.
 *
 * Next writes `name=encodeURIComponent(value)` and reads `decodeURIComponent`, so the adapter
 * hands it the percent-decoded cookie value and re-encodes what it reads the way the runtime's
 * `uri` encoding does: every value reads back the same, signatures included (but for a `raw`
 * value with a `%` in it, which Next cannot write as it is). On the wire, Next escapes
 * characters the runtime leaves as they are (`:` `/` `+` `=` `@`…); `uri`-encoded cookies read
 * the same either way, but a signature or a `raw` value containing them reaches other readers
 * (the Fetch and Node adapters, the browser) percent-encoded.
 */
import { uri } from '../encoding.js';
import type { JarOptions } from '../jar.js';
import type { HeadersLike } from '../request-store.js';
import type { SameSite } from '../serialize.js';
import { type CookieJarLike, type CreateCookies, withListener } from './shared.js';

export type { CookieJarLike, CreateCookies } from './shared.js';

/** A cookie as Next's stores list it (`RequestCookie`, or `ResponseCookie` in an action). */
export interface NextCookieLike {
  name: string;
  value: string;
  expires?: Date | number | undefined;
  maxAge?: number | undefined;
}

/** The options of Next's `cookies().set(name, value, options)` that the adapter passes. */
export interface NextCookieOptions {
  maxAge?: number;
  expires?: Date;
  domain?: string;
  path?: string;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: SameSite;
  priority?: 'low' | 'medium' | 'high';
  partitioned?: boolean;
}

/**
 * Next's `cookies()` store (`ReadonlyRequestCookies` from `next/headers`): `getAll` to read,
 * `set` to write (it throws Next's own error where writing is not allowed, as in a Server
 * Component's render).
 */
export interface NextCookieStoreLike {
  getAll(): NextCookieLike[];
  set(name: string, value: string, options?: NextCookieOptions): unknown;
}

export interface NextCookiesOptions extends JarOptions {
  /** The request headers (`await headers()`), for `Sec-GPC`. */
  headers?: HeadersLike;
}

// A signed value ends with "." and an HMAC-SHA256 in standard base64 without padding.
const SIGNATURE = /\.[A-Za-z0-9+/]{43}$/;

/**
 * The cookie value as the runtime reads it, from the value Next decoded: what `uri` writes for
 * that text, with a signature kept as it is.
 */
function fromNextValue(value: string): string {
  const signature = SIGNATURE.exec(value);
  const text = signature ? value.slice(0, signature.index) : value;
  let encoded: string;
  try {
    encoded = uri.encode(text);
  } catch {
    encoded = text;
  }
  return signature ? encoded + signature[0] : encoded;
}

/** The value to give Next's `set` so that it writes `value` (or its canonical escaping). */
function toNextValue(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** A `Set-Cookie` header the runtime wrote → the arguments of Next's `set`. */
function toNextCookie(header: string): [name: string, value: string, NextCookieOptions] {
  const parts = header.split('; ');
  const pair = parts[0]!;
  const eq = pair.indexOf('=');
  const options: NextCookieOptions = {};
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i]!;
    const at = part.indexOf('=');
    const key = (at === -1 ? part : part.slice(0, at)).toLowerCase();
    const value = at === -1 ? '' : part.slice(at + 1);
    if (key === 'max-age') options.maxAge = Number(value);
    else if (key === 'expires') options.expires = new Date(value);
    else if (key === 'domain') options.domain = value;
    else if (key === 'path') options.path = value;
    else if (key === 'httponly') options.httpOnly = true;
    else if (key === 'secure') options.secure = true;
    else if (key === 'samesite') options.sameSite = value.toLowerCase() as SameSite;
    else if (key === 'priority') {
      options.priority = value.toLowerCase() as NonNullable<NextCookieOptions['priority']>;
    } else if (key === 'partitioned') options.partitioned = true;
  }
  return [pair.slice(0, eq), toNextValue(pair.slice(eq + 1)), options];
}

function deleted(cookie: NextCookieLike, now: number): boolean {
  if (cookie.maxAge === 0) return true;
  if (cookie.expires === undefined) return false;
  return new Date(cookie.expires).getTime() <= now;
}

/** A `Cookie` header of the store's cookies, values as the runtime reads them. */
function cookieHeader(store: NextCookieStoreLike): string {
  const now = Date.now();
  let header = '';
  for (const cookie of store.getAll()) {
    if (deleted(cookie, now)) continue;
    header += `${header === '' ? '' : '; '}${cookie.name}=${fromNextValue(cookie.value)}`;
  }
  return header;
}

/**
 * The jar of the current request over Next's `cookies()` store. Reads see the request's cookies
 * and what this request already wrote; every write calls `store.set` with the declared
 * attributes (`Max-Age`, `Path`, `Domain`, `Secure`, `HttpOnly`, `SameSite`, `Priority`,
 * `Partitioned`), deletions included. Next adds `Path=/` to a cookie declared without a path.
 *
 * @param createCookies the generated `createCookies` of your schema
 * @param store `await cookies()` from `next/headers`
 * @example
 * 'use server';
 * export async function chooseLanguage(form: FormData) {
 *   const jar = nextCookies(createCookies, await cookies());
 *   jar.lang.set(form.get('lang') === 'fr' ? 'fr' : 'en');
 * }
 */
export function nextCookies<J extends CookieJarLike>(
  createCookies: CreateCookies<J>,
  store: NextCookieStoreLike,
  options?: NextCookiesOptions,
): J {
  const { headers, ...jarOptions } = options ?? {};
  const source: HeadersLike = {
    get: (name) => (name === 'cookie' ? cookieHeader(store) : (headers?.get(name) ?? null)),
  };
  return createCookies(
    source,
    withListener(jarOptions, (header) => {
      const [name, value, attributes] = toNextCookie(header);
      store.set(name, value, attributes);
    }),
  );
}
