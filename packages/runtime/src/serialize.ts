/**
 * Writing `Set-Cookie` (RFC 6265 §4.1, RFC 6265bis): strict, throws a {@link CookieError} early.
 *
 * The attribute suffix of a declared cookie never changes, so it is validated and built once by
 * {@link compileCookieAttributes}; each write is then `name + "=" + encodedValue + suffix`
 * ({@link formatSetCookie}). {@link serializeSetCookie} does both in one call.
 */
import { type CookieEncoding, uri } from './encoding.js';
import { CookieError, show } from './errors.js';
import { own } from './own.js';

/** `SameSite` (RFC 6265bis §4.1.2.7); any letter case is accepted at run time. */
export type SameSite = 'strict' | 'lax' | 'none';

/** `Priority` (a Chromium extension, as in jshttp/cookie); any letter case is accepted. */
export type CookiePriority = 'low' | 'medium' | 'high';

/** Attributes of a `Set-Cookie` header. Absent or `false` means the attribute is omitted. */
export interface CookieAttributes {
  /** `Domain`: a host name, optionally with a leading dot. Omit for a host-only cookie. */
  domain?: string | undefined;
  /** `Path`: must start with `/`. Browsers default to the request's directory when absent. */
  path?: string | undefined;
  /** `Max-Age` in whole seconds, 0 to 34560000 (400 days, RFC 6265bis §5.6.2). */
  maxAge?: number | undefined;
  /** `Expires`: a valid date at most 400 days ahead. Prefer `maxAge`, which is precomputable. */
  expires?: Date | undefined;
  /** `HttpOnly`: hidden from `document.cookie`. */
  httpOnly?: boolean | undefined;
  /** `Secure`: sent over HTTPS only. Required by `__Host-`, `__Secure-`, `SameSite=None`. */
  secure?: boolean | undefined;
  /** `SameSite`: `'strict'`, `'lax'` or `'none'` (which needs `secure`). */
  sameSite?: SameSite | undefined;
  /** `Partitioned` (CHIPS): needs `secure`. */
  partitioned?: boolean | undefined;
  /** `Priority`: `'low'`, `'medium'` or `'high'`. */
  priority?: CookiePriority | undefined;
}

/** 400 days in seconds: the longest `Max-Age` a user agent honours (RFC 6265bis §5.6.2). */
export const MAX_AGE_LIMIT = 34_560_000;
/** Longest name + value in bytes a user agent accepts (RFC 6265bis §5.6 step 4). */
export const NAME_VALUE_LIMIT = 4096;
/** Longest attribute value in bytes a user agent accepts (RFC 6265bis §5.6 step 5). */
export const ATTRIBUTE_VALUE_LIMIT = 1024;

/**
 * cookie-name = token  (RFC 6265 §4.1.1, token per RFC 9110 §5.6.2)
 * token       = 1*tchar
 * tchar       = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." /
 *               "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
 */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * cookie-octet = %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E  (RFC 6265 §4.1.1)
 *                ; US-ASCII except CTLs, whitespace, DQUOTE, comma, semicolon and backslash
 */
const COOKIE_OCTETS = /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*$/;

/**
 * domain-value = <subdomain>  (RFC 6265 §4.1.1, RFC 1034 §3.5 as enhanced by RFC 1123 §2.1)
 * <subdomain>  = <label> | <subdomain> "." <label>
 * <label>      = <let-dig> [ [ <ldh-str> ] <let-dig> ]   ; at most 63 characters
 * A leading "." is allowed: user agents ignore it (RFC 6265 §5.2.3).
 */
