/**
 * Rules across declarations, checked once every cookie is: accessor names are unique on the
 * server jar, and the consent cookie can hold the visitor's choice.
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
