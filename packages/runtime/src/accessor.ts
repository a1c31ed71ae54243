/**
 * What generated accessors share on the server and in the browser: the constant each cookie is
 * emitted as, reading that never throws, and the attribute overrides a write may make.
 */
import type { CookieCodec } from './codecs.js';
import type { CookieStore } from './cookie-store.js';
import { replaceDomain } from './domain.js';
import { CookieError, show } from './errors.js';
import { own } from './own.js';
import { NAME_VALUE_LIMIT } from './serialize.js';

// Fixed by each build of the runtime (see DEV in errors.ts); declared here for apps that
// compile these sources without Node's types.
declare const process: { env: { NODE_ENV?: string } };

/**
 * One declared cookie, as the generator emits it: everything known from the schema is computed
 * once (attribute suffixes, codec, category).
 */
export interface CookieDefinition<T> {
  /** The cookie name, or a family's prefix (`_ga_`). */
  readonly name: string;
  /** A family (`_ga_*`): accessors take the suffix. */
  readonly family?: boolean;
  /** The category whose consent a write needs; absent for the required category. */
  readonly category?: string;
  readonly codec: CookieCodec<T>;
  /**
   * `Set-Cookie` attributes after the value: `; Max-Age=…; Path=/; Secure; SameSite=Lax`. Its
   * `Max-Age` is the declared lifetime (none: a session cookie): a write may shorten it, never
   * lengthen it.
   */
  readonly suffix: string;
  /** Attributes of a deletion (same path and domain); default: `suffix` with `Max-Age=0`. */
  readonly deleteSuffix?: string;
  /** The declared default, read when the cookie is absent or invalid. */
  readonly fallback?: T;
  /** HMAC-signed (server only). */
  readonly signed?: boolean;
  /** Encrypted with AES-256-GCM (server only); its codec's encoding is `text`. */
  readonly encrypted?: boolean;
}

/**
 * Options of one write. Everything else is fixed by the schema: any other key is a type error,
 * and a `CookieError` (`invalid-attribute`) at run time.
 */
export interface SetOptions {
  /** Lifetime in seconds for this write; at most the declared `maxAge`. */
  maxAge?: number;
  /** Expiry date for this write; at most the declared `maxAge` from now. */
  expires?: Date;
}

/**
 * What `inspect()` says about a cookie: the value read, or why it could not be. `present:
 * false` with `ok: false` is a family member asked for by a suffix that no cookie name can have.
 */
export type Inspection<T> =
  | { ok: true; present: boolean; value: T | undefined; raw: string | undefined }
  | { ok: false; present: true; value: T | undefined; raw: string; reason: string }
  | { ok: false; present: false; value: T | undefined; raw: undefined; reason: string };

/** What reading a value found: it was present, or it was not (never a bad suffix). */
export type ReadInspection<T> = Exclude<Inspection<T>, { ok: false; present: false }>;

/**
 * Whether `name=raw` is longer than any writer may write (4096 bytes, RFC 6265bis §5.6): such a
 * value is not one of the cookie's, and no codec (nor a schema's pattern) ever sees it.
 */
export function isOversized(name: string, raw: string): boolean {
  return name.length + raw.length > NAME_VALUE_LIMIT;
}

/** Why an oversized value was not read. */
export function oversizedReason(name: string, raw: string): string {
  return `${name.length + raw.length} bytes, over ${NAME_VALUE_LIMIT}`;
}

/**
 * Reads a raw value through a codec. Never throws. With `name`, a value longer than a write may
 * make ({@link isOversized}) is refused before it is decoded.
 */
export function inspectRaw<T>(
  definition: CookieDefinition<T>,
  raw: string | undefined,
  name?: string,
): ReadInspection<T> {
  if (raw === undefined) return { ok: true, present: false, value: definition.fallback, raw };
  if (name !== undefined && isOversized(name, raw)) {
    return {
      ok: false,
      present: true,
      value: definition.fallback,
      raw,
      reason: process.env.NODE_ENV !== 'production' ? oversizedReason(name, raw) : 'too-large',
    };
  }
  const decoded = definition.codec.decode(raw);
  return decoded.ok
    ? { ok: true, present: true, value: decoded.value, raw }
    : { ok: false, present: true, value: definition.fallback, raw, reason: decoded.reason };
}

const MAX_AGE = /; Max-Age=(\d+)/;

/** The attributes that delete the cookie: its path and domain, `Max-Age=0`. */
export function deletionSuffix(definition: CookieDefinition<unknown>): string {
  return definition.deleteSuffix ?? `; Max-Age=0${definition.suffix.replace(MAX_AGE, '')}`;
}

