/**
 * Cross-field rules of SPEC §3 and normalization. Input: a document that already has the right
 * shape (zod). Output: the normalized model, or located diagnostics — one rule, one code, one
 * message that says what is wrong and how to fix it.
 */
import { createHash } from 'node:crypto';
import { compileJsonValidator, type JsonSchema } from '@cookie-schema/runtime';
import type { Diagnostic, Severity } from './diagnostics';
import { toPointer } from './diagnostics';
import {
  CONSENT_COOKIE_WARNING_SECONDS,
  describeDuration,
  MAX_AGE_CAP_SECONDS,
  parseDuration,
} from './duration';
import type { LocatedJson } from './locate';
import type {
  CookieInput,
  CookieSchemaInput,
  DurationInput,
  LocalizedTextInput,
  ValueTypeInput,
} from './model';
import {
  cookiePrefix,
  defaultAccessorName,
  explainBadAccessor,
  explainNotToken,
  suggestion,
} from './names';
import type {
  Localized,
  NormalizedCategory,
  NormalizedCookie,
  NormalizedSchema,
  NormalizedValueType,
} from './types';

type Path = (string | number)[];

/** BCP 47 language tags as used in practice: `en`, `fr`, `pt-BR`, `zh-Hant`. */
const LOCALE = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;
/** A path attribute: starts with "/", no CTLs or ";" (RFC 6265 §4.1.1 path-value). */
const PATH_VALUE = /^\/[^\u0000-\u001f\u007f;]*$/;
/** A domain attribute: letters, digits, hyphens and dots (RFC 1034 §3.5), optional leading dot. */
const DOMAIN_VALUE =
  /^\.?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

/** Category names are stored in the consent record: `1*64( ALPHA / DIGIT / "-" / "_" )`. */
const CATEGORY_NAME = /^[A-Za-z0-9_-]{1,64}$/;

const DEFAULT_CONSENT_MAX_AGE = 6 * 2_592_000;

export interface NormalizeResult {
  schema?: NormalizedSchema;
  diagnostics: Diagnostic[];
}

