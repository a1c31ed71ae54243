// An example of packages/runtime/README.md § Adapters (a file snapshot of readme.test.ts),
// with the reference schema's package for @acme/cookies.
import { cookies } from '@cookie-schema/runtime/adapters/hono';
import { createCookies } from '@examples/opendatasoft-cookies/server';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';

const app = new Hono().use(cookies(createCookies, { secrets: [process.env.COOKIE_SECRET!] }));
app.post('/lang', (c) => {
  c.var.cookies.lang.set('fr'); // c.var.cookies: the generated Cookies type
  return c.redirect('/', 303);
});
app.get('/', (c) => c.text(`${c.var.cookies.lang.get()} from ${getConnInfo(c).remote.address}`));

serve({ fetch: app.fetch });
