// A Route Handler through the Fetch adapter: raw Set-Cookie headers on the returned Response.
import { withCookies } from '@cookie-schema/runtime/adapters/fetch';
import { createCookies } from '@examples/opendatasoft-cookies/server';

export const GET = withCookies(createCookies, (request, cookies) => {
  const previous = cookies.lang.get();
  cookies.lang.set('de');
  return Response.redirect(new URL(`/?was=${previous}`, request.url), 303);
});
