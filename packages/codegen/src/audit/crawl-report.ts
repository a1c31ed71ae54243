/**
 * From what a crawl saw to what the audit checks: one observation per cookie the browser stored
 * (when it first appears in a pass, and whenever it is written again with another value, lifetime
 * or attributes), the consent in force at each jar snapshot, the inventory of cookies, and the
 * crawl's own warnings. Pure.
 */

import { matchCookieName } from '../scan/match-name';
import type { NormalizedSchema } from '../schema/types';
import { type ConsentState, consentState } from './consent';
import {
  type CookieWrite,
  describeWrite,
  isDeletion,
  type StoredCookie,
  storedAttributes,
  type WriteApi,
  writeOf,
} from './cookie-writes';
import {
  type ConsentClick,
  type CrawlRecord,
  type JarSnapshot,
  type PageVisit,
  type PassName,
  phaseLabel,
} from './crawl';
import { displayUrl, isThirdPartyDomain } from './site-scope';
import type { AuditFinding, CookieObservation } from './types';

/** What wrote a cookie, when the crawler saw it. */
export interface CookieSource {
  api: WriteApi;
  /** The response's URL, or the script's. */
  url?: string;
  line?: number;
  column?: number;
  method?: string;
  status?: number;
  /** `Set-Cookie in the response to GET / (200)`, `document.cookie in /app.js:1:20`… */
  description: string;
}

/** One cookie the browser stored, as the crawl's inventory lists it. */
export interface CrawledCookie {
  name: string;
  /** The browser's: `.example.com` for a Domain cookie, the host for a host-only one. */
  domain: string;
  path: string;
  party: 'first' | 'third';
  secure: boolean;
  httpOnly: boolean;
  sameSite: 'strict' | 'lax' | 'none';
  partitioned: boolean;
  /** When it expires (ISO 8601), or `null` for a session cookie; when first seen. */
  expires: string | null;
  /** The declaration that covers it (`_ga_*` for `_ga_X1`), or `null`. */
  declaredAs: string | null;
  category: string | null;
  /** Where it first appeared: the pass, `before any choice` / `after accepting all`…, the page. */
  firstSeen: { pass: PassName; when: string; page: string };
  source: CookieSource | null;
  /** The passes in which the browser stored it. */
  passes: PassName[];
}

/** What {@link observeCrawl} returns. */
export interface CrawlObservations {
  observations: CookieObservation[];
  /** The consent in force at each snapshot (exchange): none before a choice. */
  consent: Map<number, ConsentState>;
  cookies: CrawledCookie[];
  /** Pages not loaded or never idle, a consent control not found, writes never stored. */
  warnings: AuditFinding[];
}

const key = (c: StoredCookie) => `${c.name}\u0000${c.domain}\u0000${c.path}`;
const fingerprint = (c: StoredCookie) =>
  JSON.stringify([c.value, c.expires, c.secure, c.httpOnly, c.sameSite, c.partitionKey ?? null]);

