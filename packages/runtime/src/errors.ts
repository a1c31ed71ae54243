/**
 * Why a cookie could not be written. Stable strings, safe to branch on:
 *
 * - `invalid-name` — the name is not an RFC 6265 token.
 * - `invalid-value` — the value fails its codec (type, range, pattern) or its encoding.
 * - `invalid-attribute` — `Domain`, `Path`, `SameSite` or `Priority` is malformed or would
 *   break the header (CR, LF, `;`, control characters).
 * - `invalid-max-age` — `Max-Age` is not an integer from 0 to 400 days.
 * - `invalid-expires` — `Expires` is not a valid date, or lies more than 400 days ahead.
 * - `prefix-violation` — a `__Host-`, `__Secure-` or `__Http-` name without the attributes
 *   its prefix requires (RFC 6265bis §4.1.3).
 * - `secure-required` — `SameSite=None` or `Partitioned` without `Secure`.
 * - `too-large` — name and value over 4096 bytes, or an attribute value over 1024 bytes.
 * - `http-only` — an `HttpOnly` cookie written through `document.cookie`.
 * - `invalid-secret` — an empty or unusable signing secret.
 * - `invalid-schema` — a JSON Schema that uses a keyword the validator does not implement.
 * - `consent-required` — a write blocked by consent, with `onBlocked: 'throw'`.
 * - `headers-sent` — a write after the response's headers were sent (framework adapters).
 */
export type CookieErrorCode =
  | 'invalid-name'
  | 'invalid-value'
  | 'invalid-attribute'
  | 'invalid-max-age'
  | 'invalid-expires'
  | 'prefix-violation'
  | 'secure-required'
  | 'too-large'
  | 'http-only'
  | 'invalid-secret'
  | 'invalid-schema'
  | 'consent-required'
  | 'headers-sent';

const BRAND = Symbol.for('@cookie-schema/runtime.CookieError');

/**
 * The one error the runtime throws, always while writing (reading never throws).
 * The message names the cookie, the bad value and, where known, the fix.
 *
 * @example
 * try { serializeSetCookie('sid', v, { sameSite: 'none' }) }
 * catch (e) { if (e instanceof CookieError && e.code === 'secure-required') … }
 */
export class CookieError extends Error {
  /** Machine-readable reason, see {@link CookieErrorCode}. */
  readonly code: CookieErrorCode;
  /** Name of the cookie being written (`''` when unknown). */
  readonly cookie: string;

  /**
   * @param message What went wrong and how to fix it. Production browser builds of the runtime
   * pass `''` (see {@link DEV}): the message is then the code.
   */
  constructor(code: CookieErrorCode, cookie: string, message: string) {
    super(cookie ? `Cookie "${cookie}": ${message || code}` : message || code);
    this.name = 'CookieError';
    this.code = code;
    this.cookie = cookie;
    (this as { [BRAND]?: true })[BRAND] = true;
  }

  /**
   * `instanceof CookieError` holds for an error of any copy of the runtime: a page or a worker
   * may load both builds (the development one through one entry, the production one through
   * another), and each has its own class.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && BRAND in value;
  }
}

/** The outcome of reading or checking a value: never thrown, always returned. */
export type CookieResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * Whether this build of the runtime keeps its messages: each build of the package fixes
 * `process.env.NODE_ENV` (tsup.config.ts), and the bundler folds this constant where it is used.
 * `dist/` (Node, servers, development bundles) keeps every message; `dist/production/` (what a
 * production browser bundle resolves) has the error code in place of each `CookieError` message
 * and `inspect()` reason, so that no page pays for text only a developer reads. A bundler that
 * reads the sources (the `source` condition) defines `process.env.NODE_ENV` itself.
 */
// Declared here, not taken from @types/node: an app that compiles the sources has no Node types.
declare const process: { env: { NODE_ENV?: string } };
export const DEV: boolean = process.env.NODE_ENV !== 'production';

/** Quotes a received value for a message: JSON (so CR/LF show as `\r\n`), cut at 80 chars. */
export function show(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = typeof value;
  }
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
