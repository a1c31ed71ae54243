/**
 * @cookie-schema/runtime/adapters/hono — Hono middleware: `app.use(cookies(createCookies))`
 * gives every route the jar of its request as `c.var.cookies` (typed by your generated package),
 * and adds the `Set-Cookie` headers it queued to whatever Response the app sends: `c.text()`,
 * `c.redirect()`, a `new Response()` or `Response.redirect()` a handler returns, the error
 * handler's. Hono's own environment is left alone, so `getConnInfo(c)` and `c.env.incoming` of
 * `@hono/node-server`, or a Worker's bindings, work as without the middleware.
 *
 * Only Hono's types are imported (an optional peer dependency); nothing of Hono runs here.
 */
import type { MiddlewareHandler } from 'hono';
import { CookieError } from '../errors.js';
import type { JarOptions } from '../jar.js';
import { applyCookies } from './fetch.js';
import { type CookieJarLike, type CreateCookies, setCookieName, withListener } from './shared.js';

export type { CookieJarLike, CreateCookies } from './shared.js';

/** What the middleware adds to the app's `Variables`: the jar as `c.var.cookies`. */
export interface CookiesVariables<J> {
  cookies: J;
}

/**
 * The middleware: creates the jar of each request (`c.var.cookies`, also `c.get('cookies')`),
 * runs the rest of the app, then appends the jar's queued `Set-Cookie` headers to the response,
 * after those the app set itself. A response with immutable headers (`Response.redirect()`, a
 * `fetch()` response passed through) is replaced by a copy that has them. A write after the
 * response left the middleware throws a `CookieError` (`headers-sent`) instead of being lost.
 *
 * @param createCookies the generated `createCookies` of your schema
 * @param options passed to `createCookies` for every request (`secrets`, `onBlocked`, `domain`…)
 * @example
 * const app = new Hono().use(cookies(createCookies, { secrets: [process.env.COOKIE_SECRET!] }));
 * app.post('/lang', (c) => {
 *   c.var.cookies.lang.set('fr');
 *   return c.redirect('/', 303);
 * });
 */
export function cookies<J extends CookieJarLike>(
  createCookies: CreateCookies<J>,
  options?: JarOptions,
): MiddlewareHandler<{ Variables: CookiesVariables<J> }> {
  return async (c, next) => {
    let sent = false;
    const jar = createCookies(
      c.req.raw,
      withListener(options, (header) => {
        if (sent) {
          throw new CookieError(
            'headers-sent',
            setCookieName(header),
            'not written: the response already left the cookies() middleware. Write cookies before the handler returns.',
          );
        }
      }),
    );
    c.set('cookies', jar);
    try {
      await next();
    } finally {
      sent = true;
    }
    if (jar.toSetCookieHeaders().length === 0) return;
    const response = c.res;
    const applied = applyCookies(jar, response);
    if (applied !== response) {
      // A copy (the headers were immutable). Hono's `c.res = …` would merge the old response's
      // Set-Cookie headers over the copy's, so clear it first.
      c.res = undefined;
      c.res = applied;
    }
  };
}
