/**
 * The server side: read the `Cookie` header from whatever the framework hands over, and queue
 * `Set-Cookie` headers to apply to whatever response it sends. No Node built-ins are imported;
 * Node objects are recognised by shape.
 */
import type { CookieStore } from './cookie-store.js';
import {
  type CookieNeedle,
  findRawCookieValue,
  getRawCookieValue,
  parseCookieHeader,
  trimOws,
} from './parse.js';
import { compileDeleteAttributes, formatSetCookie, NAME_VALUE_LIMIT } from './serialize.js';

/** A Node `IncomingMessage` (or anything with the same `headers` record). */
export interface IncomingMessageLike {
  headers: { readonly [name: string]: string | string[] | undefined };
}

/** A Fetch `Headers` (or anything with the same `get`). */
export interface HeadersLike {
  get(name: string): string | null;
}

/** Where a request's cookies come from: a Fetch `Request`, `Headers`, Node request or header. */
export type CookieSource =
  | { headers: HeadersLike }
  | HeadersLike
  | IncomingMessageLike
  | string
  | null
  | undefined;

/** A Node `ServerResponse` (or Express response): anything with `getHeader` and `setHeader`. */
export interface ServerResponseLike {
  getHeader(name: string): number | string | readonly string[] | undefined;
  setHeader(name: string, value: string | readonly string[]): unknown;
}

/** A Fetch `Headers` or anything with `append`. */
export interface AppendableHeaders {
  append(name: string, value: string): void;
}

/** Where `Set-Cookie` headers go: a Fetch `Response`, a `Headers`, or a Node response. */
export type SetCookieTarget =
  | { headers: AppendableHeaders }
  | AppendableHeaders
  | ServerResponseLike;

function readHeader(source: CookieSource, name: string): string {
  try {
    if (typeof source === 'string') return name === 'cookie' ? source : '';
    if (typeof source !== 'object' || source === null) return '';
    if (typeof (source as HeadersLike).get === 'function') {
      return (source as HeadersLike).get(name) ?? '';
    }
    const headers = (source as { headers?: unknown }).headers;
    if (typeof headers !== 'object' || headers === null) return '';
    if (typeof (headers as HeadersLike).get === 'function') {
      return (headers as HeadersLike).get(name) ?? '';
    }
    const value = (headers as IncomingMessageLike['headers'])[name];
    if (typeof value === 'string') return value;
    // HTTP/2 may deliver several Cookie fields; they join with "; " (RFC 9113 §8.2.3).
    return Array.isArray(value) ? value.filter((v) => typeof v === 'string').join('; ') : '';
  } catch {
    return '';
  }
}

/**
 * The longest `Cookie` header the runtime reads, in UTF-16 code units (64 KiB): four times what
 * Node accepts for all request headers together by default (16 KiB) and above the per-header
 * limits of nginx, Apache and the common CDNs, so no header a real server passes on is cut.
 * Of a longer header, the pairs that end within the first 64 KiB are read; the pair that
 * crosses the limit and everything after it are ignored (read as absent, never truncated).
 */
export const COOKIE_HEADER_LIMIT = 65_536;

/** `header` without the pairs that do not end within {@link COOKIE_HEADER_LIMIT}. */
function limitCookieHeader(header: string): string {
  if (header.length <= COOKIE_HEADER_LIMIT) return header;
  // A pair ends at ";" (or at the end of the header): keep whole pairs only.
  const end = header.lastIndexOf(';', COOKIE_HEADER_LIMIT);
  return end === -1 ? '' : header.slice(0, end);
}

/**
 * The `Cookie` header of `source`: a Fetch `Request` or `Headers`, a Node `IncomingMessage`
 * (`headers.cookie` as a string or an array), or the header itself. `''` when there is none.
 * At most {@link COOKIE_HEADER_LIMIT} characters: the pairs beyond it are left out. Never
 * throws.
 */
export function readCookieHeader(source: CookieSource): string {
  return limitCookieHeader(readHeader(source, 'cookie'));
}

