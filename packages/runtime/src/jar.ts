/**
 * The server jar behind a generated `createCookies(source, options)`: typed accessors over a
 * request store, consent guards on every write, signing, and the Set-Cookie queue.
 */
import {
  type CookieAccessor,
  type CookieAccessorWithDefault,
  type CookieDefinition,
  type CookieFamilyAccessor,
  type CookieFamilyAccessorWithDefault,
  deletionSuffix,
  familyAccessor,
  type Inspection,
  inspectRaw,
  isOversized,
  oversizedReason,
  type SetOptions,
  type WriteGate,
  withDomain,
  writeSuffix,
} from './accessor.js';
import type { ConsentRecord } from './codecs.js';
import {
  type ConsentConfig,
  type ConsentModeState,
  type ConsentState,
  consentState,
  hasConsent,
  type PurgeEntry,
  purgeCategories,
  toConsentMode,
  writeConsent,
} from './consent.js';
import { deploymentDomain, replaceDomain } from './domain.js';
import { CookieError } from './errors.js';
import { type CookieNeedle, cookieNeedle } from './parse.js';
import {
  type CookieSource,
  RequestStore,
  type SetCookieListener,
  type SetCookieTarget,
  type TrustedWrite,
  trustedWrite,
} from './request-store.js';
import {
  prepareSeal,
  sealPrepared,
  type UnsealFailure,
  type UnsealResult,
  unsealCookieValue,
} from './sealing.js';
import { checkSecrets } from './secrets.js';
import { isAttributeSuffix, isCookieName } from './serialize.js';
import { type CookieSecret, signCookieValue, unsignCookieValue } from './signing.js';

/** A write that consent blocked. */
export interface BlockedWrite {
  /** The cookie that was not written. */
  readonly cookie: string;
  /** Its category, which the visitor has not granted. */
  readonly category: string;
}

/** What happens when a write is blocked by consent. */
export type OnBlocked = 'ignore' | 'warn' | 'throw' | ((blocked: BlockedWrite) => void);

export interface JarOptions {
  /**
   * Secrets of signed and encrypted cookies: the first signs and encrypts, all verify and
   * decrypt (rotation). Required when the package has signed or encrypted cookies:
   * `createCookies` throws a `CookieError` (`invalid-secret`) when they are missing, not an
   * array, empty, or hold an empty or non-string value; one shorter than 32 characters warns
   * once (`console.warn`).
   */
  secrets?: readonly CookieSecret[];
  /** A blocked write writes nothing; then: `'ignore'` (default), `'warn'`, `'throw'` or a callback. */
  onBlocked?: OnBlocked;
  /** Global Privacy Control; default: the request's `Sec-GPC: 1` header. */
  gpc?: boolean;
  /**
   * This deployment's `Domain` for the cookies that declare one (`"staging.example.com"` on
   * staging, the schema's `"example.com"` in production): it replaces the declared domain in
   * their writes, deletions and consent purges. Host-only cookies stay host-only. A host name;
   * anything else throws a `CookieError` (`invalid-attribute`) when the jar is created.
   */
  domain?: string;
  /** The clock, in ms since the epoch (tests). */
  now?: () => number;
  /**
   * Sees each `Set-Cookie` header as a write queues it (after validation and consent); throwing
   * refuses the write. For framework adapters (`@cookie-schema/runtime/adapters/*`): Next's
   * `cookies()` store takes writes one by one, and a response already sent takes none.
   */
  onSetCookie?: SetCookieListener;
}

/** A declared cookie on the server. */
export type ServerCookie<T> = CookieAccessor<T>;
/** A declared cookie with a `default`: reading gives the default instead of `undefined`. */
export type ServerCookieWithDefault<T> = CookieAccessorWithDefault<T>;

/** A cookie whose value goes through WebCrypto on every read and write, so both are async. */
export interface AsyncServerCookie<T> {
  readonly name: string;
  /** The value, or the default (`undefined`) when absent or unreadable (see `inspect`). */
  get(): Promise<T | undefined>;
  /** Writes the value if its category is granted; resolves to whether it was written. */
  set(value: T, options?: SetOptions): Promise<boolean>;
  /** Deletes the cookie with its declared path and domain. */
  delete(): void;
  /** Whether the cookie is present (or was written in this request); nothing is checked. */
  has(): boolean;
  /** The value, and why it is missing or unreadable. */
  inspect(): Promise<Inspection<T>>;
}

