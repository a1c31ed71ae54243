/**
 * The consent engine shared by the server jar and the browser module. Consent is a property of
 * the accessors, not of a banner script: a write of a cookie whose category is not granted
 * writes nothing, and revoking a category deletes its cookies.
 *
 * The choice lives in the schema's consent cookie as a {@link ConsentRecord}. A record that is
 * missing, unreadable, made for another policy revision or older than `consentMaxAge` counts as
 * no choice: `needsPrompt` is true (unless the schema has no category but the required one), and
 * only the required category and the opt-out ones are granted. With Global Privacy Control on,
 * categories marked `gpcOptOut` stay denied unless they were granted while GPC was on (an
 * explicit choice made afterwards).
 *
 * Opt-out categories (`"consent": "opt-out"`, SPEC §3) need no consent: they are granted before
 * any choice, until the visitor objects. An objection is a stored record that leaves the category
 * out; it holds even once that record no longer counts as a choice (another revision, expired),
 * so an objected category is never written again until the visitor grants it. With
 * `gpcOptOut`, a GPC signal is an objection.
 */
import { type ConsentRecord, formatConsentRecord, parseConsentRecord } from './codecs.js';
import type { CookieStore } from './cookie-store.js';
import { CookieError } from './errors.js';
import { isCookieName, NAME_VALUE_LIMIT } from './serialize.js';

// Fixed by each build of the runtime (see DEV in errors.ts); declared here for apps that
// compile these sources without Node's types.
declare const process: { env: { NODE_ENV?: string } };

/** What the generator knows about consent, emitted as one constant per package. */
export interface ConsentConfig<C extends string = string> {
  /** The consent cookie's name. */
  readonly cookie: string;
  /** `policy.revision`: a record of another revision is no choice. */
  readonly revision: number;
  /** Content hash of the policy, stored in the record. */
  readonly hash: string;
  /** `policy.consentMaxAge` in seconds: an older record is no choice. */
  readonly maxAge: number;
  /** The required category (always granted). */
  readonly required: C;
  /** Every category, in declaration order. */
  readonly categories: readonly C[];
  /** Categories that Global Privacy Control denies unless granted while GPC is on. */
  readonly gpcOptOut: readonly C[];
  /** Categories of `"consent": "opt-out"`: granted until the visitor objects. */
  readonly optOut: readonly C[];
  /** `Set-Cookie` attribute suffix of the consent cookie, and of its deletion. */
  readonly suffix: string;
  readonly deleteSuffix: string;
}

/** What a consent guard needs to know: a part of {@link ConsentConfig}, so guards stay small. */
export type ConsentGuard<C extends string = string> = Pick<
  ConsentConfig<C>,
  'cookie' | 'revision' | 'maxAge' | 'required' | 'gpcOptOut' | 'optOut'
>;

/**
 * Why a stored choice does not count: `absent`, `unreadable` (not a consent record),
 * `old-revision` (made for another `policy.revision`), `expired` (older than `consentMaxAge`)
 * or `future` (dated more than a day ahead: a clock or a forged value).
 */
export type ConsentRejection = 'absent' | 'unreadable' | 'old-revision' | 'expired' | 'future';

/** A first-party cookie the engine deletes when its category is revoked. */
export interface PurgeEntry {
  /** The name, or a family's prefix (`_ga_`). */
  readonly name: string;
  readonly family?: boolean;
  readonly category: string;
  /** Deletion suffix: repeats the path and domain the cookie is declared with. */
  readonly deleteSuffix: string;
  /**
   * Of a family: the exactly-declared names it covers that are not its members (`_ga_keep`
   * beside `_ga_*`). A family never deletes them, nor the consent cookie.
   */
  readonly except?: readonly string[];
}

/** The visitor's consent at this moment. */
export interface ConsentState<C extends string = string> {
  /** Granted categories (the required one always), in declaration order. */
  readonly granted: C[];
  /** Denied categories, in declaration order. */
  readonly denied: C[];
  /**
   * No valid choice for this revision: show the banner. Always false when the schema has no
   * category but the required one (there is nothing to choose).
   */
  readonly needsPrompt: boolean;
  /** When the stored choice was made (ms since epoch), if there is a valid one. */
  readonly updatedAt: number | undefined;
  /** Whether Global Privacy Control is on for this request or browser. */
  readonly gpc: boolean;
  /** Why a stored value does not count, when there is one that does not. */
  readonly reason?: Exclude<ConsentRejection, 'absent'>;
}

/** Google Consent Mode v2: each storage type `granted` or `denied`. */
export type ConsentModeState = Record<string, 'granted' | 'denied'>;