/**
 * Whether the request carries Global Privacy Control (`Sec-GPC: 1`, OWS around the `1`
 * allowed). Linear in the header's length. Never throws; a string source (a bare `Cookie`
 * header) has no GPC.
 */
export function readGpcHeader(source: CookieSource): boolean {
  return trimOws(readHeader(source, 'sec-gpc')) === '1';
}

/** The cookies of one request and the `Set-Cookie` headers of its response. */
export interface RequestCookieStore extends CookieStore {
  /** The request's `Cookie` header (`''` when absent). */
  readonly header: string;
  /** The request's host (`Host` header, else the `Request`'s URL), e.g. `www.shop.example:8080`. */
  readonly host: string;
  /** Whether the request sent `Sec-GPC: 1`. */
  readonly gpc: boolean;
  /** Whether `get(name)` would return a value. */
  has(name: string): boolean;
  /**
   * Deletes `name`; without `deleteSuffix`, with `Path=/` and no domain
   * (`compileDeleteAttributes(name, { path: '/' })`).
   */
  delete(name: string, deleteSuffix?: string): void;
  /** The queued `Set-Cookie` values, one per name (the last write of each name wins). */
  toSetCookieHeaders(): string[];
  /**
   * Appends the queued `Set-Cookie` headers to a Fetch `Response` or `Headers`, or merges them
   * after the existing ones of a Node `ServerResponse` (`getHeader` / `setHeader`). Returns
   * `target`. A `Response` with immutable headers (e.g. from `fetch`) throws its own TypeError.
   */
  applyTo<T extends SetCookieTarget>(target: T): T;
}

// "; Max-Age=" ( "0"… / "-" digits ), case-insensitive, as a whole attribute.
const EXPIRES_AT_ONCE = /;\s*max-age\s*=\s*(?:0+|-\d+)\s*(?:;|$)/i;

/** Whether a write with `suffix` deletes the cookie (Max-Age ≤ 0, RFC 6265bis §5.6.2). */
export function expiresAtOnce(suffix: string): boolean {
  // Suffixes from compileCookieAttributes spell "; Max-Age=" so; others take the full grammar.
  const at = suffix.indexOf('; Max-Age=');
  if (at === -1) return suffix.length > 0 && EXPIRES_AT_ONCE.test(suffix);
  const c = suffix.charCodeAt(at + 10);
  return c === 45 /* - */ || (c === 48 /* 0 */ && EXPIRES_AT_ONCE.test(suffix));
}

/**
 * What tells apart two cookies of one name in the queue: `''` for a host-only cookie,
 * `"\u0000" + domain` (lower case) when `suffix` declares a `Domain`. A cookie is its name and
 * its Domain, so a purge's extra deletion with `Domain=` does not replace the one without.
 */
export function domainKey(suffix: string): string {
  const at = suffix.indexOf('; Domain=');
  return at === -1
    ? ''
    : `\u0000${suffix
        .slice(at + 9)
        .split(';', 1)[0]!
        .toLowerCase()}`;
}

/**
 * One cookie's writes as the server jar makes them for a declared cookie, everything but the
 * value proven well-formed once (the name is a token, the suffix well-formed attributes) and
 * derived once, so that a write is a test of the value and a concatenation.
 */
export interface TrustedWrite {
  /** The cookie name, a token. */
  readonly name: string;
  /** `name=`. */
  readonly prefix: string;
  /** The attributes, well-formed. */
  readonly suffix: string;
  /** The queue key of a write with `suffix`: the name and its {@link domainKey}. */
  readonly key: string;
  /** Whether a write with `suffix` deletes the cookie (`Max-Age=0`). */
  readonly deletes: boolean;
}

/** The {@link TrustedWrite} of `name` with `suffix`, which the caller has checked. */
export function trustedWrite(name: string, suffix: string): TrustedWrite {
  return {
    name,
    prefix: `${name}=`,
    suffix,
    key: name + domainKey(suffix),
    deletes: expiresAtOnce(suffix),
  };
}

/** What a request store's reads see of a name this request did not write: the header's. */
const UNWRITTEN: unique symbol = Symbol('unwritten');

