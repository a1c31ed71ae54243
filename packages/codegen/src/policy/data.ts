/**
 * The policy as plain data: what a banner or a policy page needs, in every locale, with
 * human-readable durations. The generator freezes this object into the `<pkg>/policy` module, and
 * `cookie-schema policy --format json` prints it. Pure and deterministic (declaration order, no
 * timestamps), with no Node imports.
 */
import type { Localized, NormalizedSchema } from '../schema/types';
import { localizedDuration } from './duration-text';

/** One category of the policy, in declaration order. */
export interface PolicyCategoryData {
  /** Key in the schema's `categories`, e.g. `statistics`. */
  name: string;
  /** Strictly necessary: always granted, no consent asked. Exactly one category is. */
  required: boolean;
  title: Record<string, string>;
  description: Record<string, string>;
  /** Google Consent Mode v2 signals granted with this category (`analytics_storage`, …). */
  consentMode: string[];
  /** With Global Privacy Control, stays denied unless granted explicitly afterwards. */
  gpcOptOut: boolean;
  /**
   * `"consent": "opt-out"`: needs no consent; its cookies are written before any choice, until the
   * visitor objects. False for the required category and for opt-in ones.
   */
  optOut: boolean;
  /** Names of the cookies of this category, in declaration order. */
  cookies: string[];
}

/** One declared cookie (or family) with every attribute and its localized text. */
export interface PolicyCookieData {
  /** As declared: `sessionid`, `__Host-sid`, or a family such as `_ga_*`. */
  name: string;
  /** True for a family: every cookie whose name starts with `name` minus its `*`. */
  family: boolean;
  provider: string;
  /** "Service and location": what part of the site uses the cookie. */
  service: Record<string, string>;
  /** Key of its category. */
  category: string;
  purpose: Record<string, string>;
  party: 'first' | 'third';
  domain?: string;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite?: 'strict' | 'lax' | 'none';
  partitioned: boolean;
  /** Lifetime in seconds; absent for a session cookie. */
  maxAge?: number;
  /** The `Priority` attribute, when declared. */
  priority?: 'low' | 'medium' | 'high';
  /** The lifetime in words, per locale: "2 weeks", "2 semaines", "Session", "Sitzung". */
  duration: Record<string, string>;
  /** Where accessors exist: `server`, `client` or `both`. */
  scope: 'server' | 'client' | 'both';
  /** HMAC-signed (server only). */
  signed: boolean;
  /** Encrypted with AES-256-GCM: only the server can read the value (server only, HttpOnly). */
  encrypted: boolean;
  /** The value type: `string`, `enum`, `integer`, `number`, `boolean`, `date`, `json`, `consent`. */
  valueType: string;
}

/** The whole declaration as JSON-serializable data. See {@link policyData}. */
export interface PolicyData {
  name: string;
  /** Bumped whenever a change needs fresh consent; stored choices of older revisions are void. */
  revision: number;
  /** Content hash of the declaration (16 hex chars): changes whenever the policy does. */
  hash: string;
  /** Every locale of the texts; the first is the default. */
  locales: string[];
  defaultLocale: string;
  /** The cookie that stores the visitor's consent record. */
  consentCookie: string;
  /** How long a consent choice stays valid. */
  consentMaxAge: { seconds: number; text: Record<string, string> };
  /** Where the policy page is published. */
  url?: string;
  /** Who to contact about cookies (an address or a URL). */
  contact?: string;
  /**
   * The schema's own introduction, replacing the first paragraph of the standard one; a blank
   * line separates paragraphs.
   */
  introduction?: Record<string, string>;
  /** Sections of the policy page before the cookie tables; a blank line separates paragraphs. */
  sections?: { title: Record<string, string>; body: Record<string, string> }[];
  categories: PolicyCategoryData[];
  cookies: PolicyCookieData[];
}

/**
 * Builds the policy data of a normalized schema. The result holds only plain objects, arrays,
 * strings, numbers and booleans (optional keys are omitted rather than `undefined`), so
 * `JSON.stringify` round-trips it and two runs on the same schema give identical output.
 */
export function policyData(schema: NormalizedSchema): PolicyData {
  const { policy } = schema;
  const locales = [...policy.locales];
  const text = (localized: Localized): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const locale of locales) out[locale] = localized[locale] ?? '';
    return out;
  };
  const data: PolicyData = {
    name: policy.name,
    revision: policy.revision,
    hash: schema.hash,
    locales,
    defaultLocale: policy.defaultLocale,
    consentCookie: schema.consentCookie,
    consentMaxAge: {
      seconds: policy.consentMaxAge,
      text: localizedDuration(policy.consentMaxAge, locales),
    },
    ...(policy.url !== undefined ? { url: policy.url } : {}),
    ...(policy.contact !== undefined ? { contact: policy.contact } : {}),
    ...(policy.introduction !== undefined ? { introduction: text(policy.introduction) } : {}),
    ...(policy.sections !== undefined
      ? { sections: policy.sections.map((s) => ({ title: text(s.title), body: text(s.body) })) }
      : {}),
    categories: [],
    cookies: [],
  };
  for (const category of schema.categories) {
    data.categories.push({
      name: category.name,
      required: category.required,
      title: text(category.title),
      description: text(category.description),
      consentMode: [...category.consentMode],
      gpcOptOut: category.gpcOptOut,
      optOut: category.optOut,
      cookies: schema.cookies.filter((c) => c.category === category.name).map((c) => c.name),
    });
  }
  for (const cookie of schema.cookies) {
    // Optional keys are present only when set (never `undefined`), in the interface's order.
    const entry: PolicyCookieData = {
      name: cookie.name,
      family: cookie.family,
      provider: cookie.provider,
      service: text(cookie.service),
      category: cookie.category,
      purpose: text(cookie.purpose),
      party: cookie.party,
      ...(cookie.domain !== undefined ? { domain: cookie.domain } : {}),
      path: cookie.path,
      secure: cookie.secure,
      httpOnly: cookie.httpOnly,
      ...(cookie.sameSite !== undefined ? { sameSite: cookie.sameSite } : {}),
      partitioned: cookie.partitioned,
      ...(cookie.maxAge !== undefined ? { maxAge: cookie.maxAge } : {}),
      ...(cookie.priority !== undefined ? { priority: cookie.priority } : {}),
      duration: localizedDuration(cookie.maxAge, locales),
      scope: cookie.scope,
      signed: cookie.signed,
      encrypted: cookie.encrypted,
      valueType: cookie.value.type,
    };
    data.cookies.push(entry);
  }
  return data;
}
