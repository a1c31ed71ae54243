/**
 * Rules across declarations, checked once every cookie is: accessor names are unique on the
 * server jar, no family covers another declared name, and the consent cookie can hold the
 * visitor's choice.
 */
import { suggestion } from '../names';
import type { NormalizedCookie } from '../types';
import type { Path, Reporter } from './reporter';

/** First-party cookies share one namespace on the server jar. */
export function checkAccessorCollisions(cookies: readonly NormalizedCookie[], r: Reporter): void {
  const byAccessor = new Map<string, NormalizedCookie>();
  for (const cookie of cookies) {
    if (!cookie.accessor) continue;
    const other = byAccessor.get(cookie.accessor);
    if (other) {
      r.error(
        'accessor-collision',
        ['cookies', cookie.name],
        `"${cookie.name}" and "${other.name}" both get the accessor "${cookie.accessor}". Set "accessor" on one of them to a different name.`,
        true,
      );
    } else byAccessor.set(cookie.accessor, cookie);
  }
}

/**
 * Whether the family `family` covers `other` in a way a purge would feel: the consent cookie,
 * or a name (or a family's members) of another category. A name of the same category
 * (`_gig_email` beside `_gig_*`, `_ga_long_*` beside `_ga_*`) is only declared more precisely:
 * revoking the category deletes it either way.
 */
function covers(family: NormalizedCookie, other: NormalizedCookie, consentCookie: string): boolean {
  return (
    other !== family &&
    other.prefix.startsWith(family.prefix) &&
    (other.family || other.prefix.length > family.prefix.length) &&
    (other.name === consentCookie || other.category !== family.category)
  );
}

/**
 * A family must not cover another declared name, nor the consent cookie (SPEC §3): revoking its
 * category deletes every cookie it covers, so `_ga_*` in statistics would delete `_ga_keep` of
 * necessary, and `cs_*` beside `cs_consent` the visitor's refusal itself.
 */
export function checkFamilyCoverage(
  cookies: readonly NormalizedCookie[],
  consentCookie: string,
  r: Reporter,
): void {
  for (const family of cookies) {
    if (!family.family) continue;
    for (const other of cookies) {
      if (!covers(family, other, consentCookie)) continue;
      const what =
        other.name === consentCookie
          ? `"${other.name}", the consent cookie: revoking "${family.category}" would delete the visitor's choice, and the banner would ask again`
          : `"${other.name}"${other.family ? ' (a family)' : ''}, declared in "${other.category}": revoking "${family.category}" would delete it with the family's members`;
      r.error(
        'family-covers-name',
        ['cookies', family.name],
        `the family "${family.name}" covers ${what}. Give the family a prefix that "${other.name}" does not start with, or rename "${other.name}".`,
        true,
      );
    }
  }
}

/** The consent cookie is declared, first-party, in the required category and readable by a banner. */
export function checkConsentCookie(
  name: string,
  cookies: readonly NormalizedCookie[],
  requiredCategory: string,
  r: Reporter,
): void {
  const consent = cookies.find((c) => c.name === name);
  if (!consent) {
    r.error(
      'consent-cookie-missing',
      ['consentCookie'],
      `the consent cookie "${name}" is not declared in "cookies".${suggestion(
        name,
        cookies.map((c) => c.name),
      )} Declare it in the required category with "value": { "type": "consent" }.`,
    );
    return;
  }
  const p: Path = ['cookies', consent.name];
  if (requiredCategory && consent.category !== requiredCategory) {
    r.error(
      'consent-cookie-category',
      [...p, 'category'],
      `the consent cookie must be in the required category "${requiredCategory}" (it is needed to remember a refusal), not "${consent.category}".`,
    );
  }
  // An encrypted consent cookie is reported once, as such: encryption implies HttpOnly and the
  // server scope.
  if (consent.httpOnly && !consent.encrypted)
    r.error(
      'consent-cookie-httponly',
      [...p, 'httpOnly'],
      'the consent cookie must be readable by the consent banner in the browser. Remove "httpOnly".',
    );
  if (consent.signed)
    r.error(
      'consent-cookie-signed',
      [...p, 'signed'],
      'the consent cookie must be readable by the consent banner in the browser. Remove "signed".',
    );
  if (consent.encrypted)
    r.error(
      'consent-cookie-encrypted',
      [...p, 'encrypted'],
      'the consent cookie must be readable by the consent banner in the browser. Remove "encrypted".',
    );
  if (consent.scope === 'server' && !consent.encrypted)
    r.error(
      'consent-cookie-scope',
      [...p, 'scope'],
      'the consent cookie must be readable by the consent banner in the browser. Use "scope": "both".',
    );
  if (consent.family)
    r.error('consent-cookie-family', p, 'the consent cookie cannot be a family ("*").', true);
  if (consent.party === 'third')
    r.error('consent-cookie-party', [...p, 'party'], 'the consent cookie must be first-party.');
}
