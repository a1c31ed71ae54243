/**
 * @cookie-schema/runtime/adapters/node — the Node `http` adapter, and Express (or Connect)
 * middleware: the jar of a request is bound to its response, and the `Set-Cookie` headers it
 * queued are added right before the headers are sent — however they are sent (`res.end`,
 * `res.write`, `res.writeHead`, Express's `res.send`, `res.redirect`, a piped stream). Typed by
 * shape: no Node built-in is imported.
 */
import { CookieError } from '../errors.js';
import type { JarOptions } from '../jar.js';
import type { IncomingMessageLike, ServerResponseLike } from '../request-store.js';
import { type CookieJarLike, type CreateCookies, setCookieName, withListener } from './shared.js';

export type { CookieJarLike, CreateCookies } from './shared.js';

/** A Node `ServerResponse` or Express response, as the adapter uses it. */
export interface NodeResponseLike extends ServerResponseLike {
  readonly headersSent: boolean;
  // biome-ignore lint/suspicious/noExplicitAny: Node's overloads (statusMessage?, headers?)
  writeHead(statusCode: number, ...rest: any[]): unknown;
  /** Express's per-request locals. */
  locals?: Record<string, unknown>;
}

type HeaderValue = number | string | readonly string[] | undefined;

function isSetCookie(name: unknown): boolean {
  return typeof name === 'string' && name.toLowerCase() === 'set-cookie';
}

function list(value: HeaderValue): string[] {
  return value === undefined ? [] : Array.isArray(value) ? [...value] : [String(value)];
}

/**
 * The arguments of `writeHead` with the jar's headers added. Headers given to `writeHead`
 * replace those of `setHeader` with the same name (Node's rule), so when they include
 * `Set-Cookie` ours join them there; otherwise ours are merged after the existing ones.
 */
function withSetCookies(res: NodeResponseLike, headers: string[], rest: unknown[]): unknown[] {
  const at = typeof rest[0] === 'string' ? 1 : 0;
  const given = rest[at];
  if (Array.isArray(given)) {
    // Raw form: [name, value, name, value, …].
    if (given.some((item, i) => i % 2 === 0 && isSetCookie(item))) {
      const copy = [...rest];
      copy[at] = [...given, ...headers.flatMap((header) => ['set-cookie', header])];
      return copy;
    }
  } else if (typeof given === 'object' && given !== null) {
    const key = Object.keys(given).find(isSetCookie);
    if (key !== undefined) {
      const record = given as Record<string, HeaderValue>;
      const copy = [...rest];
      copy[at] = { ...record, [key]: [...list(record[key]), ...headers] };
      return copy;
    }
  }
  const existing = res.getHeader('set-cookie');
  res.setHeader('set-cookie', [...list(existing), ...headers]);
  return rest;
}

/**
 * Creates the jar of a Node request and binds it to the response: the queued `Set-Cookie`
 * headers are appended after those other code set (`res.setHeader`, Express's `res.cookie`)
 * when the headers are sent. A write after that throws a `CookieError` (`headers-sent`), as Node
 * does for `setHeader`, instead of being lost.
 *
 * @param createCookies the generated `createCookies` of your schema
 * @example
 * createServer((req, res) => {
 *   const cookies = attachCookies(createCookies, req, res);
 *   cookies.lang.set('fr');
 *   res.end('ok'); // sends Set-Cookie: django_language=fr; Max-Age=31536000; Path=/; …
 * });
 */
export function attachCookies<J extends CookieJarLike>(
  createCookies: CreateCookies<J>,
  req: IncomingMessageLike,
  res: NodeResponseLike,
  options?: JarOptions,
): J {
  const jar = createCookies(
    req,
    withListener(options, (header) => {
      if (res.headersSent) {
        throw new CookieError(
          'headers-sent',
          setCookieName(header),
          'not written: the response headers were already sent. Write cookies before res.write(), res.end() or res.send().',
        );
      }
    }),
  );
  const writeHead = res.writeHead;
  let sent = false;
  // Node sends implicit headers through this.writeHead(statusCode) too (res.write, res.end,
  // res.flushHeaders), so this one hook sees every way out.
  res.writeHead = function writeHeadWithCookies(this: NodeResponseLike, ...args: unknown[]) {
    if (!sent) {
      sent = true;
      const headers = jar.toSetCookieHeaders();
      if (headers.length > 0) {
        const [statusCode, ...rest] = args;
        args = [statusCode, ...withSetCookies(this, headers, rest)];
      }
    }
    return (writeHead as (...a: unknown[]) => unknown).apply(this, args);
  };
  return jar;
}

/**
 * Express (or Connect) middleware: `res.locals.cookies` is the request's jar (see
 * {@link attachCookies}). Type it once for the app:
 * `declare global { namespace Express { interface Locals { cookies: Cookies } } }`.
 *
 * @example
 * app.use(cookieMiddleware(createCookies, { secrets: [process.env.COOKIE_SECRET!] }));
 * app.post('/lang', (req, res) => {
 *   res.locals.cookies.lang.set(req.body.lang);
 *   res.redirect(303, '/');
 * });
 */
export function cookieMiddleware<J extends CookieJarLike>(
  createCookies: CreateCookies<J>,
  options?: JarOptions,
): (req: IncomingMessageLike, res: NodeResponseLike, next: (error?: unknown) => void) => void {
  return (req, res, next) => {
    res.locals ??= {};
    res.locals.cookies = attachCookies(createCookies, req, res, options);
    next();
  };
}
