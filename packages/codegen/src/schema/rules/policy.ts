/** Rules of the document as a whole and of `policy`: duplicate keys, locales, consent lifetime. */
import { CONSENT_COOKIE_WARNING_SECONDS, describeDuration, parseDuration } from '../duration';
import type { LocatedJson } from '../locate';
import type { CookieSchemaInput, DurationInput, LocalizedTextInput } from '../model';
import { suggestion } from '../names';
import type { Localized, NormalizedPolicy } from '../types';
import type { Path, Reporter } from './reporter';

/** BCP 47 language tags as used in practice: `en`, `fr`, `pt-BR`, `zh-Hant`. */
const LOCALE = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

const DEFAULT_CONSENT_MAX_AGE = 6 * 2_592_000;

/** JSON keeps the last of two equal keys: each repeat is an error at the repeat (not the first). */
export function checkDuplicateKeys(json: LocatedJson, r: Reporter): void {
  for (const duplicate of json.duplicateKeys) {
    const [section] = duplicate.path;
    const what = section === 'cookies' && duplicate.path.length === 2 ? 'cookie name' : 'key';
    r.error(
      'duplicate-name',
      duplicate.path,
      `duplicate ${what} "${String(duplicate.path.at(-1))}" (first declared at line ${duplicate.firstPosition.line}). JSON keeps only the last one; remove or rename one of them.`,
      duplicate.position,
    );
  }
}

/**
 * Texts a visitor reads in their language on the policy page: in a schema of several locales, a
 * plain string for one of them is a warning (a name, such as a provider's, is not translated).
 */
const TRANSLATED_KEYS = new Set(['purpose', 'description', 'service']);

/** Turns localized text into text in every declared locale, reporting what is missing. */
export type Localize = (text: LocalizedTextInput | undefined, path: Path) => Localized;

/** Checks `policy.locales` (language tags, no repeats) and returns the localizer of the schema. */
export function checkLocales(locales: readonly string[], r: Reporter): Localize {
  const seen = new Set<string>();
  locales.forEach((locale, i) => {
    if (!LOCALE.test(locale)) {
      r.error(
        'bad-locale',
        ['policy', 'locales', i],
        `"${locale}" is not a language tag such as "en", "fr" or "pt-BR".`,
      );
    }
    if (seen.has(locale))
      r.error('duplicate-locale', ['policy', 'locales', i], `locale "${locale}" is listed twice.`);
    seen.add(locale);
  });

  return (text, path) => {
    const out: Record<string, string> = {};
    if (text === undefined) return out;
    if (typeof text === 'string') {
      for (const locale of locales) out[locale] = text;
      if (locales.length > 1 && TRANSLATED_KEYS.has(String(path.at(-1)))) {
        const shown = text.length > 40 ? `${text.slice(0, 37)}…` : text;
        const [first, ...others] = locales;
        r.warn(
          'untranslated-text',
          path,
          `${JSON.stringify(shown)} is one text for every locale: the ${others.map((l) => `"${l}"`).join(', ')} policy page${others.length > 1 ? 's show' : ' shows'} it as it is. Give one entry per declared locale, e.g. { "${first}": "…", "${others[0]}": "…" } (repeat the text where it is the same).`,
        );
      }
      return out;
    }
    for (const locale of locales) {
      const value = text[locale];
      if (value === undefined) {
        r.error(
          'missing-translation',
          path,
          `missing the "${locale}" translation (the policy declares locales ${locales.map((l) => `"${l}"`).join(', ')}). Add "${locale}": "…"${TRANSLATED_KEYS.has(String(path.at(-1))) ? '' : ' or use a plain string for text that is the same in every locale'}.`,
        );
      } else out[locale] = value;
    }
    for (const key of Object.keys(text)) {
      if (!seen.has(key)) {
        r.error(
          'unknown-locale',
          [...path, key],
          `"${key}" is not a declared locale.${suggestion(key, locales)} Declare it in /policy/locales or remove it.`,
          true,
        );
      }
    }
    return out;
  };
}

/** A duration in seconds, or `undefined` for none (the shape was checked by zod). */
export function durationSeconds(value: DurationInput | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = parseDuration(value);
  return seconds === null ? undefined : seconds;
}

/** `policy.consentMaxAge` in seconds: a fixed time, 13 months at most without a warning. */
export function checkConsentMaxAge(input: CookieSchemaInput['policy'], r: Reporter): number {
  const consentMaxAge = durationSeconds(input.consentMaxAge) ?? DEFAULT_CONSENT_MAX_AGE;
  if (input.consentMaxAge === 'session') {
    r.error(
      'bad-duration',
      ['policy', 'consentMaxAge'],
      'a consent choice must be remembered for a fixed time, not "session". Use e.g. "6mo".',
    );
  } else if (consentMaxAge > CONSENT_COOKIE_WARNING_SECONDS) {
    r.warn(
      'consent-max-age-long',
      ['policy', 'consentMaxAge'],
      `a consent choice kept for ${describeDuration(consentMaxAge)} exceeds the 13 months regulators accept (CNIL recommends 6 months). Use "6mo" to "13mo".`,
    );
  }
  return consentMaxAge;
}

/** The normalized `policy`; localizing the introduction and sections reports missing text. */
export function normalizePolicy(
  input: CookieSchemaInput['policy'],
  consentMaxAge: number,
  localize: Localize,
): NormalizedPolicy {
  return {
    name: input.name,
    revision: input.revision,
    locales: [...input.locales],
    defaultLocale: input.locales[0] ?? 'en',
    consentMaxAge,
    ...(input.url !== undefined ? { url: input.url } : {}),
    ...(input.contact !== undefined ? { contact: input.contact } : {}),
    ...(input.introduction !== undefined
      ? { introduction: localize(input.introduction, ['policy', 'introduction']) }
      : {}),
    ...(input.sections !== undefined
      ? {
          sections: input.sections.map((section, i) => ({
            title: localize(section.title, ['policy', 'sections', i, 'title']),
            body: localize(section.body, ['policy', 'sections', i, 'body']),
          })),
        }
      : {}),
  };
}
