/**
 * Rules of one cookie declaration: its name, its attributes once `defaults` are applied (RFC 6265
 * and 6265bis), scope and party, value type and default, accessor name. Each rule is its own
 * function; `normalizeCookie` runs them in the order a reader of the declaration meets them.
 */

import { toPointer } from '../diagnostics';
import { CONSENT_COOKIE_WARNING_SECONDS, describeDuration, MAX_AGE_CAP_SECONDS } from '../duration';
import type { CookieInput, CookieSchemaInput } from '../model';
import {
  cookiePrefix,
  defaultAccessorName,
  explainBadAccessor,
  explainNotToken,
  suggestion,
} from '../names';
import type { NormalizedCookie } from '../types';
import { durationSeconds, type Localize } from './policy';
import type { Path, Reporter } from './reporter';
import { checkDefault, normalizeValue } from './value';

/** path-value = <any CHAR except CTLs or ";"> (RFC 6265 §4.1.1), starting with "/". */
const PATH_VALUE = /^\/[^\u0000-\u001f\u007f;]*$/;
/** A host name: letters, digits, hyphens and dots (RFC 1034 §3.5), optional leading dot. */
const DOMAIN_VALUE =
  /^\.?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

/** What a cookie's rules need to know about the rest of the schema. */
export interface CookieContext {
  readonly input: CookieSchemaInput;
  readonly categoryNames: readonly string[];
  readonly requiredCategory: string;
  readonly localize: Localize;
  readonly r: Reporter;
  /** Lower-cased name → name, of the cookies checked so far (for `case-clash`). */
  readonly lowerNames: Map<string, string>;
}

type Defaults = NonNullable<CookieSchemaInput['defaults']>;

/** One declaration with its location helpers. */
interface Declaration {
  readonly name: string;
  readonly raw: CookieInput;
  readonly path: Path;
  /** The path of `key` on the cookie. */
  at(key: string): Path;
  /** Where `key`'s value came from: the cookie, else `defaults`, else the declaration. */
  from(key: keyof Defaults): Path;
}

function declaration(name: string, input: CookieSchemaInput): Declaration {
  const raw = input.cookies[name]! as CookieInput;
  const defaults: Defaults = input.defaults ?? {};
  const path: Path = ['cookies', name];
  const at = (key: string): Path => [...path, key];
  return {
    name,
    raw,
    path,
    at,
    from: (key) =>
      raw[key] !== undefined ? at(key) : defaults[key] !== undefined ? ['defaults', key] : path,
  };
}

/** The declaration's attributes with `defaults` applied. */
function resolveAttributes(raw: CookieInput, defaults: Defaults) {
  return {
    party: raw.party ?? 'first',
    domain: raw.domain ?? defaults.domain,
    path: raw.path ?? defaults.path ?? '/',
    secure: raw.secure ?? defaults.secure ?? false,
    // An encrypted cookie is HttpOnly (an explicit `false` is reported by checkEncrypted).
    httpOnly: raw.encrypted === true || (raw.httpOnly ?? defaults.httpOnly ?? false),
    sameSite: raw.sameSite ?? defaults.sameSite,
    partitioned: raw.partitioned ?? defaults.partitioned ?? false,
    maxAgeInput: raw.maxAge ?? defaults.maxAge,
    priority: raw.priority ?? defaults.priority,
    encoding: raw.encoding ?? defaults.encoding ?? 'uri',
    signed: raw.signed ?? false,
    encrypted: raw.encrypted ?? false,
  } as const;
}
type Attributes = ReturnType<typeof resolveAttributes>;

