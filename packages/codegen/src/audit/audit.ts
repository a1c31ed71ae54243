/**
 * The traffic audit behind `cookie-schema audit`: observed cookies in, findings out. Pure: the
 * observations, the schema and the Open Cookie Database are all given.
 */
import { matchCookieName, nearMissHint } from '../scan/match-name';
import { describeDuration } from '../schema/duration';
import type { NormalizedCookie, NormalizedSchema } from '../schema/types';
import { type ConsentState, consentState } from './consent';
import { explainAmbiguity, lookupCookie, type OcdIndex, suggestDeclaration } from './ocd';
import { defaultCookiePath, lifetimeSeconds } from './set-cookie';
import type { AuditCode, AuditFinding, AuditResult, CookieObservation } from './types';

/** How far `Expires` may run past the declared lifetime (clock skew, time to respond). */
export const EXPIRES_TOLERANCE_SECONDS = 60;

/** Options of {@link auditTraffic}. */
export interface AuditOptions {
  /**
   * The Open Cookie Database, indexed; `null` when it could not be loaded (one
   * `ocd-unavailable` warning, no suggestions); `undefined` to skip suggestions silently.
   */
  ocd?: OcdIndex | null;
  /** Why the database is unavailable, for the warning (e.g. the paths tried). */
  ocdUnavailableReason?: string;
  /**
   * Time (ms) for observations without one (a `Cookie` header, a Set-Cookie file): consent age
   * and `Expires` are measured from it. Default `Date.now()`.
   */
  now?: number;
  /**
   * The consent in force in an exchange, when it is known otherwise than from the traffic's
   * consent cookie: a crawl knows whether the visitor had chosen yet. Exchanges not in the map
   * are read from their consent cookie.
   */
  consent?: ReadonlyMap<number, ConsentState>;
}

/**
 * Compares observed cookies with the schema. Errors:
 * - `undeclared-cookie`: the schema does not declare the name (with a suggested declaration from
 *   the Open Cookie Database when it knows the name, and an `ambiguous-ocd-name` warning when
 *   the name is ambiguous there);
 * - for `Set-Cookie` observations of declared cookies: `missing-secure`, `missing-httponly`,
 *   `missing-partitioned`, `longer-lifetime` (Max-Age, or Expires beyond
 *   {@link EXPIRES_TOLERANCE_SECONDS}), `wrong-samesite`, `wrong-path`, `wrong-domain`
 *   (deletions — Max-Age ≤ 0 or Expires in the past — are not checked);
 * - `no-consent`: a cookie of a category that the consent cookie of the same exchange does not
 *   grant (see {@link consentState}).
 * Third-party observations (`party: "third"`) must match a `party: "third"` declaration (else
 * they are undeclared), and only their domain, lifetime and consent are checked: the other site
 * chooses their other attributes.
 * Findings with the same code and cookie are reported once, at the first occurrence, with a count.
 */
export function auditTraffic(
  schema: NormalizedSchema,
  observations: readonly CookieObservation[],
  options: AuditOptions = {},
): AuditResult {
  const now = options.now ?? Date.now();
  const findings = new Map<string, AuditFinding>();
  const report = (
    code: AuditCode,
    observation: CookieObservation,
    message: string,
    extra: Partial<AuditFinding> = {},
    severity: AuditFinding['severity'] = 'error',
  ) => {
    const key = `${code}\u0000${observation.name}`;
    const existing = findings.get(key);
    if (existing) {
      existing.occurrences++;
      return;
    }
    findings.set(key, {
      severity,
      code,
      cookie: observation.name,
      where: observation.where,
      ...(observation.source !== undefined ? { source: observation.source } : {}),
      occurrences: 1,
      message,
      ...extra,
    });
  };
  if (options.ocd === null) {
    findings.set('ocd-unavailable', {
      severity: 'warning',
      code: 'ocd-unavailable',
      where: 'audit',
      occurrences: 1,
      message: `the Open Cookie Database is not available${options.ocdUnavailableReason ? ` (${options.ocdUnavailableReason})` : ''}, so no declarations are suggested. Pass --ocd <file> or set COOKIE_SCHEMA_OCD.`,
    });
  }

  const consentByExchange = consentPerExchange(schema, observations, now);
  for (const o of observations) {
    const lifetime = o.attributes ? lifetimeSeconds(o.attributes, o.time ?? now) : undefined;
    // A deletion (Max-Age ≤ 0, Expires in the past) is what a purge looks like: nothing to check.
    if (o.kind === 'set' && lifetime !== undefined && lifetime <= 0) continue;
    const match = matchCookieName(schema, o.name);
    if (!match.declared || (o.party === 'third' && match.cookie.party !== 'third')) {
      undeclared(o, match, lifetime, options.ocd ?? undefined, schema, report);
      continue;
    }
    const cookie = match.cookie;
    if (o.kind === 'set' && o.attributes) {
      if (o.party === 'third') checkThirdParty(o, cookie, lifetime, report);
      else checkAttributes(o, cookie, lifetime, report);
    }
    const consent = options.consent?.get(o.exchange) ?? consentByExchange.get(o.exchange)![o.kind];
    if (!consent.granted.has(cookie.category)) {
      const verb = o.kind === 'set' ? 'set' : 'sent';
      const grants = [...consent.granted].join(', ');
      const optOut = schema.categories.some((c) => c.name === cookie.category && c.optOut);
      report(
        'no-consent',
        o,
        optOut
          ? `"${o.name}" (${cookie.category}, opt-out) was ${verb} after the visitor objected: the consent cookie grants only ${grants}. Stop writing it once "${cookie.category}" is revoked — the generated accessors check consent.`
          : `"${o.name}" (${cookie.category}) was ${verb} without consent: ${consent.reason ?? `the consent cookie grants only ${grants}`}. Write it only once "${cookie.category}" is granted — the generated accessors check consent.`,
      );
    }
  }
  const names = [...new Set(observations.map((o) => o.name))].sort();
  return { findings: [...findings.values()], cookies: names, observations: observations.length };
}

