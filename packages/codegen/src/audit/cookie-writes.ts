/**
 * Cookie writes that `audit --crawl` sees, and which of them wrote a cookie the browser stored:
 * `Set-Cookie` headers of responses, and `document.cookie` / `cookieStore.set` calls from page
 * scripts (reported by an init script with the caller's stack). Pure: the crawler hands in what
 * the browser told it.
 */
import { defaultCookiePath, parseSetCookie } from './set-cookie';
import type { SetCookieAttributes } from './types';

/** The URL the init script runs as, so that its own frames can be skipped in stacks. */
export const INIT_SCRIPT_URL = 'cookie-schema-crawl.js';

/** How a cookie was written. */
export type WriteApi = 'set-cookie' | 'document.cookie' | 'cookieStore';

/** One cookie write the crawler saw. */
export interface CookieWrite {
  /** Order of arrival, within a pass. */
  seq: number;
  /** ms since the epoch (for `Expires`). */
  time: number;
  api: WriteApi;
  name: string;
  value: string;
  /** The attributes as written (not as the browser capped or defaulted them). */
  attributes: SetCookieAttributes;
  /** The host the cookie belongs to without a Domain attribute: the response's or document's. */
  host: string;
  /** The path of the response or document URL (for the default Path). */
  path: string;
  /** The response's URL; for a script, the script's URL when the stack names one. */
  url?: string;
  line?: number;
  column?: number;
  /** For a script write: the document it ran in. */
  documentUrl?: string;
  /** For a response. */
  method?: string;
  status?: number;
  /** The page the crawler was visiting. */
  page: string;
}

/** A cookie as the browser stores it (the shape of playwright-core's `Cookie`). */
export interface StoredCookie {
  name: string;
  value: string;
  /** `.example.com` for a Domain cookie, `www.example.com` for a host-only one. */
  domain: string;
  path: string;
  /** Seconds since the epoch; -1 for a session cookie. */
  expires: number;
  httpOnly: boolean;
  secure: boolean;
  sameSite: 'Strict' | 'Lax' | 'None';
  partitionKey?: string;
}

type WriteContext = Pick<CookieWrite, 'seq' | 'time' | 'page'>;

/** The writes of a response's `Set-Cookie` headers (headers a browser ignores are skipped). */
export function setCookieWrites(
  headers: readonly string[],
  response: { url: string; method: string; status: number },
  context: WriteContext,
): CookieWrite[] {
  const url = new URL(response.url);
  const writes: CookieWrite[] = [];
  for (const header of headers.flatMap((h) => h.split('\n'))) {
    const parsed = parseSetCookie(header);
    if (!parsed) continue;
    writes.push({
      ...context,
      api: 'set-cookie',
      name: parsed.name,
      value: parsed.value,
      attributes: parsed.attributes,
      host: url.hostname,
      path: url.pathname,
      url: response.url,
      method: response.method,
      status: response.status,
    });
  }
  return writes;
}

/** The nearest frame of `stack` (V8's format) that is not the init script's. */
export function callerFrame(
  stack: string,
): { url: string; line: number; column: number } | undefined {
  for (const line of stack.split('\n').slice(1)) {
    if (line.includes(INIT_SCRIPT_URL)) continue;
    const match = /\(?((?:https?|file):\/\/[^\s()]+?):(\d+):(\d+)\)?\s*$/.exec(line);
    if (match) return { url: match[1]!, line: Number(match[2]), column: Number(match[3]) };
  }
  return undefined;
}

/** Options of `cookieStore.set`, as the init script reports them. */
export interface CookieStoreOptions {
  name?: unknown;
  value?: unknown;
  expires?: unknown;
  domain?: unknown;
  path?: unknown;
  sameSite?: unknown;
  partitioned?: unknown;
}

/**
 * The write a script made: `text` is what it assigned to `document.cookie`, or for `cookieStore`
 * the JSON of its options. `undefined` for something the browser ignores too.
 */
