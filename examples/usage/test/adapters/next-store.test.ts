// nextCookies over the stores that Next.js's cookies() returns, built with Next's own classes:
// in a Server Action or Route Handler, MutableRequestCookiesAdapter (writes go through
// ResponseCookies.set, which percent-encodes every value, and reach the response through
// appendMutableCookies); in a Server Component render, the sealed RequestCookies. Whatever a jar
// writes reads back the same on the next request, signatures included, and what the other
// adapters write reads the same through Next. The real app is in next.test.ts.
import { createRequire } from 'node:module';
import { nextCookies } from '@cookie-schema/runtime/adapters/next';
import { createCookies as odsCookies } from '@examples/opendatasoft-cookies/server';
import { createCookies as shopCookies } from '@examples/shop-cookies/server';
import fc from 'fast-check';
import { RequestCookies, type ResponseCookies } from 'next/dist/compiled/@edge-runtime/cookies';
import { describe, expect, it } from 'vitest';

/** `ReadonlyRequestCookies`, as next/headers declares it. */
type ReadonlyRequestCookies = Omit<RequestCookies, 'set' | 'clear' | 'delete'> &
  Pick<ResponseCookies, 'set' | 'delete'>;

// Next's own store adapters, loaded untyped: their declarations pull in Next's whole d.ts graph,
// which does not pass this project's skipLibCheck: false. (The Next.js app type-checks the real
// cookies() type.)
const { appendMutableCookies, MutableRequestCookiesAdapter, RequestCookiesAdapter } = createRequire(
  import.meta.url,
)('next/dist/server/web/spec-extension/adapters/request-cookies.js') as {
  appendMutableCookies(headers: Headers, cookies: ResponseCookies): boolean;
  MutableRequestCookiesAdapter: { wrap(cookies: RequestCookies): ResponseCookies };
  RequestCookiesAdapter: { seal(cookies: RequestCookies): ReadonlyRequestCookies };
};

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const options = { secrets: [SECRET] };

/** The cookies() store of a Server Action or Route Handler, and the Set-Cookie Next sends. */
function action(cookie = '') {
  const store = MutableRequestCookiesAdapter.wrap(new RequestCookies(new Headers({ cookie })));
  const setCookies = () => {
    const headers = new Headers();
    appendMutableCookies(headers, store);
    return headers.getSetCookie();
  };
  return { store, setCookies };
}

/** The cookies() store of a Server Component render: reading only. */
const render = (cookie = '') =>
  RequestCookiesAdapter.seal(new RequestCookies(new Headers({ cookie })));

/** The Cookie header a browser sends back after a response with these Set-Cookie headers. */
const cookieHeader = (setCookies: string[]) => setCookies.map((h) => h.split(';')[0]).join('; ');

// Any text, and texts that escaping gets wrong: "%" (decoded twice?), escapes as text, and the
// characters Next escapes but the runtime does not.
const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 32 }),
  fc.constantFrom('100%', '%41', 'a%2Fb%', '%E0%A4%A', 'é+/=:@[],', ' ;"\\'),
);
const viewed = fc.array(text, { maxLength: 4 });
const sessionId = fc.stringMatching(/^[A-Za-z0-9_-]{24,64}$/);
const date = fc.date({
  min: new Date('0000-01-01T00:00:00Z'),
  max: new Date('9999-12-31T23:59:59Z'),
  noInvalidDate: true,
});

