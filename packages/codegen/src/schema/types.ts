/**
 * The normalized model: what the loader returns once a schema is valid. Every default is
 * resolved, durations are in seconds, every text exists in every locale, accessor names are
 * computed. Emitters and renderers read only this.
 */
import type { JsonValueSchema } from './model';

/** Text in every declared locale. */
export type Localized = Readonly<Record<string, string>>;

export type NormalizedValueType =
  | { type: 'string'; minLength?: number; maxLength?: number; pattern?: string }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'integer'; min?: number; max?: number }
  | { type: 'number'; min?: number; max?: number }
  | { type: 'boolean' }
  | { type: 'date' }
  | { type: 'json'; schema: JsonValueSchema }
  | { type: 'consent' };

export interface NormalizedCategory {
  /** Key in `categories`. */
  name: string;
  required: boolean;
  title: Localized;
  description: Localized;
  consentMode: readonly string[];
  gpcOptOut: boolean;
  /**
   * `"consent": "opt-out"`: needs no consent, granted until the visitor objects. Always false for
   * the required category (granted without a choice).
   */
  optOut: boolean;
}

export interface NormalizedCookie {
  /** Name as declared, e.g. `sessionid`, `__Host-sid`, `_ga_*`. */
  name: string;
  /** True for a family (`_ga_*`): the name without `*` is a prefix. */
  family: boolean;
  /** The name without the trailing `*` of a family. */
  prefix: string;
  /** Accessor name (camelCase), or `null` for third-party cookies, which get none. */
  accessor: string | null;
  provider: string;
  service: Localized;
  category: string;
  purpose: Localized;
  value: NormalizedValueType;
  /** The declared default, if any (already checked against the value type). */
  default?: unknown;
  domain?: string;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite?: 'strict' | 'lax' | 'none';
  partitioned: boolean;
  /** Lifetime in seconds; `undefined` for a session cookie. */
  maxAge?: number;
  /** The `Priority` attribute, when declared. */
  priority?: 'low' | 'medium' | 'high';
  encoding: 'uri' | 'base64url' | 'raw';
  signed: boolean;
  /** Encrypted with AES-256-GCM: server only, HttpOnly, never also `signed`. */
  encrypted: boolean;
  scope: 'server' | 'client' | 'both';
  party: 'first' | 'third';
  /** JSON pointer of the declaration, for messages. */
  pointer: string;
}

export interface NormalizedPolicy {
  name: string;
  revision: number;
  locales: readonly string[];
  defaultLocale: string;
  /** Seconds a consent choice stays valid. */
  consentMaxAge: number;
  url?: string;
  contact?: string;
  /** Replaces the first paragraph of the standard introduction; paragraphs split at blank lines. */
  introduction?: Localized;
  /** Sections of the page before the cookie tables, in order. */
  sections?: readonly NormalizedPolicySection[];
}

/** A section of the policy page: a heading and paragraphs (split at blank lines). */
export interface NormalizedPolicySection {
  title: Localized;
  body: Localized;
}

export interface NormalizedSchema {
  /** The schema file as given to the loader (for generated headers and messages). */
  file: string;
  policy: NormalizedPolicy;
  consentCookie: string;
  /** In declaration order (the policy page's order). */
  categories: readonly NormalizedCategory[];
  /** In declaration order. */
  cookies: readonly NormalizedCookie[];
  /** The one required category. */
  requiredCategory: string;
  /** SHA-256 (hex, 16 chars) of the canonical declaration: changes whenever the policy does. */
  hash: string;
}
