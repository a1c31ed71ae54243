/**
 * The browser side of generated packages: one accessor per client-visible cookie over
 * `document.cookie`, guarded by consent, and the `consent` object a banner drives. Each
 * accessor is its own export so that bundlers keep only what a page imports.
 */
import {
  type CookieAccessor,
  type CookieAccessorWithDefault,
  type CookieDefinition,
  type CookieFamilyAccessor,
  type CookieFamilyAccessorWithDefault,
  deletionSuffix,
  familyAccessor,
  inspectRaw,
  writeSuffix,
} from './accessor.js';
import {
  currentDocument,
  listBrowserCookieNames,
  readBrowserCookie as read,
  readBrowserGpc,
} from './browser-store.js';
import {
  type ConsentConfig,
  type ConsentGuard,
  type ConsentModeState,
  type ConsentState,
  consentState,
  hasConsent,
  type PurgeEntry,
  purgeCategories,
  toConsentMode,
  writeConsent,
} from './consent.js';
import type { CookieStore } from './cookie-store.js';
import { deploymentDomain, replaceDomain } from './domain.js';
import { CookieError } from './errors.js';
import { writeTrustedCookie } from './trusted-writes.js';

// Fixed by each build of the runtime (see DEV in errors.ts); declared here for apps that
// compile these sources without Node's types.
declare const process: { env: { NODE_ENV?: string } };

/** A declared cookie in the browser. */
export type ClientCookie<T> = CookieAccessor<T>;
/** A declared cookie with a `default`. */
export type ClientCookieWithDefault<T> = CookieAccessorWithDefault<T>;
/** A family (`_ga_*`) in the browser: members are addressed by suffix. */
export type ClientCookieFamily<T> = CookieFamilyAccessor<T>;
/** A family with a `default`. */
export type ClientCookieFamilyWithDefault<T> = CookieFamilyAccessorWithDefault<T>;

/** Settings of this page's cookies, see {@link configureCookies}. */
export interface ClientCookieOptions {
  /**
   * This deployment's `Domain` for the cookies that declare one (`"staging.example.com"` on
   * staging): it replaces the declared domain in every write and deletion of the page's
   * accessors and consent. Host-only cookies stay host-only. `undefined` restores the schema's.
   */
  domain?: string | undefined;
}

/** The deployment's domain, when {@link configureCookies} set one. */
let domainOverride: string | undefined;

/**
 * Configures the page's cookies, once at start-up before they are written (the server's
 * equivalent is `createCookies(request, { domain })`). It applies to every generated package on
 * the page, since they share this module.
 *
 * @throws CookieError `invalid-attribute` when `domain` is not a host name.
 * @example
 * configureCookies({ domain: import.meta.env.VITE_COOKIE_DOMAIN });
 */
export function configureCookies(options: ClientCookieOptions): void {
  domainOverride = options.domain === undefined ? undefined : deploymentDomain(options.domain);
}

// The accessors' store over `document.cookie`: reads are `readBrowserCookie`; writes skip the
// checks of `writeBrowserCookie`, which the generator (every name; a family's suffix is checked
// by `cookieName`) and the codecs (cookie-octets only) already made, and no client accessor is
// HttpOnly. Without `document` (server rendering), reads find nothing and writes do nothing.
// Every accessor write and deletion, the consent choice and the purge come through here, and
// only here they reach the browser: as trusted writes, which the cookie firewall lets pass.
function write(name: string, value: string, suffix: string): void {
  if (domainOverride !== undefined) suffix = replaceDomain(suffix, domainOverride);
  if (name.length + value.length > 4096) {
    throw new CookieError(
      'too-large',
      name,
      process.env.NODE_ENV !== 'production'
        ? 'name and value are over the 4096 bytes browsers keep.'
        : '',
    );
  }
  const d = currentDocument();
  if (d) writeTrustedCookie(d, `${name}=${value}${suffix}`);
}

const store = {
  get: read,
  set: write,
  delete: (name: string, suffix: string) => write(name, '', suffix),
};

/** `store` with the names present, for families and purges only (so single accessors stay small). */
function storeWithNames(): CookieStore {
  return {
    ...store,
    names: listBrowserCookieNames,
  };
}

const granted = (category: string, config: ConsentGuard): boolean =>
  hasConsent(category, read(config.cookie), config, readBrowserGpc(), Date.now());

/**
 * The accessor of `name` (a cookie, or a family member) over `document.cookie`. Not the server's
 * `StoreAccessor` class: one object literal over this module's functions is smaller, and a page
 * builds each accessor once. `allowed` is the consent guard of a category that needs consent:
 * asked after the value is validated and encoded, so a bad value throws even when consent would
 * block the write.
 */
function accessor<T>(
  def: CookieDefinition<T>,
  name: string,
  allowed?: () => boolean,
): ClientCookie<T> {
  return {
    name,
    get: () => inspectRaw(def, read(name), name).value,
    inspect: () => inspectRaw(def, read(name), name),
    has: () => read(name) !== undefined,
    delete: () => write(name, '', deletionSuffix(def as CookieDefinition<unknown>)),
    set(value, options) {
      const encoded = def.codec.encode(value, name);
      const suffix =
        options === undefined
          ? def.suffix
          : writeSuffix(def as CookieDefinition<unknown>, name, options);
      if (allowed && !allowed()) return false;
      write(name, encoded, suffix);
      return true;
    },
  };
}