/** A signed cookie: reading verifies the HMAC (WebCrypto), so reads and writes are async. */
export type SignedServerCookie<T> = AsyncServerCookie<T>;

/**
 * An encrypted cookie (AES-256-GCM, WebCrypto): only the server can read its value, so reads
 * and writes are async. A tampered, truncated, expired value, one sealed for another cookie or
 * with a secret not in `secrets`, reads as the default; `inspect()` says which.
 */
export type EncryptedServerCookie<T> = AsyncServerCookie<T>;
/** A signed cookie with a `default`: reading gives the default instead of `undefined`. */
export interface SignedServerCookieWithDefault<T> extends SignedServerCookie<T> {
  get(): Promise<T>;
}

/** An encrypted cookie with a `default`: reading gives the default instead of `undefined`. */
export interface EncryptedServerCookieWithDefault<T> extends EncryptedServerCookie<T> {
  get(): Promise<T>;
}

/** A family (`_ga_*`): each member is addressed by its suffix. */
export type ServerCookieFamily<T> = CookieFamilyAccessor<T>;
/** A family with a `default`: reading a member gives the default instead of `undefined`. */
export type ServerCookieFamilyWithDefault<T> = CookieFamilyAccessorWithDefault<T>;

/**
 * Why a cookie of the schema has no place in the server jar, as the type error of
 * `jar.get(name)`, `jar.set(name, …)` and `jar.delete(name)` says it. A generated package lists
 * such cookies in its `UnavailableCookies`: `client` for client-only cookies, `third-party` for
 * cookies other sites set.
 */
export type NotOnServer<N extends string, Why> = Why extends 'client'
  ? `${N} is declared client-only (scope: client): page scripts use it through the package's /client module, and the server jar has no ${N}. Declare its scope both to use it on the server.`
  : `${N} is a third-party cookie: another site sets it, so this site can neither read nor write it (it is declared for the policy page and consent purges).`;

/** `jar.consent` on the server. */
export interface ServerConsent<C extends string> {
  /** Whether `category` is granted (the required one always is). */
  has(category: C): boolean;
  /** Adds categories to the visitor's choice and stores it (also when it was no choice). */
  grant(...categories: C[]): void;
  /** Removes categories and deletes their cookies (family members included). */
  revoke(...categories: C[]): void;
  /** Stores exactly this choice: granted categories, the others denied (their cookies deleted). */
  set(granted: readonly C[]): void;
  state(): ConsentState<C>;
  /** No valid choice for the current revision: show the banner. */
  readonly needsPrompt: boolean;
  /** Google Consent Mode v2 signals. */
  toConsentMode(): ConsentModeState;
}

/**
 * A declared cookie as the generator emits it for the server: a {@link CookieDefinition}, and
 * what the generator could prove from the schema.
 */
export interface ServerCookieDefinition<T> extends CookieDefinition<T> {
  /**
   * Only for cookies whose values are strings: whether `value` is one of the cookie's values
   * (every constraint holds) and made only of cookie-octets other than `%`, so that the codec
   * would write it and read it back unchanged. The generator emits it where the schema proves
   * that cheaply (an enum of such words; a pattern over such characters), as one test instead
   * of the codec's validation and encoding. It is a shortcut, never the judge: a value it does
   * not accept goes through the codec, which encodes it or says why it is not one.
   */
  readonly verbatim?: (value: unknown) => boolean;
}

