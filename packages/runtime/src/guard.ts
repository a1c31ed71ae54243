/**
 * A firewall for `Set-Cookie` headers that other code wrote (middleware, libraries, a framework):
 * it drops the headers of undeclared cookies, of declared third-party cookies and of categories
 * the visitor has not granted; it reports declared cookies written with other attributes or a
 * longer lifetime than declared, and can rewrite them to the declaration. Deletions always pass:
 * removing a cookie never needs consent.
 */
import { deploymentDomain, replaceDomain } from './domain.js';
import { trimOws } from './parse.js';
import type { ServerResponseLike } from './request-store.js';

/** What the generator emits for the guard: every declared cookie's category and attributes. */
export interface GuardDefinition {
  /** First-party cookie name → its category and declared attribute suffix (`; Max-Age=…; Path=/…`). */
  readonly cookies: Readonly<Record<string, readonly [category: string, suffix: string]>>;
  /** First-party families: prefix (`_ga_`), category, declared attribute suffix. */
  readonly families: readonly (readonly [prefix: string, category: string, suffix: string])[];
  /** Declared third-party cookies: names, and family prefixes followed by `*` (`_gcl_*`). */
  readonly thirdParty: readonly string[];
}

/** One attribute of a header that differs from the declaration. */
export interface AttributeMismatch {
  /**
   * `Domain`, `Path`, `Secure`, `HttpOnly`, `SameSite`, `Partitioned`, `Priority`, or `lifetime`
   * (`Max-Age`, else `Expires`, longer than declared: a shorter one is allowed).
   */
  readonly attribute:
    | 'Domain'
    | 'Path'
    | 'Secure'
    | 'HttpOnly'
    | 'SameSite'
    | 'Partitioned'
    | 'Priority'
    | 'lifetime';
  /**
   * As declared: the value (`undefined` when absent), `true`/`false` for a flag, the lifetime in
   * seconds (`undefined` for a session cookie).
   */
  readonly declared: string | boolean | number | undefined;
  /** As written, in the same terms. */
  readonly written: string | boolean | number | undefined;
}

/**
 * A `Set-Cookie` header the guard acted on, and why:
 *
 * - `undeclared` — the schema does not declare the cookie: dropped.
 * - `third-party` — the schema declares it as another site's cookie (`party: "third"`), which
 *   this site's responses must not set: dropped.
 * - `not-granted` — its category has no consent: dropped.
 * - `attributes` — declared and allowed, but written with other attributes or a longer lifetime
 *   than the declaration (and the policy page) says: kept as written, or rewritten to the
 *   declared attributes with `rewrite: true`.
 */
export interface GuardFinding {
  readonly cookie: string;
  readonly reason: 'undeclared' | 'third-party' | 'not-granted' | 'attributes';
  /** What the guard did with the header. */
  readonly action: 'dropped' | 'kept' | 'rewritten';
  /** The cookie's category (for `not-granted` and `attributes`). */
  readonly category?: string;
  /** What differs from the declaration (for `attributes`). */
  readonly mismatches?: readonly AttributeMismatch[];
  /** The header as it was written. */
  readonly header: string;
  /** The header as the guard rewrote it (for `rewritten`). */
  readonly rewritten?: string;
}

/** Options of {@link guardSetCookies}. */
export interface GuardOptions {
  /**
   * Rewrite the headers of declared cookies written with other attributes than declared: the
   * value is kept, the attributes become the declared ones (a shorter lifetime is kept).
   * Default `false`: such headers are kept as written and reported.
   */
  rewrite?: boolean;
  /** This deployment's domain, as given to `createCookies(request, { domain })`. */
  domain?: string;
  /** The clock, in ms since the epoch, for `Expires` (tests). */
  now?: () => number;
}

/** Where the headers are: a Fetch `Headers` or `Response`, or a Node `ServerResponse`. */
export type GuardTarget =
  | { headers: Headers }
  | Headers
  | (ServerResponseLike & { removeHeader(name: string): void });

/** Expires may lie this far past the declared lifetime (clock skew, time to send). */
const EXPIRES_SLACK_SECONDS = 60;