/** The consent check of `def`'s category. */
const guard =
  (def: CookieDefinition<unknown>, config: ConsentGuard): (() => boolean) =>
  () =>
    granted(def.category!, config);

/** An accessor of a cookie in the required category: no consent needed. */
export function clientCookie<T>(
  def: CookieDefinition<T> & { fallback: T },
): ClientCookieWithDefault<T>;
export function clientCookie<T>(def: CookieDefinition<T>): ClientCookie<T>;
export function clientCookie<T>(def: CookieDefinition<T>): ClientCookie<T> {
  return accessor(def, def.name);
}

/** An accessor whose writes need its category's consent. */
export function guardedClientCookie<T>(
  def: CookieDefinition<T> & { fallback: T },
  config: ConsentGuard,
): ClientCookieWithDefault<T>;
export function guardedClientCookie<T>(
  def: CookieDefinition<T>,
  config: ConsentGuard,
): ClientCookie<T>;
export function guardedClientCookie<T>(
  def: CookieDefinition<T>,
  config: ConsentGuard,
): ClientCookie<T> {
  return accessor(def, def.name, guard(def as CookieDefinition<unknown>, config));
}

/** A family accessor; `config` when its category needs consent. */
export function clientCookieFamily<T>(
  def: CookieDefinition<T> & { fallback: T },
  config?: ConsentGuard,
): ClientCookieFamilyWithDefault<T>;
export function clientCookieFamily<T>(
  def: CookieDefinition<T>,
  config?: ConsentGuard,
): ClientCookieFamily<T>;
export function clientCookieFamily<T>(
  def: CookieDefinition<T>,
  config?: ConsentGuard,
): ClientCookieFamily<T> {
  const allowed = config && guard(def as CookieDefinition<unknown>, config);
  return familyAccessor(storeWithNames(), def, (name) => accessor(def, name, allowed));
}

/** `consent` in the browser. */
export interface ClientConsent<C extends string> {
  has(category: C): boolean;
  /** Adds categories to the visitor's choice, stores it, and notifies listeners. */
  grant(...categories: C[]): void;
  /** Removes categories, deletes their cookies (families included), notifies listeners. */
  revoke(...categories: C[]): void;
  /** Stores exactly this choice. */
  set(granted: readonly C[]): void;
  state(): ConsentState<C>;
  readonly needsPrompt: boolean;
  toConsentMode(): ConsentModeState;
  /** Called after every change made through this object; returns an unsubscribe function. */
  onChange(listener: (state: ConsentState<C>) => void): () => void;
  /** Runs `callback` now if `category` is granted, else once when it is. Returns a cancel function. */
  whenGranted(category: C, callback: () => void): () => void;
  /**
   * Activates `<script type="text/plain" data-cookie-category="…">` elements of granted
   * categories under `root` (default `document`), now and after every later grant.
   */
  activateScripts(root?: ParentNode): void;
}

/** Builds the `consent` export of a generated client module. */
export function createClientConsent<C extends string>(
  config: ConsentConfig<C>,
  consentMode: Readonly<Record<string, readonly string[]>>,
  purge: readonly PurgeEntry[],
): ClientConsent<C> {
  const listeners = new Set<(state: ConsentState<C>) => void>();
  const roots = new Set<ParentNode>();
  const state = () => consentState(read(config.cookie), config, readBrowserGpc(), Date.now());
  const choose = (granted: readonly string[]) => {
    const cookies = storeWithNames();
    writeConsent(cookies, config, granted, readBrowserGpc(), Date.now());
    const after = state();
    purgeCategories(
      cookies,
      purge,
      after.denied,
      currentDocument()?.location?.hostname,
      config.cookie,
    );
    for (const root of roots) activate(root, after.granted);
    for (const listener of [...listeners]) listener(after);
  };
  // Without a valid choice, what is granted is the required category and the opt-out ones the
  // visitor has not objected to: a grant or revoke starts from there.
  const current = () => state().granted;
  const api: ClientConsent<C> = {
    has: (category) => granted(category, config),
    grant: (...categories) => choose([...current(), ...categories]),
    revoke: (...categories) => choose(current().filter((c) => !categories.includes(c))),
    set: (granted) => choose(granted),
    state,
    get needsPrompt() {
      return state().needsPrompt;
    },
    toConsentMode: () => toConsentMode(state().granted, consentMode),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    whenGranted(category, callback) {
      if (api.has(category)) {
        callback();
        return () => {};
      }
      const listener = () => {
        if (!api.has(category)) return;
        listeners.delete(listener);
        callback();
      };
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    activateScripts(root = document) {
      roots.add(root);
      activate(root, state().granted);
    },
  };
  return api;
}

/** Replaces each blocked script of a granted category with a live copy (once). */
function activate(root: ParentNode, granted: readonly string[]): void {
  const blocked = root.querySelectorAll<HTMLScriptElement>(
    'script[type="text/plain"][data-cookie-category]',
  );
  for (const script of blocked) {
    if (!granted.includes(script.dataset.cookieCategory ?? '')) continue;
    const live = document.createElement('script');
    for (const { name, value } of script.attributes) {
      if (name !== 'type') live.setAttribute(name, value);
    }
    live.type = script.dataset.type ?? 'text/javascript';
    live.text = script.text;
    script.replaceWith(live);
  }
}