/** Cookie-octets other than `%` (RFC 6265 §4.1.1): text that `uri` and `raw` write unchanged. */
const VERBATIM_TEXT = /^[\x21\x23\x24\x26-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*$/;

/**
 * The `verbatim` of a `string` cookie written with `uri` or `raw`: a string of `minLength` to
 * `maxLength` characters that `pattern` matches. The generator passes a pattern only where it
 * proved that every string it matches is made of cookie-octets other than `%`, and may rewrite
 * it for speed (`^[A-Za-z0-9]{32,64}$` becomes `^[A-Za-z0-9]+$` with lengths 32 to 64); without
 * one, the characters are checked.
 *
 * @example verbatimString(/^[a-z0-9]+$/u, 32, 32) // a sessionid of 32 lowercase letters or digits
 */
export function verbatimString(
  pattern?: RegExp,
  minLength = 0,
  maxLength: number = Number.POSITIVE_INFINITY,
): (value: unknown) => boolean {
  const test = pattern ?? VERBATIM_TEXT;
  const fits = (value: unknown): value is string =>
    typeof value === 'string' && value.length >= minLength && value.length <= maxLength;
  // A /g or /y RegExp starts where its last match ended: from the start, each time.
  if (test.global || test.sticky) {
    return (value) => {
      test.lastIndex = 0;
      return fits(value) && test.test(value);
    };
  }
  return (value) => fits(value) && test.test(value);
}

/**
 * The `verbatim` of an `enum` cookie written with `uri` or `raw`: one of `values`, each made of
 * cookie-octets other than `%` (the generator passes only such values).
 */
export function verbatimEnum(values: readonly string[]): (value: unknown) => boolean {
  const set = new Set<unknown>(values);
  return (value) => set.has(value);
}

/** Everything the generator emits for the server module. */
export interface JarDefinition<C extends string> {
  readonly consent: ConsentConfig<C>;
  readonly consentMode: Readonly<Record<string, readonly string[]>>;
  /** First-party cookies deleted when their category is revoked. */
  readonly purge: readonly PurgeEntry[];
  /** Accessor name → definition of every server-visible first-party cookie. */
  readonly accessors: Readonly<Record<string, ServerCookieDefinition<unknown>>>;
  /**
   * Cookies of the schema the server jar does not have (a family as its name with `*`), and
   * why: so that using one by name says why instead of "not declared".
   */
  readonly unavailable?: Readonly<Record<string, 'client' | 'third-party'>>;
}

/**
 * A declared cookie with what its writes need, derived once per package (and deployment
 * domain) when its first jar is made, after its name and suffixes were checked: so a write
 * neither checks nor searches them again.
 */
interface Entry<T> extends ServerCookieDefinition<T> {
  /** Its writes without options; a family's members each have their own. */
  readonly write: TrustedWrite;
  /** How to find the cookie in the header; a family's members each have their own. */
  readonly needle: CookieNeedle;
}

/**
 * The entry of a definition. Throws a `CookieError` for a name that is not a token or a suffix
 * that is not well-formed attributes: the generator never emits one, and a hand-written
 * definition is refused before its first write, not at each.
 */
function entryOf<T>(def: ServerCookieDefinition<T>): Entry<T> {
  if (!isCookieName(def.name)) {
    throw new CookieError('invalid-name', '', `definition of a cookie whose name is not a token.`);
  }
  for (const suffix of [def.suffix, def.deleteSuffix ?? '']) {
    if (!isAttributeSuffix(suffix)) {
      throw new CookieError(
        'invalid-attribute',
        def.name,
        `definition with a suffix that is not "; "-separated attributes of printable ASCII.`,
      );
    }
  }
  return { ...def, write: trustedWrite(def.name, def.suffix), needle: cookieNeedle(def.name) };
}

/**
 * The entries of a package's cookies (for one deployment domain), shared by its jars and each
 * derived on first use: a request that touches two cookies of two thousand derives two.
 */
class Entries {
  readonly #accessors: JarDefinition<string>['accessors'];
  readonly #byKey: Record<string, Entry<unknown>> = Object.create(null);
  /** Cookie name → accessor key, and the keys of families: made on the first by-name use. */
  #byName: Map<string, string> | undefined;
  #families: string[] | undefined;

  constructor(definition: JarDefinition<string>) {
    this.#accessors = definition.accessors;
  }

  /** The entry of the accessor `key` (a key of the definition's `accessors`). */
  at(key: string): Entry<unknown> {
    let entry = this.#byKey[key];
    if (entry === undefined) {
      entry = entryOf(this.#accessors[key]!);
      this.#byKey[key] = entry;
    }
    return entry;
  }

  /** The entry of the cookie `name` (a family's, for a member), if the jar has it. */
  lookup(name: string): Entry<unknown> | undefined {
    const accessors = this.#accessors;
    if (this.#byName === undefined || this.#families === undefined) {
      this.#byName = new Map();
      this.#families = [];
      for (const key of Object.keys(accessors)) {
        if (accessors[key]!.family) this.#families.push(key);
        else this.#byName.set(accessors[key]!.name, key);
      }
    }
    const key =
      this.#byName.get(name) ??
      this.#families.find((k) => {
        const prefix = accessors[k]!.name;
        return name.startsWith(prefix) && name.length > prefix.length;
      });
    return key === undefined ? undefined : this.at(key);
  }
}

