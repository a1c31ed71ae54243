/**
 * What changed for users between two versions of a schema, and whether the change needs fresh
 * consent (a `policy.revision` bump, which voids every stored choice so visitors are asked again).
 *
 * Consent rules — a change needs fresh consent when the choices visitors already made no longer
 * cover what the site does:
 * - a cookie added to a category that needs consent (stored grants never covered it);
 * - a cookie moved into a category that needs consent, or whose category stopped being the
 *   required one (visitors granted the old category, not this cookie's new one);
 * - the purpose of a consent-requiring cookie changed in the (new) default locale (consent is
 *   given for specific purposes, GDPR art. 4(11)); edits to other locales only, and edits to the
 *   `service` text, do not count;
 * - a consent-requiring cookie lives longer (session → persistent counts);
 * - a consent-requiring cookie changes provider (a different company receives the data);
 * - a new third party, in any category: a third-party cookie added, a cookie turned
 *   third-party, or a third-party cookie's domain changed;
 * - `consentMaxAge` got longer (stored choices would be kept beyond what visitors were told).
 *
 * Informational only: cookies removed or shortened, changes to required cookies (other than a new
 * third party), technical attributes (secure, httpOnly, sameSite, path, partitioned, priority,
 * a
 * first-party domain), categories added or removed (their cookies are judged one by one), a
 * category turned opt-in ↔ opt-out (stored choices keep their meaning: a category a record grants
 * stays granted, one it leaves out stays denied), title and description edits, locales added or
 * removed. Opt-out categories count as needing consent in the rules above: a cookie added to one
 * is new to the visitors who were told what it holds.
 *
 * Cookies are matched by exact name; a rename is a removal plus an addition.
 */

import { describeDuration } from '../schema/duration';
import type { Localized, NormalizedCookie, NormalizedSchema } from '../schema/types';

/** The attributes compared by `cookie-attribute` changes. */
export type DiffAttribute =
  | 'domain'
  | 'path'
  | 'secure'
  | 'httpOnly'
  | 'sameSite'
  | 'partitioned'
  | 'priority'
  | 'party'
  | 'provider';

/** One change, with whether it needs fresh consent and why. */
export type SchemaChange = (
  | { kind: 'cookie-added'; cookie: string; category: string; party: 'first' | 'third' }
  | { kind: 'cookie-removed'; cookie: string; category: string }
  | { kind: 'cookie-recategorized'; cookie: string; from: string; to: string }
  | {
      kind: 'cookie-repurposed';
      cookie: string;
      /** Locales whose purpose text changed. */
      locales: string[];
      from: string;
      to: string;
    }
  | {
      kind: 'cookie-lengthened' | 'cookie-shortened';
      cookie: string;
      /** Seconds; `null` for a session cookie. */
      from: number | null;
      to: number | null;
    }
  | {
      kind: 'cookie-attribute';
      cookie: string;
      attribute: DiffAttribute;
      /** `null` when the attribute is absent. */
      from: string | boolean | null;
      to: string | boolean | null;
    }
  | { kind: 'category-added' | 'category-removed'; category: string; required: boolean }
  | { kind: 'category-required-changed'; category: string; from: boolean; to: boolean }
  | {
      kind: 'category-consent-changed';
      category: string;
      from: 'opt-in' | 'opt-out';
      to: 'opt-in' | 'opt-out';
    }
  | { kind: 'consent-max-age'; from: number; to: number }
  | { kind: 'consent-cookie'; from: string; to: string }
  | { kind: 'locales'; from: string[]; to: string[] }
) & {
  /** Whether this change alone needs fresh consent. */
  needsConsent: boolean;
  /** One line for people: what changed and, when it needs consent, why. */
  message: string;
};

/** The result of {@link diffSchemas}. */
export interface SchemaDiff {
  changes: SchemaChange[];
  /** Some change needs fresh consent. */
  consentNeeded: boolean;
  revision: { from: number; to: number; bumped: boolean };
  /**
   * The verdict CI acts on: `false` when fresh consent is needed but `revision` did not grow, or
   * when `revision` went down. `suggestedRevision` is then the value to set.
   */
  ok: boolean;
  suggestedRevision?: number;
}

/**
 * Compares two normalized schemas. Changes come in a stable order: categories added/removed, then
 * per cookie (old declaration order, then new cookies in their order), then policy-level changes.
 */