export function normalize(
  input: CookieSchemaInput,
  file: string,
  json: LocatedJson,
): NormalizeResult {
  const diagnostics: Diagnostic[] = [];
  const report = (severity: Severity, code: string, path: Path, message: string, key = false) => {
    const { line, column } = json.locate(path, key);
    diagnostics.push({ severity, code, file, line, column, pointer: toPointer(path), message });
  };
  const error = (code: string, path: Path, message: string, key = false) =>
    report('error', code, path, message, key);
  const warn = (code: string, path: Path, message: string, key = false) =>
    report('warning', code, path, message, key);

  for (const duplicate of json.duplicateKeys) {
    const [section] = duplicate.path;
    const what = section === 'cookies' && duplicate.path.length === 2 ? 'cookie name' : 'key';
    error(
      'duplicate-name',
      duplicate.path,
      `duplicate ${what} "${String(duplicate.path.at(-1))}" (first declared at line ${duplicate.firstPosition.line}). JSON keeps only the last one; remove or rename one of them.`,
      true,
    );
  }

  // ── policy and locales ──
  const locales = input.policy.locales;
  const seenLocales = new Set<string>();
  locales.forEach((locale, i) => {
    if (!LOCALE.test(locale)) {
      error(
        'bad-locale',
        ['policy', 'locales', i],
        `"${locale}" is not a language tag such as "en", "fr" or "pt-BR".`,
      );
    }
    if (seenLocales.has(locale))
      error('duplicate-locale', ['policy', 'locales', i], `locale "${locale}" is listed twice.`);
    seenLocales.add(locale);
  });
  const defaultLocale = locales[0] ?? 'en';

  const localize = (text: LocalizedTextInput | undefined, path: Path): Localized => {
    const out: Record<string, string> = {};
    if (text === undefined) return out;
    if (typeof text === 'string') {
      for (const locale of locales) out[locale] = text;
      return out;
    }
    for (const locale of locales) {
      const value = text[locale];
      if (value === undefined) {
        error(
          'missing-translation',
          path,
          `missing the "${locale}" translation (the policy declares locales ${locales.map((l) => `"${l}"`).join(', ')}). Add "${locale}": "…" or use a plain string for text that is the same in every locale.`,
        );
      } else out[locale] = value;
    }
    for (const key of Object.keys(text)) {
      if (!seenLocales.has(key)) {
        error(
          'unknown-locale',
          [...path, key],
          `"${key}" is not a declared locale.${suggestion(key, locales)} Declare it in /policy/locales or remove it.`,
          true,
        );
      }
    }
    return out;
  };

  const duration = (value: DurationInput | undefined): number | undefined => {
    if (value === undefined) return undefined;
    const seconds = parseDuration(value);
    return seconds === null ? undefined : seconds;
  };

  const consentMaxAge = duration(input.policy.consentMaxAge) ?? DEFAULT_CONSENT_MAX_AGE;
  if (input.policy.consentMaxAge === 'session') {
    error(
      'bad-duration',
      ['policy', 'consentMaxAge'],
      'a consent choice must be remembered for a fixed time, not "session". Use e.g. "6mo".',
    );
  } else if (consentMaxAge > CONSENT_COOKIE_WARNING_SECONDS) {
    warn(
      'consent-max-age-long',
      ['policy', 'consentMaxAge'],
      `a consent choice kept for ${describeDuration(consentMaxAge)} exceeds the 13 months regulators accept (CNIL recommends 6 months). Use "6mo" to "13mo".`,
    );
  }

  // ── categories ──
  const categoryNames = Object.keys(input.categories);
  const categories: NormalizedCategory[] = categoryNames.map((name) => {
    const c = input.categories[name]!;
    const path: Path = ['categories', name];
    if (!CATEGORY_NAME.test(name)) {
      error(
        'bad-category-name',
        path,
        `category name "${name}" must be 1 to 64 letters, digits, "-" or "_" (it is stored in the consent cookie). Rename it.`,
        true,
      );
    }
    if (c.required && c.gpcOptOut) {
      error(
        'required-gpc',
        [...path, 'gpcOptOut'],
        `the required category "${name}" is always granted, so it cannot opt out with Global Privacy Control. Remove "gpcOptOut".`,
      );
    }
    return {
      name,
      required: c.required === true,
      title: localize(c.title, [...path, 'title']),
      description: localize(c.description, [...path, 'description']),
      consentMode: [...new Set(c.consentMode ?? [])],
      gpcOptOut: c.gpcOptOut === true,
    };
  });
  const required = categories.filter((c) => c.required);
  if (required.length === 0) {
    error(
      'required-category',
      ['categories'],
      `exactly one category must be "required": true (strictly necessary cookies, no consent needed); none is. Add "required": true to e.g. "necessary".`,
    );
  } else if (required.length > 1) {
    for (const extra of required.slice(1)) {
      error(
        'required-category',
        ['categories', extra.name, 'required'],
        `exactly one category can be required; "${required[0]!.name}" already is. Remove "required" from "${extra.name}".`,
      );
    }
  }
  const requiredCategory = required[0]?.name ?? '';

  // ── cookies ──
  const defaults = input.defaults ?? {};
  const cookies: NormalizedCookie[] = [];
  const lowerNames = new Map<string, string>();
  const names = Object.keys(input.cookies);

  for (const name of names) {
    const raw = input.cookies[name]! as CookieInput;
    const path: Path = ['cookies', name];
    const at = (key: string): Path => [...path, key];
    // A key set on the cookie wins; otherwise `defaults`; "point" at whichever was used.
    const from = (key: keyof typeof defaults): Path =>
      raw[key] !== undefined ? at(key) : defaults[key] !== undefined ? ['defaults', key] : path;

    // Name: an RFC 6265 token; a family ends with a single "*".
    const family = name.endsWith('*');
    const prefix = family ? name.slice(0, -1) : name;
    const tokenProblem =
      family && prefix.length === 0
        ? 'a family needs a prefix before "*"'
        : explainNotToken(prefix);
    if (tokenProblem || prefix.includes('*')) {
      error(
        'bad-name',
        path,
        `"${name}" is not a valid cookie name: ${tokenProblem ?? '"*" may only end a family name such as "_ga_*"'}. Cookie names are RFC 6265 tokens: letters, digits and !#$%&'*+-.^_\`|~ only.`,
        true,
      );
    }
    const lower = name.toLowerCase();
    const clash = lowerNames.get(lower);
    if (clash !== undefined && clash !== name) {
      warn(
        'case-clash',
        path,
        `"${name}" differs from "${clash}" only by case; some servers and frameworks fold cookie names to lower case and would mix them up. Rename one of them.`,
        true,
      );
    }
    lowerNames.set(lower, name);

    // Category.
    if (!Object.hasOwn(input.categories, raw.category)) {
      error(
        'unknown-category',
        at('category'),
        `unknown category "${raw.category}".${suggestion(raw.category, categoryNames)} Declared categories: ${categoryNames.join(', ') || '(none)'}.`,
      );
    }
    const needsConsent = raw.category !== requiredCategory;

    // Attributes, with defaults resolved.
    const party = raw.party ?? 'first';
    const domain = raw.domain ?? defaults.domain;
    const pathValue = raw.path ?? defaults.path ?? '/';
    const secure = raw.secure ?? defaults.secure ?? false;
    const httpOnly = raw.httpOnly ?? defaults.httpOnly ?? false;
    const sameSite = raw.sameSite ?? defaults.sameSite;
    const partitioned = raw.partitioned ?? defaults.partitioned ?? false;
    const maxAgeInput = raw.maxAge ?? defaults.maxAge;
    const maxAge = duration(maxAgeInput);
    const encoding = raw.encoding ?? defaults.encoding ?? 'uri';
    const signed = raw.signed ?? false;

    if (!PATH_VALUE.test(pathValue)) {
      error(
        'bad-path',
        from('path'),
        `path ${JSON.stringify(pathValue)} must start with "/" and contain no ";" or control characters.`,
      );
    }
    if (domain !== undefined && !DOMAIN_VALUE.test(domain)) {
      error(
        'bad-domain',
        from('domain'),
        `domain ${JSON.stringify(domain)} is not a host name (letters, digits, "-" and "."; no scheme, port or path).`,
      );
    } else if (domain?.startsWith('.')) {
      warn(
        'domain-leading-dot',
        from('domain'),
        `the leading "." of ${JSON.stringify(domain)} is ignored by browsers (RFC 6265 §5.2.3). Write "${domain.slice(1)}".`,
      );
    }

    const cookiePrefixName = cookiePrefix(name);
    if (cookiePrefixName === '__Host-') {
      if (!secure)
        error(
          'host-prefix-secure',
          from('secure'),
          `a __Host- cookie must be secure (RFC 6265bis 4.1.3.2). Set "secure": true.`,
        );
      if (pathValue !== '/')
        error(
          'host-prefix-path',
          from('path'),
          `a __Host- cookie must have path "/" (RFC 6265bis 4.1.3.2), not ${JSON.stringify(pathValue)}. Set "path": "/".`,
        );
      if (domain !== undefined)
        error(
          'host-prefix-domain',
          from('domain'),
          `a __Host- cookie must not set domain (RFC 6265bis 4.1.3.2). Remove "domain".`,
        );
    } else if (cookiePrefixName === '__Secure-' && !secure) {
      error(
        'secure-prefix-secure',
        from('secure'),
        `a __Secure- cookie must be secure (RFC 6265bis 4.1.3.1). Set "secure": true.`,
      );
    }
    if (sameSite === 'none' && !secure) {
      error(
        'samesite-none-secure',
        from('sameSite'),
        `"sameSite": "none" needs "secure": true, or browsers reject the cookie (RFC 6265bis 5.6.7). Set "secure": true or use "lax".`,
      );
    }
    if (partitioned && !secure) {
      error(
        'partitioned-secure',
        from('partitioned'),
        `"partitioned": true needs "secure": true (CHIPS), or browsers reject the cookie. Set "secure": true.`,
      );
    }
    if (maxAge !== undefined && maxAge > MAX_AGE_CAP_SECONDS) {
      error(
        'max-age-cap',
        from('maxAge'),
        `maxAge ${JSON.stringify(maxAgeInput)} is ${describeDuration(maxAge)}; browsers cap cookie lifetimes at 400 days (RFC 6265bis 5.6.1). Use at most "400d" (e.g. "13mo").`,
      );
    } else if (maxAge !== undefined && needsConsent && maxAge > CONSENT_COOKIE_WARNING_SECONDS) {
      warn(
        'consent-lifetime',
        from('maxAge'),
        `a "${raw.category}" cookie kept for ${describeDuration(maxAge)} exceeds 13 months, the longest lifetime regulators accept for cookies that need consent (CNIL). Use "13mo" or less.`,
      );
    }

    // Scope: httpOnly and signed imply "server".
    let scope = raw.scope ?? (httpOnly || signed ? 'server' : 'both');
    if ((httpOnly || signed) && raw.scope !== undefined && raw.scope !== 'server') {
      error(
        'scope-conflict',
        at('scope'),
        `${httpOnly ? 'an httpOnly' : 'a signed'} cookie cannot be read by page scripts, so its scope must be "server", not "${raw.scope}". Remove "scope" or ${httpOnly ? 'set "httpOnly": false' : 'remove "signed"'}.`,
      );
      scope = 'server';
    }

    // Party: third-party cookies are documented and purged, never written by us.
    if (party === 'third') {
      if (domain === undefined)
        error(
          'third-party-domain',
          at('party'),
          `a third-party cookie must name the "domain" it is set on (e.g. ".doubleclick.net"), so the policy can say where it lives.`,
        );
      if (raw.accessor !== undefined)
        error(
          'third-party-accessor',
          at('accessor'),
          `a third-party cookie gets no accessor: another site writes it. Remove "accessor".`,
          true,
        );
      if (signed)
        error(
          'third-party-signed',
          at('signed'),
          `a third-party cookie cannot be signed by this site. Remove "signed".`,
          true,
        );
    }

    // Value type and default.
    const value = normalizeValue(raw.value, name === input.consentCookie, at('value'), error);
    if (raw.default !== undefined) {
      const problem =
        value.type === 'consent'
          ? 'the consent cookie has no default: no choice is the default'
          : checkDefault(value, raw.default);
      if (problem)
        error(
          'bad-default',
          at('default'),
          `default ${JSON.stringify(raw.default)} does not fit the value type "${value.type}": ${problem}.`,
        );
    }

    // Accessor.
    let accessor: string | null = null;
    if (party === 'first') {
      accessor = raw.accessor ?? defaultAccessorName(name);
      const problem =
        accessor === ''
          ? 'nothing is left of the name once prefixes and separators are dropped'
          : explainBadAccessor(accessor);
      if (problem) {
        error(
          'bad-accessor',
          raw.accessor !== undefined ? at('accessor') : path,
          `cannot use accessor "${accessor}" for "${name}": ${problem}. Set "accessor" to a JavaScript identifier.`,
          raw.accessor === undefined,
        );
      }
    }

    cookies.push({
      name,
      family,
      prefix,
      accessor,
      provider: raw.provider,
      service: localize(raw.service, at('service')),
      category: raw.category,
      purpose: localize(raw.purpose, at('purpose')),
      value,
      ...(raw.default !== undefined ? { default: raw.default } : {}),
      ...(domain !== undefined ? { domain } : {}),
      path: pathValue,
      secure,
      httpOnly,
      ...(sameSite !== undefined ? { sameSite } : {}),
      partitioned,
      ...(maxAge !== undefined ? { maxAge } : {}),
      encoding,
      signed,
      scope,
      party,
      pointer: toPointer(path),
    });
  }

  // Accessor collisions (first-party cookies share one namespace on the server jar).
  const byAccessor = new Map<string, NormalizedCookie>();
  for (const cookie of cookies) {
    if (!cookie.accessor) continue;
    const other = byAccessor.get(cookie.accessor);
    if (other) {
      error(
        'accessor-collision',
        ['cookies', cookie.name],
        `"${cookie.name}" and "${other.name}" both get the accessor "${cookie.accessor}". Set "accessor" on one of them to a different name.`,
        true,
      );
    } else byAccessor.set(cookie.accessor, cookie);
  }

  // The consent cookie.
  const consent = cookies.find((c) => c.name === input.consentCookie);
  if (!consent) {
    error(
      'consent-cookie-missing',
      ['consentCookie'],
      `the consent cookie "${input.consentCookie}" is not declared in "cookies".${suggestion(input.consentCookie, names)} Declare it in the required category with "value": { "type": "consent" }.`,
    );
  } else {
    const p: Path = ['cookies', consent.name];
    if (requiredCategory && consent.category !== requiredCategory) {
      error(
        'consent-cookie-category',
        [...p, 'category'],
        `the consent cookie must be in the required category "${requiredCategory}" (it is needed to remember a refusal), not "${consent.category}".`,
      );
    }
    if (consent.httpOnly)
      error(
        'consent-cookie-httponly',
        [...p, 'httpOnly'],
        'the consent cookie must be readable by the consent banner in the browser. Remove "httpOnly".',
      );
    if (consent.signed)
      error(
        'consent-cookie-signed',
        [...p, 'signed'],
        'the consent cookie must be readable by the consent banner in the browser. Remove "signed".',
      );
    if (consent.scope === 'server')
      error(
        'consent-cookie-scope',
        [...p, 'scope'],
        'the consent cookie must be readable by the consent banner in the browser. Use "scope": "both".',
      );
    if (consent.family)
      error('consent-cookie-family', p, 'the consent cookie cannot be a family ("*").', true);
    if (consent.party === 'third')
      error('consent-cookie-party', [...p, 'party'], 'the consent cookie must be first-party.');
  }

  const hasErrors = diagnostics.some((d) => d.severity === 'error');
  if (hasErrors) return { diagnostics };

  const policy = {
    name: input.policy.name,
    revision: input.policy.revision,
    locales: [...locales],
    defaultLocale,
    consentMaxAge,
    ...(input.policy.url !== undefined ? { url: input.policy.url } : {}),
    ...(input.policy.contact !== undefined ? { contact: input.policy.contact } : {}),
    ...(input.policy.introduction !== undefined
      ? { introduction: localize(input.policy.introduction, ['policy', 'introduction']) }
      : {}),
  };
  const hash = contentHash({
    policy,
    consentCookie: input.consentCookie,
    categories,
    cookies: cookies.map(({ pointer: _, ...c }) => c),
  });
  return {
    diagnostics,
    schema: {
      file,
      policy,
      consentCookie: input.consentCookie,
      categories,
      cookies,
      requiredCategory,
      hash,
    },
  };
}

