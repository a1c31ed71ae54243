// An example of packages/runtime/README.md § Adapters (a file snapshot of readme.test.ts),
// with the reference schema's package for @acme/cookies.
import { applyCookies, withCookies } from '@cookie-schema/runtime/adapters/fetch';
import { createCookies } from '@examples/opendatasoft-cookies/server';

// A Next.js Route Handler, Bun.serve({ fetch }), Deno.serve(…): the handler gets the jar;
// further arguments (Next's route context, Hono's env…) follow it.
export const POST = withCookies(
  createCookies,
  async (request, cookies) => {
    cookies.lang.set('fr');
    return Response.redirect(new URL('/', request.url), 303);
  },
  { secrets: [process.env.COOKIE_SECRET!] },
);

// A Remix / React Router action or a SvelteKit +server.ts: create the jar, apply it last.
export async function action({ request }: { request: Request }) {
  const cookies = createCookies(request);
  cookies.lang.set('fr');
  return applyCookies(cookies, Response.json({ ok: true }));
}