export function diffSchemas(before: NormalizedSchema, after: NormalizedSchema): SchemaDiff {
  const changes: SchemaChange[] = [];
  const requiredBefore = requiredByName(before);
  const requiredAfter = requiredByName(after);
  const locale = after.policy.defaultLocale;
  const title = (s: NormalizedSchema, category: string) =>
    s.categories.find((c) => c.name === category)?.title[s.policy.defaultLocale] ?? category;

  for (const c of after.categories) {
    if (!requiredBefore.has(c.name)) {
      changes.push({
        kind: 'category-added',
        category: c.name,
        required: c.required,
        needsConsent: false,
        message: `category ${c.name} added (“${title(after, c.name)}”${c.required ? ', required' : ''})`,
      });
    } else if (requiredBefore.get(c.name) !== c.required) {
      changes.push({
        kind: 'category-required-changed',
        category: c.name,
        from: requiredBefore.get(c.name)!,
        to: c.required,
        needsConsent: false,
        message: c.required
          ? `category ${c.name} is now the required category: its cookies are set without consent`
          : `category ${c.name} is no longer required: its cookies now need consent`,
      });
    }
  }
  for (const c of after.categories) {
    const old = before.categories.find((b) => b.name === c.name);
    if (old && !old.required && !c.required && old.optOut !== c.optOut) {
      const mode = (optOut: boolean) => (optOut ? 'opt-out' : 'opt-in');
      changes.push({
        kind: 'category-consent-changed',
        category: c.name,
        from: mode(old.optOut),
        to: mode(c.optOut),
        needsConsent: false,
        message: c.optOut
          ? `category ${c.name} is now opt-out: its cookies are set without asking, until the visitor objects`
          : `category ${c.name} is now opt-in: its cookies are set only once granted`,
      });
    }
  }
  for (const c of before.categories) {
    if (!requiredAfter.has(c.name)) {
      changes.push({
        kind: 'category-removed',
        category: c.name,
        required: c.required,
        needsConsent: false,
        message: `category ${c.name} removed`,
      });
    }
  }

  const afterCookies = new Map(after.cookies.map((c) => [c.name, c]));
  const beforeCookies = new Map(before.cookies.map((c) => [c.name, c]));
  for (const old of before.cookies) {
    const now = afterCookies.get(old.name);
    if (!now) {
      changes.push({
        kind: 'cookie-removed',
        cookie: old.name,
        category: old.category,
        needsConsent: false,
        message: `${old.name} removed (was in ${old.category})`,
      });
      continue;
    }
    const consentAfter = !requiredAfter.get(now.category);
    const consentBefore = !requiredBefore.get(old.category);
    if (old.category !== now.category) {
      changes.push({
        kind: 'cookie-recategorized',
        cookie: now.name,
        from: old.category,
        to: now.category,
        needsConsent: consentAfter,
        message: `${now.name} moved from ${old.category} to ${now.category}${
          consentAfter
            ? ` — needs consent: visitors never granted ${now.category} for this cookie`
            : ' (now set without consent)'
        }`,
      });
    } else if (consentAfter && !consentBefore) {
      // Same category name, but it stopped being the required one: covered by the
      // category-required-changed entry; judged here per cookie.
      changes.push({
        kind: 'cookie-recategorized',
        cookie: now.name,
        from: old.category,
        to: now.category,
        needsConsent: true,
        message: `${now.name}: its category ${now.category} is no longer required — needs consent: no stored choice covers it`,
      });
    }
    const changedLocales = changedTexts(old.purpose, now.purpose);
    if (changedLocales.length) {
      // Judged in the new default locale: the text visitors consented to, in the main language.
      const mainChanged = changedLocales.includes(locale);
      const needs = consentAfter && mainChanged;
      const from = old.purpose[locale] ?? '';
      const to = now.purpose[locale] ?? '';
      changes.push({
        kind: 'cookie-repurposed',
        cookie: now.name,
        locales: changedLocales,
        from,
        to,
        needsConsent: needs,
        message: mainChanged
          ? `${now.name} purpose changed: “${from}” → “${to}”${
              needs ? ' — needs consent: consent is given for a purpose' : ''
            }`
          : `${now.name} purpose translation changed (${changedLocales.join(', ')})`,
      });
    }
    if (old.maxAge !== now.maxAge) {
      const longer = lifetime(now.maxAge) > lifetime(old.maxAge);
      const needs = longer && consentAfter;
      changes.push({
        kind: longer ? 'cookie-lengthened' : 'cookie-shortened',
        cookie: now.name,
        from: old.maxAge ?? null,
        to: now.maxAge ?? null,
        needsConsent: needs,
        message: `${now.name} ${longer ? 'lengthened' : 'shortened'}: ${describeDuration(old.maxAge)} → ${describeDuration(now.maxAge)}${
          needs ? ' — needs consent: the cookie is kept longer than visitors agreed to' : ''
        }`,
      });
    }
    for (const attribute of ATTRIBUTES) {
      const from = attributeValue(old, attribute);
      const to = attributeValue(now, attribute);
      if (from === to) continue;
      const reason = attributeConsentReason(attribute, old, now, consentAfter);
      changes.push({
        kind: 'cookie-attribute',
        cookie: now.name,
        attribute,
        from,
        to,
        needsConsent: reason !== null,
        message: `${now.name} ${attribute}: ${show(from)} → ${show(to)}${reason ? ` — needs consent: ${reason}` : ''}`,
      });
    }
  }
  for (const now of after.cookies) {
    if (beforeCookies.has(now.name)) continue;
    const consent = !requiredAfter.get(now.category);
    const third = now.party === 'third';
    const reasons = [
      ...(consent ? [`${now.category} needs consent and no stored choice covers this cookie`] : []),
      ...(third ? [`a new third party (${now.domain ?? now.provider})`] : []),
    ];
    changes.push({
      kind: 'cookie-added',
      cookie: now.name,
      category: now.category,
      party: now.party,
      needsConsent: reasons.length > 0,
      message: `${now.name} added to ${now.category} (${now.provider}${third ? `, third party on ${now.domain}` : ''}, ${describeDuration(now.maxAge)})${
        reasons.length ? ` — needs consent: ${reasons.join('; ')}` : ''
      }`,
    });
  }

  const maxAgeFrom = before.policy.consentMaxAge;
  const maxAgeTo = after.policy.consentMaxAge;
  if (maxAgeFrom !== maxAgeTo) {
    const longer = maxAgeTo > maxAgeFrom;
    changes.push({
      kind: 'consent-max-age',
      from: maxAgeFrom,
      to: maxAgeTo,
      needsConsent: longer,
      message: `consentMaxAge ${describeDuration(maxAgeFrom)} → ${describeDuration(maxAgeTo)}${
        longer
          ? ' — needs consent: stored choices would be kept longer than visitors were told'
          : ''
      }`,
    });
  }
  if (before.consentCookie !== after.consentCookie) {
    changes.push({
      kind: 'consent-cookie',
      from: before.consentCookie,
      to: after.consentCookie,
      needsConsent: false,
      message: `consent cookie renamed ${before.consentCookie} → ${after.consentCookie} (every visitor is asked again, as no choice is found under the new name)`,
    });
  }
  if (before.policy.locales.join() !== after.policy.locales.join()) {
    changes.push({
      kind: 'locales',
      from: [...before.policy.locales],
      to: [...after.policy.locales],
      needsConsent: false,
      message: `locales ${before.policy.locales.join(', ')} → ${after.policy.locales.join(', ')}`,
    });
  }

  const consentNeeded = changes.some((c) => c.needsConsent);
  const from = before.policy.revision;
  const to = after.policy.revision;
  const bumped = to > from;
  const ok = to >= from && (!consentNeeded || bumped);
  return {
    changes,
    consentNeeded,
    revision: { from, to, bumped },
    ok,
    ...(ok ? {} : { suggestedRevision: from + 1 }),
  };
}

