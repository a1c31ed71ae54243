// Route Handlers over Next's cookies() store (shop schema: consent and a signed cookie).
import { nextCookies } from '@cookie-schema/runtime/adapters/next';
import { createCookies } from '@examples/shop-cookies/server';
import { cookies } from 'next/headers';

async function jar() {
  return nextCookies(createCookies, await cookies(), {
    secrets: [process.env.COOKIE_SECRET ?? ''],
  });
}

export async function GET() {
  const cookies = await jar();
  return Response.json({
    session: (await cookies.session.get()) ?? null,
    viewed: cookies.recentlyViewed.get() ?? null,
    currency: cookies.currency.get(),
    granted: cookies.consent.state().granted,
  });
}

export async function POST(request: Request) {
  const cookies = await jar();
  const body = (await request.json()) as {
    grant?: boolean;
    currency?: 'USD';
    viewed?: string[];
    session?: string;
  };
  const written: Record<string, boolean> = {};
  if (body.grant) cookies.consent.grant('preferences');
  if (body.currency) written.currency = cookies.currency.set(body.currency);
  if (body.viewed) written.viewed = cookies.recentlyViewed.set(body.viewed);
  if (body.session) written.session = await cookies.session.set(body.session);
  // Read back in the same request: the jar sees its own writes.
  return Response.json({
    written,
    session: (await cookies.session.get()) ?? null,
    viewed: cookies.recentlyViewed.get() ?? null,
  });
}
