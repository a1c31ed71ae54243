import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseSchema, cookie, type Doc, examples, schemaText } from '../../test/helpers';
import { formatDiagnostic } from './diagnostics';
import { loadSchema, parseSchema } from './load';

interface Case {
  edit: (doc: Doc) => void;
  code: string;
  pointer: string;
  message: RegExp;
  severity?: 'error' | 'warning';
}

/** One invalid and one valid edit per rule of SPEC §3. */
const rules: [string, { invalid: Case; valid: (doc: Doc) => void }][] = [
  [
    'category name that the consent cookie cannot store',
    {
      invalid: {
        edit: (d) => {
          d.categories['ads & more'] = { title: 'Ads', description: 'Ads.' };
        },
        code: 'bad-category-name',
        pointer: '/categories/ads & more',
        message: /must be 1 to 64 letters, digits, "-" or "_"/,
      },
      valid: (d) => {
        d.categories['ads-and-more'] = { title: 'Ads', description: { en: 'Ads.', fr: 'Pubs.' } };
      },
    },
  ],
  [
    'wrong type anywhere',
    {
      invalid: {
        edit: (d) => {
          d.cookies.sid.httpOnly = 'yes';
        },
        code: 'wrong-type',
        pointer: '/cookies/sid/httpOnly',
        message: /expected true or false, received the string "yes"/,
      },
      valid: (d) => {
        d.cookies.sid.httpOnly = true;
      },
    },
  ],
  [
    'unknown key with a suggestion',
    {
      invalid: {
        edit: (d) => {
          d.cookies.sid.maxage = '1d';
        },
        code: 'unknown-key',
        pointer: '/cookies/sid/maxage',
        message: /unknown key "maxage"\. Did you mean "maxAge"\?/,
      },
      valid: (d) => {
        d.cookies.sid.maxAge = '1d';
      },
    },
  ],
  [
    'unknown key without a close match lists the keys',
    {
      invalid: {
        edit: (d) => {
          d.policy.zzz = 1;
        },
        code: 'unknown-key',
        pointer: '/policy/zzz',
        message: /Expected one of: name, revision, locales/,
      },
      valid: (d) => {
        d.policy.url = 'https://x.example/cookies';
      },
    },
  ],
  [
    'missing required key',
    {
      invalid: {
        edit: (d) => {
          delete d.cookies.sid.provider;
        },
        code: 'missing-key',
        pointer: '/cookies/sid/provider',
        message: /missing required key "provider"/,
      },
      valid: () => {},
    },
  ],
  [
    'name with a space',
    {
      invalid: {
        edit: (d) => {
          d.cookies['my cookie'] = cookie();
        },
        code: 'bad-name',
        pointer: '/cookies/my cookie',
        message: /contains a space/,
      },
      valid: (d) => {
        d.cookies.my_cookie = cookie();
      },
    },
  ],
  [
    'name with a semicolon',
    {
      invalid: {
        edit: (d) => {
          d.cookies['a;b'] = cookie();
        },
        code: 'bad-name',
        pointer: '/cookies/a;b',
        message: /contains the separator ";"/,
      },
      valid: (d) => {
        d.cookies['a.b'] = cookie({ accessor: 'aDotB' });
      },
    },
  ],
  [
    'name with a tab',
    {
      invalid: {
        edit: (d) => {
          d.cookies['a\tb'] = cookie();
        },
        code: 'bad-name',
        pointer: '/cookies/a\tb',
        message: /contains a tab/,
      },
      valid: (d) => {
        d.cookies['a-b'] = cookie();
      },
    },
  ],
  [
    'non-ASCII name',
    {
      invalid: {
        edit: (d) => {
          d.cookies.café = cookie();
        },
        code: 'bad-name',
        pointer: '/cookies/café',
        message: /non-ASCII character "é" \(U\+00E9\)/,
      },
      valid: (d) => {
        d.cookies.cafe = cookie();
      },
    },
  ],
  [
    'empty name',
    {
      invalid: {
        edit: (d) => {
          d.cookies[''] = cookie();
        },
        code: 'bad-name',
        pointer: '/cookies/',
        message: /must not be empty/,
      },
      valid: () => {},
    },
  ],
  [
    'name with "=" and a "*" that does not end a family',
    {
      invalid: {
        edit: (d) => {
          d.cookies['a*b'] = cookie({ accessor: 'ab' });
        },
        code: 'bad-name',
        pointer: '/cookies/a*b',
        message: /"\*" may only end a family name/,
      },
      valid: (d) => {
        d.cookies['_ga_*'] = cookie({ category: 'statistics', accessor: 'gaProperty' });
      },
    },
  ],
  [
    'duplicate name',
    {
      invalid: {
        edit: () => {},
        code: 'duplicate-name',
        pointer: '/cookies/sid',
        message: /duplicate cookie name "sid" \(first declared at line \d+\)/,
      },
      valid: () => {},
    },
  ],
  [
    'names that differ only by case',
    {
      invalid: {
        edit: (d) => {
          d.cookies.SID = cookie({ accessor: 'upperSid' });
        },
        code: 'case-clash',
        pointer: '/cookies/SID',
        message: /differs from "sid" only by case/,
        severity: 'warning',
      },
      valid: (d) => {
        d.cookies.sid2 = cookie();
      },
    },
  ],
  [
    'maxAge over 400 days',
    {
      invalid: {
        edit: (d) => {
          d.cookies.sid.maxAge = '401d';
        },
        code: 'max-age-cap',
        pointer: '/cookies/sid/maxAge',
        message: /401 days; browsers cap cookie lifetimes at 400 days/,
      },
      valid: (d) => {
        d.cookies.sid.maxAge = '400d';
      },
    },
  ],
  [
    'maxAge in seconds over 400 days',
    {
      invalid: {
        edit: (d) => {
          d.cookies.sid.maxAge = 34_560_001;
        },
        code: 'max-age-cap',
        pointer: '/cookies/sid/maxAge',
        message: /400 days/,
      },
      valid: (d) => {
        d.cookies.sid.maxAge = 34_560_000;
      },
    },
  ],
  [
    'consent-requiring cookie longer than 13 months',
    {
      invalid: {
        edit: (d) => {
          d.cookies.stats = cookie({ category: 'statistics', maxAge: '395d' });
        },
        code: 'consent-lifetime',
        pointer: '/cookies/stats/maxAge',
        message: /exceeds 13 months/,
        severity: 'warning',
      },
      valid: (d) => {
        d.cookies.stats = cookie({ category: 'statistics', maxAge: '13mo' });
        d.cookies.sid.maxAge = '1y';
      },
    },
  ],
  [
    'bad duration',
    {
      invalid: {
        edit: (d) => {
          d.cookies.sid.maxAge = '2 weeks';
        },
        code: 'bad-duration',
        pointer: '/cookies/sid/maxAge',
        message: /expected a duration such as "30m"/,
      },
      valid: (d) => {
        d.cookies.sid.maxAge = 'session';
      },
    },
  ],
  [
    '__Host- without secure',
    {
      invalid: {
        edit: (d) => {
          d.cookies['__Host-id'] = cookie({ secure: false });
        },
        code: 'host-prefix-secure',
        pointer: '/cookies/__Host-id/secure',
        message: /__Host- cookie must be secure/,
      },
      valid: (d) => {
        d.cookies['__Host-id'] = cookie();
      },
    },
  ],
  [
    '__Host- with a path other than /',
    {
      invalid: {
        edit: (d) => {
          d.cookies['__Host-id'] = cookie({ path: '/app' });
        },
        code: 'host-prefix-path',
        pointer: '/cookies/__Host-id/path',
        message: /must have path "\/"/,
      },
      valid: (d) => {
        d.cookies['__Host-id'] = cookie({ path: '/' });
      },
    },
  ],
  [
    '__Host- with a domain (also through defaults)',
    {
      invalid: {
        edit: (d) => {
          d.defaults.domain = 'example.com';
          d.cookies['__Host-id'] = cookie();
        },
        code: 'host-prefix-domain',
        pointer: '/defaults/domain',
        message: /must not set domain \(RFC 6265bis 4\.1\.3\.2\)\. Remove "domain"/,
      },
      valid: (d) => {
        d.defaults.domain = 'example.com';
        d.cookies.id = cookie();
      },
    },
  ],
  [
    '__Secure- without secure',
    {
      invalid: {
        edit: (d) => {
          d.cookies['__Secure-id'] = cookie({ secure: false });
        },
        code: 'secure-prefix-secure',
        pointer: '/cookies/__Secure-id/secure',
        message: /__Secure- cookie must be secure/,
      },
      valid: (d) => {
        d.cookies['__Secure-id'] = cookie({ secure: true, domain: 'example.com' });
      },
    },
  ],
  [
    'SameSite=None without secure',
    {
      invalid: {
        edit: (d) => {
          d.cookies.x = cookie({ sameSite: 'none', secure: false });
        },
        code: 'samesite-none-secure',
        pointer: '/cookies/x/sameSite',
        message: /needs "secure": true/,
      },
      valid: (d) => {
        d.cookies.x = cookie({ sameSite: 'none' });
      },
    },
  ],
  [
    'partitioned without secure',
    {
      invalid: {
        edit: (d) => {
          d.cookies.x = cookie({ partitioned: true, secure: false });
        },
        code: 'partitioned-secure',
        pointer: '/cookies/x/partitioned',
        message: /"partitioned": true needs "secure": true/,
      },
      valid: (d) => {
        d.cookies.x = cookie({ partitioned: true });
      },
    },
  ],
  [
    'missing translation',
    {
      invalid: {
        edit: (d) => {
          d.cookies.sid.purpose = { en: 'Session.' };
        },
        code: 'missing-translation',
        pointer: '/cookies/sid/purpose',
        message: /missing the "fr" translation/,
      },
      valid: (d) => {
        d.cookies.sid.purpose = { en: 'Session.', fr: 'Session.' };
      },
    },
  ],
  [
    'one plain text for every locale of a multi-locale schema',
    {
      invalid: {
        edit: (d) => {
          d.cookies.sid.purpose = 'Keeps you signed in.';
        },
        code: 'untranslated-text',
        pointer: '/cookies/sid/purpose',
        message:
          /"Keeps you signed in\." is one text for every locale: the "fr" policy page shows it as it is\. Give one entry per declared locale, e\.g\. \{ "en": "…", "fr": "…" \}/,
        severity: 'warning',
      },
      valid: (d) => {
        d.cookies.sid.purpose = { en: 'Keeps you signed in.', fr: 'Vous garde connecté.' };
      },
    },
  ],
  [
    'the GA4 pair _ga and _ga_* without accessor names',
    {
      invalid: {
        edit: (d) => {
          d.cookies._ga = cookie({ category: 'statistics', maxAge: '13mo' });
          d.cookies['_ga_*'] = cookie({ category: 'statistics', maxAge: '13mo', accessor: 'ga' });
        },
        code: 'accessor-collision',
        pointer: '/cookies/_ga_*',
        message: /"_ga_\*" and "_ga" both get the accessor "ga"/,
      },
      valid: (d) => {
        d.cookies._ga = cookie({ category: 'statistics', maxAge: '13mo' });
        d.cookies['_ga_*'] = cookie({ category: 'statistics', maxAge: '13mo' });
      },
    },
  ],
  [
    'translation for an undeclared locale',
    {
      invalid: {
        edit: (d) => {
          d.cookies.sid.purpose = { en: 'S', fr: 'S', de: 'S' };
        },
        code: 'unknown-locale',
        pointer: '/cookies/sid/purpose/de',
        message: /"de" is not a declared locale/,
      },
      valid: (d) => {
        d.cookies.sid.purpose = { en: 'S', fr: 'S' };
      },
    },
  ],
  [
    'bad locale tag',
    {
      invalid: {
        edit: (d) => {
          d.policy.locales = ['en', 'French'];
        },
        code: 'bad-locale',
        pointer: '/policy/locales/1',
        message: /is not a language tag/,
      },
      valid: (d) => {
        d.policy.locales = ['en', 'fr'];
      },
    },
  ],
  [
    'unknown category',
    {
      invalid: {
        edit: (d) => {
          d.cookies.sid.category = 'necesary';
        },
        code: 'unknown-category',
        pointer: '/cookies/sid/category',
        message: /unknown category "necesary"\. Did you mean "necessary"\?/,
      },
      valid: (d) => {
        d.cookies.sid.category = 'necessary';
      },
    },
  ],
  [
    'no required category',
    {
      invalid: {
        edit: (d) => {
          delete d.categories.necessary.required;
        },
        code: 'required-category',
        pointer: '/categories',
        message: /exactly one category must be "required": true/,
      },
      valid: (d) => {
        d.categories.necessary.required = true;
      },
    },
  ],
  [
    'two required categories',
    {
      invalid: {
        edit: (d) => {
          d.categories.statistics.required = true;
        },
        code: 'required-category',
        pointer: '/categories/statistics/required',
        message: /"necessary" already is/,
      },
      valid: (d) => {
        d.categories.statistics.required = false;
      },
    },
  ],
  [
    'consent cookie not declared',
    {
      invalid: {
        edit: (d) => {
          d.consentCookie = 'cookie_consnt';
        },
        code: 'consent-cookie-missing',
        pointer: '/consentCookie',
        message: /"cookie_consnt" is not declared.*Did you mean "cookie_consent"\?/,
      },
      valid: () => {},
    },
  ],
  [
    'consent cookie outside the required category',
    {
      invalid: {
        edit: (d) => {
          d.cookies.cookie_consent.category = 'statistics';
        },
        code: 'consent-cookie-category',
        pointer: '/cookies/cookie_consent/category',
        message: /must be in the required category "necessary"/,
      },
      valid: () => {},
    },
  ],
  [
    'consent cookie that page scripts cannot read',
    {
      invalid: {
        edit: (d) => {
          d.cookies.cookie_consent.httpOnly = true;
        },
        code: 'consent-cookie-httponly',
        pointer: '/cookies/cookie_consent/httpOnly',
        message: /readable by the consent banner/,
      },
      valid: (d) => {
        d.cookies.cookie_consent.httpOnly = false;
      },
    },
  ],
  [
    'consent cookie with another value type',
    {
      invalid: {
        edit: (d) => {
          d.cookies.cookie_consent.value = { type: 'string' };
        },
        code: 'consent-cookie-type',
        pointer: '/cookies/cookie_consent/value/type',
        message: /must be "consent", not "string"/,
      },
      valid: (d) => {
        delete d.cookies.cookie_consent.value;
      },
    },
  ],
  [
    'consent value type on another cookie',
    {
      invalid: {
        edit: (d) => {
          d.cookies.x = cookie({ value: { type: 'consent' } });
        },
        code: 'consent-type',
        pointer: '/cookies/x/value/type',
        message: /only the cookie named by "consentCookie"/,
      },
      valid: (d) => {
        d.cookies.x = cookie({ value: { type: 'json', schema: { type: 'object' } } });
      },
    },
  ],
  [
    'accessor collision',
    {
      invalid: {
        edit: (d) => {
          d.cookies['my-id'] = cookie();
          d.cookies.my_id = cookie();
        },
        code: 'accessor-collision',
        pointer: '/cookies/my_id',
        message: /"my_id" and "my-id" both get the accessor "myId"/,
      },
      valid: (d) => {
        d.cookies['my-id'] = cookie();
        d.cookies.my_id = cookie({ accessor: 'myId2' });
      },
    },
  ],
  [
    'family that covers a necessary cookie',
    {
      invalid: {
        edit: (d) => {
          d.cookies['_ga_*'] = cookie({ category: 'statistics' });
          d.cookies._ga_keep = cookie();
        },
        code: 'family-covers-name',
        pointer: '/cookies/_ga_*',
        message:
          /the family "_ga_\*" covers "_ga_keep", declared in "necessary": revoking "statistics" would delete it/,
      },
      valid: (d) => {
        d.cookies['_ga_*'] = cookie({ category: 'statistics' });
        d.cookies.ga_keep = cookie();
      },
    },
  ],
  [
    'family that covers the consent cookie',
    {
      invalid: {
        edit: (d) => {
          d.cookies['cookie_*'] = cookie({ category: 'statistics' });
        },
        code: 'family-covers-name',
        pointer: '/cookies/cookie_*',
        message:
          /the family "cookie_\*" covers "cookie_consent", the consent cookie: revoking "statistics" would delete the visitor's choice/,
      },
      valid: (d) => {
        d.cookies['cookie_stats_*'] = cookie({ category: 'statistics' });
      },
    },
  ],
  [
    'family that covers another family',
    {
      invalid: {
        edit: (d) => {
          d.cookies['ab_*'] = cookie({ category: 'statistics' });
          d.cookies['ab_test_*'] = cookie();
        },
        code: 'family-covers-name',
        pointer: '/cookies/ab_*',
        message: /covers "ab_test_\*" \(a family\), declared in "necessary"/,
      },
      valid: (d) => {
        // A narrower family of the same category is only more specific.
        d.cookies['ab_*'] = cookie({ category: 'statistics' });
        d.cookies['ab_test_*'] = cookie({ category: 'statistics' });
      },
    },
  ],
  [
    'accessor that is a reserved word',
    {
      invalid: {
        edit: (d) => {
          d.cookies.x = cookie({ accessor: 'delete' });
        },
        code: 'bad-accessor',
        pointer: '/cookies/x/accessor',
        message: /"delete" is a reserved word|name the generated API uses/,
      },
      valid: (d) => {
        d.cookies.x = cookie({ accessor: 'remove' });
      },
    },
  ],
  [
    'name that leaves no accessor',
    {
      invalid: {
        edit: (d) => {
          d.cookies.__ = cookie();
        },
        code: 'bad-accessor',
        pointer: '/cookies/__',
        message: /Set "accessor"/,
      },
      valid: (d) => {
        d.cookies.__ = cookie({ accessor: 'underscores' });
      },
    },
  ],
  [
    'default of the wrong type (enum)',
    {
      invalid: {
        edit: (d) => {
          d.cookies.lang = cookie({ value: { type: 'enum', values: ['en', 'fr'] }, default: 'de' });
        },
        code: 'bad-default',
        pointer: '/cookies/lang/default',
        message: /expected one of "en", "fr"/,
      },
      valid: (d) => {
        d.cookies.lang = cookie({ value: { type: 'enum', values: ['en', 'fr'] }, default: 'fr' });
      },
    },
  ],
  [
    'default of the wrong type (integer)',
    {
      invalid: {
        edit: (d) => {
          d.cookies.n = cookie({ value: { type: 'integer', min: 0, max: 9 }, default: '3' });
        },
        code: 'bad-default',
        pointer: '/cookies/n/default',
        message: /expected a finite number/,
      },
      valid: (d) => {
        d.cookies.n = cookie({ value: { type: 'integer', min: 0, max: 9 }, default: 3 });
      },
    },
  ],
  [
    'default of the wrong type (json missing a required field)',
    {
      invalid: {
        edit: (d) => {
          d.cookies.j = cookie({
            value: {
              type: 'json',
              schema: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
            },
            default: {},
          });
        },
        code: 'bad-default',
        pointer: '/cookies/j/default',
        message: /value\/a: required property is missing/,
      },
      valid: (d) => {
        d.cookies.j = cookie({
          value: {
            type: 'json',
            schema: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
          },
          default: { a: 'x' },
        });
      },
    },
  ],
  [
    'default that does not match the pattern',
    {
      invalid: {
        edit: (d) => {
          d.cookies.s = cookie({ value: { type: 'string', pattern: '^[a-z]+$' }, default: 'ABC' });
        },
        code: 'bad-default',
        pointer: '/cookies/s/default',
        message: /does not match the pattern/,
      },
      valid: (d) => {
        d.cookies.s = cookie({ value: { type: 'string', pattern: '^[a-z]+$' }, default: 'abc' });
      },
    },
  ],
  [
    'unknown value type',
    {
      invalid: {
        edit: (d) => {
          d.cookies.sid.value = { type: 'strng' };
        },
        code: 'bad-value-type',
        pointer: '/cookies/sid/value/type',
        message: /unknown value type the string "strng"\. Did you mean "string"\?/,
      },
      valid: (d) => {
        d.cookies.sid.value = { type: 'string' };
      },
    },
  ],
  [
    'invalid pattern',
    {
      invalid: {
        edit: (d) => {
          d.cookies.sid.value = { type: 'string', pattern: '([a-z' };
        },
        code: 'bad-pattern',
        pointer: '/cookies/sid/value/pattern',
        message: /not a valid regular expression/,
      },
      valid: (d) => {
        d.cookies.sid.value = { type: 'string', pattern: '([a-z])' };
      },
    },
  ],
  [
    'min greater than max',
    {
      invalid: {
        edit: (d) => {
          d.cookies.n = cookie({ value: { type: 'number', min: 5, max: 1 } });
        },
        code: 'bad-range',
        pointer: '/cookies/n/value/min',
        message: /min 5 is greater than max 1/,
      },
      valid: (d) => {
        d.cookies.n = cookie({ value: { type: 'number', min: 1, max: 5 } });
      },
    },
  ],
  [
    'an enum value listed twice',
    {
      invalid: {
        edit: (d) => {
          d.cookies.e = cookie({ value: { type: 'enum', values: ['a', 'a'] } });
        },
        code: 'duplicate-enum',
        pointer: '/cookies/e/value/values/1',
        message: /"a" is listed twice/,
      },
      valid: (d) => {
        d.cookies.e = cookie({ value: { type: 'enum', values: ['a', 'b'] } });
      },
    },
  ],
  [
    'httpOnly cookie with client scope',
    {
      invalid: {
        edit: (d) => {
          d.cookies.sid.scope = 'client';
        },
        code: 'scope-conflict',
        pointer: '/cookies/sid/scope',
        message: /scope must be "server", not "client"/,
      },
      valid: (d) => {
        d.cookies.sid.scope = 'server';
      },
    },
  ],
  [
    'signed cookie with both scopes',
    {
      invalid: {
        edit: (d) => {
          d.cookies.x = cookie({ signed: true, scope: 'both' });
        },
        code: 'scope-conflict',
        pointer: '/cookies/x/scope',
        message: /a signed cookie cannot be read by page scripts/,
      },
      valid: (d) => {
        d.cookies.x = cookie({ signed: true });
      },
    },
  ],
  [
    'encrypted and signed together',
    {
      invalid: {
        edit: (d) => {
          d.cookies.session = cookie({ encrypted: true, signed: true });
        },
        code: 'encrypted-signed',
        pointer: '/cookies/session/signed',
        message: /cannot be both encrypted and signed: .* Remove "signed"\./,
      },
      valid: (d) => {
        d.cookies.session = cookie({ encrypted: true });
      },
    },
  ],
  [
    'encrypted cookie that page scripts could read',
    {
      invalid: {
        edit: (d) => {
          d.cookies.session = cookie({ encrypted: true, httpOnly: false });
        },
        code: 'encrypted-httponly',
        pointer: '/cookies/session/httpOnly',
        message: /an encrypted cookie is HttpOnly.* Remove "httpOnly": false\./,
      },
      valid: (d) => {
        d.cookies.session = cookie({ encrypted: true, httpOnly: true });
      },
    },
  ],
  [
    'encrypted cookie with both scopes',
    {
      invalid: {
        edit: (d) => {
          d.cookies.session = cookie({ encrypted: true, scope: 'both' });
        },
        code: 'encrypted-scope',
        pointer: '/cookies/session/scope',
        message: /its scope must be "server", not "both"\. Remove "scope"\./,
      },
      valid: (d) => {
        d.cookies.session = cookie({ encrypted: true, scope: 'server' });
      },
    },
  ],
  [
    'encrypted cookie with an encoding',
    {
      invalid: {
        edit: (d) => {
          d.cookies.session = cookie({ encrypted: true, encoding: 'raw' });
        },
        code: 'encrypted-encoding',
        pointer: '/cookies/session/encoding',
        message: /no effect on an encrypted cookie: .* always base64url\. Remove "encoding"\./,
        severity: 'warning',
      },
      valid: (d) => {
        // An encoding from `defaults` applies to the other cookies: no warning.
        d.defaults.encoding = 'base64url';
        d.cookies.session = cookie({ encrypted: true });
      },
    },
  ],
  [
    'encrypted family',
    {
      invalid: {
        edit: (d) => {
          d.cookies['state_*'] = cookie({ encrypted: true });
        },
        code: 'encrypted-family',
        pointer: '/cookies/state_*/encrypted',
        message: /a family \("state_\*"\) cannot be encrypted.* Declare the cookies one by one\./,
      },
      valid: (d) => {
        d.cookies.state_google = cookie({ encrypted: true });
      },
    },
  ],
  [
    'encrypted third-party cookie',
    {
      invalid: {
        edit: (d) => {
          d.cookies.IDE = cookie({ party: 'third', domain: 'doubleclick.net', encrypted: true });
        },
        code: 'third-party-encrypted',
        pointer: '/cookies/IDE/encrypted',
        message: /cannot be encrypted by this site: another site writes it\. Remove "encrypted"\./,
      },
      valid: (d) => {
        d.cookies.IDE = cookie({ party: 'third', domain: 'doubleclick.net' });
      },
    },
  ],
  [
    'encrypted consent cookie',
    {
      invalid: {
        edit: (d) => {
          d.cookies.cookie_consent.encrypted = true;
        },
        code: 'consent-cookie-encrypted',
        pointer: '/cookies/cookie_consent/encrypted',
        message: /readable by the consent banner in the browser\. Remove "encrypted"\./,
      },
      valid: (d) => {
        d.cookies.cookie_consent.encrypted = false;
      },
    },
  ],
  [
    'third-party cookie without a domain',
    {
      invalid: {
        edit: (d) => {
          d.cookies.IDE = cookie({ party: 'third', category: 'statistics' });
        },
        code: 'third-party-domain',
        pointer: '/cookies/IDE/party',
        message: /must name the "domain"/,
      },
      valid: (d) => {
        d.cookies.IDE = cookie({
          party: 'third',
          category: 'statistics',
          domain: 'doubleclick.net',
        });
      },
    },
  ],
  [
    'third-party cookie with an accessor',
    {
      invalid: {
        edit: (d) => {
          d.cookies.IDE = cookie({ party: 'third', domain: 'doubleclick.net', accessor: 'ide' });
        },
        code: 'third-party-accessor',
        pointer: '/cookies/IDE/accessor',
        message: /gets no accessor/,
      },
      valid: (d) => {
        d.cookies.IDE = cookie({ party: 'third', domain: 'doubleclick.net' });
      },
    },
  ],
  [
    'path that does not start with /',
    {
      invalid: {
        edit: (d) => {
          d.cookies.sid.path = 'app';
        },
        code: 'bad-path',
        pointer: '/cookies/sid/path',
        message: /must start with "\/"/,
      },
      valid: (d) => {
        d.cookies.sid.path = '/app';
      },
    },
  ],
  [
    'domain with a scheme',
    {
      invalid: {
        edit: (d) => {
          d.cookies.sid.domain = 'https://example.com';
        },
        code: 'bad-domain',
        pointer: '/cookies/sid/domain',
        message: /is not a host name/,
      },
      valid: (d) => {
        d.cookies.sid.domain = 'example.com';
      },
    },
  ],
  [
    'required category with gpcOptOut',
    {
      invalid: {
        edit: (d) => {
          d.categories.necessary.gpcOptOut = true;
        },
        code: 'required-gpc',
        pointer: '/categories/necessary/gpcOptOut',
        message: /always granted/,
      },
      valid: (d) => {
        d.categories.statistics.gpcOptOut = true;
      },
    },
  ],
  [
    'required category with "consent"',
    {
      invalid: {
        edit: (d) => {
          d.categories.necessary.consent = 'opt-out';
        },
        code: 'required-consent',
        pointer: '/categories/necessary/consent',
        message:
          /always granted without asking, so "consent" does not apply to it\. Remove "consent"/,
      },
      valid: (d) => {
        d.categories.statistics.consent = 'opt-out';
      },
    },
  ],
  [
    'consent neither opt-in nor opt-out',
    {
      invalid: {
        edit: (d) => {
          d.categories.statistics.consent = 'optout';
        },
        code: 'bad-enum',
        pointer: '/categories/statistics/consent',
        message: /expected "opt-in" \| "opt-out", received the string "optout"/,
      },
      valid: (d) => {
        d.categories.statistics.consent = 'opt-in';
      },
    },
  ],
  [
    'introduction without every locale',
    {
      invalid: {
        edit: (d) => {
          d.policy.introduction = { en: 'Hello.\n\nSecond paragraph.' };
        },
        code: 'missing-translation',
        pointer: '/policy/introduction',
        message: /missing the "fr" translation/,
      },
      valid: (d) => {
        d.policy.introduction = { en: 'Hello.\n\nSecond paragraph.', fr: 'Bonjour.' };
      },
    },
  ],
  [
    'policy section without every locale',
    {
      invalid: {
        edit: (d) => {
          d.policy.sections = [{ title: 'What is a cookie?', body: { en: 'A small file.' } }];
        },
        code: 'missing-translation',
        pointer: '/policy/sections/0/body',
        message: /missing the "fr" translation/,
      },
      valid: (d) => {
        d.policy.sections = [
          { title: 'What is a cookie?', body: { en: 'A small file.', fr: 'Un petit fichier.' } },
        ];
      },
    },
  ],
  [
    'policy section without a body',
    {
      invalid: {
        edit: (d) => {
          d.policy.sections = [{ title: 'What is a cookie?' }];
        },
        code: 'missing-key',
        pointer: '/policy/sections/0/body',
        message:
          /missing required key "body" \(expected a non-empty string, or an object with one string per locale\)/,
      },
      valid: (d) => {
        d.policy.sections = [{ title: 'What is a cookie?', body: 'A small file.' }];
      },
    },
  ],
  [
    'bad sameSite value with a case hint',
    {
      invalid: {
        edit: (d) => {
          d.cookies.sid.sameSite = 'Strict';
        },
        code: 'bad-enum',
        pointer: '/cookies/sid/sameSite',
        message:
          /expected "strict" \| "lax" \| "none", received the string "Strict"\. Did you mean "strict"\?/,
      },
      valid: (d) => {
        d.cookies.sid.sameSite = 'strict';
      },
    },
  ],
];