/** One request: its store, the options, and the write gate of its accessors (consent). */
class Context implements WriteGate {
  readonly store: RequestStore;
  readonly definition: JarDefinition<string>;
  readonly options: JarOptions;
  /** The package's cookies (shared by every jar of a package and deployment). */
  readonly entries: Entries;

  constructor(
    store: RequestStore,
    definition: JarDefinition<string>,
    options: JarOptions,
    entries: Entries,
  ) {
    this.store = store;
    this.definition = definition;
    this.options = options;
    this.entries = entries;
  }

  now(): number {
    return this.options.now ? this.options.now() : Date.now();
  }

  gpc(): boolean {
    return this.options.gpc ?? this.store.gpc;
  }

  /** Whether the write may happen; otherwise follows `onBlocked`. */
  allows(def: CookieDefinition<unknown>, name: string): boolean {
    if (def.category === undefined) return true;
    const consent = this.definition.consent;
    const raw = this.store.get(consent.cookie);
    if (hasConsent(def.category, raw, consent, this.gpc(), this.now())) return true;
    const onBlocked = this.options.onBlocked ?? 'ignore';
    const blocked: BlockedWrite = { cookie: name, category: def.category };
    if (typeof onBlocked === 'function') onBlocked(blocked);
    else if (onBlocked === 'throw') {
      throw new CookieError(
        'consent-required',
        name,
        `not written: the visitor has not granted "${def.category}". Check jar.consent.has("${def.category}") first, or write it after consent.`,
      );
    } else if (onBlocked === 'warn') {
      globalThis.console?.warn(
        `cookie-schema: "${name}" not written: category "${def.category}" not granted.`,
      );
    }
    return false;
  }
}

/**
 * The accessor of a cookie (or family member) that is neither signed nor encrypted: a class, so
 * that a request that touches one cookie builds one small object and no closures. A value its
 * definition's `verbatim` accepts skips the codec, and a write skips the checks of name and
 * attributes (made once, by {@link entryOf}). The consent gate is asked after the value is
 * validated and encoded (so a bad value throws even when consent would block the write).
 */
class ServerAccessor<T> implements ServerCookie<T> {
  readonly name: string;
  readonly #ctx: Context;
  readonly #def: Entry<T>;
  readonly #needle: CookieNeedle;
  /** Made on the first write (of a family member: most requests only read). */
  #write: TrustedWrite | undefined;

  constructor(ctx: Context, def: Entry<T>, name: string) {
    this.name = name;
    this.#ctx = ctx;
    this.#def = def;
    const member = name !== def.name;
    this.#needle = member ? cookieNeedle(name) : def.needle;
    this.#write = member ? undefined : def.write;
  }

  get(): T | undefined {
    const raw = this.#ctx.store.find(this.#needle);
    const def = this.#def;
    if (raw === undefined || isOversized(this.name, raw)) return def.fallback;
    if (def.verbatim?.(raw)) return raw as T;
    const decoded = def.codec.decode(raw);
    return decoded.ok ? decoded.value : def.fallback;
  }