type Report = (
  code: AuditCode,
  observation: CookieObservation,
  message: string,
  extra?: Partial<AuditFinding>,
  severity?: AuditFinding['severity'],
) => void;

/**
 * The consent in force in each exchange: for cookies a request sends, the consent cookie sent
 * with them; for cookies a response sets, a consent cookie set by the same response (the
 * visitor just chose), else the one the request sent.
 */
function consentPerExchange(
  schema: NormalizedSchema,
  observations: readonly CookieObservation[],
  now: number,
): Map<number, { sent: ConsentState; set: ConsentState }> {
  const raw = new Map<number, { sent?: string; set?: string; time?: number }>();
  for (const o of observations) {
    const slot = raw.get(o.exchange) ?? {};
    if (o.time !== undefined) slot.time = o.time;
    if (o.name === schema.consentCookie) {
      if (o.kind === 'set') slot.set ??= o.value;
      else slot.sent ??= o.value;
    }
    raw.set(o.exchange, slot);
  }
  const states = new Map<number, { sent: ConsentState; set: ConsentState }>();
  for (const [exchange, slot] of raw) {
    const time = slot.time ?? now;
    const sent = consentState(schema, slot.sent, time);
    const set = slot.set === undefined ? sent : consentState(schema, slot.set, time);
    states.set(exchange, { sent, set });
  }
  return states;
}

function checkAttributes(
  o: CookieObservation,
  cookie: NormalizedCookie,
  lifetime: number | undefined,
  report: Report,
): void {
  const a = o.attributes!;
  const declared = `schema ${cookie.pointer}`;
  if (cookie.secure && !a.secure) {
    report(
      'missing-secure',
      o,
      `"${o.name}" was set without Secure, but is declared secure (${declared}). Add Secure where it is set.`,
    );
  }
  if (cookie.httpOnly && !a.httpOnly) {
    report(
      'missing-httponly',
      o,
      `"${o.name}" was set without HttpOnly, but is declared httpOnly (${declared}): page scripts can read it. Add HttpOnly where it is set.`,
    );
  }
  if (cookie.partitioned && !a.partitioned) {
    report(
      'missing-partitioned',
      o,
      `"${o.name}" was set without Partitioned, but is declared partitioned (${declared}).`,
    );
  }
  if (cookie.sameSite !== undefined && a.sameSite !== cookie.sameSite) {
    const seen = a.sameSite
      ? `SameSite=${capitalize(a.sameSite)}`
      : 'no SameSite attribute (each browser then applies its own default)';
    report(
      'wrong-samesite',
      o,
      `"${o.name}" was set with ${seen}, but is declared sameSite "${cookie.sameSite}". Set SameSite=${capitalize(cookie.sameSite)}, or change the declaration.`,
    );
  }
  const path =
    a.path ?? (o.requestPath !== undefined ? defaultCookiePath(o.requestPath) : undefined);
  if (path !== cookie.path) {
    const seen = a.path
      ? `Path=${a.path}`
      : path
        ? `no Path attribute (so the default path ${path})`
        : 'no Path attribute';
    report(
      'wrong-path',
      o,
      `"${o.name}" was set with ${seen}, but is declared with path "${cookie.path}". Set Path=${cookie.path}, or change the declaration.`,
    );
  }
  if ((a.domain ?? '') !== (cookie.domain?.replace(/^\./, '').toLowerCase() ?? '')) {
    const seen = a.domain ? `Domain=${a.domain}` : 'no Domain attribute (a host-only cookie)';
    const want = cookie.domain ? `domain "${cookie.domain}"` : 'no domain (host-only)';
    report(
      'wrong-domain',
      o,
      `"${o.name}" was set with ${seen}, but is declared with ${want}. Fix the Domain attribute, or the declaration.`,
    );
  }
  checkLifetime(o, cookie, lifetime, report);
}