const DOMAIN =
  /^\.?[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/**
 * path-value = <any CHAR except CTLs or ";">  (RFC 6265 §4.1.1)
 * Narrowed: it must start with "/" (otherwise user agents silently use the default path,
 * RFC 6265 §5.2.4), and SP and "<" are refused as in jshttp/cookie (markup injection).
 */
const PATH = /^\/[\x21-\x3A\x3D-\x7E]*$/;

const KNOWN_ATTRIBUTES: Record<string, true> = {
  __proto__: null as never,
  domain: true,
  path: true,
  maxAge: true,
  expires: true,
  httpOnly: true,
  secure: true,
  sameSite: true,
  partitioned: true,
  priority: true,
};

const SAME_SITE: Record<string, string> = {
  __proto__: null as never,
  strict: 'Strict',
  lax: 'Lax',
  none: 'None',
};

const PRIORITY: Record<string, string> = {
  __proto__: null as never,
  low: 'Low',
  medium: 'Medium',
  high: 'High',
};

/** True when `name` is an RFC 6265 cookie-name (an RFC 9110 token). */
export function isCookieName(name: unknown): name is string {
  return typeof name === 'string' && TOKEN.test(name);
}

/** True when `value` consists of RFC 6265 cookie-octets only (and may be written unencoded). */
export function isCookieValue(value: unknown): value is string {
  return typeof value === 'string' && COOKIE_OCTETS.test(value);
}

function assertName(name: unknown): asserts name is string {
  if (!isCookieName(name)) {
    throw new CookieError(
      'invalid-name',
      typeof name === 'string' ? name : '',
      `name ${show(name)} is not an RFC 6265 token: use letters, digits and !#$%&'*+-.^_\`|~ ` +
        'only (no spaces, "=", ";", "," or non-ASCII).',
    );
  }
}

function flag(name: string, key: string, value: unknown): boolean {
  if (value === undefined || typeof value === 'boolean') return value === true;
  throw new CookieError(
    'invalid-attribute',
    name,
    `${key} must be true or false, received ${show(value)}.`,
  );
}

function attributeValue(name: string, key: string, value: unknown, pattern: RegExp, hint: string) {
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new CookieError('invalid-attribute', name, `${key} ${show(value)} is invalid: ${hint}`);
  }
  if (value.length > ATTRIBUTE_VALUE_LIMIT) {
    throw new CookieError(
      'too-large',
      name,
      `${key} is ${value.length} bytes; user agents ignore attribute values over ` +
        `${ATTRIBUTE_VALUE_LIMIT} bytes (RFC 6265bis §5.6).`,
    );
  }
  return value;
}

function keyword(name: string, key: string, value: unknown, table: Record<string, string>) {
  const text = typeof value === 'string' ? table[value.toLowerCase()] : undefined;
  if (text === undefined) {
    throw new CookieError(
      'invalid-attribute',
      name,
      `${key} ${show(value)} is invalid: use one of ${Object.keys(table)
        .map((k) => `"${k}"`)
        .join(', ')}.`,
    );
  }
  return text;
}

/**
 * Validates `attributes` for the cookie `name` and returns the `Set-Cookie` suffix, e.g.
 * `'; Max-Age=31536000; Path=/; Secure; SameSite=Lax'`. Call it once per declared cookie; the
 * result is a constant for {@link formatSetCookie}.
 *
 * Throws a {@link CookieError} when the name is not a token; an attribute is unknown, malformed
 * or contains CR, LF, `;` or a control character; `maxAge` is not an integer in 0…34560000;
 * `expires` is invalid or over 400 days ahead; a `__Host-` name lacks `secure`, `path: '/'` or
 * has a `domain`; a `__Secure-` name lacks `secure`; a `__Http-` / `__Host-Http-` name lacks
 * `httpOnly`; `sameSite: 'none'` or `partitioned` lacks `secure`. Prefixes are matched
 * case-insensitively, as user agents do (RFC 6265bis §4.1.3).
 *
 * Attribute order: Max-Age, Domain, Path, Expires, HttpOnly, Secure, SameSite, Priority,
 * Partitioned (the order of hono; jshttp/cookie differs only in where SameSite goes).
 */
