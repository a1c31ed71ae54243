/**
 * The Open Cookie Database (jkwakman/Open-Cookie-Database, Apache-2.0): a community list of
 * about 2,300 cookies by platform. The audit uses it to suggest a declaration for an undeclared
 * cookie. This module takes the parsed data and never reads files, so the data can be loaded
 * from anywhere (the copy shipped in `data/`, `--ocd`, `$COOKIE_SCHEMA_OCD`).
 */
import type { NormalizedSchema } from '../schema/types';
import type { SetCookieAttributes, SuggestedDeclaration } from './types';

/** One entry of the database. */
export interface OcdEntry {
  /** The platform that sets it (`Google Analytics`); the JSON's top-level key. */
  platform: string;
  /** `Functional`, `Analytics`, `Marketing`, `Personalization`, `Security` (or `Necessary`). */
  category: string;
  /** The name; a prefix when `wildcard` is true (`_ga_`). */
  cookie: string;
  /** Where it is set, free text: `''`, `google.com`, `facebook.com (3rd party)`. */
  domain: string;
  description: string;
  /** Free text: `2 years`, `session`, `13 months`… */
  retentionPeriod: string;
  dataController: string;
  privacyLink: string;
  /** The name is a prefix (the database's `wildcardMatch` = `1`). */
  wildcard: boolean;
}

/** What the category mapping needs of a schema: its category names and the required one. */
export interface SchemaCategories {
  categories: readonly { name: string }[];
  requiredCategory: NormalizedSchema['requiredCategory'];
}

/** The database indexed for lookups. */
export interface OcdIndex {
  entries: readonly OcdEntry[];
  exact: ReadonlyMap<string, readonly OcdEntry[]>;
  prefixes: readonly OcdEntry[];
}

/**
 * Parses the database's JSON (`{ platform: [entry…] }`) or CSV (its ten columns, RFC 4180
 * quoting) into entries. Throws an `Error` naming the problem when the text is neither.
 */
export function parseOpenCookieDatabase(text: string, format: 'json' | 'csv'): OcdEntry[] {
  if (format === 'json') {
    const data = JSON.parse(text) as Record<string, Record<string, string>[]>;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new Error('expected an object of platforms');
    }
    return Object.entries(data).flatMap(([platform, list]) =>
      (Array.isArray(list) ? list : []).map((e) =>
        entry(
          platform,
          e.category,
          e.cookie,
          e.domain,
          e.description,
          e.retentionPeriod,
          e.dataController,
          e.privacyLink,
          e.wildcardMatch,
        ),
      ),
    );
  }
  const rows = parseCsv(text);
  const header = rows.shift() ?? [];
  if (header[0] !== 'ID' || header.length < 10) throw new Error('expected the database CSV header');
  return rows
    .filter((r) => r.length >= 10)
    .map((r) => entry(r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9]));
}

function entry(...fields: (string | undefined)[]): OcdEntry {
  const [platform, category, cookie, domain, description, retention, controller, link, wildcard] =
    fields.map((f) => (f ?? '').trim());
  return {
    platform: platform!,
    category: category!,
    cookie: cookie!,
    domain: domain!,
    description: description!,
    retentionPeriod: retention!,
    dataController: controller!,
    privacyLink: link!,
    wildcard: wildcard === '1',
  };
}

/** RFC 4180 CSV: quoted fields with `""` escapes and line breaks inside quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** Indexes entries by exact name, and collects the prefix (wildcard) entries. */
export function indexOpenCookieDatabase(entries: readonly OcdEntry[]): OcdIndex {
  const exact = new Map<string, OcdEntry[]>();
  const prefixes: OcdEntry[] = [];
  for (const e of entries) {
    if (e.cookie === '') continue;
    // A few entries write the wildcard as a trailing `*` instead of the flag.
    if (e.wildcard || e.cookie.endsWith('*')) {
      prefixes.push({ ...e, cookie: e.cookie.replace(/\*$/, ''), wildcard: true });
    } else {
      const list = exact.get(e.cookie);
      if (list) list.push(e);
      else exact.set(e.cookie, [e]);
    }
  }
  return { entries, exact, prefixes };
}