/** A third-party cookie declared as one: its domain and lifetime. */
function checkThirdParty(
  o: CookieObservation,
  cookie: NormalizedCookie,
  lifetime: number | undefined,
  report: Report,
): void {
  const seen = o.attributes?.domain ?? o.host;
  const declared = cookie.domain?.replace(/^\./, '').toLowerCase();
  if (
    seen !== undefined &&
    declared !== undefined &&
    seen !== declared &&
    !seen.endsWith(`.${declared}`)
  ) {
    report(
      'wrong-domain',
      o,
      `third-party cookie "${o.name}" was set for ${seen}, but is declared for domain "${cookie.domain}" (schema ${cookie.pointer}). Declare the domain it is set for.`,
    );
  }
  checkLifetime(o, cookie, lifetime, report);
}

function checkLifetime(
  o: CookieObservation,
  cookie: NormalizedCookie,
  lifetime: number | undefined,
  report: Report,
): void {
  const a = o.attributes!;
  const limit = cookie.maxAge;
  const tolerance = a.maxAge === undefined ? EXPIRES_TOLERANCE_SECONDS : 0;
  if (lifetime !== undefined && (limit === undefined || lifetime > limit + tolerance)) {
    const via =
      a.maxAge !== undefined
        ? `Max-Age=${a.maxAge}`
        : `Expires=${new Date(a.expires!).toUTCString()}`;
    report(
      'longer-lifetime',
      o,
      `"${o.name}" was set to live ${describeDuration(lifetime)} (${via}), longer than its declared maxAge (${limit === undefined ? 'session' : describeDuration(limit)}). Shorten it where it is set, or declare the real lifetime.`,
    );
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function undeclared(
  o: CookieObservation,
  match: ReturnType<typeof matchCookieName>,
  lifetime: number | undefined,
  ocd: OcdIndex | undefined,
  schema: NormalizedSchema,
  report: Report,
): void {
  const verb = o.kind === 'set' ? 'set' : 'sent';
  const thirdParty = o.party === 'third';
  const site = o.attributes?.domain ?? o.host;
  const by = thirdParty ? ` by a third party${site ? ` (${site})` : ''}` : '';
  const base = match.declared
    ? `"${o.name}" was ${verb}${by}, but the schema declares "${match.cookie.name}" only as a first-party cookie (schema ${match.cookie.pointer}).`
    : `"${o.name}" was ${verb}${by}, but the schema does not declare it.${nearMissHint(match)}`;
  const stop = thirdParty ? 'or stop loading what sets it' : 'or stop setting it';
  if (!ocd) {
    const how = thirdParty ? `Declare it with "party": "third" and its domain` : 'Declare it';
    report('undeclared-cookie', o, `${base} ${how}, ${stop}.`);
    return;
  }
  const matches = lookupCookie(ocd, o.name);
  const best = matches[0];
  if (!best) {
    report(
      'undeclared-cookie',
      o,
      `${base} The Open Cookie Database does not know it: declare it with its provider and purpose${thirdParty ? ' ("party": "third" and its domain)' : ''}, ${stop}.`,
    );
    return;
  }
  const suggestion = suggestDeclaration(
    best,
    {
      name: o.name,
      ...(o.attributes ? { attributes: o.attributes, lifetime } : {}),
      ...(thirdParty && site !== undefined ? { thirdPartyDomain: site } : {}),
    },
    schema,
  );
  report(
    'undeclared-cookie',
    o,
    `${base} The Open Cookie Database lists it for ${best.platform} (${best.category}, ${best.retentionPeriod || 'retention unknown'}); declare it (suggestion below), ${stop}.`,
    { suggestion },
  );
  const ambiguity = explainAmbiguity(matches, {
    ...(o.host !== undefined ? { host: o.host } : {}),
    ...(o.attributes?.domain !== undefined ? { domain: o.attributes.domain } : {}),
  });
  if (ambiguity) {
    report(
      'ambiguous-ocd-name',
      o,
      `"${o.name}" is ambiguous in the Open Cookie Database: ${ambiguity}. Check who sets it before using the suggested declaration.`,
      {},
      'warning',
    );
  }
}
