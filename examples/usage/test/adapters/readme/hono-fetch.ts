// An example of packages/runtime/README.md § Adapters (a file snapshot of readme.test.ts),
// with the reference schema's package for @acme/cookies.
import { withCookies } from '@cookie-schema/runtime/adapters/fetch';
import { type Cookies, createCookies } from '@examples/opendatasoft-cookies/server';
import { type HttpBindings, serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono<{ Bindings: HttpBindings & { cookies: Cookies } }>();
app.post('/lang', (c) => {
  c.env.cookies.lang.set('fr');
  return c.redirect('/', 303);
});

serve({
  // env: @hono/node-server's { incoming, outgoing } (a Worker's bindings, Bun's server…)
  fetch: withCookies(createCookies, (request, cookies, env: object) =>
    app.fetch(request, { ...env, cookies }),
  ),
});
// Cloudflare Workers: (request, cookies, env, ctx) => app.fetch(request, { ...env, cookies }, ctx)