/** How many cookies a request store keeps in a list before it makes Maps of them. */
const SHORT = 8;

/** Sees each `Set-Cookie` header as a write queues it; throwing refuses the write. */
export type SetCookieListener = (header: string) => void;

/**
 * The request store. The jar uses the class itself for {@link RequestStore.setTrusted}, its
 * write path for what the generator proved; everyone else gets it as a `RequestCookieStore`.
 */
export class RequestStore implements RequestCookieStore {
  readonly header: string;
  readonly #source: CookieSource;
  /**
   * This request's writes while they are few (most requests write one to three cookies): per
   * cookie (its name and Domain: see {@link domainKey}), in the order of its first write, its
   * key, its name, the `Set-Cookie` header queued (the last write's) and what reads of the name
   * see (the value of the name's last write, whatever its Domain; `undefined` once deleted). A
   * short list costs less than making and filling two Maps; past {@link SHORT} cookies, Maps.
   */
  #writes: (string | undefined)[] | undefined;
  /** Past {@link SHORT} cookies: the `Set-Cookie` header queued for each, in order. */
  #headers: Map<string, string> | undefined;
  /** Past {@link SHORT} cookies: what reads see after this request's writes. */
  #values: Map<string, string | undefined> | undefined;
  readonly #onSetCookie: SetCookieListener | undefined;
  #gpc: boolean | undefined;

  constructor(source: CookieSource, onSetCookie?: SetCookieListener) {
    this.#source = source;
    this.#onSetCookie = onSetCookie;
    this.header = readCookieHeader(source);
  }

  get gpc(): boolean {
    this.#gpc ??= readGpcHeader(this.#source);
    return this.#gpc;
  }

