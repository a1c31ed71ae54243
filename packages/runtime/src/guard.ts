/**
 * A firewall for `Set-Cookie` headers that other code wrote (middleware, libraries, a framework):
 * it drops the headers of undeclared cookies and of categories the visitor has not granted, and
 * reports what it dropped. Deletions always pass: removing a cookie never needs consent.
 */
import { trimOws } from './parse.js';
import type { ServerResponseLike } from './request-store.js';

/** What the generator emits for the guard: the category of every first-party cookie. */
export interface GuardDefinition {
  /** Cookie name → category. */
  readonly categories: Readonly<Record<string, string>>;
  /** Family prefix → category (`_ga_` → `statistics`). */
  readonly families: readonly (readonly [prefix: string, category: string])[];
}

/** A `Set-Cookie` header the guard removed, and why. */
export interface DroppedSetCookie {
  readonly cookie: string;
  readonly reason: 'undeclared' | 'not-granted';
  /** The category without consent (for `not-granted`). */
  readonly category?: string;
  /** The header as it was written. */
  readonly header: string;
}

/** Where the headers are: a Fetch `Headers` or `Response`, or a Node `ServerResponse`. */
export type GuardTarget =
  | { headers: Headers }
  | Headers
  | (ServerResponseLike & { removeHeader(name: string): void });

/** Whether a Set-Cookie header deletes its cookie (Max-Age ≤ 0 or an Expires in the past). */
function isDeletion(header: string): boolean {
  const maxAge = /;\s*max-age\s*=\s*(-?\d+)/i.exec(header);
  if (maxAge) return Number(maxAge[1]) <= 0;
  const expires = /;\s*expires\s*=\s*([^;]+)/i.exec(header);
  return expires ? Date.parse(expires[1]!) <= Date.now() : false;
}

function categoryOf(definition: GuardDefinition, name: string): string | undefined {
  if (Object.hasOwn(definition.categories, name)) return definition.categories[name];
  for (const [prefix, category] of definition.families) {
    if (name.startsWith(prefix) && name.length > prefix.length) return category;
  }
  return undefined;
}

/** Filters headers; returns the kept ones and what was dropped. */
export function filterSetCookies(
  headers: readonly string[],
  definition: GuardDefinition,
  granted: readonly string[],
): { kept: string[]; dropped: DroppedSetCookie[] } {
  const kept: string[] = [];
  const dropped: DroppedSetCookie[] = [];
  for (const header of headers) {
    const eq = header.indexOf('=');
    const cookie = trimOws(header, 0, eq === -1 ? header.length : eq);
    const category = categoryOf(definition, cookie);
    if (isDeletion(header)) kept.push(header);
    else if (category === undefined) dropped.push({ cookie, reason: 'undeclared', header });
    else if (!granted.includes(category)) {
      dropped.push({ cookie, reason: 'not-granted', category, header });
    } else kept.push(header);
  }
  return { kept, dropped };
}

/**
 * Drops the `Set-Cookie` headers of `target` that the schema does not allow now: undeclared
 * cookies, and cookies of categories not in `granted` (pass `jar.consent.state().granted`).
 * Returns what it dropped, for logging or metrics.
 */
export function guardSetCookies(
  target: GuardTarget,
  definition: GuardDefinition,
  granted: readonly string[],
): DroppedSetCookie[] {
  const node = target as Partial<ServerResponseLike & { removeHeader(name: string): void }>;
  if (typeof node.getHeader === 'function' && typeof node.setHeader === 'function') {
    const existing = node.getHeader('set-cookie');
    const list =
      existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
    const { kept, dropped } = filterSetCookies(list, definition, granted);
    if (dropped.length) {
      if (kept.length) node.setHeader('set-cookie', kept);
      else node.removeHeader?.('set-cookie');
    }
    return dropped;
  }
  const headers =
    'getSetCookie' in target ? (target as Headers) : (target as { headers: Headers }).headers;
  const { kept, dropped } = filterSetCookies(headers.getSetCookie(), definition, granted);
  if (dropped.length) {
    headers.delete('set-cookie');
    for (const header of kept) headers.append('set-cookie', header);
  }
  return dropped;
}