export function compileCookieAttributes(name: string, attributes?: CookieAttributes): string {
  assertName(name);
  if (attributes == null) attributes = {};
  else if (typeof attributes !== 'object') {
    throw new CookieError('invalid-attribute', name, `attributes must be an object.`);
  }
  for (const key of Object.keys(attributes)) {
    if (KNOWN_ATTRIBUTES[key] === undefined) {
      throw new CookieError(
        'invalid-attribute',
        name,
        `unknown attribute ${show(key)}: use ${Object.keys(KNOWN_ATTRIBUTES).join(', ')}.`,
      );
    }
  }
  // Own properties only: a polluted Object.prototype must not add attributes.
  const domain = own(attributes, 'domain');
  const path = own(attributes, 'path');
  const maxAge = own(attributes, 'maxAge');
  const expires = own(attributes, 'expires');
  const sameSite = own(attributes, 'sameSite');
  const priority = own(attributes, 'priority');
  const httpOnly = flag(name, 'httpOnly', own(attributes, 'httpOnly'));
  const secure = flag(name, 'secure', own(attributes, 'secure'));
  const partitioned = flag(name, 'partitioned', own(attributes, 'partitioned'));
  let suffix = '';

  if (maxAge !== undefined) {
    if (typeof maxAge !== 'number' || !Number.isInteger(maxAge) || maxAge < 0) {
      throw new CookieError(
        'invalid-max-age',
        name,
        `maxAge ${show(maxAge)} is not a whole number of seconds ≥ 0. To delete a cookie, use ` +
          'a deletion (Max-Age=0) instead of a negative value.',
      );
    }
    if (maxAge > MAX_AGE_LIMIT) {
      throw new CookieError(
        'invalid-max-age',
        name,
        `maxAge ${maxAge} exceeds 400 days; user agents cap Max-Age at ${MAX_AGE_LIMIT} ` +
          `seconds (RFC 6265bis §5.6.2). Use at most ${MAX_AGE_LIMIT}.`,
      );
    }
    suffix += `; Max-Age=${maxAge}`;
  }
  if (domain !== undefined) {
    suffix += `; Domain=${attributeValue(name, 'domain', domain, DOMAIN, 'expected a host name such as "example.com" (letters, digits, "-" and "."; no port, path, spaces or ";").')}`;
  }
  if (path !== undefined) {
    suffix += `; Path=${attributeValue(name, 'path', path, PATH, 'expected a path starting with "/" without spaces, control characters, ";" or "<".')}`;
  }
  if (expires !== undefined) {
    const time =
      expires instanceof Date || Object.prototype.toString.call(expires) === '[object Date]'
        ? expires.getTime()
        : Number.NaN;
    const year = new Date(time).getUTCFullYear();
    if (!(year >= 1601 && year <= 9999)) {
      throw new CookieError(
        'invalid-expires',
        name,
        `expires ${show(expires)} is not a valid date between 1601 and 9999.`,
      );
    }
    if (time - Date.now() > MAX_AGE_LIMIT * 1000) {
      throw new CookieError(
        'invalid-expires',
        name,
        `expires ${new Date(time).toISOString()} is more than 400 days ahead; user agents cap ` +
          'cookie lifetimes at 400 days (RFC 6265bis §5.6.1). Use a nearer date or maxAge.',
      );
    }
    suffix += `; Expires=${new Date(time).toUTCString()}`;
  }
  if (httpOnly) suffix += '; HttpOnly';
  if (secure) suffix += '; Secure';
  if (sameSite !== undefined) {
    const text = keyword(name, 'sameSite', sameSite, SAME_SITE);
    if (text === 'None' && !secure) {
      throw new CookieError(
        'secure-required',
        name,
        'sameSite "none" requires secure: true; user agents reject SameSite=None without ' +
          'Secure (RFC 6265bis §5.6.7). Add secure: true or use sameSite "lax".',
      );
    }
    suffix += `; SameSite=${text}`;
  }
  if (priority !== undefined)
    suffix += `; Priority=${keyword(name, 'priority', priority, PRIORITY)}`;
  if (partitioned) {
    if (!secure) {
      throw new CookieError(
        'secure-required',
        name,
        'partitioned requires secure: true; user agents reject Partitioned cookies without ' +
          'Secure (CHIPS). Add secure: true.',
      );
    }
    suffix += '; Partitioned';
  }
  checkPrefix(name, secure, httpOnly, domain, path);
  return suffix;
}

function checkPrefix(
  name: string,
  secure: boolean,
  httpOnly: boolean,
  domain: string | undefined,
  path: string | undefined,
): void {
  if (name.charCodeAt(0) !== 95 || name.charCodeAt(1) !== 95) return; // fast: no "__"
  const lower = name.toLowerCase();
  const host = lower.startsWith('__host-');
  const prefix = host
    ? lower.startsWith('__host-http-')
      ? '__Host-Http-'
      : '__Host-'
    : lower.startsWith('__secure-')
      ? '__Secure-'
      : lower.startsWith('__http-')
        ? '__Http-'
        : undefined;
  if (prefix === undefined) return;
  const fail = (rule: string, fix: string) => {
    throw new CookieError(
      'prefix-violation',
      name,
      `a ${prefix} cookie ${rule} (RFC 6265bis §4.1.3). ${fix}`,
    );
  };
  if (!secure) fail('must set Secure', 'Add secure: true.');
  if (host && domain !== undefined) fail('must not set Domain', 'Remove domain.');
  if (host && path !== '/') fail('must set Path=/', 'Set path: "/".');
  if (prefix.endsWith('Http-') && !httpOnly) fail('must set HttpOnly', 'Add httpOnly: true.');
}

