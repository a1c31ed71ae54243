/**
 * What generated accessors share on the server and in the browser: the constant each cookie is
 * emitted as, reading that never throws, and the attribute overrides a write may make.
 */
import type { CookieCodec } from './codecs.js';
import type { CookieStore } from './cookie-store.js';
import { CookieError } from './errors.js';

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
  /** `Set-Cookie` attributes after the value: `; Max-Age=…; Path=/; Secure; SameSite=Lax`. */
  readonly suffix: string;
  /** Attributes of a deletion (same path and domain). */
  readonly deleteSuffix: string;
  /** Declared lifetime in seconds: a write may shorten it, never lengthen it. */
  readonly maxAge?: number;
  /** The declared default, read when the cookie is absent or invalid. */
  readonly fallback?: T;
  /** HMAC-signed (server only). */
  readonly signed?: boolean;
}

/** Options of one write. Everything else is fixed by the schema. */
export interface SetOptions {
  /** Lifetime in seconds for this write; at most the declared `maxAge`. */
  maxAge?: number;
  /** Expiry date for this write; at most the declared `maxAge` from now. */
  expires?: Date;
}

/** What `inspect()` says about a cookie: the value read, or why it could not be. */
export type Inspection<T> =
  | { ok: true; present: boolean; value: T | undefined; raw: string | undefined }
  | { ok: false; present: true; value: T | undefined; raw: string; reason: string };

/** Reads a raw value through a codec. Never throws. */
export function inspectRaw<T>(
  definition: CookieDefinition<T>,
  raw: string | undefined,
): Inspection<T> {
  if (raw === undefined) return { ok: true, present: false, value: definition.fallback, raw };
  const decoded = definition.codec.decode(raw);
  return decoded.ok
    ? { ok: true, present: true, value: decoded.value, raw }
    : { ok: false, present: true, value: definition.fallback, raw, reason: decoded.reason };
}

/** The full name of a cookie or of a family member. */
export function cookieName(definition: CookieDefinition<unknown>, suffix?: string): string {
  if (!definition.family) return definition.name;
  if (typeof suffix !== 'string' || suffix === '') {
    throw new CookieError(
      'invalid-name',
      `${definition.name}*`,
      'a family accessor needs the member suffix, e.g. get("G-ABC123").',
    );
  }
  return definition.name + suffix;
}

/**
 * The attribute suffix of one write: the declared suffix, with `Max-Age` replaced and
 * `Expires` added when `options` ask for a shorter life. Refuses a longer one than declared:
 * the policy page promises that lifetime.
 */
export function writeSuffix(
  definition: CookieDefinition<unknown>,
  name: string,
  options: SetOptions | undefined,
): string {
  if (!options || (options.maxAge === undefined && options.expires === undefined)) {
    return definition.suffix;
  }
  let seconds = options.maxAge;
  if (options.expires !== undefined) {
    const ms = options.expires.getTime();
    if (!Number.isFinite(ms)) {
      throw new CookieError('invalid-expires', name, 'expires is not a valid date.');
    }
    const fromExpires = Math.max(0, Math.ceil((ms - Date.now()) / 1000));
    seconds = seconds === undefined ? fromExpires : Math.min(seconds, fromExpires);
  }
  if (!Number.isInteger(seconds) || (seconds as number) < 0) {
    throw new CookieError(
      'invalid-max-age',
      name,
      `maxAge must be a whole number of seconds ≥ 0, received ${String(seconds)}.`,
    );
  }
  const declared = definition.maxAge;
  if (declared === undefined) {
    throw new CookieError(
      'invalid-max-age',
      name,
      'the schema declares a session cookie: a write cannot give it a lifetime. Declare "maxAge" in the schema.',
    );
  }
  if ((seconds as number) > declared) {
    throw new CookieError(
      'invalid-max-age',
      name,
      `maxAge ${seconds} is longer than the ${declared} seconds the schema declares (and the policy page promises). Shorten it, or change "maxAge" in the schema.`,
    );
  }
  const base = definition.suffix.replace(/; Max-Age=\d+/, '');
  const expires = new Date(Date.now() + (seconds as number) * 1000).toUTCString();
  return `; Max-Age=${seconds}${base}; Expires=${expires}`;
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

/**
 * The accessor of `name` over a store. `allowed` is the consent guard, asked after the value
 * is validated and encoded (so a bad value throws even when consent would block the write).
 */
export function storeAccessor<T>(
  store: CookieStore,
  def: CookieDefinition<T>,
  name: string,
  allowed: () => boolean,
): CookieAccessor<T> {
  return {
    name,
    get: () => inspectRaw(def, store.get(name)).value,
    inspect: () => inspectRaw(def, store.get(name)),
    has: () => store.get(name) !== undefined,
    delete: () => store.delete(name, def.deleteSuffix),
    set(value, options) {
      const encoded = def.codec.encode(value, name);
      const suffix = writeSuffix(def as CookieDefinition<unknown>, name, options);
      if (!allowed()) return false;
      store.set(name, encoded, suffix);
      return true;
    },
  };
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
    get: (suffix) => at(suffix).get(),
    inspect: (suffix) => at(suffix).inspect(),
    set: (suffix, value, options) => at(suffix).set(value, options),
    delete: (suffix) => at(suffix).delete(),
    names: () => store.names().filter((n) => n.startsWith(def.name) && n.length > def.name.length),
  };
}
