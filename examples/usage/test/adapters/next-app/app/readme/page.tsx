// An example of packages/runtime/README.md § Adapters (a file snapshot of readme.test.ts),
// with the reference schema's package for @acme/cookies.
import { nextCookies } from '@cookie-schema/runtime/adapters/next';
import { createCookies } from '@examples/opendatasoft-cookies/server';
import { cookies, headers } from 'next/headers';

// A Server Component reads (writing throws Next's own error there). The request headers give
// Global Privacy Control (Sec-GPC).
export default async function Page() {
  const jar = nextCookies(createCookies, await cookies(), { headers: await headers() });
  return <p>{jar.lang.get()}</p>;
}