/** Turns a crawl into observations for `auditTraffic`, an inventory and warnings. */
export function observeCrawl(record: CrawlRecord, schema: NormalizedSchema): CrawlObservations {
  const display = (url: string) => displayUrl(url, record.origin);
  const siteHost = new URL(record.origin).hostname;
  const observations: CookieObservation[] = [];
  const consent = new Map<number, ConsentState>();
  const cookies = new Map<string, CrawledCookie>();
  // Before any choice, opt-out categories count as granted (the crawler's browser sends no GPC).
  const noChoice: ConsentState = {
    granted: new Set([
      schema.requiredCategory,
      ...schema.categories.filter((c) => c.optOut).map((c) => c.name),
    ]),
    reason: 'the visitor had made no choice yet',
  };
  let exchange = 0;
  for (const pass of record.passes) {
    const last = new Map<string, string>();
    for (const snapshot of pass.snapshots) {
      const id = exchange++;
      const when = phaseLabel(pass.pass, snapshot.chosen);
      const stored = snapshot.cookies.find(
        (c) => c.name === schema.consentCookie && !isThirdPartyDomain(c.domain, siteHost),
      );
      consent.set(
        id,
        snapshot.chosen ? consentState(schema, stored?.value, snapshot.time) : noChoice,
      );
      const fresh: { cookie: StoredCookie; write: CookieWrite | undefined }[] = [];
      for (const cookie of snapshot.cookies) {
        const k = key(cookie);
        const seen = cookies.get(k);
        if (seen && !seen.passes.includes(pass.pass)) seen.passes.push(pass.pass);
        if (last.get(k) === fingerprint(cookie)) continue;
        last.set(k, fingerprint(cookie));
        fresh.push({ cookie, write: writeOf(cookie, pass.writes, snapshot.seq) });
      }
      // In the order they were written; cookies whose write was not seen last, by name.
      fresh.sort(
        (a, b) =>
          (a.write?.seq ?? Number.MAX_SAFE_INTEGER) - (b.write?.seq ?? Number.MAX_SAFE_INTEGER) ||
          (a.cookie.name < b.cookie.name ? -1 : a.cookie.name > b.cookie.name ? 1 : 0),
      );
      for (const { cookie, write } of fresh) {
        const party = isThirdPartyDomain(cookie.domain, siteHost) ? 'third' : 'first';
        const source = write ? sourceOf(write, display) : null;
        observations.push({
          kind: 'set',
          name: cookie.name,
          value: cookie.value,
          attributes: write ? write.attributes : storedAttributes(cookie),
          exchange: id,
          where: `${display(snapshot.page)} (${when})`,
          time: write?.time ?? snapshot.time,
          host: cookie.domain.replace(/^\./, ''),
          requestPath: write ? write.path : cookie.path,
          ...(source ? { source: source.description } : {}),
          party,
        });
        if (!cookies.has(key(cookie))) {
          cookies.set(
            key(cookie),
            inventoryEntry(cookie, party, schema, source, {
              pass: pass.pass,
              when,
              page: snapshot.page,
            }),
          );
        }
      }
    }
  }
  return {
    observations,
    consent,
    cookies: [...cookies.values()],
    warnings: crawlWarnings(record, display),
  };
}

function sourceOf(write: CookieWrite, display: (url: string) => string): CookieSource {
  return {
    api: write.api,
    ...(write.url !== undefined ? { url: write.url } : {}),
    ...(write.line !== undefined ? { line: write.line, column: write.column! } : {}),
    ...(write.method !== undefined ? { method: write.method, status: write.status! } : {}),
    description: describeWrite(write, display),
  };
}

function inventoryEntry(
  cookie: StoredCookie,
  party: 'first' | 'third',
  schema: NormalizedSchema,
  source: CookieSource | null,
  firstSeen: CrawledCookie['firstSeen'],
): CrawledCookie {
  const match = matchCookieName(schema, cookie.name);
  const declared = match.declared && (party === 'first' || match.cookie.party === 'third');
  return {
    name: cookie.name,
    domain: cookie.domain,
    path: cookie.path,
    party,
    secure: cookie.secure,
    httpOnly: cookie.httpOnly,
    sameSite: cookie.sameSite.toLowerCase() as CrawledCookie['sameSite'],
    partitioned: cookie.partitionKey !== undefined,
    expires: cookie.expires === -1 ? null : new Date(cookie.expires * 1000).toISOString(),
    declaredAs: declared ? match.cookie.name : null,
    category: declared ? match.cookie.category : null,
    firstSeen,
    source,
    passes: [firstSeen.pass],
  };
}

