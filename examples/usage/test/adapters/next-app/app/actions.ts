'use server';
// Server Actions: writes go through Next's cookies() store.
import { nextCookies } from '@cookie-schema/runtime/adapters/next';
import { createCookies } from '@examples/opendatasoft-cookies/server';
import { createCookies as shopCookies } from '@examples/shop-cookies/server';
import { cookies } from 'next/headers';

const LANGS = ['en', 'fr', 'de', 'es', 'it', 'nl'] as const;

export async function chooseLanguage(form: FormData): Promise<void> {
  const lang = LANGS.find((l) => l === form.get('lang')) ?? 'en';
  const jar = nextCookies(createCookies, await cookies());
  jar.lang.set(lang);
}

export async function signIn(form: FormData): Promise<void> {
  const jar = nextCookies(shopCookies, await cookies(), {
    secrets: [process.env.COOKIE_SECRET ?? ''],
  });
  await jar.session.set(String(form.get('session')));
}
