// Route Handlers over Next's cookies() store (opendatasoft schema).
import { nextCookies } from '@cookie-schema/runtime/adapters/next';
import { createCookies } from '@examples/opendatasoft-cookies/server';
import { cookies } from 'next/headers';

export async function GET() {
  const jar = nextCookies(createCookies, await cookies());
  return Response.json({ lang: jar.lang.get(), inspect: jar.lang.inspect() });
}

export async function POST(request: Request) {
  const jar = nextCookies(createCookies, await cookies());
  const { lang } = (await request.json()) as { lang: 'fr' | 'de' };
  jar.lang.set(lang);
  jar.csrftoken.delete();
  return Response.json({ lang: jar.lang.get() });
}