/** The crawl's own findings: what kept it from seeing everything. */
function crawlWarnings(record: CrawlRecord, display: (url: string) => string): AuditFinding[] {
  const findings = new Map<string, AuditFinding>();
  const add = (id: string, finding: Omit<AuditFinding, 'severity' | 'occurrences'>) => {
    const existing = findings.get(id);
    if (existing) existing.occurrences++;
    else findings.set(id, { severity: 'warning', occurrences: 1, ...finding });
  };
  const seconds = `${record.pageTimeout / 1000} s`;
  for (const pass of record.passes) {
    for (const visit of pass.visits) pageWarnings(visit, seconds, display, add);
    if (pass.consent && !pass.consent.clicked)
      consentWarning(pass.pass, pass.consent, seconds, display, add);
    notStored(pass.pass, pass.writes, pass.snapshots, display, add);
  }
  return [...findings.values()];
}

type Add = (id: string, finding: Omit<AuditFinding, 'severity' | 'occurrences'>) => void;

function pageWarnings(
  visit: PageVisit,
  seconds: string,
  display: (url: string) => string,
  add: Add,
): void {
  const where = display(visit.url);
  if (visit.error) {
    add(`page-not-loaded\u0000${visit.url}`, {
      code: 'page-not-loaded',
      where,
      message: `the crawl could not load this page: ${visit.error}. What it would store is not in the audit.`,
    });
  } else if (visit.settled !== 'idle') {
    const why =
      visit.settled === 'committed'
        ? 'its load event did not fire'
        : 'requests were still open (polling, a stream, a long-poll…)';
    add(`page-not-idle\u0000${visit.url}`, {
      code: 'page-not-idle',
      where,
      message: `the page was not idle after ${seconds} (${why}); the audit has what the browser had stored by then. A longer --page-timeout may see more.`,
    });
  }
}

function consentWarning(
  pass: PassName,
  click: ConsentClick,
  seconds: string,
  display: (url: string) => string,
  add: Add,
): void {
  const accept = pass === 'accept-all';
  const option = accept ? '--accept-selector' : '--reject-selector';
  const phase = phaseLabel(pass, true);
  const message = click.error
    ? `the crawl could not use ${click.selector} (${click.error}), so it has no "${phase}" pass.`
    : `no element matching ${click.selector} appeared within ${seconds}, so the crawl could not ${accept ? 'accept' : 'reject'} all and has no "${phase}" pass. If the site has a consent banner, pass ${option} <css> for its ${accept ? 'accept-all' : 'reject-all'} button.`;
  add(`no-consent-control\u0000${pass}`, {
    code: 'no-consent-control',
    where: display(click.page),
    message,
  });
}

/** Cookies written in a pass (not deletions) that never showed up in its jar snapshots. */
function notStored(
  pass: PassName,
  writes: readonly CookieWrite[],
  snapshots: readonly JarSnapshot[],
  display: (url: string) => string,
  add: Add,
): void {
  const names = new Set(snapshots.flatMap((s) => s.cookies.map((c) => c.name)));
  const choice = snapshots.find((s) => s.chosen)?.seq ?? Number.POSITIVE_INFINITY;
  const missing = new Map<string, CookieWrite>();
  for (const write of writes) {
    if (!names.has(write.name) && !isDeletion(write) && !missing.has(write.name)) {
      missing.set(write.name, write);
    }
  }
  if (missing.size === 0) return;
  const list = [...missing.keys()];
  const shown = list.slice(0, 5).map((n) => `"${n}"`);
  const more = list.length > 5 ? ` and ${list.length - 5} more` : '';
  const first = missing.values().next().value!;
  const phase = phaseLabel(pass, first.seq >= choice);
  add(`cookie-not-stored\u0000${pass}`, {
    code: 'cookie-not-stored',
    where: `${display(first.page)} (${phase})`,
    source: describeWrite(first, display),
    message: `${list.length === 1 ? 'a cookie was' : `${list.length} cookies were`} written but never in the browser's jar when the crawl looked: ${shown.join(', ')}${more}. The browser refused ${list.length === 1 ? 'it' : 'them'} (an attribute it does not accept, a third-party context), evicted ${list.length === 1 ? 'it' : 'them'} (Chromium keeps at most 180 cookies per domain), or the page deleted ${list.length === 1 ? 'it' : 'them'} again; the audit could not check ${list.length === 1 ? 'it' : 'them'}.`,
  });
}
