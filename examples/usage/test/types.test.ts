// Type-level promises of the generated packages. The test command type-checks this file with
// TypeScript 6 and 7 (bundler and NodeNext resolution); each `@ts-expect-error` must fail there.
import { type ConsentRecord, CookieError } from '@cookie-schema/runtime';
import type { BannerHandle, BannerOptions } from '@examples/opendatasoft-cookies/banner';
import * as odsBanner from '@examples/opendatasoft-cookies/banner';
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
  type OauthStateValue,
  type CartValue as ShopCartValue,
  type CookieValues as ShopCookieValues,
  type EncryptedCookieName as ShopEncryptedCookieName,
  type Inspection as ShopInspection,
  createCookies as shopCookies,
} from '@examples/shop-cookies/server';
import { describe, expect, expectTypeOf, it } from 'vitest';

type Lang = 'en' | 'fr' | 'de' | 'es' | 'it' | 'nl';

describe('generated types', () => {
  it('types every accessor and the name map', async () => {
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

    const shop = shopCookies('', { secrets: ['a-test-secret-of-at-least-32-characters!'] });
    expectTypeOf(shop.session.get()).toEqualTypeOf<Promise<string | undefined>>();
    expectTypeOf(shop.get('__Host-session')).toEqualTypeOf<Promise<string | undefined>>();
    expectTypeOf(shop.get('_ga_G-123')).toEqualTypeOf<string | undefined>();
    expectTypeOf(shop.abBucket.get()).toEqualTypeOf<number | undefined>();
    expectTypeOf(shop.lastVisit.get()).toEqualTypeOf<Date | undefined>();
    expectTypeOf(shop.cart.get()).toEqualTypeOf<
      | { coupon?: string; currency: 'EUR' | 'USD' | 'GBP'; items: { qty: number; sku: string }[] }
      | undefined
    >();
    // An encrypted cookie's accessor is async, by accessor and by name, with the JSON type.
    expectTypeOf(shop.oauthState.get()).toEqualTypeOf<Promise<OauthStateValue | undefined>>();
    expectTypeOf(shop.oauthState.set).returns.toEqualTypeOf<Promise<boolean>>();
    expectTypeOf(shop.oauthState.inspect()).resolves.toEqualTypeOf<
      ShopInspection<OauthStateValue>
    >();
    expectTypeOf(shop.get('__Host-oauth_state')).toEqualTypeOf<
      Promise<OauthStateValue | undefined>
    >();
    const written = shop.set('__Host-oauth_state', {} as OauthStateValue);
    expectTypeOf(written).toEqualTypeOf<Promise<boolean>>();
    // At run time the empty value is refused (it bypassed the types).
    await expect(written).rejects.toThrow(/required property is missing/);
    expectTypeOf<ShopEncryptedCookieName>().toEqualTypeOf<'__Host-oauth_state'>();
    expectTypeOf<OauthStateValue>().toEqualTypeOf<{
      provider: 'google' | 'apple';
      returnTo?: string;
      state: string;
      verifier: string;
    }>();
    // A json value's type is written once and exported by name from both modules.
    expectTypeOf<ShopCartValue>().toEqualTypeOf<ShopCookieValues['cart']>();
    expectTypeOf(shopClient.cart.get()).toEqualTypeOf<ShopCartValue | undefined>();
    expectTypeOf(shopClient.gaProperty.get).parameters.toEqualTypeOf<[suffix: string]>();
    // The banner module: two functions, the same options, a handle or nothing.
    expectTypeOf(odsBanner.showConsentBanner).parameters.toEqualTypeOf<[options?: BannerOptions]>();
    expectTypeOf(odsBanner.openConsentPreferences).returns.toEqualTypeOf<
      BannerHandle | undefined
    >();
    expectTypeOf(policy.categories[1].optOut).toEqualTypeOf<true>();

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

  it('does not compile undeclared or misused cookies', async () => {
    const jar = createCookies('');
    const shop = shopCookies('', { secrets: ['a-test-secret-of-at-least-32-characters!'] });
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
    // @ts-expect-error — __Host-oauth_state is encrypted (server only): not in the client module
    expect(shopClient.oauthState).toBeUndefined();
    // @ts-expect-error — the OAuth state needs "verifier"
    await expect(shop.oauthState.set({ provider: 'google', state: 's' })).rejects.toThrow(
      /verifier/,
    );
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
    // @ts-expect-error — a family accessor needs the member suffix (reading one without is absent)
    expect(shop.gaProperty.get()).toBeUndefined();
    // @ts-expect-error — set() takes maxAge and expires only: the schema fixes the domain
    expect(() => shop.currency.set('EUR', { domain: 'evil.com;x' })).toThrow(CookieError);
    const attributes = { domain: 'evil.com' };
    // @ts-expect-error — nor from a variable: { domain } has nothing in common with SetOptions
    expect(() => shop.currency.set('EUR', attributes)).toThrow(/maxAge\?, expires\?/);
    // @ts-expect-error — expires is a Date
    expect(() => shop.currency.set('EUR', { expires: 42 })).toThrow(CookieError);
    // @ts-expect-error — the policy data is frozen and read-only
    expect(() => (policy.revision = 2)).toThrow(TypeError);
    // @ts-expect-error — the banner takes a locale and a policy URL, nothing else
    expect(odsBanner.showConsentBanner({ position: 'top' })).toBeUndefined();
    // @ts-expect-error — the banner module holds the banner only, no cookie accessor
    expect(odsBanner.lang).toBeUndefined();
  });

  it('types the firewall’s options and reports by the schema’s categories', () => {
    type Options = NonNullable<Parameters<typeof shopClient.installCookieFirewall>[0]>;
    expectTypeOf<Options['mode']>().toEqualTypeOf<'enforce' | 'report' | undefined>();
    expectTypeOf<shopClient.FirewallReport<shopClient.CategoryName>>().toMatchTypeOf<{
      name: string;
      reason: 'undeclared' | 'not-granted' | 'lifetime';
      source: string | undefined;
      category?: 'necessary' | 'preferences' | 'statistics' | 'marketing' | 'audience';
    }>();
    expectTypeOf(
      shopClient.installCookieFirewall,
    ).returns.toEqualTypeOf<shopClient.CookieFirewall>();
    // Without a document (here, Node) it does nothing and returns an inert firewall.
    const firewall = shopClient.installCookieFirewall({
      mode: 'report',
      clampLifetime: true,
      onBlocked: (report) => {
        expectTypeOf(report.category).toEqualTypeOf<shopClient.CategoryName | undefined>();
      },
    });
    expect(() => firewall.uninstall()).not.toThrow();
    // @ts-expect-error — "block" is not a mode: "enforce" or "report"
    shopClient.installCookieFirewall({ mode: 'block' });
    // @ts-expect-error — the firewall checks the schema's cookies: it takes no rules of its own
    shopClient.installCookieFirewall({ cookies: {} });
  });
});