/** Names are RFC 6265 tokens; a family ends with a single "*"; names differ by more than case. */
function checkName(d: Declaration, lowerNames: Map<string, string>, r: Reporter): void {
  const family = d.name.endsWith('*');
  const prefix = family ? d.name.slice(0, -1) : d.name;
  const problem =
    family && prefix.length === 0 ? 'a family needs a prefix before "*"' : explainNotToken(prefix);
  if (problem || prefix.includes('*')) {
    r.error(
      'bad-name',
      d.path,
      `"${d.name}" is not a valid cookie name: ${problem ?? '"*" may only end a family name such as "_ga_*"'}. Cookie names are RFC 6265 tokens: letters, digits and !#$%&'*+-.^_\`|~ only.`,
      true,
    );
  }
  const lower = d.name.toLowerCase();
  const clash = lowerNames.get(lower);
  if (clash !== undefined && clash !== d.name) {
    r.warn(
      'case-clash',
      d.path,
      `"${d.name}" differs from "${clash}" only by case; some servers and frameworks fold cookie names to lower case and would mix them up. Rename one of them.`,
      true,
    );
  }
  lowerNames.set(lower, d.name);
}

/** Path and Domain values are well formed (RFC 6265 §4.1.1, §5.2.3). */
function checkPathAndDomain(d: Declaration, a: Attributes, r: Reporter): void {
  if (!PATH_VALUE.test(a.path)) {
    r.error(
      'bad-path',
      d.from('path'),
      `path ${JSON.stringify(a.path)} must start with "/" and contain no ";" or control characters.`,
    );
  }
  if (a.domain !== undefined && !DOMAIN_VALUE.test(a.domain)) {
    r.error(
      'bad-domain',
      d.from('domain'),
      `domain ${JSON.stringify(a.domain)} is not a host name (letters, digits, "-" and "."; no scheme, port or path).`,
    );
  } else if (a.domain?.startsWith('.')) {
    r.warn(
      'domain-leading-dot',
      d.from('domain'),
      `the leading "." of ${JSON.stringify(a.domain)} is ignored by browsers (RFC 6265 §5.2.3). Write "${a.domain.slice(1)}".`,
    );
  }
}

/** `__Host-` and `__Secure-` prefixes (RFC 6265bis §4.1.3). */
function checkPrefix(d: Declaration, a: Attributes, r: Reporter): void {
  const prefix = cookiePrefix(d.name);
  if (prefix === '__Host-') {
    if (!a.secure)
      r.error(
        'host-prefix-secure',
        d.from('secure'),
        `a __Host- cookie must be secure (RFC 6265bis 4.1.3.2). Set "secure": true.`,
      );
    if (a.path !== '/')
      r.error(
        'host-prefix-path',
        d.from('path'),
        `a __Host- cookie must have path "/" (RFC 6265bis 4.1.3.2), not ${JSON.stringify(a.path)}. Set "path": "/".`,
      );
    if (a.domain !== undefined)
      r.error(
        'host-prefix-domain',
        d.from('domain'),
        `a __Host- cookie must not set domain (RFC 6265bis 4.1.3.2). Remove "domain".`,
      );
  } else if (prefix === '__Secure-' && !a.secure) {
    r.error(
      'secure-prefix-secure',
      d.from('secure'),
      `a __Secure- cookie must be secure (RFC 6265bis 4.1.3.1). Set "secure": true.`,
    );
  }
}

/** `SameSite=None` and `Partitioned` need `Secure`, or browsers reject the cookie. */
function checkSecureNeeds(d: Declaration, a: Attributes, r: Reporter): void {
  if (a.sameSite === 'none' && !a.secure) {
    r.error(
      'samesite-none-secure',
      d.from('sameSite'),
      `"sameSite": "none" needs "secure": true, or browsers reject the cookie (RFC 6265bis 5.6.7). Set "secure": true or use "lax".`,
    );
  }
  if (a.partitioned && !a.secure) {
    r.error(
      'partitioned-secure',
      d.from('partitioned'),
      `"partitioned": true needs "secure": true (CHIPS), or browsers reject the cookie. Set "secure": true.`,
    );
  }
}

