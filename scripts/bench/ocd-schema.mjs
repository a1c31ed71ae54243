// Derives a cookie schema of N cookies from the Open Cookie Database (the copy that ships in
// packages/codegen/data), for the
// generator and type-check benchmarks (issue 4's scale run, issue 9):
//
//   node scripts/bench/ocd-schema.mjs <count> [--out file.cookies.json]
//
// Deterministic: the first N usable entries in the database's order. Names are cleaned to RFC 6265
// tokens and made unique case-insensitively; wildcard entries become families (`_ga_*`); entries
// on a "(3rd party)" domain become third-party declarations; OCD categories map to
// necessary / preferences / statistics / marketing; retention periods map to durations (capped
// at 400 days, 13 months for consent-requiring cookies; unknown → 1y). Accessors that would be
// invalid or collide get an explicit `accessor`. One of the N is the consent cookie.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../lib.mjs';

export const OCD_FILE = join(
  root,
  'packages/codegen/data/open-cookie-database/open-cookie-database.csv',
);

/** RFC 6265 §4.1.1 cookie-name = token (RFC 2616 §2.2). */
const TOKEN_CHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
/** Reserved words, globals and the generated API's own member names (schema/names.ts). */
const UNUSABLE_ACCESSORS = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends ' +
    'false finally for function if import in instanceof new null return super switch this throw ' +
    'true try typeof var void while with yield let static implements interface package private ' +
    'protected public await arguments eval undefined NaN Infinity get set has consent inspect ' +
    'toSetCookieHeaders applyTo names policy cookies activateScripts createCookies ' +
    'guardSetCookies constructor prototype __proto__ toString valueOf hasOwnProperty'
  ).split(' '),
);

const CATEGORY = {
  necessary: 'necessary',
  security: 'necessary',
  functional: 'preferences',
  personalization: 'preferences',
  analytics: 'statistics',
  marketing: 'marketing',
};
const UNIT = {
  second: 's',
  sec: 's',
  minute: 'm',
  min: 'm',
  hour: 'h',
  day: 'd',
  week: 'w',
  month: 'mo',
  year: 'y',
};
const SECONDS = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, mo: 2_592_000, y: 31_536_000 };
const CAP = 400 * 86_400;
const CONSENT_CAP = 13 * SECONDS.mo;

/** RFC 4180 rows of `text`: quoted fields may hold commas, newlines and doubled quotes. */
function csvRows(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += c;
  }
  if (field !== '' || row.length) row.push(field), rows.push(row);
  return rows;
}

/**
 * The database's entries `{ platform, category, cookie, domain, … }`, grouped by platform in the
 * order platforms first appear: the order of the upstream JSON release (checked when the CSV was
 * copied), which the derived schemas of earlier benchmark runs used.
 */
export function readOcd(file = OCD_FILE) {
  const [, ...rows] = csvRows(readFileSync(file, 'utf8'));
  const byPlatform = new Map();
  for (const r of rows) {
    if (r.length < 10) continue;
    const entry = {
      platform: r[1],
      category: r[2],
      cookie: r[3],
      domain: r[4],
      description: r[5],
      retentionPeriod: r[6],
      dataController: r[7],
      privacyLink: r[8],
      wildcardMatch: r[9],
    };
    if (!byPlatform.has(entry.platform)) byPlatform.set(entry.platform, []);
    byPlatform.get(entry.platform).push(entry);
  }
  return [...byPlatform.values()].flat();
}

/** A token from a database name: separators and controls dropped or replaced by `_`. */
export function cleanName(raw) {
  let out = '';
  let gap = false;
  for (const ch of raw.trim()) {
    if (TOKEN_CHAR.test(ch) && ch !== '*') {
      if (gap && out && !out.endsWith('_')) out += '_';
      out += ch;
      gap = false;
    } else if (/\s|[[\]{}()<>@,;:\\"/?=]/.test(ch)) gap = true;
  }
  return out;
}

/** `"2 years"` → `"2y"`, `"Session"` → `"session"`; capped; `"1y"` when it is not a duration. */
export function durationOf(retention, requiresConsent) {
  const text = String(retention ?? '')
    .trim()
    .toLowerCase();
  if (/^(?:end of )?(?:browser )?sessions?\b/.test(text)) return 'session';
  const match = /^(\d+)\s*([a-z]+?)s?$/.exec(text);
  let seconds = SECONDS.y;
  if (match && UNIT[match[2]]) seconds = Number(match[1]) * SECONDS[UNIT[match[2]]];
  const cap = requiresConsent ? CONSENT_CAP : CAP;
  if (seconds > cap) seconds = cap;
  if (seconds === 0) seconds = 60;
  for (const unit of ['y', 'mo', 'w', 'd', 'h', 'm']) {
    if (seconds % SECONDS[unit] === 0) return `${seconds / SECONDS[unit]}${unit}`;
  }
  return seconds;
}

/** camelCase accessor as the validator derives it (schema/names.ts `defaultAccessorName`). */
export function defaultAccessor(name) {
  let base = name;
  const lower = base.toLowerCase();
  if (lower.startsWith('__host-')) base = base.slice(7);
  else if (lower.startsWith('__secure-')) base = base.slice(9);
  base = base.replace(/\*$/, '');
  return base
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w, i) =>
      i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1),
    )
    .join('');
}

