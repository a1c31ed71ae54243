/**
 * The cookie firewall: from `installCookieFirewall` on, every write through `document.cookie`
 * and `cookieStore.set` on the page — the app's own code and other scripts' (analytics, chat
 * widgets, A/B tools) — is checked against the schema. A write of a cookie page scripts may not
 * write (undeclared, or only the server writes it) or whose category is not granted is dropped
 * (`mode: "enforce"`) or only reported (`mode: "report"`). Deletions always pass; the runtime's
 * own writes (generated accessors, consent, purges) pass as they are (`trusted-writes.ts`).
 *
 * It replaces the `cookie` accessor of `Document.prototype` and `CookieStore.prototype.set`,
 * calling the browser's own for what passes; `uninstall()` puts them back. (On the prototype
 * rather than the `document` object: an own property of `document` makes every assignment to it
 * slower, by about a tenth of a native write in Chromium.) Its own module: a page that never
 * installs it does not download it. What it cannot see is listed in the package README
 * ("Enforcement").
 */
import { currentDocument, readBrowserCookie, readBrowserGpc } from './browser-store.js';
import { type ConsentGuard, hasConsent } from './consent.js';
import { setTrustedCookieSetter } from './trusted-writes.js';

/**
 * What the generator knows about the cookies page scripts may write (first-party, not HttpOnly,
 * signed or server-scoped), emitted as one constant: by name (a family as `prefix*`, e.g.
 * `_ga_*`), `[category, declared lifetime in seconds]` (0 for a session cookie); and the consent
 * guard.
 */
export interface FirewallRules<C extends string = string> {
  readonly cookies: Readonly<Record<string, readonly [category: C, maxAge: number]>>;
  readonly consent: ConsentGuard<C>;
}

/**
 * Why a write was stopped: `undeclared` (no cookie page scripts may write has this name, nor a
 * family its prefix: cookies only the server writes — HttpOnly, signed, server-scoped — are not
 * theirs to write), `not-granted` (its category has no consent now), `lifetime` (longer than
 * declared, with `clampLifetime`).
 */
export type FirewallReason = 'undeclared' | 'not-granted' | 'lifetime';

/** One write the firewall stopped (or, in `report` mode, would have). */
export interface FirewallReport<C extends string = string> {
  /** The cookie name as the browser reads it (`""` for a write without `=`). */
  readonly name: string;
  readonly reason: FirewallReason;
  /** URL of the script that wrote it, where the stack shows it (the page's for inline code). */
  readonly source: string | undefined;
  /** The declared category (`not-granted`, `lifetime`). */
  readonly category?: C;
}

export interface FirewallOptions<C extends string = string> {
  /** `enforce` (default): drop what the schema does not allow. `report`: let it pass, report it. */
  mode?: 'enforce' | 'report';
  /**
   * Called for each write stopped (or that would be, in `report` mode). An error it throws goes
   * to `reportError`, not to the script that wrote.
   */
  onBlocked?: (report: FirewallReport<C>) => void;
  /**
   * Shorten a write whose lifetime is longer than the declared one to the declared one (a
   * declared session cookie loses its `Max-Age`/`Expires`), and report it (`lifetime`).
   * Default: `false` (lifetimes are not checked).
   */
  clampLifetime?: boolean;
}

/** An installed firewall. */
export interface CookieFirewall {
  /** Restores the browser's own `document.cookie` and `cookieStore.set`. */
  uninstall(): void;
}

/** `cookieStore` as far as the firewall uses it (absent in some browsers). */
interface CookieStoreLike {
  set(...args: unknown[]): Promise<void>;
}

/** When a write's cookie expires (ms since epoch, or a `Date`); nullish for a session cookie. */
type Expiry<W> = (write: W, now: number) => number | null | undefined;

/**
 * What happens to a write: `true` it passes as it is, `false` it is dropped, a number `n` it is
 * written with that lifetime instead: `n` seconds, `0` a session cookie, `-1` deleted.
 */
type Verdict = boolean | number;

const NOT_INSTALLED: CookieFirewall = { uninstall() {} };
let installed: CookieFirewall | undefined;

/** Each `Max-Age` and `Expires` attribute of a `document.cookie` string, any case and spacing. */
const LIFETIME = /;[ \t]*(max-age|expires)[ \t]*=([^;]*)/gi;

/**
 * When a `document.cookie` string's cookie expires, as RFC 6265bis §5.6 reads it: the last
 * valid `Max-Age` (≤ 0: now) wins over `Expires`, else the last `Expires` that parses. Where a
 * browser would read a date otherwise, no harm: what this calls a deletion is written as one.
 */
const headerExpiry: Expiry<string> = (header, now) => {
  let maxAge: number | undefined;
  let expires: number | undefined;
  for (const [, key, value] of header.matchAll(LIFETIME)) {
    if (/^e/i.test(key!)) {
      const date = Date.parse(value!);
      if (!Number.isNaN(date)) expires = date;
    } else if (/^\s*-?\d+\s*$/.test(value!)) maxAge = +value!;
  }
  return maxAge === undefined ? expires : now + maxAge * 1000;
};

/** `cookieStore.set` options: `expires` in ms since epoch, absent or null for a session cookie. */
const storeExpiry: Expiry<{ expires?: number | null }> = (init) => init.expires;

/**
 * Starts checking every cookie write on the page against `rules` (see {@link FirewallOptions}).
 * Install it first, before other scripts: what they wrote before is not undone. A second call
 * while installed returns the same firewall (its options unchanged); without `document` (server
 * rendering) it does nothing.
 */
