// An example of packages/runtime/README.md § Adapters (a file snapshot of readme.test.ts),
// with the reference schema's package for @acme/cookies.
import { createServer } from 'node:http';
import { attachCookies, cookieMiddleware } from '@cookie-schema/runtime/adapters/node';
import { type Cookies, createCookies } from '@examples/opendatasoft-cookies/server';
import express from 'express';

createServer((req, res) => {
  const cookies = attachCookies(createCookies, req, res);
  cookies.lang.set('fr');
  res.end('ok'); // Set-Cookie: django_language=fr; Max-Age=31536000; Path=/; Secure; SameSite=Lax
});

declare global {
  namespace Express {
    interface Locals {
      cookies: Cookies;
    }
  }
}

const app = express();
app.use(cookieMiddleware(createCookies, { secrets: [process.env.COOKIE_SECRET!] }));
app.post('/lang', (_req, res) => {
  res.locals.cookies.lang.set('fr');
  res.redirect(303, '/');
});