  inspect(): Inspection<T> {
    return inspectRaw(this.#def, this.#ctx.store.find(this.#needle), this.name);
  }

  has(): boolean {
    return this.#ctx.store.find(this.#needle) !== undefined;
  }

  delete(): void {
    this.#ctx.store.delete(this.name, deletionSuffix(this.#def as CookieDefinition<unknown>));
  }

  set(value: T, options?: SetOptions): boolean {
    const def = this.#def as Entry<unknown>;
    const ctx = this.#ctx;
    const verbatim = def.verbatim?.(value) === true;
    const encoded = verbatim ? (value as string) : def.codec.encode(value, this.name);
    if (options !== undefined) {
      const suffix = writeSuffix(def, this.name, options, ctx.now());
      if (!ctx.allows(def, this.name)) return false;
      ctx.store.set(this.name, encoded, suffix);
      return true;
    }
    if (def.category !== undefined && !ctx.allows(def, this.name)) return false;
    this.#write ??= trustedWrite(this.name, def.suffix);
    ctx.store.setTrusted(this.#write, encoded, verbatim);
    return true;
  }
}

function plainCookie<T>(ctx: Context, def: Entry<T>, name: string): ServerCookie<T> {
  return new ServerAccessor(ctx, def, name);
}

function secretsOf(ctx: Context, name: string, kind = 'a signed'): readonly CookieSecret[] {
  const secrets = ctx.options.secrets ?? [];
  if (secrets.length === 0) {
    throw new CookieError(
      'invalid-secret',
      name,
      `${kind} cookie needs secrets: createCookies(request, { secrets: [process.env.COOKIE_SECRET] }).`,
    );
  }
  return secrets;
}

function decodeOnce(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** An async accessor from its `inspect` and `set`: what signed and encrypted cookies share. */
function asyncCookie<T>(
  ctx: Context,
  def: CookieDefinition<T>,
  name: string,
  inspect: () => Promise<Inspection<T>>,
  set: (value: T, options?: SetOptions) => Promise<boolean>,
): AsyncServerCookie<T> {
  return {
    name,
    inspect,
    set,
    get: async () => (await inspect()).value,
    has: () => ctx.store.get(name) !== undefined,
    delete: () => ctx.store.delete(name, deletionSuffix(def as CookieDefinition<unknown>)),
  };
}

function signedCookie<T>(
  ctx: Context,
  def: CookieDefinition<T>,
  name: string,
): SignedServerCookie<T> {
  const inspect = async (): Promise<Inspection<T>> => {
    const raw = ctx.store.get(name);
    if (raw === undefined) return inspectRaw(def, undefined);
    if (isOversized(name, raw)) {
      return {
        ok: false,
        present: true,
        value: def.fallback,
        raw,
        reason: oversizedReason(name, raw),
      };
    }
    const secrets = ctx.options.secrets ?? [];
    if (secrets.length === 0) {
      return {
        ok: false,
        present: true,
        value: def.fallback,
        raw,
        reason: 'no secrets given to verify the signature',
      };
    }
    let unsigned = await unsignCookieValue(raw, secrets);
    if (unsigned === false && raw.includes('%')) {
      // Some writers (Next's cookies() store) percent-encode the whole signed value, the
      // signature's "+" and "/" included. The HMAC still has to verify over what it decodes to.
      const decoded = decodeOnce(raw);
      if (decoded !== undefined) unsigned = await unsignCookieValue(decoded, secrets);
    }
    if (unsigned === false) {
      return { ok: false, present: true, value: def.fallback, raw, reason: 'bad signature' };
    }
    const inner = inspectRaw(def, unsigned);
    return { ...inner, raw };
  };
  return asyncCookie(ctx, def, name, inspect, async (value, options) => {
    const encoded = def.codec.encode(value, name);
    const suffix = writeSuffix(def as CookieDefinition<unknown>, name, options, ctx.now());
    const secret = secretsOf(ctx, name)[0]!;
    if (!ctx.allows(def as CookieDefinition<unknown>, name)) return false;
    ctx.store.set(name, await signCookieValue(encoded, secret), suffix);
    return true;
  });
}

/** `inspect()` reasons of values that do not open. */
const UNSEALED: Record<Exclude<UnsealFailure, 'expired'>, string> = {
  malformed: 'not an encrypted value',
  undecryptable:
    'cannot be decrypted: tampered, truncated, encrypted for another cookie, or with a secret not in `secrets`',
};

const MAX_AGE = /; Max-Age=(\d+)/;

function encryptedCookie<T>(
  ctx: Context,
  def: CookieDefinition<T>,
  name: string,
): EncryptedServerCookie<T> {
  const inspect = async (): Promise<Inspection<T>> => {
    const raw = ctx.store.get(name);
    if (raw === undefined) return inspectRaw(def, undefined);
    const failed = (reason: string): Inspection<T> => {
      return { ok: false, present: true, value: def.fallback, raw, reason };
    };
    const secrets = ctx.options.secrets ?? [];
    if (secrets.length === 0) return failed('no secrets given to decrypt it');
    let opened: UnsealResult;
    try {
      opened = await unsealCookieValue(raw, { name, secrets, now: ctx.now() });
    } catch (error) {
      // An unusable secret: reading never throws, so the reason carries the message.
      return failed(error instanceof Error ? error.message : String(error));
    }
    if (opened.ok) return { ...inspectRaw(def, opened.value), raw };
    return failed(
      opened.reason === 'expired'
        ? `expired at ${new Date(opened.expiresAt!).toISOString()} (the lifetime sealed in the value)`
        : UNSEALED[opened.reason],
    );
  };
  return asyncCookie(ctx, def, name, inspect, async (value, options) => {
    const text = def.codec.encode(value, name);
    const now = ctx.now();
    const suffix = writeSuffix(def as CookieDefinition<unknown>, name, options, now);
    const secret = secretsOf(ctx, name, 'an encrypted')[0]!;
    // The write's lifetime goes inside the value too: a copy replayed later does not open.
    const seconds = MAX_AGE.exec(suffix)?.[1];
    const expiresAt = seconds === undefined ? undefined : now + Number(seconds) * 1000;
    const prepared = prepareSeal(text, { name, secret, expiresAt });
    if (!ctx.allows(def as CookieDefinition<unknown>, name)) return false;
    ctx.store.set(name, await sealPrepared(prepared), suffix);
    return true;
  });
}

function family<T>(ctx: Context, def: Entry<T>): ServerCookieFamily<T> {
  return familyAccessor(ctx.store, def, (name) => plainCookie(ctx, def, name));
}

/** The accessor of a single cookie (a family member too), by what its value goes through. */
function cookieAccessor<T>(
  ctx: Context,
  def: Entry<T>,
  name: string,
): ServerCookie<T> | AsyncServerCookie<T> {
  if (def.encrypted) return encryptedCookie(ctx, def, name);
  return def.signed ? signedCookie(ctx, def, name) : plainCookie(ctx, def, name);
}

function accessorFor(ctx: Context, def: Entry<unknown>): unknown {
  if (def.family) return family(ctx, def);
  return cookieAccessor(ctx, def, def.name);
}

function consentApi(ctx: Context): ServerConsent<string> {
  const { consent: config, purge, consentMode } = ctx.definition;
  const state = () => consentState(ctx.store.get(config.cookie), config, ctx.gpc(), ctx.now());
  const store = (granted: readonly string[]) => {
    writeConsent(ctx.store, config, granted, ctx.gpc(), ctx.now());
    const after = state().granted;
    // Cookies present of every category not granted now, not only the newly revoked ones:
    // a stale or missing choice may have left some behind.
    purgeCategories(
      ctx.store,
      purge,
      config.categories.filter((c) => !after.includes(c)),
      ctx.store.host,
      config.cookie,
    );
  };
  return {
    has: (category) =>
      hasConsent(category, ctx.store.get(config.cookie), config, ctx.gpc(), ctx.now()),
    // Without a valid choice, the required category and the opt-out ones not objected to are
    // granted: a grant or revoke starts from there.
    grant: (...categories) => store([...state().granted, ...categories]),
    revoke: (...categories) => store(state().granted.filter((c) => !categories.includes(c))),
    set: (granted) => {
      store(granted);
    },
    state,
    get needsPrompt() {
      return state().needsPrompt;
    },
    toConsentMode: () => toConsentMode(state().granted, consentMode),
  };
}

/** The jar of one request: see the generated `createCookies`. */
export interface CookieJarBase<C extends string> {
  readonly consent: ServerConsent<C>;
  /** The `Set-Cookie` values queued by this request. */
  toSetCookieHeaders(): string[];
  /** Adds the queued `Set-Cookie` headers to a `Response`, `Headers` or Node `ServerResponse`. */
  applyTo<T extends SetCookieTarget>(target: T): T;
}

const ACCESSOR = Symbol('accessor');

/**
 * The jar of one request. Its members live on the prototype (a generated package's subclass adds
 * one getter per accessor), so creating a jar allocates the jar, its context and its store, and
 * nothing else until a cookie or `consent` is used.
 */
class Jar {
  readonly #ctx: Context;
  /** The first accessor used, and its key: most requests use one or two. */
  #key: string | undefined;
  #accessor: unknown;
  /** The others. */
  #accessors: unknown[] | Map<string, unknown> | undefined;
  #consent: ServerConsent<string> | undefined;

  constructor(ctx: Context) {
    this.#ctx = ctx;
  }

  get consent(): ServerConsent<string> {
    this.#consent ??= consentApi(this.#ctx);
    return this.#consent;
  }

  /** The accessor `key`, built on first use and kept for the request. */
  [ACCESSOR](key: string): unknown {
    if (this.#key === key) return this.#accessor;
    const def = this.#ctx.entries.at(key);
    if (this.#key === undefined) {
      this.#key = key;
      this.#accessor = accessorFor(this.#ctx, def);
      return this.#accessor;
    }
    // Most requests touch a few cookies: a short list of [key, accessor, …] beats making a Map
    // for each request; past 16 more accessors, a Map.
    this.#accessors ??= [];
    const cache = this.#accessors;
    if (Array.isArray(cache)) {
      for (let i = 0; i < cache.length; i += 2) if (cache[i] === key) return cache[i + 1];
      const accessor = accessorFor(this.#ctx, def);
      if (cache.length < 32) cache.push(key, accessor);
      else {
        const map = new Map<string, unknown>();
        for (let i = 0; i < cache.length; i += 2) map.set(cache[i] as string, cache[i + 1]);
        map.set(key, accessor);
        this.#accessors = map;
      }
      return accessor;
    }
    let accessor = cache.get(key);
    if (accessor === undefined) {
      accessor = accessorFor(this.#ctx, def);
      cache.set(key, accessor);
    }
    return accessor;
  }

  #byName(name: string): ServerCookie<unknown> | AsyncServerCookie<unknown> {
    const def = this.#ctx.entries.lookup(name);
    if (!def)
      throw new CookieError('invalid-name', name, whyNotOnServer(this.#ctx.definition, name));
    return cookieAccessor(this.#ctx, def, name);
  }

  get(name: string): unknown {
    return this.#byName(name).get();
  }

  set(name: string, value: unknown, options?: SetOptions): boolean | Promise<boolean> {
    return this.#byName(name).set(value, options);
  }

  delete(name: string): void {
    this.#byName(name).delete();
  }

  toSetCookieHeaders(): string[] {
    return this.#ctx.store.toSetCookieHeaders();
  }

  applyTo<T extends SetCookieTarget>(target: T): T {
    return this.#ctx.store.applyTo(target);
  }
}

const NO_OPTIONS: JarOptions = Object.freeze({
  secrets: undefined,
  onBlocked: undefined,
  gpc: undefined,
  now: undefined,
  onSetCookie: undefined,
  domain: undefined,
});

/**
 * The options as given, own properties only (a polluted `Object.prototype` adds none). Each is
 * read once; only a value that is there is asked whether it is own (most options are absent).
 */
function ownOptions(options: JarOptions | undefined): JarOptions {
  if (typeof options !== 'object' || options === null) return NO_OPTIONS;
  const { secrets, onBlocked, gpc, now, onSetCookie, domain } = options;
  const ownValue = <T>(value: T, key: keyof JarOptions): T | undefined =>
    value === undefined || Object.hasOwn(options, key) ? value : undefined;
  return {
    secrets: ownValue(secrets, 'secrets'),
    onBlocked: ownValue(onBlocked, 'onBlocked'),
    gpc: ownValue(gpc, 'gpc'),
    now: ownValue(now, 'now'),
    onSetCookie: ownValue(onSetCookie, 'onSetCookie'),
    domain: ownValue(domain, 'domain'),
  };
}

/**
 * Builds the `createCookies` factory of a generated package. Accessor objects are created on
 * first use and cached per jar, so a request that touches two cookies of two thousand builds two.
 */
export function defineJar<C extends string, J extends CookieJarBase<C>>(
  definition: JarDefinition<C>,
): (source: CookieSource, options?: JarOptions) => J {
  let Generated: (new (ctx: Context) => Jar) | undefined;
  let entries: Entries | undefined;

  const build = () => {
    const Subclass = class extends Jar {};
    for (const key of Object.keys(definition.accessors)) {
      Object.defineProperty(Subclass.prototype, key, {
        enumerable: true,
        get(this: Jar) {
          return this[ACCESSOR](key);
        },
      });
    }
    return Subclass;
  };

  // A deployment has one or two domains: each one's definitions are derived once.
  const deployments = new Map<unknown, [JarDefinition<string>, Entries]>();
  const deployment = (domain: unknown): [JarDefinition<string>, Entries] => {
    let found = deployments.get(domain);
    if (!found) {
      const host = deploymentDomain(domain);
      const derived = definitionWithDomain(definition as JarDefinition<string>, host);
      found = [derived, new Entries(derived)];
      if (deployments.size < 16) deployments.set(domain, found);
    }
    return found;
  };

  let keyed: string | undefined;

  return (source, given) => {
    Generated ??= build();
    const options = ownOptions(given);
    keyed ??= keyedCookies(Object.values(definition.accessors));
    // Refused here, at the first request, not at the first signed or encrypted read (which
    // would quietly read as absent and log every visitor out).
    if (keyed) checkSecrets(options.secrets, keyed);
    const store = new RequestStore(source, options.onSetCookie);
    if (options.domain !== undefined) {
      const [derived, entriesIn] = deployment(options.domain);
      return new Generated(new Context(store, derived, options, entriesIn)) as unknown as J;
    }
    entries ??= new Entries(definition as JarDefinition<string>);
    const ctx = new Context(store, definition as JarDefinition<string>, options, entries);
    return new Generated(ctx) as unknown as J;
  };
}

/** What needs the jar's secrets, for `checkSecrets`'s message; `''` when nothing does. */
function keyedCookies(defs: readonly CookieDefinition<unknown>[]): string {
  const signed = defs.some((d) => d.signed === true);
  const encrypted = defs.some((d) => d.encrypted === true);
  if (signed && encrypted) return 'signed and encrypted cookies';
  return signed ? 'signed cookies' : encrypted ? 'encrypted cookies' : '';
}

/** The message of a by-name use of a cookie the server jar does not have. */
function whyNotOnServer(definition: JarDefinition<string>, name: string): string {
  const unavailable = definition.unavailable ?? {};
  let why = Object.hasOwn(unavailable, name) ? unavailable[name] : undefined;
  for (const key of Object.keys(unavailable)) {
    if (why) break;
    const prefix = key.slice(0, -1);
    if (key.endsWith('*') && name.startsWith(prefix) && name.length > prefix.length) {
      why = unavailable[key];
    }
  }
  if (why === 'client') {
    return "is declared client-only (scope: client): page scripts use it through the package's /client module, and the server jar does not have it. Declare its scope both to use it on the server.";
  }
  if (why === 'third-party') {
    return 'is a third-party cookie: another site sets it, so this site can neither read nor write it (it is declared for the policy page and consent purges).';
  }
  return 'is not declared in the schema.';
}

/** The jar's definition with `domain` in place of the declared one, wherever one is declared. */
function definitionWithDomain(
  definition: JarDefinition<string>,
  domain: string,
): JarDefinition<string> {
  const accessors: Record<string, ServerCookieDefinition<unknown>> = {};
  for (const key of Object.keys(definition.accessors)) {
    accessors[key] = withDomain(definition.accessors[key]!, domain);
  }
  const { consent } = definition;
  return {
    ...definition,
    consent: {
      ...consent,
      suffix: replaceDomain(consent.suffix, domain),
      deleteSuffix: replaceDomain(consent.deleteSuffix, domain),
    },
    purge: definition.purge.map((entry) => ({
      ...entry,
      deleteSuffix: replaceDomain(entry.deleteSuffix, domain),
    })),
    accessors,
  };
}

export type { ConsentRecord };