/** One header, split: name, value, and its attributes by lower-cased name (the last one wins). */
interface ParsedSetCookie {
  name: string;
  value: string;
  attributes: Map<string, string | true>;
}

function parseSetCookie(header: string): ParsedSetCookie {
  const [pair = '', ...rest] = header.split(';');
  const eq = pair.indexOf('=');
  // Linear, unlike /^[ \t]+|[ \t]+$/g (quadratic on a long run of spaces: test/regex-audit.test.ts).
  const trim = (s: string) => trimOws(s);
  const attributes = new Map<string, string | true>();
  for (const part of rest) {
    const at = part.indexOf('=');
    const key = trim(at === -1 ? part : part.slice(0, at)).toLowerCase();
    if (key) attributes.set(key, at === -1 ? true : trim(part.slice(at + 1)));
  }
  return {
    name: trim(eq === -1 ? pair : pair.slice(0, eq)),
    value: eq === -1 ? '' : trim(pair.slice(eq + 1)),
    attributes,
  };
}

/** Seconds the cookie lives (Max-Age first, as browsers do), `undefined` for a session cookie. */
function lifetime(cookie: ParsedSetCookie, now: number): number | undefined {
  const maxAge = cookie.attributes.get('max-age');
  if (typeof maxAge === 'string' && /^-?\d+$/.test(maxAge)) return Number(maxAge);
  const expires = cookie.attributes.get('expires');
  if (typeof expires !== 'string') return undefined;
  const at = Date.parse(expires);
  return Number.isNaN(at) ? undefined : Math.floor((at - now) / 1000);
}

/** Whether a Set-Cookie header deletes its cookie (Max-Age ≤ 0 or an Expires in the past). */
function isDeletion(cookie: ParsedSetCookie, now: number): boolean {
  const seconds = lifetime(cookie, now);
  return seconds !== undefined && seconds <= 0;
}

interface Declared {
  category: string;
  suffix: string;
}

function declarationOf(definition: GuardDefinition, name: string): Declared | undefined {
  if (Object.hasOwn(definition.cookies, name)) {
    const [category, suffix] = definition.cookies[name]!;
    return { category, suffix };
  }
  for (const [prefix, category, suffix] of definition.families) {
    if (name.startsWith(prefix) && name.length > prefix.length) return { category, suffix };
  }
  return undefined;
}

function isThirdParty(definition: GuardDefinition, name: string): boolean {
  for (const entry of definition.thirdParty) {
    if (entry.endsWith('*')) {
      const prefix = entry.slice(0, -1);
      if (name.startsWith(prefix) && name.length > prefix.length) return true;
    } else if (entry === name) return true;
  }
  return false;
}

const lower = (value: string | true | undefined) =>
  typeof value === 'string' ? value.toLowerCase() : undefined;
const domainOf = (value: string | true | undefined) => lower(value)?.replace(/^\./, '');

/** The attributes of `written` that differ from the declared suffix. */
function mismatchesOf(
  written: ParsedSetCookie,
  declaredSuffix: string,
  now: number,
): AttributeMismatch[] {
  const declared = parseSetCookie(`x=${declaredSuffix}`);
  const found: AttributeMismatch[] = [];
  const text = (key: string, attribute: AttributeMismatch['attribute'], compare = lower) => {
    const want = declared.attributes.get(key);
    const have = written.attributes.get(key);
    if (compare(want) !== compare(have)) {
      found.push({
        attribute,
        declared: typeof want === 'string' ? want : undefined,
        written: typeof have === 'string' ? have : undefined,
      });
    }
  };
  const flag = (key: string, attribute: AttributeMismatch['attribute']) => {
    const want = declared.attributes.has(key);
    const have = written.attributes.has(key);
    if (want !== have) found.push({ attribute, declared: want, written: have });
  };
  text('domain', 'Domain', domainOf);
  text('path', 'Path', (v) => (typeof v === 'string' ? v : undefined));
  flag('secure', 'Secure');
  flag('httponly', 'HttpOnly');
  text('samesite', 'SameSite');
  flag('partitioned', 'Partitioned');
  text('priority', 'Priority');
  const limit = lifetime(declared, now);
  const seconds = lifetime(written, now);
  const maxAge = written.attributes.get('max-age');
  const slack = typeof maxAge === 'string' ? 0 : EXPIRES_SLACK_SECONDS;
  if (seconds !== undefined && (limit === undefined || seconds > limit + slack)) {
    found.push({ attribute: 'lifetime', declared: limit, written: seconds });
  }
  return found;
}

