/**
 * Codecs: one per value type of the schema (SPEC §3). A codec turns a typed value into a cookie
 * value and back through an encoding ({@link uri} by default):
 *
 * - `encode(value, cookie?)` validates, formats and encodes; throws a `CookieError`
 *   (`invalid-value`) naming the cookie when the value is not valid.
 * - `decode(value)` takes the value as sent and returns `{ ok: true, value }` only when the
 *   result has the declared type and passes every constraint, else `{ ok: false, reason }`.
 *   Never throws.
 * - `validate(value)` is the check alone, for values from elsewhere (a form, a default).
 *
 * Text forms: string as is; enum member as is; integer and number in decimal (`String(n)`,
 * `-0` writes as `0`); boolean `true` / `false` (`1` / `0` also read); date as
 * `Date#toISOString()` (canonical form only); json as `JSON.stringify`; consent as described at
 * {@link consentCodec}.
 */
import { type CookieEncoding, uri } from './encoding.js';
import { CookieError, type CookieResult, show } from './errors.js';
import { type JsonValidator, parseJsonOr } from './json-validator.js';

// Fixed by each build of the runtime (see DEV in errors.ts); declared here for apps that
// compile these sources without Node's types.
declare const process: { env: { NODE_ENV?: string } };

/** The value types of the schema. */
export type CookieValueType =
  | 'string'
  | 'enum'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'date'
  | 'json'
  | 'consent';

/** Encodes, decodes and validates the values of one cookie. */
export interface CookieCodec<T> {
  /** The schema value type. */
  readonly type: CookieValueType;
  /** The encoding between text and cookie-octets. */
  readonly encoding: CookieEncoding;
  /** Value → cookie-octets. Throws `CookieError` (`invalid-value`) naming `cookie`. */
  encode(value: T, cookie?: string): string;
  /** Cookie value as sent → typed value, or the reason it is not one. Never throws. */
  decode(value: string): CookieResult<T>;
  /** Checks a value without encoding it. Never throws. */
  validate(value: unknown): CookieResult<T>;
}

/** Sentinel of a text that does not parse (an object literal: no side effect at load). */
const INVALID = { invalid: true } as const;

function createCodec<T>(
  type: CookieValueType,
  encoding: CookieEncoding,
  check: (value: unknown) => string | undefined,
  format: (value: T) => string,
  parse: (text: string) => unknown,
): CookieCodec<T> {
  const validate = (value: unknown): CookieResult<T> => {
    const reason = check(value);
    return reason === undefined ? { ok: true, value: value as T } : { ok: false, reason };
  };
  return {
    type,
    encoding,
    validate,
    encode(value, cookie) {
      const reason = check(value);
      if (reason !== undefined) throw new CookieError('invalid-value', cookie ?? '', reason);
      return encoding.encode(format(value), cookie);
    },
    decode(value) {
      const text = encoding.decode(value);
      const parsed = text === undefined ? INVALID : parse(text);
      return parsed === INVALID
        ? {
            ok: false,
            reason:
              process.env.NODE_ENV !== 'production'
                ? `${show(value)} is not a valid ${encoding.name} ${type}`
                : 'malformed',
          }
        : validate(parsed);
    },
  };
}

const identity = (text: string): string => text;

/**
 * The reason a value is not one of the cookie's: `expected <what>, received <value>`, or
 * `invalid-value` in a production browser build. Generated checks call it too.
 */
export function expected(what: string, value: unknown): string {
  return process.env.NODE_ENV !== 'production'
    ? `expected ${what}, received ${show(value)}`
    : 'invalid-value';
}

/**
 * A value check as generated code writes it: `undefined` when the value is valid, else why
 * (built with {@link expected}). Its parameter is `any` so that a generated arrow function
 * needs no annotation to be valid TypeScript and JavaScript alike.
 */
// biome-ignore lint/suspicious/noExplicitAny: generated checks narrow the value themselves
export type ValueCheck = (value: any) => string | undefined;

/** The check of a `string` cookie without constraints: any string. */
export const isString: ValueCheck = (value) =>
  typeof value === 'string' ? undefined : expected('a string', value);

/**
 * Codec of a `string` or `enum` cookie from the check the generator wrote for that cookie (only
 * the constraints it declares: a type test, a pattern, lengths, the members): the text is the
 * value, as is. The general {@link stringCodec} and {@link enumCodec} do the same from
 * constraints given at run time.
 *
 * @example textCodec<'light' | 'dark'>('enum', (v) => v === 'light' || v === 'dark' ? undefined : expected('one of "light", "dark"', v), uri)
 */
export function textCodec<T extends string>(
  type: 'string' | 'enum',
  check: ValueCheck,
  encoding: CookieEncoding,
): CookieCodec<T> {
  return createCodec<T>(type, encoding, check, identity, identity);
}

/** Constraints of a `string` value. Lengths count code points, as JSON Schema does. */
export interface StringConstraints {
  minLength?: number | undefined;
  maxLength?: number | undefined;
  /** A RegExp or its source; unanchored unless it says `^…$`, as in JSON Schema. */
  pattern?: RegExp | string | undefined;
}