describe('nextCookies over the stores of Next’s cookies()', () => {
  it('every value written in an action reads back the same on the next request', async () => {
    await fc.assert(
      fc.asyncProperty(viewed, sessionId, date, async (list, id, visit) => {
        const { store, setCookies } = action();
        const jar = nextCookies(shopCookies, store, options);
        jar.consent.grant('preferences', 'statistics');
        expect(jar.recentlyViewed.set(list)).toBe(true);
        expect(await jar.session.set(id)).toBe(true);
        // An ISO date (Next escapes its ":", the runtime does not) and a raw value.
        expect(jar.lastVisit.set(visit)).toBe(true);
        expect(jar.ga.set('GA1.2.1234567890.1700000000')).toBe(true);
        // Read-your-writes in the request, also through a second jar over the same store.
        expect(jar.recentlyViewed.get()).toEqual(list);
        const again = nextCookies(shopCookies, store, options);
        expect(again.recentlyViewed.get()).toEqual(list);
        expect(await again.session.get()).toBe(id);

        const sent = cookieHeader(setCookies());
        const next = nextCookies(shopCookies, render(sent), options);
        expect(next.consent.has('preferences')).toBe(true);
        expect(next.recentlyViewed.get()).toEqual(list);
        expect(await next.session.get()).toBe(id);
        expect(next.lastVisit.get()).toEqual(visit);
        expect(next.ga.get()).toBe('GA1.2.1234567890.1700000000');
        // What other readers (the Fetch and Node adapters, the browser) get from Next's wire.
        const other = shopCookies(sent, options);
        expect(other.recentlyViewed.get()).toEqual(list);
        expect(other.lastVisit.get()).toEqual(visit);
      }),
      { numRuns: 200 },
    );
  });

  it('writes what the other adapters write, or its escaping where Next escapes more', () => {
    fc.assert(
      fc.property(viewed, (list) => {
        const { store, setCookies } = action();
        const jar = nextCookies(shopCookies, store, options);
        const own = shopCookies('', options);
        for (const j of [jar, own]) {
          j.consent.grant('preferences');
          j.recentlyViewed.set(list);
          j.cart.set({ currency: 'GBP', items: [{ sku: 'ABC-1', qty: 3 }], coupon: list[0] });
        }
        const values = (headers: string[]) =>
          new Map(headers.map((h) => h.split(';')[0]!.split('=') as [string, string]));
        const wire = values(setCookies());
        const written = values(own.toSetCookieHeaders());
        // base64url and the consent record are made of characters Next leaves alone.
        expect(wire.get('cart')).toBe(written.get('cart'));
        expect(wire.get('shop_consent')!.split('.').slice(3)).toEqual(
          written.get('shop_consent')!.split('.').slice(3),
        );
        // uri: the same bytes when the runtime escaped the value (it then escapes as Next does),
        // else Next escapes a few more characters (`[`, `,`, `:`…), which decode the same.
        const ownViewed = written.get('recently_viewed')!;
        if (ownViewed.includes('%')) expect(wire.get('recently_viewed')).toBe(ownViewed);
        else expect(wire.get('recently_viewed')).toBe(encodeURIComponent(ownViewed));
      }),
      { numRuns: 200 },
    );
  });

  it('reads what the Fetch and Node adapters wrote, signatures included', async () => {
    await fc.assert(
      fc.asyncProperty(viewed, sessionId, async (list, id) => {
        const own = shopCookies('', options);
        own.consent.grant('preferences');
        own.recentlyViewed.set(list);
        await own.session.set(id);
        const sent = cookieHeader(own.toSetCookieHeaders());
        for (const store of [render(sent), action(sent).store]) {
          const next = nextCookies(shopCookies, store, options);
          expect(next.recentlyViewed.get()).toEqual(list);
          expect(await next.session.get()).toBe(id);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('round-trips an encrypted value through Next, both ways', async () => {
    const oauth = fc.record(
      {
        provider: fc.constantFrom('google' as const, 'apple' as const),
        state: fc.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        verifier: fc.stringMatching(/^[A-Za-z0-9._~-]{43,128}$/),
        returnTo: fc.string({ unit: 'grapheme', maxLength: 64 }).map((path) => `/${path}`),
      },
      { requiredKeys: ['provider', 'state', 'verifier'] },
    );
    await fc.assert(
      fc.asyncProperty(oauth, async (value) => {
        const { store, setCookies } = action();
        expect(await nextCookies(shopCookies, store, options).oauthState.set(value)).toBe(true);
        const wire = setCookies();
        expect(wire[0]).toMatch(/^__Host-oauth_state=e1\.[A-Za-z0-9_-]+; Path=\/; Expires=/);
        const sent = cookieHeader(wire);
        expect(await nextCookies(shopCookies, render(sent), options).oauthState.get()).toEqual(
          value,
        );
        expect(await shopCookies(sent, options).oauthState.get()).toEqual(value);
        const own = shopCookies('', options);
        await own.oauthState.set(value);
        const theirs = render(cookieHeader(own.toSetCookieHeaders()));
        expect(await nextCookies(shopCookies, theirs, options).oauthState.get()).toEqual(value);
      }),
      { numRuns: 100 },
    );
  });

  it('passes every declared attribute to cookies().set, deletions included', () => {
    const { store, setCookies } = action('csrftoken=abc');
    const jar = nextCookies(odsCookies, store);
    jar.lang.set('fr', { maxAge: 60 });
    jar.sessionid.set('0123456789abcdef0123456789abcdef');
    jar.csrftoken.delete();
    const sent = setCookies();
    const named = (name: string) => sent.find((h) => h.startsWith(`${name}=`));
    const [lang, session, csrf] = [
      named('django_language'),
      named('sessionid'),
      named('csrftoken'),
    ];
    expect(sent).toHaveLength(3);
    expect(lang).toMatch(
      /^django_language=fr; Path=\/; Expires=[^;]+ GMT; Max-Age=60; Secure; SameSite=lax$/,
    );
    const expires = Date.parse(/Expires=([^;]+)/.exec(lang!)![1]!);
    expect(Math.abs(expires - (Date.now() + 60_000))).toBeLessThan(5_000);
    expect(session).toMatch(
      /^sessionid=0123456789abcdef0123456789abcdef; Path=\/; Expires=[^;]+ GMT; Max-Age=1209600; Secure; HttpOnly; SameSite=lax$/,
    );
    expect(csrf).toBe(
      'csrftoken=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Secure; SameSite=lax',
    );
    // Deleted for a later jar of the same request, although Next keeps an empty entry.
    expect(store.get('csrftoken')).toMatchObject({ value: '' });
    expect(nextCookies(odsCookies, store).csrftoken.has()).toBe(false);
  });

  it('in a Server Component render, reads work and a write throws Next’s own error', () => {
    const jar = nextCookies(odsCookies, render('django_language=de'));
    expect(jar.lang.get()).toBe('de');
    expect(() => jar.lang.set('fr')).toThrow(/Server Action or Route Handler/);
    expect(jar.lang.get()).toBe('de');
    expect(jar.toSetCookieHeaders()).toEqual([]);
  });

  it('reads Sec-GPC from the request headers given', () => {
    expect(nextCookies(shopCookies, render(), options).consent.state().gpc).toBe(false);
    const headers = new Headers({ 'sec-gpc': '1' });
    expect(nextCookies(shopCookies, render(), { ...options, headers }).consent.state().gpc).toBe(
      true,
    );
  });
});