/** At most 400 days (RFC 6265bis §5.6.1); over 13 months for a consent cookie is flagged. */
function checkLifetime(
  d: Declaration,
  a: Attributes,
  maxAge: number | undefined,
  needsConsent: boolean,
  r: Reporter,
): void {
  if (maxAge === undefined) return;
  if (maxAge > MAX_AGE_CAP_SECONDS) {
    r.error(
      'max-age-cap',
      d.from('maxAge'),
      `maxAge ${JSON.stringify(a.maxAgeInput)} is ${describeDuration(maxAge)}; browsers cap cookie lifetimes at 400 days (RFC 6265bis 5.6.1). Use at most "400d" (e.g. "13mo").`,
    );
  } else if (needsConsent && maxAge > CONSENT_COOKIE_WARNING_SECONDS) {
    r.warn(
      'consent-lifetime',
      d.from('maxAge'),
      `a "${d.raw.category}" cookie kept for ${describeDuration(maxAge)} exceeds 13 months, the longest lifetime regulators accept for cookies that need consent (CNIL). Use "13mo" or less.`,
    );
  }
}

/**
 * An encrypted value is for the server alone: HttpOnly, server-scoped, authenticated by AES-GCM
 * already (so not also signed), written as base64url (so no `encoding`), one cookie (no family).
 */
function checkEncrypted(d: Declaration, a: Attributes, r: Reporter): void {
  if (!a.encrypted) return;
  if (a.signed)
    r.error(
      'encrypted-signed',
      d.at('signed'),
      `a cookie cannot be both encrypted and signed: encryption (AES-256-GCM) already detects any change to the value. Remove "signed".`,
    );
  if (d.raw.httpOnly === false)
    r.error(
      'encrypted-httponly',
      d.at('httpOnly'),
      `an encrypted cookie is HttpOnly: page scripts could not decrypt it anyway. Remove "httpOnly": false.`,
    );
  if (d.raw.scope !== undefined && d.raw.scope !== 'server')
    r.error(
      'encrypted-scope',
      d.at('scope'),
      `an encrypted cookie can only be read on the server, which holds the secrets, so its scope must be "server", not "${d.raw.scope}". Remove "scope".`,
    );
  if (d.raw.encoding !== undefined)
    r.warn(
      'encrypted-encoding',
      d.at('encoding'),
      `"encoding" has no effect on an encrypted cookie: its sealed value is always base64url. Remove "encoding".`,
    );
  if (d.name.endsWith('*'))
    r.error(
      'encrypted-family',
      d.at('encrypted'),
      `a family ("${d.name}") cannot be encrypted: each value is sealed for one cookie name. Declare the cookies one by one.`,
    );
}

/** The scope: `httpOnly`, `signed` and `encrypted` imply (and require) `server`. */
function resolveScope(d: Declaration, a: Attributes, r: Reporter): NormalizedCookie['scope'] {
  const { scope } = d.raw;
  // An encrypted cookie's scope has its own rule (checkEncrypted).
  if (a.encrypted) return 'server';
  if ((a.httpOnly || a.signed) && scope !== undefined && scope !== 'server') {
    r.error(
      'scope-conflict',
      d.at('scope'),
      `${a.httpOnly ? 'an httpOnly' : 'a signed'} cookie cannot be read by page scripts, so its scope must be "server", not "${scope}". Remove "scope" or ${a.httpOnly ? 'set "httpOnly": false' : 'remove "signed"'}.`,
    );
    return 'server';
  }
  return scope ?? (a.httpOnly || a.signed ? 'server' : 'both');
}

/** Third-party cookies are documented and purged, never written by this site. */
function checkThirdParty(d: Declaration, a: Attributes, r: Reporter): void {
  if (a.party !== 'third') return;
  if (a.domain === undefined)
    r.error(
      'third-party-domain',
      d.at('party'),
      `a third-party cookie must name the "domain" it is set on (e.g. ".doubleclick.net"), so the policy can say where it lives.`,
    );
  if (d.raw.accessor !== undefined)
    r.error(
      'third-party-accessor',
      d.at('accessor'),
      `a third-party cookie gets no accessor: another site writes it. Remove "accessor".`,
      true,
    );
  if (a.signed)
    r.error(
      'third-party-signed',
      d.at('signed'),
      `a third-party cookie cannot be signed by this site. Remove "signed".`,
      true,
    );
  if (a.encrypted)
    r.error(
      'third-party-encrypted',
      d.at('encrypted'),
      `a third-party cookie cannot be encrypted by this site: another site writes it. Remove "encrypted".`,
      true,
    );
}