/** Whether `suffix` can follow a family's prefix in a cookie name (token characters). */
function isSuffix(suffix: unknown): suffix is string {
  return typeof suffix === 'string' && TOKEN.test(suffix);
}

/** Why a family member cannot be addressed by `suffix`. */
function suffixReason(suffix: unknown): string {
  return `a family member needs a suffix of token characters, e.g. "G-ABC123"; received ${show(suffix)}.`;
}

/** The full name of a cookie or of a family member. Throws for a suffix that is not a token. */
export function cookieName(definition: CookieDefinition<unknown>, suffix?: string): string {
  if (!definition.family) return definition.name;
  if (!isSuffix(suffix)) {
    throw new CookieError(
      'invalid-name',
      `${definition.name}*`,
      process.env.NODE_ENV !== 'production' ? suffixReason(suffix) : '',
    );
  }
  return definition.name + suffix;
}

/** token = 1*tchar (RFC 9110 §5.6.2), the characters of a cookie name. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * The attribute suffix of one write: the declared suffix, with `Max-Age` replaced and
 * `Expires` added when `options` ask for a shorter life. Refuses a longer one than declared
 * (the policy page promises that lifetime), an `expires` that is not a `Date`, and options that
 * are not an object of `maxAge` and `expires` (own properties only), with a `CookieError`.
 */
export function writeSuffix(
  definition: CookieDefinition<unknown>,
  name: string,
  options: SetOptions | undefined,
  now: number = Date.now(),
): string {
  if (options === undefined) return definition.suffix;
  const unknown =
    typeof options !== 'object' || options === null
      ? options
      : Object.keys(options).find((key) => key !== 'maxAge' && key !== 'expires');
  if (unknown !== undefined) {
    throw new CookieError(
      'invalid-attribute',
      name,
      process.env.NODE_ENV !== 'production'
        ? `set() takes { maxAge?, expires? } only (the schema fixes the rest), received ${show(unknown)}.`
        : '',
    );
  }
  let seconds = own(options, 'maxAge');
  const expires = own(options, 'expires');
  if (seconds === undefined && expires === undefined) return definition.suffix;
  if (expires !== undefined) {
    if (!(expires instanceof Date)) {
      throw new CookieError(
        'invalid-expires',
        name,
        process.env.NODE_ENV !== 'production' ? `expires ${show(expires)} is not a Date.` : '',
      );
    }
    // An invalid date gives NaN, which fails the check below.
    const fromExpires = Math.max(0, Math.ceil((expires.getTime() - now) / 1000));
    seconds = seconds === undefined ? fromExpires : Math.min(seconds, fromExpires);
  }
  // A session cookie (no declared maxAge) cannot be given a lifetime.
  const declared = Number(MAX_AGE.exec(definition.suffix)?.[1] ?? 0);
  if (!(Number.isInteger(seconds) && (seconds as number) >= 0 && (seconds as number) <= declared)) {
    throw new CookieError(
      'invalid-max-age',
      name,
      process.env.NODE_ENV !== 'production'
        ? `maxAge ${show(seconds)} is not whole seconds from 0 to ${declared}, the schema's maxAge (which the policy promises).`
        : '',
    );
  }
  const base = definition.suffix.replace(MAX_AGE, '');
  const date = new Date(now + (seconds as number) * 1000).toUTCString();
  return `; Max-Age=${seconds}${base}; Expires=${date}`;
}

/** A declared cookie, on the server or in the browser. */
export interface CookieAccessor<T> {
  readonly name: string;
  /** The value, or `undefined` when absent or invalid (see {@link inspect}). Never throws. */
  get(): T | undefined;
  /** Writes the value if its category is granted; returns whether it was written. */
  set(value: T, options?: SetOptions): boolean;
  /** Deletes the cookie with its declared path and domain. */
  delete(): void;
  /** Whether the cookie is present (or was written in this request). */
  has(): boolean;
  /** The value and why it is missing or invalid. */
  inspect(): Inspection<T>;
}

/** A declared cookie with a `default`: reading gives the default instead of `undefined`. */
export interface CookieAccessorWithDefault<T> extends CookieAccessor<T> {
  get(): T;
}

/** A family (`_ga_*`): each member is addressed by its suffix. */
export interface CookieFamilyAccessor<T> {
  /** The prefix, e.g. `_ga_`. */
  readonly prefix: string;
  get(suffix: string): T | undefined;
  set(suffix: string, value: T, options?: SetOptions): boolean;
  delete(suffix: string): void;
  /** Full names of the members present. */
  names(): string[];
  inspect(suffix: string): Inspection<T>;
}

