/**
 * @cookie-schema/runtime/adapters/fetch — the Fetch API adapter: a handler gets the jar of its
 * `Request`, and the `Set-Cookie` headers the jar queued are added to the `Response` it returns.
 * One adapter for every server built on `(request) => Response`: Hono (`app.fetch`), Next.js
 * Route Handlers and middleware, Remix / React Router and SvelteKit endpoints, `Bun.serve`,
 * `Deno.serve`, Cloudflare Workers.
 */
import { CookieError } from '../errors.js';
import type { JarOptions } from '../jar.js';
import { type CookieJarLike, type CreateCookies, setCookieName, withListener } from './shared.js';

export type { CookieJarLike, CreateCookies } from './shared.js';

/**
 * Returns `response` with the jar's queued `Set-Cookie` headers appended after the ones it
 * already has. A response whose headers are immutable (`Response.redirect()`, a `fetch()`
 * response passed through) is copied first — status, status text, headers and body stream — and
 * the copy is returned, so always use the return value.
 *
 * @example
 * const jar = createCookies(request);
 * jar.lang.set('fr');
 * return applyCookies(jar, Response.redirect(new URL('/', request.url), 303));
 */
export function applyCookies(jar: CookieJarLike, response: Response): Response {
  const headers = jar.toSetCookieHeaders();
  if (headers.length === 0) return response;
  let target = response;
  try {
    target.headers.append('set-cookie', headers[0]!);
  } catch {
    // Immutable headers (the guard of Response.redirect() and fetch() responses): a copy
    // shares the body stream and starts with a mutable copy of the headers.
    target = new Response(response.body, response);
    target.headers.append('set-cookie', headers[0]!);
  }
  for (let i = 1; i < headers.length; i++) target.headers.append('set-cookie', headers[i]!);
  return target;
}

/**
 * Wraps a Fetch handler: it receives the jar of its request as second argument (then any
 * further arguments the server passes, such as Next's route context or Hono's `env`), and the
 * returned `Response` carries the `Set-Cookie` headers the jar queued (see {@link applyCookies}).
 * A write after the handler returned throws a `CookieError` (`headers-sent`) instead of being
 * lost.
 *
 * @param createCookies the generated `createCookies` of your schema
 * @param options passed to `createCookies` for every request (`secrets`, `onBlocked`, …)
 * @example
 * export const POST = withCookies(createCookies, async (request, cookies) => {
 *   cookies.lang.set('fr');
 *   return Response.json({ ok: true });
 * });
 */
export function withCookies<J extends CookieJarLike, R extends Request, A extends unknown[]>(
  createCookies: CreateCookies<J>,
  handler: (request: R, cookies: J, ...rest: A) => Response | Promise<Response>,
  options?: JarOptions,
): (request: R, ...rest: A) => Promise<Response> {
  return async (request, ...rest) => {
    let returned = false;
    const cookies = createCookies(
      request,
      withListener(options, (header) => {
        if (returned) {
          throw new CookieError(
            'headers-sent',
            setCookieName(header),
            'not written: the handler already returned its Response. Write cookies before returning.',
          );
        }
      }),
    );
    let response: Response;
    try {
      response = await handler(request, cookies, ...rest);
    } finally {
      returned = true;
    }
    return applyCookies(cookies, response);
  };
}
