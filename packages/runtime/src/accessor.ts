/**
 * What generated accessors share on the server and in the browser: the constant each cookie is
 * emitted as, reading that never throws, and the attribute overrides a write may make.
 */
import type { CookieCodec } from './codecs.js';
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