const ATTRIBUTES: readonly DiffAttribute[] = [
  'provider',
  'party',
  'domain',
  'path',
  'secure',
  'httpOnly',
  'sameSite',
  'partitioned',
  'priority',
];

function attributeValue(
  cookie: NormalizedCookie,
  attribute: DiffAttribute,
): string | boolean | null {
  return cookie[attribute] ?? null;
}

/** Why an attribute change needs consent, or `null` when it does not. */
function attributeConsentReason(
  attribute: DiffAttribute,
  old: NormalizedCookie,
  now: NormalizedCookie,
  consentAfter: boolean,
): string | null {
  if (attribute === 'party' && now.party === 'third') return 'a new third party';
  if (attribute === 'domain' && now.party === 'third' && old.party === 'third') {
    return 'a different third party sets the cookie';
  }
  if (attribute === 'provider' && (consentAfter || now.party === 'third')) {
    return 'a different company receives the data';
  }
  return null;
}

function requiredByName(schema: NormalizedSchema): Map<string, boolean> {
  return new Map(schema.categories.map((c) => [c.name, c.required]));
}

function changedTexts(a: Localized, b: Localized): string[] {
  const locales = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return locales.filter((l) => a[l] !== undefined && b[l] !== undefined && a[l] !== b[l]);
}

/** A session cookie counts as the shortest lifetime. */
function lifetime(maxAge: number | undefined): number {
  return maxAge ?? -1;
}

function show(value: string | boolean | null): string {
  return value === null ? '(none)' : String(value);
}
