// Type-level promises of the generated packages. The test command type-checks this file with
// TypeScript 6 and 7 (bundler and NodeNext resolution); each `@ts-expect-error` must fail there.
import type { ConsentRecord } from '@cookie-schema/runtime';
import * as odsClient from '@examples/opendatasoft-cookies/client';
import { consent, lang } from '@examples/opendatasoft-cookies/client';
import { policy } from '@examples/opendatasoft-cookies/policy';
import {
  type CategoryName,
  type CookieName,
  type CookieValues,
  createCookies,
} from '@examples/opendatasoft-cookies/server';
import * as shopClient from '@examples/shop-cookies/client';
import {
  type CartValue as ShopCartValue,
  type CookieValues as ShopCookieValues,
  createCookies as shopCookies,
} from '@examples/shop-cookies/server';
import { describe, expect, expectTypeOf, it } from 'vitest';

type Lang = 'en' | 'fr' | 'de' | 'es' | 'it' | 'nl';

describe('generated types', () => {
  it('types every accessor and the name map', () => {
    const jar = createCookies('');
    expectTypeOf(jar.lang.get()).toEqualTypeOf<Lang>();
    expectTypeOf(jar.sessionid.get()).toEqualTypeOf<string | undefined>();
    expectTypeOf(jar.cookiesPreferences.get()).toEqualTypeOf<ConsentRecord | undefined>();
    // A cookie with a default reads the same by name as through its accessor.
    expectTypeOf(jar.get('django_language')).toEqualTypeOf<Lang>();
    expectTypeOf(jar.get('django_language')).toEqualTypeOf(jar.lang.get());
    expectTypeOf(jar.get('sessionid')).toEqualTypeOf(jar.sessionid.get());
    expectTypeOf<CookieName>().toEqualTypeOf<
      'sessionid' | 'django_language' | 'csrftoken' | 'cookies_preferences' | `_pk_id.${string}`
    >();
    expectTypeOf(jar.get('_pk_id.1.d4c3')).toEqualTypeOf<string | undefined>();
    expectTypeOf<CategoryName>().toEqualTypeOf<'necessary' | 'statistics'>();
    expectTypeOf<CookieValues['django_language']>().toEqualTypeOf<Lang>();
    expectTypeOf(lang.get()).toEqualTypeOf<Lang>();
    expectTypeOf(policy.cookies[0].name).toEqualTypeOf<'sessionid'>();

    const shop = shopCookies('');
    expectTypeOf(shop.session.get()).toEqualTypeOf<Promise<string | undefined>>();
    expectTypeOf(shop.get('__Host-session')).toEqualTypeOf<Promise<string | undefined>>();
    expectTypeOf(shop.get('_ga_G-123')).toEqualTypeOf<string | undefined>();
    expectTypeOf(shop.abBucket.get()).toEqualTypeOf<number | undefined>();
    expectTypeOf(shop.lastVisit.get()).toEqualTypeOf<Date | undefined>();
    expectTypeOf(shop.cart.get()).toEqualTypeOf<
      | { coupon?: string; currency: 'EUR' | 'USD' | 'GBP'; items: { qty: number; sku: string }[] }
      | undefined
    >();
    // A json value's type is written once and exported by name from both modules.
    expectTypeOf<ShopCartValue>().toEqualTypeOf<ShopCookieValues['cart']>();
    expectTypeOf(shopClient.cart.get()).toEqualTypeOf<ShopCartValue | undefined>();
    expectTypeOf(shopClient.gaProperty.get).parameters.toEqualTypeOf<[suffix: string]>();

    // By name and by accessor, on the server and in the browser: one type per cookie.
    type Currency = 'EUR' | 'USD' | 'GBP';
    expectTypeOf(shop.get('currency')).toEqualTypeOf<Currency>();
    expectTypeOf(shop.currency.get()).toEqualTypeOf<Currency>();
    expectTypeOf(shopClient.currency.get()).toEqualTypeOf<Currency>();
    expectTypeOf(shop.get('recently_viewed')).toEqualTypeOf(shopClient.recentlyViewed.get());
    expectTypeOf(shop.get('_ga_G-1')).toEqualTypeOf(shopClient.gaProperty.get('G-1'));
    expectTypeOf(shop.get('__Host-session')).toEqualTypeOf(shop.session.get());
    expectTypeOf(shop.set('currency', 'GBP')).toEqualTypeOf<boolean>();
  });

  it('does not compile undeclared or misused cookies', () => {
    const jar = createCookies('');
    const shop = shopCookies('');
    // @ts-expect-error — `nope` is not a declared cookie: no accessor
    expect(jar.nope).toBeUndefined();
    // @ts-expect-error — `nope` is not a CookieName
    expect(() => jar.get('nope')).toThrow(/not declared/);
    // @ts-expect-error — "xx" is not one of the django_language values
    expect(() => lang.set('xx')).toThrow(/one of/);
    // @ts-expect-error — ab_bucket is an integer, not a string
    expect(() => shop.abBucket.set('5')).toThrow(/integer/);
    // @ts-expect-error — the cart JSON requires "currency"
    expect(() => shop.cart.set({ items: [] })).toThrow(/currency/);
    // @ts-expect-error — sessionid is HttpOnly: it does not exist in the client module
    expect(odsClient.sessionid).toBeUndefined();
    // @ts-expect-error — __Host-session is signed (server only): not in the client module
    expect(shopClient.session).toBeUndefined();
    // @ts-expect-error — IDE is a third-party cookie: documented, but no accessor
    expect(shop.ide).toBeUndefined();
    // @ts-expect-error — theme is client-scoped: no server accessor
    expect(shop.theme).toBeUndefined();
    // @ts-expect-error — theme is client-only; the error says so (see type-messages.test.ts)
    expect(() => shop.get('theme')).toThrow(/theme.*is declared client-only/);
    // @ts-expect-error — theme is client-only: the server cannot write it by name either
    expect(() => shop.set('theme', 'dark')).toThrow(/client-only/);
    // @ts-expect-error — IDE is another site's cookie: this site can neither read nor delete it
    expect(() => shop.delete('IDE')).toThrow(/third-party cookie/);
    // @ts-expect-error — "JPY" is not a currency of the schema
    expect(() => shop.set('currency', 'JPY')).toThrow(/one of/);
    // @ts-expect-error — "ads" is not a category of the policy
    expect(() => consent.grant('ads')).toThrow(/unknown consent category/);
    // @ts-expect-error — a family accessor needs the member suffix
    expect(() => shop.gaProperty.get()).toThrow(/suffix/);
    // @ts-expect-error — the policy data is frozen and read-only
    expect(() => (policy.revision = 2)).toThrow(TypeError);
  });
});