/** A family whose members have a `default`: reading a member gives the default instead of `undefined`. */
export interface CookieFamilyAccessorWithDefault<T> extends CookieFamilyAccessor<T> {
  get(suffix: string): T;
}

/** The definition with its `Domain` replaced (see `domain.ts`), or itself when it declares none. */
export function withDomain<T>(
  definition: CookieDefinition<T>,
  domain: string,
): CookieDefinition<T> {
  const suffix = replaceDomain(definition.suffix, domain);
  if (suffix === definition.suffix) return definition;
  return {
    ...definition,
    suffix,
    ...(definition.deleteSuffix === undefined
      ? {}
      : { deleteSuffix: replaceDomain(definition.deleteSuffix, domain) }),
  };
}

/** Decides whether a write may happen (the consent guard), and the clock of lifetimes. */
export interface WriteGate {
  allows(definition: CookieDefinition<unknown>, name: string): boolean;
  now(): number;
}

/** The gate of cookies in the required category: every write may happen. */
export const OPEN_GATE: WriteGate = { allows: () => true, now: () => Date.now() };

/**
 * The accessor of `name` over a store: a class, so that a server request that touches one
 * cookie builds one small object and no closures. The gate is asked after the value is
 * validated and encoded (so a bad value throws even when consent would block the write).
 */
class StoreAccessor<T> implements CookieAccessor<T> {
  readonly name: string;
  readonly #store: Pick<CookieStore, 'get' | 'set' | 'delete'>;
  readonly #def: CookieDefinition<T>;
  readonly #gate: WriteGate;

  constructor(
    store: Pick<CookieStore, 'get' | 'set' | 'delete'>,
    def: CookieDefinition<T>,
    name: string,
    gate: WriteGate,
  ) {
    this.name = name;
    this.#store = store;
    this.#def = def;
    this.#gate = gate;
  }

  get(): T | undefined {
    const raw = this.#store.get(this.name);
    if (raw === undefined || isOversized(this.name, raw)) return this.#def.fallback;
    const decoded = this.#def.codec.decode(raw);
    return decoded.ok ? decoded.value : this.#def.fallback;
  }

  inspect(): Inspection<T> {
    return inspectRaw(this.#def, this.#store.get(this.name), this.name);
  }

  has(): boolean {
    return this.#store.get(this.name) !== undefined;
  }

  delete(): void {
    this.#store.delete(this.name, deletionSuffix(this.#def as CookieDefinition<unknown>));
  }

  set(value: T, options?: SetOptions): boolean {
    const def = this.#def as CookieDefinition<unknown>;
    const encoded = this.#def.codec.encode(value, this.name);
    const suffix =
      options === undefined ? def.suffix : writeSuffix(def, this.name, options, this.#gate.now());
    if (!this.#gate.allows(def, this.name)) return false;
    this.#store.set(this.name, encoded, suffix);
    return true;
  }
}

/** The accessor of `name` (a cookie, or a family member) over a store, behind `gate`. */
export function storeAccessor<T>(
  store: Pick<CookieStore, 'get' | 'set' | 'delete'>,
  def: CookieDefinition<T>,
  name: string,
  gate: WriteGate,
): CookieAccessor<T> {
  return new StoreAccessor(store, def, name, gate);
}

/** The family accessor of `def` over a store; `member` builds one member's accessor. */
export function familyAccessor<T>(
  store: CookieStore,
  def: CookieDefinition<T>,
  member: (name: string) => CookieAccessor<T>,
): CookieFamilyAccessor<T> {
  const at = (suffix: string) => member(cookieName(def as CookieDefinition<unknown>, suffix));
  return {
    prefix: def.name,
    // Reading never throws: a suffix no cookie name can have reads as absent.
    get: (suffix) => (isSuffix(suffix) ? at(suffix).get() : def.fallback),
    inspect: (suffix) =>
      isSuffix(suffix)
        ? at(suffix).inspect()
        : {
            ok: false,
            present: false,
            value: def.fallback,
            raw: undefined,
            reason: process.env.NODE_ENV !== 'production' ? suffixReason(suffix) : 'invalid-name',
          },
    set: (suffix, value, options) => at(suffix).set(value, options),
    delete: (suffix) => at(suffix).delete(),
    names: () => store.names().filter((n) => n.startsWith(def.name) && n.length > def.name.length),
  };
}