/**
 * The entries that describe `name`: exact entries first, then wildcard entries whose prefix
 * starts the name, longest prefix first. Names match case-sensitively.
 */
export function lookupCookie(index: OcdIndex, name: string): OcdEntry[] {
  const exact = index.exact.get(name) ?? [];
  const prefixed = index.prefixes
    .filter((e) => e.cookie !== '' && name.startsWith(e.cookie))
    .sort((a, b) => b.cookie.length - a.cookie.length);
  return [...exact, ...prefixed];
}

/** The domain of an entry as a bare host (`facebook.com (3rd party)` → `facebook.com`). */
function entryDomain(e: OcdEntry): string {
  return e.domain
    .replace(/\(.*?\)/g, '')
    .trim()
    .replace(/^\./, '')
    .toLowerCase();
}

/**
 * Why the matches are not a safe basis for a declaration, or `undefined`:
 * - several platforms list the name (`token`: Adform and Xandr);
 * - the only platform lists it on its own domain (not marked "3rd party", i.e. the platform's
 *   site, such as Instagram's `sessionid` on instagram.com) and the cookie was not seen on that
 *   domain: a generic name that other software uses too (Django's session cookie is also
 *   `sessionid`).
 */
export function explainAmbiguity(
  matches: readonly OcdEntry[],
  seenOn: { host?: string; domain?: string },
): string | undefined {
  const platforms = [...new Set(matches.map((m) => m.platform))];
  if (platforms.length > 1) {
    return `${platforms.length} platforms list it (${platforms.join(', ')})`;
  }
  const first = matches[0];
  if (!first || /3rd party/i.test(first.domain)) return undefined;
  const domain = entryDomain(first);
  if (domain === '') return undefined;
  const host = (seenOn.domain ?? seenOn.host)?.toLowerCase();
  if (host && (host === domain || host.endsWith(`.${domain}`))) return undefined;
  return `the database lists it only for ${first.platform}, on ${domain}, and it was seen ${host ? `on ${host}` : 'without a host'}: it is a generic name other software uses too`;
}

/** OCD category → schema category names that mean the same, in order of preference. */
const CATEGORY_SYNONYMS: Record<string, readonly string[]> = {
  functional: ['functional', 'functionality', 'preferences', 'preference', 'personalization'],
  personalization: [
    'personalization',
    'personalisation',
    'preferences',
    'preference',
    'functional',
  ],
  analytics: ['statistics', 'statistical', 'analytics', 'analytical', 'performance', 'measurement'],
  marketing: ['marketing', 'advertising', 'ads', 'targeting'],
  security: ['security', 'necessary', 'essential', 'required', 'strictly-necessary'],
  necessary: ['necessary', 'essential', 'required', 'strictly-necessary', 'security'],
};

/**
 * The schema category for an OCD category, by name (case-insensitive, synonyms above; Security
 * and Necessary fall back to the required category). `undefined` when the schema has none.
 */
export function mapOcdCategory(ocdCategory: string, schema: SchemaCategories): string | undefined {
  const key = ocdCategory.toLowerCase();
  const byName = new Map(schema.categories.map((c) => [c.name.toLowerCase(), c.name]));
  for (const synonym of CATEGORY_SYNONYMS[key] ?? [key]) {
    const found = byName.get(synonym);
    if (found) return found;
  }
  return key === 'security' || key === 'necessary' ? schema.requiredCategory : undefined;
}

const RETENTION_UNITS: Record<string, string> = {
  second: 's',
  minute: 'm',
  min: 'm',
  hour: 'h',
  day: 'd',
  week: 'w',
  month: 'mo',
  year: 'y',
};
const UNIT_SECONDS: Record<string, number> = {
  s: 1,
  m: 60,
  h: 3600,
  d: 86_400,
  w: 604_800,
  mo: 2_592_000,
  y: 31_536_000,
};
const MAX_AGE_CAP = 400 * 86_400;

/**
 * The database's free-text retention as a schema duration: `"2 years"` → `"2y"`, `"Session"` →
 * `"session"`, `"30 mins"` → `"30m"`; `undefined` when it is not a duration (`"Unknown"`,
 * `"Varies"`, `"forever"`).
 */