/** `new RegExp(source, 'u')` as JSON Schema recommends, or without `u` if that rejects it. */
function unicodeRegExp(source: string): RegExp {
  try {
    return new RegExp(source, 'u');
  } catch {
    return new RegExp(source);
  }
}

/**
 * Codec of a `string` cookie. A string with a lone UTF-16 surrogate passes `validate` but no
 * encoding can write it: `encode` throws.
 *
 * @example stringCodec({ pattern: /^[a-z0-9]{32}$/ }).encode('x', 'sessionid') // throws
 */
export function stringCodec(
  constraints: StringConstraints = {},
  encoding: CookieEncoding = uri,
): CookieCodec<string> {
  const { minLength, maxLength } = constraints;
  const source = constraints.pattern;
  // A /g or /y RegExp keeps state between test() calls: use a stateless copy.
  const pattern =
    source === undefined
      ? undefined
      : typeof source === 'string'
        ? unicodeRegExp(source)
        : new RegExp(source.source, source.flags.replace(/[gy]/g, ''));
  const limits = minLength !== undefined || maxLength !== undefined;
  return createCodec<string>(
    'string',
    encoding,
    (value) => {
      if (typeof value !== 'string') return expected('a string', value);
      if (limits) {
        const length = [...value].length;
        if (minLength !== undefined && length < minLength) {
          return expected(`at least ${minLength} characters`, value);
        }
        if (maxLength !== undefined && length > maxLength) {
          return expected(`at most ${maxLength} characters`, value);
        }
      }
      if (pattern !== undefined && !pattern.test(value)) {
        return expected(`a string matching ${pattern}`, value);
      }
      return undefined;
    },
    identity,
    identity,
  );
}

/**
 * Codec of an `enum` cookie: one of `values`, written as is.
 *
 * @example enumCodec(['en', 'fr', 'de'] as const)
 */
