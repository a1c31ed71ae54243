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
    deleteSuffix: '; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; SameSite=Lax',
};
/** Google Consent Mode v2 storage types of each category. */
export const consentMode = {
    necessary: ['security_storage'],
    preferences: ['functionality_storage', 'personalization_storage'],
    statistics: ['analytics_storage'],
    marketing: ['ad_storage', 'ad_user_data', 'ad_personalization'],
    audience: [],
};