/** The valid record in `raw`, or why there is none. Never throws. */
export function readConsentRecord(
  raw: string | undefined,
  config: ConsentGuard,
  now: number,
): ConsentRecord | ConsentRejection {
  return readChoice(raw, config, now).read;
}

/** The stored record as parsed (whether or not it counts), and the valid one or why none. */
interface Choice {
  readonly parsed: ConsentRecord | undefined;
  readonly read: ConsentRecord | ConsentRejection;
}

function readChoice(raw: string | undefined, config: ConsentGuard, now: number): Choice {
  const parsed = raw === undefined ? undefined : parseConsentRecord(raw);
  const read =
    raw === undefined
      ? 'absent'
      : parsed === undefined
        ? 'unreadable'
        : parsed.revision !== config.revision
          ? 'old-revision'
          : now - parsed.updatedAt > config.maxAge * 1000
            ? 'expired'
            : parsed.updatedAt > now + 86_400_000
              ? 'future'
              : parsed;
  return { parsed, read };
}

/** Computes the state from the stored record and the GPC signal. */
export function consentState<C extends string>(
  raw: string | undefined,
  config: ConsentConfig<C>,
  gpc: boolean,
  now: number,
): ConsentState<C> {
  const choice = readChoice(raw, config, now);
  const { read } = choice;
  const record = typeof read === 'string' ? undefined : read;
  const granted: C[] = [];
  const denied: C[] = [];
  for (const category of config.categories) {
    if (isGranted(category, choice, config, gpc)) granted.push(category);
    else denied.push(category);
  }
  return {
    granted,
    denied,
    needsPrompt: record === undefined && config.categories.length > 1,
    updatedAt: record?.updatedAt,
    gpc,
    ...(typeof read === 'string' && read !== 'absent' ? { reason: read } : {}),
  };
}

function isGranted(category: string, choice: Choice, config: ConsentGuard, gpc: boolean): boolean {
  if (category === config.required) return true;
  // GPC denies opted-out categories unless the grant itself was made with GPC on.
  const gpcDenies = gpc && config.gpcOptOut.includes(category);
  const { read, parsed } = choice;
  if (typeof read === 'object') {
    return read.categories.includes(category) && !(gpcDenies && read.gpc !== true);
  }
  // No valid choice: an opt-out category is on unless GPC objects, or a record the visitor
  // stored (even one that no longer counts) leaves it out.
  return (
    config.optOut.includes(category) &&
    !gpcDenies &&
    (parsed === undefined || parsed.categories.includes(category))
  );
}

/** Whether `category` is granted now. The required category always is. */
export function hasConsent(
  category: string,
  raw: string | undefined,
  config: ConsentGuard,
  gpc: boolean,
  now: number,
): boolean {
  return isGranted(category, readChoice(raw, config, now), config, gpc);
}

/** Google Consent Mode v2 signals for a set of granted categories. */
export function toConsentMode(
  granted: readonly string[],
  consentMode: Readonly<Record<string, readonly string[]>>,
): ConsentModeState {
  const state: ConsentModeState = {};
  for (const category of Object.keys(consentMode)) {
    for (const type of consentMode[category]!) state[type] ??= 'denied';
  }
  for (const category of granted) {
    for (const type of consentMode[category] ?? []) state[type] = 'granted';
  }
  return state;
}

/**
 * Writes a new choice: `categories` become the granted set (the required one is always part
 * of it). Throws `CookieError` (`invalid-value`) for a category the schema does not declare.
 */
export function writeConsent(
  store: CookieStore,
  config: ConsentConfig,
  categories: readonly string[],
  gpc: boolean,
  now: number,
): void {
  const granted = [config.required];
  for (const category of config.categories) {
    if (category !== config.required && categories.includes(category)) granted.push(category);
  }
  for (const category of categories) {
    if (!config.categories.includes(category)) {
      throw new CookieError(
        'invalid-value',
        config.cookie,
        process.env.NODE_ENV !== 'production'
          ? `unknown consent category "${category}"; declared: ${config.categories.join(', ')}.`
          : '',
      );
    }
  }
  const record: ConsentRecord = {
    categories: granted,
    revision: config.revision,
    hash: config.hash,
    updatedAt: now,
    gpc,
  };
  // Made of declared category names and numbers: always a well-formed record.
  store.set(config.cookie, formatConsentRecord(record), config.suffix);
}

/** The longest host name a `Host` header can carry (RFC 1035 §2.3.4, in text form). */
const HOST_NAME_LIMIT = 253;

