const csrftokenPattern = /^[A-Za-z0-9]{32,64}$/u;
/** Why a value is not one of `csrftoken`'s (its declared constraints), or `undefined`. */
export function checkCsrftoken(v) {
    if (typeof v !== 'string') return 'invalid-value';
    if (!csrftokenPattern.test(v)) return 'invalid-value';
    return undefined;
}
/** Why a value is not one of `django_language`'s (one of its members), or `undefined`. */
export function checkLang(v) {
    if (
        v !== 'en' &&
        v !== 'fr' &&
        v !== 'de' &&
        v !== 'es' &&
        v !== 'it' &&
        v !== 'nl'
    ) {
        return 'invalid-value';
    }
    return undefined;
}
const matomoVisitorPattern = /^[0-9a-f]{16}\.[0-9]{10}$/u;
/** Why a value is not one of `_pk_id.*`'s (its declared constraints), or `undefined`. */
export function checkMatomoVisitor(v) {
    if (typeof v !== 'string') return 'invalid-value';
    if (!matomoVisitorPattern.test(v)) return 'invalid-value';
    return undefined;
}
/** The attributes that delete a cookie set with `Path=/; Secure; SameSite=Lax` (the same path and domain, `Max-Age=0`), for 4 cookies. */
export const deletion = '; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; SameSite=Lax';
/** The attributes that delete a cookie set with `Path=/; HttpOnly; Secure; SameSite=Lax` (the same path and domain, `Max-Age=0`), for one cookie. */
export const deletion2 = '; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure; SameSite=Lax';
/** What a consent guard checks (a part of `consentConfig`, so that a bundle with one guarded accessor stays small). */
export const consentGuard = {
    cookie: 'cookies_preferences',
    revision: 1,
    maxAge: 15552000,
    required: 'necessary',
    gpcOptOut: [],
    optOut: ['statistics'],
};
/** How consent is stored and checked (the consent cookie, revision, lifetime). */
export const consentConfig = {
    cookie: 'cookies_preferences',
    revision: 1,
    maxAge: 15552000,
    required: 'necessary',
    gpcOptOut: [],
    optOut: ['statistics'],
    hash: '7c43ea40806dd1c9',
    categories: ['necessary', 'statistics'],
    suffix: '; Max-Age=15552000; Path=/; Secure; SameSite=Lax',
    deleteSuffix: deletion,
};
/** Google Consent Mode v2 storage types of each category. */
export const consentMode = {
    necessary: [],
    statistics: ['analytics_storage'],
};
