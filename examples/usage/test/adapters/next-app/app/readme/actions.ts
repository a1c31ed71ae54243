// An example of packages/runtime/README.md § Adapters (a file snapshot of readme.test.ts),
// with the reference schema's package for @acme/cookies.
'use server';
import { nextCookies } from '@cookie-schema/runtime/adapters/next';
import { createCookies } from '@examples/opendatasoft-cookies/server';
import { cookies } from 'next/headers';

export async function chooseLanguage(form: FormData) {
  const jar = nextCookies(createCookies, await cookies());
  jar.lang.set(form.get('lang') === 'fr' ? 'fr' : 'en');
}