export function installCookieFirewall<C extends string>(
  rules: FirewallRules<C>,
  options: FirewallOptions<C> = {},
): CookieFirewall {
  if (installed || !currentDocument()) return installed ?? NOT_INSTALLED;
  const { cookies, consent } = rules;
  const { onBlocked, clampLifetime } = options;
  const enforce = options.mode !== 'report';
  // The browser's own accessors, called for what passes and put back by uninstall().
  const native = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')!;
  const nativeSet = native.set!;
  const store = (globalThis as { cookieStore?: unknown }).cookieStore
    ? (CookieStore.prototype as unknown as CookieStoreLike)
    : undefined;
  const nativeStoreSet = store?.set;

  // The granted categories, from the consent cookie: read again when `consent` writes it, and
  // when a second has passed (a change by another tab, a server response or a script) — not on
  // every write: reading document.cookie after a write waits for the browser to store it.
  let known: Record<string, boolean> = {};
  let readAt = 0;
  let raw: string | undefined;
  const granted = (category: string, now: number) => {
    if (category === consent.required) return true;
    if (now - readAt > 1000) {
      known = {};
      readAt = now;
      raw = readBrowserCookie(consent.cookie);
    }
    known[category] ??= hasConsent(category, raw, consent, readBrowserGpc(), now);
    return known[category];
  };

  // Called by the two setters only, so that the stack is [check, setter, the code that wrote].
  const check = <W>(name: string, write: W, expiry: Expiry<W>): Verdict => {
    const now = Date.now();
    // An own key (not `constructor`…), else the family whose prefix the name extends.
    // (A family `_ga_*` has the names longer than its prefix `_ga_` that start with it.)
    const key = Object.hasOwn(cookies, name)
      ? name
      : Object.keys(cookies).find(
          (k) => k.endsWith('*') && name.length >= k.length && name.startsWith(k.slice(0, -1)),
        );
    const rule = key === undefined ? undefined : cookies[key];
    const reason: FirewallReason | '' = !rule
      ? 'undeclared'
      : granted(rule[0], now)
        ? ''
        : 'not-granted';
    if (!reason && !clampLifetime) return true;
    const expires = expiry(write, now) ?? undefined;
    const maxAge = rule?.[1] ?? 0;
    if (reason) {
      // A deletion passes, written as a certain one (Max-Age=-1 for its lifetime attributes).
      if (expires !== undefined && expires <= now) return !enforce || -1;
    } else if (expires === undefined || (maxAge && expires - now <= maxAge * 1000)) return true;
    if (onBlocked) {
      // The script of each frame, in order (eval code: the script that called eval): Chromium's
      // `at f (https://a/x.js:1:2)`, Firefox's `f@https://a/x.js:1:2`. Token by token (a regular
      // expression that finds URLs in the whole stack would be quadratic on a long token).
      const source = new Error().stack
        ?.split(/[\s()@]+/)
        .filter((token) => token.includes('://'))[2]
        ?.replace(/:\d+:\d+$/, '');
      try {
        onBlocked({ name, reason: reason || 'lifetime', source, category: rule?.[0] });
      } catch (error) {
        reportError(error);
      }
    }
    return !enforce || (!reason && maxAge);
  };

  function set(this: Document, value: string) {
    const header = String(value);
    // RFC 6265bis §5.6: the name is what comes before the first `=` of the part before the
    // first `;`, without SP and HTAB around it (not NBSP); none without `=`. Trimmed at the end
    // apart: one expression that trims both ends is quadratic (test/regex-audit.test.ts).
    let name = /^[ \t]*(?![ \t])([^;=]*)=/.exec(header)?.[1] ?? '';
    while (' \t'.includes(name.at(-1)!)) name = name.slice(0, -1);
    const verdict = check(name, header, headerExpiry);
    if (verdict === true) nativeSet.call(this, header);
    else if (verdict !== false) {
      // Its lifetime attributes replaced by the verdict's.
      const lifetime = verdict ? `; Max-Age=${verdict}` : '';
      nativeSet.call(this, header.replace(LIFETIME, '') + lifetime);
    }
  }

  function storeSet(this: CookieStoreLike, ...args: unknown[]): Promise<void> {
    // cookieStore.set(name, value) writes a session cookie, which no verdict changes.
    const init = (Object(args[0]) === args[0] ? args[0] : { name: args[0] }) as {
      name?: unknown;
      expires?: number | null;
    };
    const verdict = check(String(init.name), init, storeExpiry);
    if (verdict === false) return Promise.resolve();
    if (verdict !== true)
      args = [{ ...init, expires: verdict ? Date.now() + verdict * 1000 : null }];
    return nativeStoreSet!.apply(this, args);
  }

  Object.defineProperty(Document.prototype, 'cookie', { ...native, set });
  if (store) store.set = storeSet;
  setTrustedCookieSetter(function (header) {
    if (header.startsWith(`${consent.cookie}=`)) readAt = 0;
    nativeSet.call(this, header);
  });

  const firewall: CookieFirewall = {
    uninstall() {
      if (installed !== firewall) return;
      installed = undefined;
      setTrustedCookieSetter();
      Object.defineProperty(Document.prototype, 'cookie', native);
      if (store) store.set = nativeStoreSet!;
    },
  };
  installed = firewall;
  return firewall;
}
