// An example of packages/runtime/README.md § Adapters (a file snapshot of readme.test.ts),
// with the reference schema's package for @acme/cookies.
import { withCookies } from '@cookie-schema/runtime/adapters/fetch';
import { type Cookies, createCookies } from '@examples/opendatasoft-cookies/server';
import { Hono } from 'hono';

const app = new Hono<{ Bindings: { cookies: Cookies } }>();
app.post('/lang', (c) => {
  c.env.cookies.lang.set('fr');
  return c.redirect('/', 303);
});

export default {
  fetch: withCookies(createCookies, (request, cookies) => app.fetch(request, { cookies })),
};
// Cloudflare Workers: (request, cookies, env, ctx) => app.fetch(request, { ...env, cookies }, ctx)