describe('schema rules (SPEC §3): each rule has its own message', () => {
  it.each(rules)('%s — invalid', (_name, { invalid }) => {
    let text = schemaText(invalid.edit);
    if (invalid.code === 'duplicate-name') {
      // JSON.stringify cannot write a duplicate key: splice one in.
      text = text.replace('"sid": {', '"sid": { "provider": "Test" },\n    "sid": {');
    }
    const result = parseSchema(text, 'site.cookies.json');
    const found = result.diagnostics.find(
      (d) => d.code === invalid.code && d.pointer === invalid.pointer,
    );
    expect(found, result.diagnostics.map(formatDiagnostic).join('\n')).toBeDefined();
    expect(found!.message).toMatch(invalid.message);
    expect(found!.severity).toBe(invalid.severity ?? 'error');
    if ((invalid.severity ?? 'error') === 'error') expect(result.ok).toBe(false);
    else expect(result.ok).toBe(true);
    expect(found!.line).toBeGreaterThan(0);
  });

  it.each(rules)('%s — valid', (_name, { valid }) => {
    const result = parseSchema(schemaText(valid), 'site.cookies.json');
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(result.ok).toBe(true);
  });
});

describe('encrypted cookies', () => {
  it('are HttpOnly and server-scoped without saying so, and reported once when that clashes', () => {
    const result = parseSchema(
      schemaText((d) => {
        d.cookies.session = cookie({ encrypted: true, value: { type: 'json', schema: {} } });
      }),
      'x.json',
    );
    expect(result.ok).toBe(true);
    const session = result.ok ? result.schema.cookies.find((c) => c.name === 'session') : undefined;
    expect(session).toMatchObject({
      encrypted: true,
      httpOnly: true,
      scope: 'server',
      signed: false,
    });
    const clash = parseSchema(
      schemaText((d) => {
        d.cookies.cookie_consent.encrypted = true;
      }),
      'x.json',
    );
    expect(clash.diagnostics.map((d) => d.code)).toEqual(['consent-cookie-encrypted']);
  });

  it('leave the content hash of schemas without them as it was', () => {
    const text = schemaText();
    const plain = parseSchema(text, 'x.json');
    const explicit = parseSchema(
      schemaText((d) => {
        d.cookies.sid.encrypted = false;
      }),
      'x.json',
    );
    const sealed = parseSchema(
      schemaText((d) => {
        d.cookies.sid.encrypted = true;
      }),
      'x.json',
    );
    const hash = (r: typeof plain) => (r.ok ? r.schema.hash : undefined);
    expect(hash(plain)).toBeDefined();
    expect(hash(explicit)).toBe(hash(plain));
    expect(hash(sealed)).not.toBe(hash(plain));
  });
});

