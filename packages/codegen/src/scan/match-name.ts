/**
 * Matching an observed or written cookie name against the schema's declarations. Shared by the
 * scan and the audit: names match case-sensitively (RFC 6265 §5.3: cookie names are compared as
 * octets), a family declaration (`_ga_*`) matches every name that starts with its prefix and has
 * a non-empty suffix, and a case-insensitive match is reported as a near miss.
 */
import type { NormalizedCookie, NormalizedSchema } from '../schema/types';

/** The result of {@link matchCookieName}. */
export type CookieNameMatch =
  | { declared: true; cookie: NormalizedCookie }
  | { declared: false; nearMiss?: NormalizedCookie };

/**
 * Finds the declaration of `name`: an exact declaration first, else the family with the longest
 * matching prefix. When nothing matches, `nearMiss` is a declaration that matches when case is
 * ignored (`SessionID` vs `sessionid`), to mention in the message.
 */
export function matchCookieName(
  schema: Pick<NormalizedSchema, 'cookies'>,
  name: string,
): CookieNameMatch {
  let family: NormalizedCookie | undefined;
  for (const cookie of schema.cookies) {
    if (!cookie.family) {
      if (cookie.name === name) return { declared: true, cookie };
    } else if (
      name.length > cookie.prefix.length &&
      name.startsWith(cookie.prefix) &&
      (!family || cookie.prefix.length > family.prefix.length)
    ) {
      family = cookie;
    }
  }
  if (family) return { declared: true, cookie: family };
  const lower = name.toLowerCase();
  const nearMiss = schema.cookies.find((c) =>
    c.family
      ? lower.length > c.prefix.length && lower.startsWith(c.prefix.toLowerCase())
      : c.name.toLowerCase() === lower,
  );
  return nearMiss ? { declared: false, nearMiss } : { declared: false };
}

/** ` Did you mean "X"? Cookie names are case-sensitive.` for a near miss, else `''`. */
export function nearMissHint(match: CookieNameMatch): string {
  if (match.declared || !match.nearMiss) return '';
  return ` Did you mean "${match.nearMiss.name}"? Cookie names are case-sensitive.`;
}
