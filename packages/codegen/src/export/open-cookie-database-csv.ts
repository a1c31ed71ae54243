/**
 * The declaration as CSV in the Open Cookie Database's columns
 * (https://github.com/jkwakman/Open-Cookie-Database), so tools that import that database — and
 * people who keep cookie inventories in spreadsheets — can read it. Pure: schema in, string out.
 *
 * Column mapping:
 * - `ID`: a UUID v5 derived from the policy name and the cookie name, stable across revisions.
 * - `Platform`: the cookie's service ("Service and location"), in the chosen locale.
 * - `Category`: the database's vocabulary — the required category → `Functional` (the label the
 *   database gives strictly necessary cookies such as `sessionid` or `csrftoken`); other
 *   categories by their Consent Mode signals (`ad_*` → `Marketing`, `analytics_storage` →
 *   `Analytics`, `functionality_storage`/`personalization_storage` → `Personalization`,
 *   `security_storage` → `Security`), else by their key or title (marketing/ads, statistics/
 *   analytics, preferences/functional), else `Marketing`, the most restrictive.
 * - `Cookie / Data Key name`: the name; a family is written as its prefix with `Wildcard match` 1,
 *   as the database does (`_ga_`).
 * - `Domain`: the declared domain; a third-party cookie's as `doubleclick.net (3rd party)`.
 * - `Description`: the purpose; `Retention period`: the duration in words; `Data Controller`: the
 *   provider; `User Privacy & GDPR Rights Portals`: empty (the schema does not record vendors'
 *   portals).
 *
 * Quoting follows RFC 4180: a field containing `,`, `"`, CR or LF is wrapped in double quotes
 * with inner quotes doubled. Lines end with LF, like the database's own file.
 */
import { createHash } from 'node:crypto';
import { durationText } from '../policy/duration-text';
import type { NormalizedCategory, NormalizedSchema } from '../schema/types';

/** The header of open-cookie-database.csv, column for column. */
export const OPEN_COOKIE_DATABASE_COLUMNS = [
  'ID',
  'Platform',
  'Category',
  'Cookie / Data Key name',
  'Domain',
  'Description',
  'Retention period',
  'Data Controller',
  'User Privacy & GDPR Rights Portals',
  'Wildcard match',
] as const;

/** Options of the exporters. */
export interface ExportOptions {
  /** One of the schema's locales for the texts; default: its first. */
  locale?: string;
}

/**
 * Renders every declared cookie (declaration order) as one CSV row under the Open Cookie
 * Database's header. Ends with a newline.
 */
export function exportOpenCookieDatabaseCsv(
  schema: NormalizedSchema,
  options: ExportOptions = {},
): string {
  const locale = options.locale ?? schema.policy.defaultLocale;
  const categories = new Map(schema.categories.map((c) => [c.name, c]));
  const rows: string[][] = [[...OPEN_COOKIE_DATABASE_COLUMNS]];
  for (const cookie of schema.cookies) {
    const category = categories.get(cookie.category);
    rows.push([
      uuidV5(`cookie-schema:${schema.policy.name}:${cookie.name}`),
      cookie.service[locale] ?? '',
      category ? openCookieDatabaseCategory(category) : 'Marketing',
      cookie.family ? cookie.prefix : cookie.name,
      cookie.party === 'third' && cookie.domain
        ? `${cookie.domain} (3rd party)`
        : (cookie.domain ?? ''),
      cookie.purpose[locale] ?? '',
      durationText(cookie.maxAge, locale),
      cookie.provider,
      '',
      cookie.family ? '1' : '0',
    ]);
  }
  return `${rows.map((row) => row.map(csvField).join(',')).join('\n')}\n`;
}

/** Quotes one CSV field when it must be (RFC 4180 §2.6–2.7). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Maps a category to the Open Cookie Database's vocabulary (see the module comment). */
export function openCookieDatabaseCategory(category: NormalizedCategory): string {
  if (category.required) return 'Functional';
  const modes = category.consentMode;
  if (modes.some((m) => m.startsWith('ad_'))) return 'Marketing';
  if (modes.includes('analytics_storage')) return 'Analytics';
  if (modes.includes('personalization_storage') || modes.includes('functionality_storage')) {
    return 'Personalization';
  }
  if (modes.includes('security_storage')) return 'Security';
  const words = `${category.name} ${Object.values(category.title).join(' ')}`.toLowerCase();
  if (/market|advert|\bads?\b|target|retarget|social/.test(words)) return 'Marketing';
  if (/stat|analy|measure|audience|perform/.test(words)) return 'Analytics';
  if (/pref|personal|function/.test(words)) return 'Personalization';
  if (/secur/.test(words)) return 'Security';
  return 'Marketing';
}

/** The RFC 4122 URL namespace: names are hashed under it. */
const NAMESPACE = Buffer.from('6ba7b8119dad11d180b400c04fd430c8', 'hex');

/** A name-based UUID (version 5, SHA-1; RFC 4122 §4.3): the same name gives the same ID. */
function uuidV5(name: string): string {
  const bytes = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