describe('positions', () => {
  it('reports invalid JSON with line and column', () => {
    const result = parseSchema('{\n  "policy": {\n    "name": "x",\n  }\n}', 'bad.json');
    expect(result.ok).toBe(false);
    expect(formatDiagnostic(result.diagnostics[0]!)).toMatch(/^bad\.json:4:3 \/: invalid JSON/);
  });

  it('reports a repeated cookie name at the repeat, naming the line of the first', () => {
    const text = schemaText().replace('"sid": {', '"sid": { "provider": "Test" },\n    "sid": {');
    const lines = text.split('\n');
    const first = lines.findIndex((l) => l.includes('"sid": { "provider"')) + 1;
    const repeat = lines.findIndex((l, i) => i + 1 > first && l.includes('"sid": {')) + 1;
    const result = parseSchema(text, 'x.json');
    const duplicate = result.diagnostics.find((d) => d.code === 'duplicate-name')!;
    expect(formatDiagnostic(duplicate)).toBe(
      `x.json:${repeat}:5 /cookies/sid: duplicate cookie name "sid" (first declared at line ${first}). JSON keeps only the last one; remove or rename one of them.`,
    );
    expect(repeat).toBeGreaterThan(first);
  });

  it('says that comments are not JSON', () => {
    const result = parseSchema('{\n  // the site\n  "policy": {}\n}', 'c.json');
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      'c.json:2:3 /: invalid JSON: comments are not allowed: a schema is plain JSON (editors check it against its JSON Schema). Remove the comment.',
    ]);
  });

  it('reports a truncated file once, with what would close it', () => {
    const text = schemaText();
    const cut = text.slice(0, text.lastIndexOf('"2w"') + 4);
    const result = parseSchema(cut, 't.json');
    const lines = cut.trimEnd().split('\n');
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      `t.json:${lines.length}:${lines.at(-1)!.length + 1} /: invalid JSON: the file ends before the JSON is complete (is it truncated?); expected "}" "}" "}" to close what is still open.`,
    ]);
  });

  it('reports an empty file', () => {
    const result = parseSchema('', 'empty.json');
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]!.code).toBe('invalid-json');
  });

  it('points at the offending value, as file:line:col /pointer: message', () => {
    const text = schemaText((d) => {
      d.cookies.sid.maxAge = '500d';
    });
    const line = text.split('\n').findIndex((l) => l.includes('"500d"')) + 1;
    const column = text.split('\n')[line - 1]!.indexOf('"500d"') + 1;
    const result = parseSchema(text, 'schemas/x.cookies.json');
    expect(formatDiagnostic(result.diagnostics[0]!)).toBe(
      `schemas/x.cookies.json:${line}:${column} /cookies/sid/maxAge: maxAge "500d" is 500 days; browsers cap cookie lifetimes at 400 days (RFC 6265bis 5.6.1). Use at most "400d" (e.g. "13mo").`,
    );
  });

  it('points at the key of an unknown key', () => {
    const text = '{"policy": {"name": "x", "revison": 1}}';
    const result = parseSchema(text, 'x.json');
    const unknown = result.diagnostics.find((d) => d.code === 'unknown-key')!;
    expect([unknown.line, unknown.column]).toEqual([1, 26]);
    expect(unknown.message).toContain('Did you mean "revision"?');
  });

  it('escapes "/" and "~" in JSON pointers (RFC 6901)', () => {
    const result = parseSchema(
      schemaText((d) => {
        d.cookies['a/b~c'] = cookie();
      }),
      'x.json',
    );
    expect(result.diagnostics.map((d) => d.pointer)).toContain('/cookies/a~1b~0c');
  });

  it('reports every problem at once, sorted by position', () => {
    const result = parseSchema(
      schemaText((d) => {
        d.cookies.sid.maxAge = '500d';
        d.cookies['__Host-x'] = cookie({ domain: 'example.com' });
        d.cookies.y = cookie({ category: 'nope' });
      }),
      'x.json',
    );
    const codes = result.diagnostics.map((d) => d.code);
    expect(codes).toEqual(
      expect.arrayContaining(['max-age-cap', 'host-prefix-domain', 'unknown-category']),
    );
    const lines = result.diagnostics.map((d) => d.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });
});

