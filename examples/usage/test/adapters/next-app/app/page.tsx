// A Server Component reads through the adapter; its forms post to Server Actions (they work
// without JavaScript: Next renders the action id as a hidden field).
import { nextCookies } from '@cookie-schema/runtime/adapters/next';
import { createCookies } from '@examples/opendatasoft-cookies/server';
import { createCookies as shopCookies } from '@examples/shop-cookies/server';
import { cookies, headers } from 'next/headers';
import { chooseLanguage, signIn } from './actions';

export default async function Page() {
  const store = await cookies();
  const jar = nextCookies(createCookies, store, { headers: await headers() });
  const shop = nextCookies(shopCookies, store, { secrets: [process.env.COOKIE_SECRET ?? ''] });
  return (
    <main>
      <p id="lang">{jar.lang.get()}</p>
      <p id="session">{(await shop.session.get()) ?? 'none'}</p>
      <form id="language" action={chooseLanguage}>
        <input name="lang" defaultValue="fr" />
        <button type="submit">Save</button>
      </form>
      <form id="sign-in" action={signIn}>
        <input name="session" defaultValue="" />
        <button type="submit">Sign in</button>
      </form>
    </main>
  );
}