/**
 * Whether `name` is a DNS host name of two labels or more, each 1–63 letters, digits or `-`
 * (RFC 1123 §2.1), at most 253 characters, and not all digits (an IPv4 address). A `Host` header
 * reaches `Set-Cookie` through it, so anything else (`;`, spaces, `[::1]`) is refused. Linear.
 */
function isSiteHost(name: string): boolean {
  if (name.length > HOST_NAME_LIMIT) return false;
  let label = 0;
  let labels = 1;
  let letters = false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c === 46 /* . */) {
      if (label === 0) return false;
      label = 0;
      labels++;
    } else if ((c >= 97 && c <= 122) || c === 45 /* - */) {
      letters = true;
      if (++label > 63) return false;
    } else if (c >= 48 && c <= 57) {
      if (++label > 63) return false;
    } else return false;
  }
  return label > 0 && labels > 1 && letters;
}

/**
 * The host and its parent domains of two labels or more (`www.shop.example`, `shop.example`):
 * where scripts may have set a cookie with `Domain=`. None for an IP address, a single-label
 * host, an empty one, or anything that is not a host name of at most 253 characters. The port
 * is ignored.
 */
export function siteDomains(host: string): string[] {
  if (typeof host !== 'string' || host.length > HOST_NAME_LIMIT + 6) return [];
  const colon = host.lastIndexOf(':');
  let end = host.length;
  if (colon !== -1) {
    const port = host.slice(colon + 1);
    if (port.length === 0 || port.length > 5 || !/^[0-9]+$/.test(port)) return [];
    end = colon;
  }
  const name = host.slice(0, end).toLowerCase();
  if (!isSiteHost(name)) return [];
  const domains: string[] = [];
  for (let at = 0; name.indexOf('.', at) !== -1; at = name.indexOf('.', at) + 1) {
    domains.push(name.slice(at));
  }
  return domains;
}

/**
 * Deletes every present cookie of `categories` (family members included) from `store`, with the
 * path and domain each is declared with. When it is declared host-only, the deletion is repeated
 * with `Domain=` for each of {@link siteDomains}`(host)`: scripts such as gtag.js write `_ga`
 * on the site's domain by default, a different cookie that a host-only deletion leaves behind.
 *
 * A family deletes only its members: never the consent cookie (`consentCookie`: the visitor's
 * refusal must outlive the purge), a name the purge list declares exactly in a category that
 * stays, nor a name in the family's `except` list — whatever schema the list came from
 * (`validate` refuses a family that covers another name). Returns the names deleted.
 */
export function purgeCategories(
  store: CookieStore,
  purge: readonly PurgeEntry[],
  categories: readonly string[],
  host = '',
  consentCookie?: string,
): string[] {
  const deleted: string[] = [];
  const domains = siteDomains(host);
  let present: string[] | undefined;
  let kept: Set<string> | undefined;
  const remove = (name: string, suffix: string) => {
    store.delete(name, suffix);
    if (!/; Domain=/i.test(suffix)) {
      for (const domain of domains) store.delete(name, `${suffix}; Domain=${domain}`);
    }
    deleted.push(name);
  };
  for (const entry of purge) {
    if (!categories.includes(entry.category)) continue;
    if (entry.family) {
      present ??= store.names();
      kept ??= keptNames(purge, categories, consentCookie);
      const except = Array.isArray(entry.except) ? entry.except : [];
      for (const name of present) {
        // A name that is not a token, or longer than user agents store (RFC 6265bis §5.6), was
        // not written by any Set-Cookie this runtime makes, and cannot be deleted by one: a
        // header that sends it must not make a purge throw.
        if (
          name.startsWith(entry.name) &&
          name.length > entry.name.length &&
          name.length <= NAME_VALUE_LIMIT &&
          isCookieName(name) &&
          !kept.has(name) &&
          !except.includes(name)
        ) {
          remove(name, entry.deleteSuffix);
        }
      }
    } else if (store.get(entry.name) !== undefined) {
      remove(entry.name, entry.deleteSuffix);
    }
  }
  return deleted;
}

/** Names no family may delete: the consent cookie, and exact names of categories that stay. */
function keptNames(
  purge: readonly PurgeEntry[],
  categories: readonly string[],
  consentCookie: string | undefined,
): Set<string> {
  const kept = new Set<string>();
  if (consentCookie !== undefined) kept.add(consentCookie);
  for (const entry of purge) {
    if (!entry.family && !categories.includes(entry.category)) kept.add(entry.name);
  }
  return kept;
}