/** The header with the declared attributes; a shorter lifetime than declared is kept. */
function rewrite(written: ParsedSetCookie, declaredSuffix: string, now: number): string {
  const limit = lifetime(parseSetCookie(`x=${declaredSuffix}`), now);
  const seconds = lifetime(written, now);
  let suffix = declaredSuffix;
  if (limit !== undefined && (seconds === undefined || seconds < limit)) {
    suffix =
      seconds === undefined
        ? suffix.replace(/; Max-Age=\d+/, '')
        : suffix.replace(/; Max-Age=\d+/, `; Max-Age=${seconds}`);
  }
  return `${written.name}=${written.value}${suffix}`;
}

/** Filters headers; returns the ones to send and what the guard found. */
export function filterSetCookies(
  headers: readonly string[],
  definition: GuardDefinition,
  granted: readonly string[],
  options: GuardOptions = {},
): { kept: string[]; findings: GuardFinding[] } {
  const now = options.now ? options.now() : Date.now();
  const domain = options.domain === undefined ? undefined : deploymentDomain(options.domain);
  const kept: string[] = [];
  const findings: GuardFinding[] = [];
  for (const header of headers) {
    const written = parseSetCookie(header);
    const cookie = written.name;
    if (isDeletion(written, now)) {
      kept.push(header);
      continue;
    }
    const declared = declarationOf(definition, cookie);
    if (declared === undefined) {
      const reason = isThirdParty(definition, cookie) ? 'third-party' : 'undeclared';
      findings.push({ cookie, reason, action: 'dropped', header });
      continue;
    }
    const { category } = declared;
    if (!granted.includes(category)) {
      findings.push({ cookie, reason: 'not-granted', action: 'dropped', category, header });
      continue;
    }
    const suffix = domain === undefined ? declared.suffix : replaceDomain(declared.suffix, domain);
    const mismatches = mismatchesOf(written, suffix, now);
    if (mismatches.length === 0) {
      kept.push(header);
    } else if (options.rewrite) {
      const rewritten = rewrite(written, suffix, now);
      kept.push(rewritten);
      findings.push({
        cookie,
        reason: 'attributes',
        action: 'rewritten',
        category,
        mismatches,
        header,
        rewritten,
      });
    } else {
      kept.push(header);
      findings.push({ cookie, reason: 'attributes', action: 'kept', category, mismatches, header });
    }
  }
  return { kept, findings };
}

/**
 * Checks the `Set-Cookie` headers of `target` against the schema now: drops those of undeclared
 * cookies, of declared third-party cookies and of categories not in `granted` (pass
 * `jar.consent.state().granted`); reports declared cookies written with other attributes or a
 * longer lifetime than declared, and with `rewrite: true` rewrites them to the declaration.
 * Returns what it found, for logging or metrics (each finding says what it did).
 */
export function guardSetCookies(
  target: GuardTarget,
  definition: GuardDefinition,
  granted: readonly string[],
  options: GuardOptions = {},
): GuardFinding[] {
  const node = target as Partial<ServerResponseLike & { removeHeader(name: string): void }>;
  if (typeof node.getHeader === 'function' && typeof node.setHeader === 'function') {
    const existing = node.getHeader('set-cookie');
    const list =
      existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
    const { kept, findings } = filterSetCookies(list, definition, granted, options);
    if (findings.some((f) => f.action !== 'kept')) {
      if (kept.length) node.setHeader('set-cookie', kept);
      else node.removeHeader?.('set-cookie');
    }
    return findings;
  }
  const headers =
    'getSetCookie' in target ? (target as Headers) : (target as { headers: Headers }).headers;
  const { kept, findings } = filterSetCookies(headers.getSetCookie(), definition, granted, options);
  if (findings.some((f) => f.action !== 'kept')) {
    headers.delete('set-cookie');
    for (const header of kept) headers.append('set-cookie', header);
  }
  return findings;
}