export function enumCodec<const T extends string>(
  values: readonly T[],
  encoding: CookieEncoding = uri,
): CookieCodec<T> {
  const list = `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
  return createCodec<T>(
    'enum',
    encoding,
    (value) => (values.includes(value as T) ? undefined : expected(list, value)),
    identity,
    identity,
  );
}

/** Bounds of an `integer` or `number` value, inclusive. */
export interface NumberConstraints {
  min?: number | undefined;
  max?: number | undefined;
}

function numberCheck(what: string, constraints: NumberConstraints, integer: boolean) {
  const { min, max } = constraints;
  return (value: unknown): string | undefined => {
    if (
      typeof value !== 'number' ||
      !(integer ? Number.isSafeInteger(value) : Number.isFinite(value))
    ) {
      return expected(what, value);
    }
    if (min !== undefined && value < min) return expected(`at least ${min}`, value);
    if (max !== undefined && value > max) return expected(`at most ${max}`, value);
    return undefined;
  };
}

// integer = "0" / [ "-" ] %x31-39 *DIGIT   (no "+", no leading zeros, no "-0")
const INTEGER = /^(?:0|-?[1-9][0-9]*)$/;

/** Codec of an `integer` cookie (a safe integer), written in decimal. */
export function integerCodec(
  constraints: NumberConstraints = {},
  encoding: CookieEncoding = uri,
): CookieCodec<number> {
  return createCodec<number>(
    'integer',
    encoding,
    numberCheck('a safe integer', constraints, true),
    String,
    (text) => (INTEGER.test(text) ? Number(text) : INVALID),
  );
}

// number = [ "-" ] int [ frac ] [ exp ]   (RFC 8259 §6, the forms String(n) produces)
const NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

/** Codec of a `number` cookie (finite), written as `String(n)`. */
export function numberCodec(
  constraints: NumberConstraints = {},
  encoding: CookieEncoding = uri,
): CookieCodec<number> {
  return createCodec<number>(
    'number',
    encoding,
    numberCheck('a finite number', constraints, false),
    String,
    (text) => (NUMBER.test(text) ? Number(text) : INVALID),
  );
}

/** Codec of a `boolean` cookie: writes `true` / `false`, reads those and `1` / `0`. */
export function booleanCodec(encoding: CookieEncoding = uri): CookieCodec<boolean> {
  return createCodec<boolean>(
    'boolean',
    encoding,
    (value) => (typeof value === 'boolean' ? undefined : expected('true or false', value)),
    String,
    (text) =>
      text === 'true' || text === '1' ? true : text === 'false' || text === '0' ? false : INVALID,
  );
}

/** Codec of a `date` cookie: a valid `Date` from year 0 to 9999, written as ISO 8601 UTC. */
export function dateCodec(encoding: CookieEncoding = uri): CookieCodec<Date> {
  return createCodec<Date>(
    'date',
    encoding,
    (value) => {
      const time = value instanceof Date ? value.getTime() : Number.NaN;
      // -62167219200000 is 0000-01-01T00:00:00.000Z, 253402300799999 is 9999-12-31T23:59:59.999Z
      return time >= -62167219200000 && time <= 253402300799999
        ? undefined
        : expected('a valid Date between years 0 and 9999', value);
    },
    (value) => value.toISOString(),
    (text) => {
      const date = new Date(text);
      return !Number.isNaN(date.getTime()) && date.toISOString() === text ? date : INVALID;
    },
  );
}

/**
 * Codec of a `json` cookie, checked by a validator from {@link compileJsonValidator}. Decoding
 * drops `__proto__`, `constructor` and `prototype` keys before validating (see
 * `parseJsonOr`); encoding refuses values that have them. Declare `base64url` for compact
 * values: `uri` percent-encodes every `"` and `,`.
 */
export function jsonCodec<T>(
  validator: JsonValidator<T> | ValueCheck,
  encoding: CookieEncoding = uri,
): CookieCodec<T> {
  return createCodec<T>('json', encoding, validator, JSON.stringify, (text) =>
    parseJsonOr(text, INVALID),
  );
}

/** The visitor's consent choice, stored in the consent cookie (SPEC §4). */
export interface ConsentRecord {
  /** Granted categories, in the order given (no duplicates). */
  categories: string[];
  /** The policy revision the choice was made for. */
  revision: number;
  /** Content hash of the policy the choice was made for (base64url or hex, ≤ 128 chars). */
  hash: string;
  /** When the choice was made, in milliseconds since the epoch. */
  updatedAt: number;
  /** Whether Global Privacy Control was on when the choice was made; absent if unknown. */
  gpc?: boolean;
}

// category-name = 1*64( ALPHA / DIGIT / "-" / "_" )   hash = 0*128( ALPHA / DIGIT / "-" / "_" )
const CATEGORY = /^[\w-]{1,64}$/;
const HASH = /^[\w-]{0,128}$/;

const isCount = (n: unknown): boolean => Number.isSafeInteger(n) && (n as number) >= 0;

function checkConsent(value: unknown): string | undefined {
  const record = value as Partial<ConsentRecord> | null;
  return typeof record === 'object' &&
    record !== null &&
    Array.isArray(record.categories) &&
    record.categories.every(
      (category, i, all) =>
        typeof category === 'string' && CATEGORY.test(category) && all.indexOf(category) === i,
    ) &&
    isCount(record.revision) &&
    typeof record.hash === 'string' &&
    HASH.test(record.hash) &&
    isCount(record.updatedAt) &&
    (record.gpc === undefined || typeof record.gpc === 'boolean')
    ? undefined
    : expected(
        'a consent record: unique categories of [A-Za-z0-9_-], integer revision and updatedAt ≥ 0, hash of ≤ 128 [A-Za-z0-9_-], gpc?',
        value,
      );
}

/** The text form of a consent record (see {@link consentCodec}); the record is not checked. */
export function formatConsentRecord(record: ConsentRecord): string {
  const gpc = record.gpc === undefined ? '' : record.gpc ? '1' : '0';
  return `1.${record.revision}.${record.updatedAt.toString(36)}.${record.hash}.${gpc}.${record.categories.join('~')}`;
}

/**
 * consent-v1 = "1." revision "." updated "." hash "." gpc "." [ category *( "~" category ) ]
 * revision   = "0" / %x31-39 *DIGIT
 * updated    = "0" / ( %x31-39 / %x61-7A ) *( DIGIT / %x61-7A )   ; base 36, lower case
 * hash       = *( ALPHA / DIGIT / "-" / "_" )
 * gpc        = "" / "0" / "1"
 */
const CONSENT_V1 = /^1\.(0|[1-9][0-9]*)\.(0|[1-9a-z][0-9a-z]*)\.([\w-]*)\.([01]?)\.([\w~-]*)$/;

/**
 * The record in a consent cookie's value, or `undefined`. The grammar above is the whole check:
 * what matches it is a well-formed record. Never throws.
 */
export function parseConsentRecord(text: string): ConsentRecord | undefined {
  const match = CONSENT_V1.exec(text);
  if (match === null) return undefined;
  const [, revision, updated, hash, gpc, categories] = match as unknown as string[];
  const record: ConsentRecord = {
    categories: categories ? categories.split('~') : [],
    revision: Number(revision),
    hash: hash!,
    updatedAt: Number.parseInt(updated!, 36),
  };
  if (gpc) record.gpc = gpc === '1';
  return record;
}

/**
 * Codec of the consent record ({@link ConsentRecord}). Compact, versioned and made of
 * cookie-octets only, so `uri` writes it unchanged:
 *
 *     1.<revision>.<updatedAt in base 36>.<hash>.<gpc: "" | "0" | "1">.<category>~<category>…
 *
 * e.g. `1.3.mi7xk2ps.k3Yd9.1.necessary~statistics`. The leading `1` is the format version: a
 * value of another version decodes as invalid (no choice), so the banner asks again. Category
 * names are limited to letters, digits, `-` and `_`; the hash to base64url or hex.
 */
export function consentCodec(encoding: CookieEncoding = uri): CookieCodec<ConsentRecord> {
  return createCodec<ConsentRecord>(
    'consent',
    encoding,
    checkConsent,
    formatConsentRecord,
    (text) => parseConsentRecord(text) ?? INVALID,
  );
}