  get host(): string {
    const host = readHeader(this.#source, 'host');
    if (host !== '') return host;
    try {
      return new URL((this.#source as { url?: string }).url ?? '').host;
    } catch {
      return '';
    }
  }

  get(name: string): string | undefined {
    const written = this.#written(name);
    return written === UNWRITTEN ? getRawCookieValue(this.header, name) : written;
  }

  /** `get(needle.name)` with the needle made beforehand (see `cookieNeedle`). */
  find(needle: CookieNeedle): string | undefined {
    const written = this.#written(needle.name);
    return written === UNWRITTEN ? findRawCookieValue(this.header, needle) : written;
  }

  /** What reads of `name` see after this request's writes, or `UNWRITTEN`. */
  #written(name: string): string | undefined | typeof UNWRITTEN {
    const writes = this.#writes;
    if (writes !== undefined) {
      for (let i = 1; i < writes.length; i += 4) if (writes[i] === name) return writes[i + 2];
      return UNWRITTEN;
    }
    const values = this.#values;
    return values?.has(name) ? values.get(name) : UNWRITTEN;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  set(name: string, encodedValue: string, suffix = ''): void {
    const header = formatSetCookie(name, encodedValue, suffix);
    // A write with Max-Age ≤ 0 deletes (RFC 6265bis §5.6.2): later reads must not see its value.
    // (The suffix is searched, not the header: it is a flat constant, the header a fresh
    // concatenation.)
    const value = expiresAtOnce(suffix) ? undefined : encodedValue;
    this.#queue(name, name + domainKey(suffix), value, header);
  }

  /**
   * `set` of a write that the caller has proven well-formed but for its value, as the jar has
   * for a declared cookie (see {@link TrustedWrite}); with `octets`, `encodedValue` is proven
   * cookie-octets too. Only what is not proven is checked: the length of name and value, and
   * without `octets` the value.
   */
  setTrusted(write: TrustedWrite, encodedValue: string, octets: boolean): void {
    const name = write.name;
    // What is not proven, formatSetCookie checks (and throws its CookieError).
    const header =
      octets && name.length + encodedValue.length <= NAME_VALUE_LIMIT
        ? write.prefix + encodedValue + write.suffix
        : formatSetCookie(name, encodedValue, write.suffix);
    this.#queue(name, write.key, write.deletes ? undefined : encodedValue, header);
  }

  delete(name: string, deleteSuffix?: string): void {
    const suffix = deleteSuffix ?? compileDeleteAttributes(name, { path: '/' });
    this.#queue(name, name + domainKey(suffix), undefined, formatSetCookie(name, '', suffix));
  }

  /**
   * Queues `header`, one per cookie: `key` is its name and Domain (see {@link domainKey}), the
   * last write of a key winning.
   */
  #queue(name: string, key: string, value: string | undefined, header: string): void {
    this.#onSetCookie?.(header);
    const writes = this.#writes;
    if (writes === undefined) {
      if (this.#headers === undefined) this.#writes = [key, name, header, value];
      else {
        this.#headers.set(key, header);
        this.#values!.set(name, value);
      }
      return;
    }
    let at = -1;
    for (let i = 0; i < writes.length; i += 4) {
      if (writes[i + 1] === name) {
        writes[i + 3] = value;
        if (writes[i] === key) at = i;
      }
    }
    if (at !== -1) writes[at + 2] = header;
    else if (writes.length < SHORT * 4) writes.push(key, name, header, value);
    else {
      const headers = new Map<string, string>();
      const values = new Map<string, string | undefined>();
      for (let i = 0; i < writes.length; i += 4) {
        headers.set(writes[i]!, writes[i + 2]!);
        values.set(writes[i + 1]!, writes[i + 3]);
      }
      headers.set(key, header);
      values.set(name, value);
      this.#headers = headers;
      this.#values = values;
      this.#writes = undefined;
    }
  }

  /** Name → what reads see, of every name written, in the order of first writes. */
  #writtenValues(): Map<string, string | undefined> | undefined {
    const writes = this.#writes;
    if (writes === undefined) return this.#values;
    const values = new Map<string, string | undefined>();
    for (let i = 0; i < writes.length; i += 4) values.set(writes[i + 1]!, writes[i + 3]);
    return values;
  }

  names(): string[] {
    const names = Object.keys(parseCookieHeader(this.header, (v) => v));
    const values = this.#writtenValues();
    if (values === undefined) return names;
    const seen = new Set(names);
    for (const [name, value] of values) {
      if (value !== undefined && !seen.has(name)) names.push(name);
    }
    return names.filter((name) => !values.has(name) || values.get(name) !== undefined);
  }

  toSetCookieHeaders(): string[] {
    const writes = this.#writes;
    if (writes === undefined) return this.#headers ? [...this.#headers.values()] : [];
    const headers: string[] = [];
    for (let i = 2; i < writes.length; i += 4) headers.push(writes[i]!);
    return headers;
  }

  applyTo<T extends SetCookieTarget>(target: T): T {
    const headers = this.toSetCookieHeaders();
    if (headers.length === 0) return target;
    const node = target as Partial<ServerResponseLike>;
    if (typeof node.getHeader === 'function' && typeof node.setHeader === 'function') {
      const existing = node.getHeader('set-cookie');
      const merged =
        existing === undefined
          ? headers
          : Array.isArray(existing)
            ? [...existing, ...headers]
            : [String(existing), ...headers];
      node.setHeader('set-cookie', merged);
      return target;
    }
    const sink =
      typeof (target as Partial<AppendableHeaders>).append === 'function'
        ? (target as AppendableHeaders)
        : (target as { headers: AppendableHeaders }).headers;
    for (const header of headers) sink.append('set-cookie', header);
    return target;
  }
}

/**
 * A store over one request's cookies: reads lazily (nothing is parsed until asked, and then only
 * the asked name is looked up), sees its own writes, and queues one `Set-Cookie` per name.
 * `onSetCookie` sees each header as it is queued (framework adapters: Next's `cookies()` store,
 * or refusing writes after the response has gone); when it throws, nothing is queued.
 *
 * @example
 * const store = createRequestStore(request);
 * store.set('lang', 'fr', LANG_SUFFIX);
 * return store.applyTo(new Response('ok'));
 */
export function createRequestStore(
  source: CookieSource,
  onSetCookie?: SetCookieListener,
): RequestCookieStore {
  return new RequestStore(source, onSetCookie);
}