/** The accessor name of a first-party cookie (`null` for a third-party one): an identifier. */
function resolveAccessor(d: Declaration, a: Attributes, r: Reporter): string | null {
  if (a.party !== 'first') return null;
  const accessor = d.raw.accessor ?? defaultAccessorName(d.name);
  const problem =
    accessor === ''
      ? 'nothing is left of the name once prefixes and separators are dropped'
      : explainBadAccessor(accessor);
  if (problem) {
    r.error(
      'bad-accessor',
      d.raw.accessor !== undefined ? d.at('accessor') : d.path,
      `cannot use accessor "${accessor}" for "${d.name}": ${problem}. Set "accessor" to a JavaScript identifier.`,
      d.raw.accessor === undefined,
    );
  }
  return accessor;
}

/** Checks one declaration and returns it normalized (meaningful only when no error was reported). */
export function normalizeCookie(name: string, ctx: CookieContext): NormalizedCookie {
  const { input, r } = ctx;
  const d = declaration(name, input);
  const a = resolveAttributes(d.raw, input.defaults ?? {});
  const family = name.endsWith('*');

  checkName(d, ctx.lowerNames, r);
  if (!Object.hasOwn(input.categories, d.raw.category)) {
    r.error(
      'unknown-category',
      d.at('category'),
      `unknown category "${d.raw.category}".${suggestion(d.raw.category, ctx.categoryNames)} Declared categories: ${ctx.categoryNames.join(', ') || '(none)'}.`,
    );
  }
  const maxAge = durationSeconds(a.maxAgeInput);
  checkPathAndDomain(d, a, r);
  checkPrefix(d, a, r);
  checkSecureNeeds(d, a, r);
  checkLifetime(d, a, maxAge, d.raw.category !== ctx.requiredCategory, r);
  checkEncrypted(d, a, r);
  const scope = resolveScope(d, a, r);
  checkThirdParty(d, a, r);

  const value = normalizeValue(d.raw.value, name === input.consentCookie, d.at('value'), r);
  if (d.raw.default !== undefined) {
    const problem =
      value.type === 'consent'
        ? 'the consent cookie has no default: no choice is the default'
        : checkDefault(value, d.raw.default);
    if (problem)
      r.error(
        'bad-default',
        d.at('default'),
        `default ${JSON.stringify(d.raw.default)} does not fit the value type "${value.type}": ${problem}.`,
      );
  }

  return {
    name,
    family,
    prefix: family ? name.slice(0, -1) : name,
    accessor: resolveAccessor(d, a, r),
    provider: d.raw.provider,
    service: ctx.localize(d.raw.service, d.at('service')),
    category: d.raw.category,
    purpose: ctx.localize(d.raw.purpose, d.at('purpose')),
    value,
    ...(d.raw.default !== undefined ? { default: d.raw.default } : {}),
    ...(a.domain !== undefined ? { domain: a.domain } : {}),
    path: a.path,
    secure: a.secure,
    httpOnly: a.httpOnly,
    ...(a.sameSite !== undefined ? { sameSite: a.sameSite } : {}),
    partitioned: a.partitioned,
    ...(maxAge !== undefined ? { maxAge } : {}),
    ...(a.priority !== undefined ? { priority: a.priority } : {}),
    encoding: a.encoding,
    signed: a.signed,
    encrypted: a.encrypted,
    scope,
    party: a.party,
    pointer: toPointer(d.path),
  };
}