describe('loadSchema', () => {
  it('reports a file that does not exist, without throwing', async () => {
    const result = await loadSchema('does/not/exist.cookies.json');
    expect(result.ok).toBe(false);
    expect(formatDiagnostic(result.diagnostics[0]!)).toBe(
      'does/not/exist.cookies.json:1:1 /: file not found. Check the path, or create a schema with `cookie-schema init`.',
    );
  });

  it('reports a directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-'));
    const result = await loadSchema(dir);
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]!.message).toMatch(/is a directory/);
  });
});

describe('normalization', () => {
  it('resolves defaults, durations, locales, scopes and accessors', () => {
    const result = parseSchema(
      schemaText((d) => {
        d.cookies['__Host-prefs'] = cookie({
          category: 'statistics',
          maxAge: '30m',
          value: { type: 'enum', values: ['a'] },
        });
        d.cookies['_ga_*'] = cookie({ category: 'statistics', maxAge: '13mo', encoding: 'raw' });
        d.cookies.IDE = cookie({
          party: 'third',
          domain: 'doubleclick.net',
          sameSite: 'none',
          maxAge: 3600,
        });
      }),
      'x.json',
    );
    if (!result.ok) throw new Error(result.diagnostics.map(formatDiagnostic).join('\n'));
    const byName = Object.fromEntries(result.schema.cookies.map((c) => [c.name, c]));
    expect(byName.sid).toMatchObject({
      accessor: 'sid',
      scope: 'server',
      httpOnly: true,
      secure: true,
      sameSite: 'lax',
      path: '/',
      maxAge: 1_209_600,
      encoding: 'uri',
      party: 'first',
      value: { type: 'string' },
    });
    expect(byName.sid!.purpose).toEqual({ en: 'Session.', fr: 'Session.' });
    expect(byName.sid!.service).toEqual({ en: 'Sign-in', fr: 'Sign-in' });
    expect(byName['__Host-prefs']).toMatchObject({
      accessor: 'prefs',
      scope: 'both',
      maxAge: 1800,
    });
    expect(byName['_ga_*']).toMatchObject({
      family: true,
      prefix: '_ga_',
      accessor: 'gaFamily',
      maxAge: 13 * 30 * 86_400,
      encoding: 'raw',
    });
    expect(byName.IDE).toMatchObject({ accessor: null, party: 'third', maxAge: 3600 });
    expect(byName.cookie_consent!.value).toEqual({ type: 'consent' });
    expect(result.schema.policy).toMatchObject({
      defaultLocale: 'en',
      consentMaxAge: 6 * 30 * 86_400,
      revision: 1,
    });
    expect(result.schema.requiredCategory).toBe('necessary');
    expect(result.schema.categories.map((c) => c.name)).toEqual(['necessary', 'statistics']);
    expect(result.schema.categories[1]!.title).toEqual({ en: 'Statistics', fr: 'Statistiques' });
    expect(result.schema.hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('a session cookie has no maxAge', () => {
    const result = parseSchema(
      schemaText((d) => {
        d.cookies.sid.maxAge = 'session';
      }),
      'x.json',
    );
    expect(
      result.ok && result.schema.cookies.find((c) => c.name === 'sid')!.maxAge,
    ).toBeUndefined();
  });

  it('the content hash changes with the policy and not with formatting or key order', () => {
    const a = parseSchema(schemaText(), 'x.json');
    const b = parseSchema(JSON.stringify(baseSchema()), 'y.json');
    const c = parseSchema(
      schemaText((d) => {
        d.cookies.sid.purpose = 'Other.';
      }),
      'x.json',
    );
    expect(a.ok && b.ok && c.ok).toBe(true);
    if (!a.ok || !b.ok || !c.ok) return;
    expect(a.schema.hash).toBe(b.schema.hash);
    expect(a.schema.hash).not.toBe(c.schema.hash);
  });
});

describe('example schemas', () => {
  it('opendatasoft declares exactly the four necessary cookies of the reference policy (SPEC §1)', async () => {
    const result = await loadSchema(join(examples, 'opendatasoft.cookies.json'));
    if (!result.ok) throw new Error(result.diagnostics.map(formatDiagnostic).join('\n'));
    expect(result.diagnostics).toEqual([]);
    // Plus one statistics cookie (Matomo's visitor id) that the example app sets after consent.
    expect(
      result.schema.cookies.filter((c) => c.category !== 'necessary').map((c) => c.name),
    ).toEqual(['_pk_id.*']);
    const necessary = result.schema.cookies.filter((c) => c.category === 'necessary');
    const rows = necessary.map((c) => [c.provider, c.service.en, c.name, c.purpose.en]);
    expect(rows).toEqual([
      [
        'Opendatasoft',
        'Authentication (front and back office)',
        'sessionid',
        'Remembering the user from one page to another.',
      ],
      [
        'Opendatasoft',
        'Language selection (front and back office)',
        'django_language',
        "Remembering the visitor's language.",
      ],
      [
        'Opendatasoft',
        'API (CSRF) (front and back office)',
        'csrftoken',
        'Retrieving data via API calls.',
      ],
      [
        'Opendatasoft',
        'Choice regarding your cookie preferences',
        'cookies_preferences',
        "Remembering the visitor's choice regarding cookies.",
      ],
    ]);
    const byName = Object.fromEntries(result.schema.cookies.map((c) => [c.name, c]));
    expect(byName.sessionid).toMatchObject({ httpOnly: true, scope: 'server' });
    expect(byName.django_language).toMatchObject({ value: { type: 'enum' }, default: 'en' });
    expect(byName.csrftoken).toMatchObject({ httpOnly: false, scope: 'both' });
    expect(result.schema.consentCookie).toBe('cookies_preferences');
    for (const c of result.schema.cookies) expect(Object.keys(c.purpose)).toEqual(['en', 'fr']);
  });

  it('shop covers analytics, marketing, opt-out audience measurement, a family, a signed __Host- session, JSON and a third party', async () => {
    const result = await loadSchema(join(examples, 'shop.cookies.json'));
    if (!result.ok) throw new Error(result.diagnostics.map(formatDiagnostic).join('\n'));
    const cookies = result.schema.cookies;
    expect(cookies.some((c) => c.family && c.name === '_ga_*')).toBe(true);
    expect(cookies.some((c) => c.name.startsWith('__Host-') && c.signed)).toBe(true);
    expect(cookies.some((c) => c.value.type === 'json')).toBe(true);
    expect(cookies.some((c) => c.party === 'third')).toBe(true);
    expect(new Set(cookies.map((c) => c.category))).toEqual(
      new Set(['necessary', 'preferences', 'statistics', 'marketing', 'audience']),
    );
    expect(result.schema.categories.filter((c) => c.optOut).map((c) => c.name)).toEqual([
      'audience',
    ]);
  });
});
