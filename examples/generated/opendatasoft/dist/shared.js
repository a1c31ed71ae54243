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
    deleteSuffix: '; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; SameSite=Lax',
};
/** Google Consent Mode v2 storage types of each category. */
export const consentMode = {
    necessary: [],
    statistics: ['analytics_storage'],
};