function normalizeValue(
  value: ValueTypeInput | undefined,
  isConsentCookie: boolean,
  path: Path,
  error: (code: string, path: Path, message: string, key?: boolean) => void,
): NormalizedValueType {
  if (value === undefined) return isConsentCookie ? { type: 'consent' } : { type: 'string' };
  if (isConsentCookie && value.type !== 'consent') {
    error(
      'consent-cookie-type',
      [...path, 'type'],
      `the consent cookie stores the consent record: its value type must be "consent", not "${value.type}". Use "value": { "type": "consent" } or omit "value".`,
    );
  }
  switch (value.type) {
    case 'consent':
      if (!isConsentCookie)
        error(
          'consent-type',
          [...path, 'type'],
          `only the cookie named by "consentCookie" can have the value type "consent". Use "json" for other structured values.`,
        );
      return value;
    case 'string': {
      if (
        value.minLength !== undefined &&
        value.maxLength !== undefined &&
        value.minLength > value.maxLength
      ) {
        error(
          'bad-range',
          [...path, 'minLength'],
          `minLength ${value.minLength} is greater than maxLength ${value.maxLength}.`,
        );
      }
      if (value.pattern !== undefined) {
        try {
          new RegExp(value.pattern, 'u');
        } catch (e) {
          error(
            'bad-pattern',
            [...path, 'pattern'],
            `pattern is not a valid regular expression: ${(e as Error).message}.`,
          );
        }
      }
      break;
    }
    case 'enum': {
      const seen = new Set<string>();
      value.values.forEach((v, i) => {
        if (seen.has(v)) error('duplicate-enum', [...path, 'values', i], `"${v}" is listed twice.`);
        if (v === '') error('empty', [...path, 'values', i], 'an enum value must not be empty.');
        seen.add(v);
      });
      break;
    }
    case 'integer':
    case 'number':
      if (value.min !== undefined && value.max !== undefined && value.min > value.max) {
        error('bad-range', [...path, 'min'], `min ${value.min} is greater than max ${value.max}.`);
      }
      break;
    default:
      break;
  }
  return value as NormalizedValueType;
}