/**
 * The hot path of writing: `name + "=" + encodedValue + suffix`, refusing a name that is not a
 * token, a value that is not cookie-octets and a name + value over 4096 bytes. `suffix` comes
 * from {@link compileCookieAttributes} (or {@link compileDeleteAttributes}); `encodedValue`
 * normally from a codec or encoding, which only emit cookie-octets.
 */
export function formatSetCookie(name: string, encodedValue: string, suffix: string): string {
  if (
    name.length + encodedValue.length > NAME_VALUE_LIMIT ||
    !COOKIE_OCTETS.test(encodedValue) ||
    !TOKEN.test(name)
  ) {
    throw valueError(name, encodedValue);
  }
  return `${name}=${encodedValue}${suffix}`;
}

// *( "; " attribute ), an attribute being printable ASCII without ";" that starts with no space.
const ATTRIBUTES = /^(?:; [\x21-\x3A\x3C-\x7E][\x20-\x3A\x3C-\x7E]*)*$/;

/**
 * Whether `suffix` is attributes as {@link compileCookieAttributes} writes them: `; ` and a
 * name, `=` and a value where one goes, no CTL and no `;` inside. What a jar checks once of each
 * declared suffix, so that its writes need not.
 */
export function isAttributeSuffix(suffix: unknown): suffix is string {
  return typeof suffix === 'string' && ATTRIBUTES.test(suffix);
}

function valueError(name: string, encodedValue: string): CookieError {
  return !isCookieName(name)
    ? new CookieError('invalid-name', '', `name ${show(name)} is not an RFC 6265 token.`)
    : COOKIE_OCTETS.test(encodedValue)
      ? new CookieError(
          'too-large',
          name,
          `name and value are ${name.length + encodedValue.length} bytes, over the ${NAME_VALUE_LIMIT} user agents accept (RFC 6265bis §5.6).`,
        )
      : new CookieError(
          'invalid-value',
          name,
          `encoded value ${show(encodedValue)} is not cookie-octets: use the uri or base64url encoding.`,
        );
}

/**
 * Serializes one `Set-Cookie` header value, validating everything on each call. `value` is
 * encoded with `encoding` (default {@link uri}: percent-encoding where needed, cookie-octets kept).
 * For a declared cookie prefer {@link compileCookieAttributes} once + {@link formatSetCookie}.
 *
 * @example
 * serializeSetCookie('lang', 'fr', { path: '/', maxAge: 31536000, sameSite: 'lax', secure: true })
 * // 'lang=fr; Max-Age=31536000; Path=/; Secure; SameSite=Lax'
 */
export function serializeSetCookie(
  name: string,
  value: string,
  attributes?: CookieAttributes,
  encoding: CookieEncoding = uri,
): string {
  const suffix = compileCookieAttributes(name, attributes);
  return formatSetCookie(name, encoding.encode(value, name), suffix);
}

/**
 * The suffix of a deletion for the cookie `name`: `'; Max-Age=0'`, the given `domain` and
 * `path` (a deletion only matches a cookie with the same ones), `Expires` at the epoch for old
 * user agents, and `Secure` / `Partitioned` / `SameSite` / `HttpOnly` as given (`Secure` is
 * added for prefixed names, which user agents refuse to overwrite without it). Use with an empty
 * value: `name + '=' + suffix`.
 */
export function compileDeleteAttributes(name: string, attributes?: CookieAttributes): string {
  const prefixed = /^__(?:host|secure|http)-/i.test(name);
  const secure = own(attributes, 'secure');
  return compileCookieAttributes(name, {
    maxAge: 0,
    domain: own(attributes, 'domain'),
    path: own(attributes, 'path'),
    expires: new Date(0),
    httpOnly: own(attributes, 'httpOnly'),
    secure: secure === true || prefixed,
    sameSite: own(attributes, 'sameSite'),
    partitioned: own(attributes, 'partitioned'),
  });
}

/**
 * A complete `Set-Cookie` value that deletes the cookie `name`
 * (`name=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT`), see
 * {@link compileDeleteAttributes}. Repeat the `path` and `domain` the cookie was set with.
 */
export function serializeDeleteCookie(name: string, attributes?: CookieAttributes): string {
  return `${name}=${compileDeleteAttributes(name, attributes)}`;
}