export function scriptWrite(
  api: 'document.cookie' | 'cookieStore',
  text: string,
  stack: string,
  documentUrl: string,
  context: WriteContext,
): CookieWrite | undefined {
  let document: URL;
  try {
    document = new URL(documentUrl);
  } catch {
    return undefined;
  }
  let name: string;
  let value: string;
  let attributes: SetCookieAttributes;
  if (api === 'document.cookie') {
    const parsed = parseSetCookie(text);
    if (!parsed) return undefined;
    ({ name, value, attributes } = parsed);
  } else {
    let options: CookieStoreOptions;
    try {
      options = JSON.parse(text) as CookieStoreOptions;
    } catch {
      return undefined;
    }
    if (typeof options.name !== 'string') return undefined;
    name = options.name;
    value = typeof options.value === 'string' ? options.value : '';
    // The Cookie Store API writes Secure cookies, at path "/" and SameSite=Strict by default.
    attributes = {
      secure: true,
      httpOnly: false,
      partitioned: options.partitioned === true,
      path: typeof options.path === 'string' ? options.path : '/',
      sameSite: ['strict', 'lax', 'none'].includes(String(options.sameSite))
        ? (options.sameSite as 'strict' | 'lax' | 'none')
        : 'strict',
    };
    if (typeof options.domain === 'string') attributes.domain = options.domain.toLowerCase();
    if (typeof options.expires === 'number') attributes.expires = options.expires;
  }
  const frame = callerFrame(stack);
  return {
    ...context,
    api,
    name,
    value,
    attributes,
    host: document.hostname,
    path: document.pathname,
    ...(frame ? { url: frame.url, line: frame.line, column: frame.column } : {}),
    documentUrl: document.href,
  };
}

/** Whether `write` is a deletion (Max-Age ≤ 0, or Expires in the past at the time of writing). */
export function isDeletion(write: CookieWrite): boolean {
  const { maxAge, expires } = write.attributes;
  if (maxAge !== undefined) return maxAge <= 0;
  return expires !== undefined && expires <= write.time;
}

/** Whether `write` wrote `cookie` as stored: same name, domain, path and value. */
export function wrote(write: CookieWrite, cookie: StoredCookie): boolean {
  if (write.name !== cookie.name) return false;
  const domain = write.attributes.domain ? `.${write.attributes.domain}` : write.host;
  if (domain.toLowerCase() !== cookie.domain.toLowerCase()) return false;
  const path = write.attributes.path ?? defaultCookiePath(write.path);
  if (path !== cookie.path) return false;
  return cookie.value === write.value || cookie.value === `"${write.value}"`;
}

/** The last write before `seq` that wrote `cookie` as stored, if the crawler saw it. */
export function writeOf(
  cookie: StoredCookie,
  writes: readonly CookieWrite[],
  seq: number,
): CookieWrite | undefined {
  for (let i = writes.length - 1; i >= 0; i--) {
    const write = writes[i]!;
    if (write.seq < seq && wrote(write, cookie)) return write;
  }
  return undefined;
}

/** A stored cookie's attributes, for a cookie whose write the crawler did not see. */
export function storedAttributes(cookie: StoredCookie): SetCookieAttributes {
  const attributes: SetCookieAttributes = {
    secure: cookie.secure,
    httpOnly: cookie.httpOnly,
    partitioned: cookie.partitionKey !== undefined,
    path: cookie.path,
    sameSite: cookie.sameSite.toLowerCase() as 'strict' | 'lax' | 'none',
  };
  if (cookie.domain.startsWith('.')) attributes.domain = cookie.domain.slice(1).toLowerCase();
  if (cookie.expires !== -1) attributes.expires = Math.round(cookie.expires * 1000);
  return attributes;
}

/**
 * What wrote it, for messages: `Set-Cookie in the response to GET /login (200)`,
 * `document.cookie in /js/app.js:1:97`, `document.cookie in an inline script of / (line 12)`.
 * `display` shortens URLs of the crawled site.
 */
export function describeWrite(write: CookieWrite, display: (url: string) => string): string {
  if (write.api === 'set-cookie') {
    return `Set-Cookie in the response to ${write.method} ${display(write.url!)} (${write.status})`;
  }
  const api = write.api === 'cookieStore' ? 'cookieStore.set' : 'document.cookie';
  if (write.url === undefined) {
    return `${api} in a script of ${display(write.documentUrl!)} (the stack names no script)`;
  }
  if (write.url === write.documentUrl) {
    return `${api} in an inline script of ${display(write.url)} (line ${write.line})`;
  }
  return `${api} in ${display(write.url)}:${write.line}:${write.column}`;
}
