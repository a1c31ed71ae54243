/** Types of the traffic audit (`cookie-schema audit`): observed cookies and findings. */
import type { Severity } from '../schema/diagnostics';

/** Attributes of a `Set-Cookie` header as a browser would read them (RFC 6265bis §5.6). */
export interface SetCookieAttributes {
  /** Lower case, without a leading dot; absent for a host-only cookie. */
  domain?: string;
  /** Absent when the header has none (or one that does not start with `/`). */
  path?: string;
  secure: boolean;
  httpOnly: boolean;
  /** Lower case; absent when not given or unrecognized. */
  sameSite?: 'strict' | 'lax' | 'none';
  partitioned: boolean;
  /** Seconds, as given (may be 0 or negative: a deletion). */
  maxAge?: number;
  /** Milliseconds since the epoch; `NaN` never appears (unparsable dates are dropped). */
  expires?: number;
}

/** One cookie seen in traffic. */
export interface CookieObservation {
  /** `sent`: in a request's `Cookie` header; `set`: by a response's `Set-Cookie` header. */
  kind: 'sent' | 'set';
  name: string;
  /** The value as it appeared (not percent-decoded). */
  value: string;
  /** For `set` observations. */
  attributes?: SetCookieAttributes;
  /**
   * The request/response exchange it belongs to (a HAR entry; 0 for a single header or file).
   * Consent is evaluated per exchange.
   */
  exchange: number;
  /** Where it was seen, for messages: `app.har entry 3 (GET /api)`, `cookies.txt:4`… */
  where: string;
  /** When the response was received, in ms since the epoch (for `Expires`). */
  time?: number;
  /** Host of the request URL, when known. */
  host?: string;
  /** Path of the request URL, when known (for the default `Path`). */
  requestPath?: string;
  /**
   * What wrote it, when known, for messages: `Set-Cookie in the response to GET /login`,
   * `document.cookie in /js/legacy.js:1:97` (a crawl knows; traffic does not say).
   */
  source?: string;
  /**
   * `third` for a cookie of another site than the one audited (a crawl tells them apart by the
   * cookie's domain). Absent: first-party, or unknown.
   */
  party?: 'first' | 'third';
}

/** Stable codes of audit findings. */
export type AuditCode =
  | 'undeclared-cookie'
  | 'missing-secure'
  | 'missing-httponly'
  | 'missing-partitioned'
  | 'longer-lifetime'
  | 'wrong-samesite'
  | 'wrong-path'
  | 'wrong-domain'
  | 'no-consent'
  | 'ambiguous-ocd-name'
  | 'ocd-unavailable'
  // `audit --crawl` only: what kept the crawl from seeing everything.
  | 'page-not-loaded'
  | 'page-not-idle'
  | 'no-consent-control'
  | 'cookie-not-stored';

/** A declaration to paste into the schema, from the Open Cookie Database. */
export interface SuggestedDeclaration {
  /** The key in `cookies`: the name, or `prefix*` for a wildcard entry. */
  key: string;
  /** The declaration object (provider, service, category, purpose, maxAge, attributes). */
  declaration: Record<string, unknown>;
  /** `"<key>": { … }` ready to paste inside `"cookies"`. */
  json: string;
  /** Notes about choices made (category mapping, lifetime cap…). */
  notes: string[];
}

/** One finding of the audit. Findings about the same cookie and code are reported once. */
export interface AuditFinding {
  severity: Severity;
  code: AuditCode;
  /** The cookie the finding is about (absent for `ocd-unavailable` and the crawl's page findings). */
  cookie?: string;
  /** Where it was first seen. */
  where: string;
  /** What wrote the cookie there, when known (see {@link CookieObservation.source}). */
  source?: string;
  /** How many observations had the same problem. */
  occurrences: number;
  message: string;
  suggestion?: SuggestedDeclaration;
}

/** What `auditTraffic` returns. */
export interface AuditResult {
  findings: AuditFinding[];
  /** Distinct cookie names seen, sorted. */
  cookies: string[];
  observations: number;
}