export function retentionToDuration(text: string): string | undefined {
  const lower = text.trim().toLowerCase();
  if (/^(?:end of )?sessions?\b/.test(lower)) return 'session';
  const match = /^(\d+)\s*([a-z]+?)s?$/.exec(lower);
  if (!match) return undefined;
  const unit = RETENTION_UNITS[match[2]!];
  return unit ? `${Number(match[1])}${unit}` : undefined;
}

/** Seconds → the shortest exact schema duration (`1209600` → `"2w"`); `"session"` for none. */
export function secondsToDuration(seconds: number | undefined): string {
  if (seconds === undefined) return 'session';
  for (const unit of ['y', 'mo', 'w', 'd', 'h', 'm'] as const) {
    const size = UNIT_SECONDS[unit]!;
    if (seconds >= size && seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}

/** What the audit saw of the cookie, to put its real attributes into the suggestion. */
export interface ObservedCookie {
  name: string;
  /** From a `Set-Cookie` header, when one was seen. */
  attributes?: SetCookieAttributes;
  /** Lifetime in seconds from that header (`undefined` for a session cookie). */
  lifetime?: number;
  /** Set by another site (a crawl saw it on this domain): declared `party: "third"`. */
  thirdPartyDomain?: string;
}

/**
 * A declaration for `observed`, built from the best database entry: provider (data controller),
 * service (platform), category (mapped to the schema's, see {@link mapOcdCategory}), purpose
 * (description) and lifetime (observed, else the database's retention; capped at 400 days), plus
 * the attributes seen in the `Set-Cookie` header. A wildcard entry suggests a family (`_ga_*`).
 */
export function suggestDeclaration(
  best: OcdEntry,
  observed: ObservedCookie,
  schema: SchemaCategories,
): SuggestedDeclaration {
  const notes: string[] = [];
  const key = best.wildcard && observed.name !== best.cookie ? `${best.cookie}*` : observed.name;
  let category = mapOcdCategory(best.category, schema);
  if (!category) {
    category = best.category.toLowerCase() || 'uncategorized';
    notes.push(
      `the schema has no category for the database's "${best.category}": add a "${category}" category or choose another`,
    );
  }
  let maxAge: string | undefined;
  if (observed.attributes) {
    maxAge = secondsToDuration(observed.lifetime);
  } else {
    maxAge = retentionToDuration(best.retentionPeriod);
    if (maxAge === undefined) {
      notes.push(
        `the database's retention "${best.retentionPeriod}" is not a duration: set maxAge`,
      );
    }
  }
  if (maxAge !== undefined && maxAge !== 'session') {
    const seconds = Number(/^\d+/.exec(maxAge)![0]) * UNIT_SECONDS[maxAge.replace(/^\d+/, '')]!;
    if (seconds > MAX_AGE_CAP) {
      notes.push(`lifetime ${maxAge} capped at 400 days, the longest browsers keep`);
      maxAge = '400d';
    }
  }
  const provider = best.dataController || best.platform;
  if (!provider) notes.push('the database names no provider: replace "Unknown"');
  const declaration: Record<string, unknown> = {
    provider: provider || 'Unknown',
    service: best.platform || observed.name,
    category,
    purpose: best.description || `Set by ${best.platform}.`,
  };
  if (maxAge !== undefined) declaration.maxAge = maxAge;
  if (observed.thirdPartyDomain !== undefined) {
    declaration.party = 'third';
    declaration.domain = observed.thirdPartyDomain;
  }
  const a = observed.attributes;
  if (a) {
    if (a.secure) declaration.secure = true;
    if (a.httpOnly) declaration.httpOnly = true;
    if (a.sameSite) declaration.sameSite = a.sameSite;
    if (a.path && a.path !== '/') declaration.path = a.path;
    if (a.domain && observed.thirdPartyDomain === undefined) declaration.domain = a.domain;
    if (a.partitioned) declaration.partitioned = true;
  }
  const body = JSON.stringify(declaration, null, 2);
  return { key, declaration, json: `${JSON.stringify(key)}: ${body}`, notes };
}
