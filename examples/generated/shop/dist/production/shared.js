const audienceIdPattern = /^[0-9a-f]{16}$/u;
/** Why a value is not one of `audience_id`'s (its declared constraints), or `undefined`. */
export function checkAudienceId(v) {
    if (typeof v !== 'string') return 'invalid-value';
    if (!audienceIdPattern.test(v)) return 'invalid-value';
    return undefined;
}
/** Why a value is not one of `cart`'s (its JSON Schema, checked line by line), or `undefined`. Objects must be plain, without `__proto__`, `constructor` or `prototype` keys. */
export function checkCart(v) {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'value: type';
    const p1 = Object.getPrototypeOf(v);
    if (p1 !== Object.prototype && p1 !== null) return 'value: plain';
    if (!Object.hasOwn(v, 'items') || v.items === undefined) return 'value/items: required';
    if (!Object.hasOwn(v, 'currency') || v.currency === undefined) return 'value/currency: required';
    const v1 = v.items;
    if (!Array.isArray(v1)) return 'value/items: type';
    if (v1.length > 50) return 'value/items: maxItems';
    for (let i1 = 0; i1 < v1.length; i1++) {
        const v2 = v1[i1];
        if (typeof v2 !== 'object' || v2 === null || Array.isArray(v2)) {
            return `value/items/${i1}: type`;
        }
        const p2 = Object.getPrototypeOf(v2);
        if (p2 !== Object.prototype && p2 !== null) return `value/items/${i1}: plain`;
        if (!Object.hasOwn(v2, 'sku') || v2.sku === undefined) return `value/items/${i1}/sku: required`;
        if (!Object.hasOwn(v2, 'qty') || v2.qty === undefined) return `value/items/${i1}/qty: required`;
        const v3 = v2.sku;
        if (typeof v3 !== 'string') return `value/items/${i1}/sku: type`;
        if (!/^[A-Z0-9-]{3,32}$/u.test(v3)) return `value/items/${i1}/sku: pattern`;
        const v4 = v2.qty;
        if (!Number.isInteger(v4)) return `value/items/${i1}/qty: type`;
        if (!Number.isSafeInteger(v4)) return `value/items/${i1}/qty: integer`;
        if (v4 < 1) return `value/items/${i1}/qty: min`;
        if (v4 > 99) return `value/items/${i1}/qty: max`;
        for (const k1 of Object.keys(v2)) {
            if (k1 === 'sku' || k1 === 'qty') continue;
            if (k1 === '__proto__' || k1 === 'constructor' || k1 === 'prototype') {
                return `value/items/${i1}/${k1}: forbidden`;
            }
            const e1 = k1.replace(/~/g, '~0').replace(/\//g, '~1');
            return `value/items/${i1}/${e1}: unexpected`;
        }
    }
    const v5 = v.currency;
    if (v5 !== 'EUR' && v5 !== 'USD' && v5 !== 'GBP') return 'value/currency: enum';
    const v6 = Object.hasOwn(v, 'coupon') ? v.coupon : undefined;
    if (v6 !== undefined) {
        if (typeof v6 !== 'string') return 'value/coupon: type';
        if (v6.length > 32 && [...v6].length > 32) return 'value/coupon: maxLength';
    }
    for (const k2 of Object.keys(v)) {
        if (k2 === 'items' || k2 === 'currency' || k2 === 'coupon') continue;
        if (k2 === '__proto__' || k2 === 'constructor' || k2 === 'prototype') {
            return `value/${k2}: forbidden`;
        }
        const e2 = k2.replace(/~/g, '~0').replace(/\//g, '~1');
        return `value/${e2}: unexpected`;
    }
    return undefined;
}
const csrfPattern = /^[A-Za-z0-9]{43}$/u;
/** Why a value is not one of `__Secure-csrf`'s (its declared constraints), or `undefined`. */
export function checkCsrf(v) {
    if (typeof v !== 'string') return 'invalid-value';
    if (!csrfPattern.test(v)) return 'invalid-value';
    return undefined;
}
/** Why a value is not one of `currency`'s (one of its members), or `undefined`. */
export function checkCurrency(v) {
    if (v !== 'EUR' && v !== 'USD' && v !== 'GBP') return 'invalid-value';
    return undefined;
}
const gaPattern = /^GA1\.\d+\.\d+\.\d+$/u;
/** Why a value is not one of `_ga`'s (its declared constraints), or `undefined`. */
export function checkGa(v) {
    if (typeof v !== 'string') return 'invalid-value';
    if (!gaPattern.test(v)) return 'invalid-value';
    return undefined;
}
/** Why a value is not one of `recently_viewed`'s (its JSON Schema, checked line by line), or `undefined`. Objects must be plain, without `__proto__`, `constructor` or `prototype` keys. */
export function checkRecentlyViewed(v) {
    if (!Array.isArray(v)) return 'value: type';
    if (v.length > 10) return 'value: maxItems';
    for (let i1 = 0; i1 < v.length; i1++) {
        const v1 = v[i1];
        if (typeof v1 !== 'string') return `value/${i1}: type`;
        if (v1.length > 32 && [...v1].length > 32) return `value/${i1}: maxLength`;
    }
    return undefined;
}
/** The attributes that delete a cookie set with `Path=/; Secure; SameSite=Lax` (the same path and domain, `Max-Age=0`), for 13 cookies. */
export const deletion = '; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; SameSite=Lax';
/** The attributes that delete a cookie set with `Path=/; HttpOnly; Secure; SameSite=Lax` (the same path and domain, `Max-Age=0`), for one cookie. */
export const deletion2 = '; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure; SameSite=Lax';
/** The attributes that delete a cookie set with `Path=/; HttpOnly; Secure; SameSite=Strict` (the same path and domain, `Max-Age=0`), for one cookie. */
export const deletion3 = '; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure; SameSite=Strict';
/** What a consent guard checks (a part of `consentConfig`, so that a bundle with one guarded accessor stays small). */
export const consentGuard = {
    cookie: 'shop_consent',
    revision: 3,
    maxAge: 15552000,
    required: 'necessary',
    gpcOptOut: ['marketing', 'audience'],
    optOut: ['audience'],
};
/** How consent is stored and checked (the consent cookie, revision, lifetime). */
export const consentConfig = {
    cookie: 'shop_consent',
    revision: 3,
    maxAge: 15552000,
    required: 'necessary',
    gpcOptOut: ['marketing', 'audience'],
    optOut: ['audience'],
    hash: '8ad8a86bb49779c1',
    categories: ['necessary', 'preferences', 'statistics', 'marketing', 'audience'],
    suffix: '; Max-Age=15552000; Path=/; Secure; SameSite=Lax',
    deleteSuffix: deletion,
};
/** Google Consent Mode v2 storage types of each category. */
export const consentMode = {
    necessary: ['security_storage'],
    preferences: ['functionality_storage', 'personalization_storage'],
    statistics: ['analytics_storage'],
    marketing: ['ad_storage', 'ad_user_data', 'ad_personalization'],
    audience: [],
};