function thirdPartyDomain(domain) {
  if (!/3rd party/i.test(domain)) return undefined;
  const host = domain
    .replace(/\(3rd party\)/i, '')
    .trim()
    .split(/[\s,/]+/)[0]
    ?.replace(/^\*?\.?/, '');
  return host && /^[a-z0-9.-]+\.[a-z]{2,}$/i.test(host) ? host : undefined;
}

/**
 * Whether the family `family` covers `other` as validate's `family-covers-name` refuses: the
 * consent cookie, or a name (or a family's members) of another category.
 */
function covers(family, other) {
  return (
    family.family &&
    other.prefix.startsWith(family.prefix) &&
    (other.family || other.prefix.length > family.prefix.length) &&
    (other.consent || other.category !== family.category)
  );
}

/**
 * A schema of `count` cookies (≥ 2): the consent cookie and the first `count - 1` usable database
 * entries. Throws when the database has too few.
 */
export function deriveOcdSchema(count, entries = readOcd()) {
  if (!Number.isInteger(count) || count < 2) throw new Error(`count must be ≥ 2, got ${count}`);
  const consentCookie = 'cookie_schema_consent';
  const cookies = {
    [consentCookie]: {
      provider: 'Benchmark',
      service: 'Cookie banner',
      category: 'necessary',
      purpose: "Remembers the visitor's choice regarding cookies.",
      value: { type: 'consent' },
      accessor: 'consentRecord',
      maxAge: '6mo',
    },
  };
  const namesSeen = new Set([consentCookie]);
  /** Declarations so far, to skip entries that validate's family-covers-name would refuse. */
  const declared = [{ prefix: consentCookie, family: false, category: 'necessary', consent: true }];
  const accessorsSeen = new Set(['consentRecord']);
  for (const entry of entries) {
    if (Object.keys(cookies).length >= count) break;
    const category = CATEGORY[String(entry.category).toLowerCase()];
    let base = cleanName(entry.cookie);
    if (!category || !base) continue;
    const family = entry.wildcardMatch === '1';
    // Unique case-insensitively, the family's `*` included.
    let name = base;
    for (let n = 2; namesSeen.has(`${name}${family ? '*' : ''}`.toLowerCase()); n++) {
      name = `${base}_${n}`;
    }
    base = name;
    const declaration = { prefix: base, family, category, consent: false };
    if (declared.some((other) => covers(declaration, other) || covers(other, declaration))) {
      continue;
    }
    declared.push(declaration);
    if (family) name = `${name}*`;
    namesSeen.add(name.toLowerCase());

    const domain = thirdPartyDomain(entry.domain ?? '');
    const requiresConsent = category !== 'necessary';
    const platform = entry.platform?.trim() || entry.dataController?.trim() || 'Unknown';
    const cookie = {
      provider: entry.dataController?.trim() || platform,
      service: platform,
      category,
      purpose: entry.description?.trim() || `Set by ${platform}.`,
      value: { type: 'string' },
      maxAge: durationOf(entry.retentionPeriod, requiresConsent),
    };
    if (domain) {
      cookie.party = 'third';
      cookie.domain = domain;
    } else {
      let accessor = defaultAccessor(name);
      const usable =
        IDENTIFIER.test(accessor) &&
        !UNUSABLE_ACCESSORS.has(accessor) &&
        !accessorsSeen.has(accessor);
      if (!usable) {
        const stem = IDENTIFIER.test(accessor) ? accessor : `cookie${accessor}`;
        accessor = IDENTIFIER.test(stem) ? stem : 'cookie';
        for (let n = 2; accessorsSeen.has(accessor) || UNUSABLE_ACCESSORS.has(accessor); n++) {
          accessor = `${stem}${n}`;
        }
        cookie.accessor = accessor;
      }
      accessorsSeen.add(accessor);
    }
    cookies[name] = cookie;
  }
  if (Object.keys(cookies).length < count) {
    throw new Error(`the database yields ${Object.keys(cookies).length} cookies, not ${count}`);
  }
  return {
    $schema: '../../schemas/cookie-schema.json',
    policy: {
      name: `Open Cookie Database sample (${count} cookies)`,
      revision: 1,
      locales: ['en'],
      consentMaxAge: '6mo',
    },
    consentCookie,
    categories: {
      necessary: {
        required: true,
        title: 'Necessary',
        description: 'Needed for the site to work.',
      },
      preferences: { title: 'Preferences', description: 'Remember choices such as language.' },
      statistics: {
        title: 'Statistics',
        description: 'Measure how the site is used.',
        consentMode: ['analytics_storage'],
      },
      marketing: {
        title: 'Marketing',
        description: 'Advertising and campaign measurement.',
        consentMode: ['ad_storage', 'ad_user_data', 'ad_personalization'],
        gpcOptOut: true,
      },
    },
    defaults: { path: '/', sameSite: 'lax', secure: true },
    cookies: Object.fromEntries(
      Object.entries(cookies).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    ),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[2]);
  const outIndex = process.argv.indexOf('--out');
  const text = `${JSON.stringify(deriveOcdSchema(count), null, 2)}\n`;
  if (outIndex > 0) writeFileSync(process.argv[outIndex + 1], text);
  else process.stdout.write(text);
}