/** Why a default does not fit its value type, or `undefined`. */
export function checkDefault(value: NormalizedValueType, input: unknown): string | undefined {
  switch (value.type) {
    case 'string':
      if (typeof input !== 'string') return 'expected a string';
      if (value.minLength !== undefined && input.length < value.minLength)
        return `shorter than minLength ${value.minLength}`;
      if (value.maxLength !== undefined && input.length > value.maxLength)
        return `longer than maxLength ${value.maxLength}`;
      if (value.pattern !== undefined && !safeTest(value.pattern, input))
        return `does not match the pattern ${value.pattern}`;
      return undefined;
    case 'enum':
      return typeof input === 'string' && value.values.includes(input)
        ? undefined
        : `expected one of ${value.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'integer':
    case 'number':
      if (typeof input !== 'number' || !Number.isFinite(input)) return `expected a finite number`;
      if (value.type === 'integer' && !Number.isInteger(input)) return 'expected an integer';
      if (value.min !== undefined && input < value.min) return `less than min ${value.min}`;
      if (value.max !== undefined && input > value.max) return `greater than max ${value.max}`;
      return undefined;
    case 'boolean':
      return typeof input === 'boolean' ? undefined : 'expected true or false';
    case 'date':
      return typeof input === 'string' &&
        /^\d{4}-\d{2}-\d{2}/.test(input) &&
        !Number.isNaN(Date.parse(input))
        ? undefined
        : 'expected an ISO 8601 date string such as "2026-01-31T00:00:00Z"';
    case 'json':
      // The very validator the generated code runs on every read and write.
      try {
        return compileJsonValidator(value.schema as JsonSchema)(input);
      } catch (error) {
        return (error as Error).message;
      }
    case 'consent':
      return 'the consent cookie has no default';
  }
}

function safeTest(pattern: string, input: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(input);
  } catch {
    return false;
  }
}

/** Canonical JSON (sorted keys) → SHA-256 → 16 hex chars. */
function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 16);
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}
