import { readFile } from 'node:fs/promises';
import { type AuditOptions, auditTraffic } from '../audit/audit';
import { findChromium } from '../audit/chromium-path';
import {
  ACCEPT_ALL_SELECTOR,
  type CrawlProgress,
  type CrawlRecord,
  crawlSite,
  PASS_LABELS,
  phaseLabel,
  REJECT_ALL_SELECTOR,
} from '../audit/crawl';
import { type CrawledCookie, observeCrawl } from '../audit/crawl-report';
import { observeCookieHeader, observeHar, observeSetCookieLines } from '../audit/inputs';
import { loadOcd } from '../audit/load-ocd';
import { displayUrl, pageUrl } from '../audit/site-scope';
import type { AuditFinding, AuditResult, CookieObservation } from '../audit/types';
import {
  type Command,
  type Io,
  type OptionValues,
  paint,
  plural,
  printDiagnostics,
  UsageError,
} from '../cli-io';
import { loadSchema } from '../schema/load';
import type { NormalizedSchema } from '../schema/types';

/** Options that only `--crawl` takes. */
const CRAWL_OPTIONS = [
  'max-pages',
  'page-timeout',
  'accept-selector',
  'reject',
  'reject-selector',
  'chromium',
  'har-out',
] as const;

export const audit: Command = {
  summary:
    'compare cookies seen in real traffic (HAR, Cookie, Set-Cookie, or a crawl in Chromium) with the schema',
  usage: `Usage: cookie-schema audit <schema.json> (--har <file> | --cookie-header <str> | --set-cookie <file>)
                           [--ocd <file>] [--json]
       cookie-schema audit <schema.json> --crawl <url> [--max-pages <n>] [--page-timeout <s>]
                           [--accept-selector <css>] [--reject] [--reject-selector <css>]
                           [--chromium <path>] [--har-out <file>] [--ocd <file>] [--json]

Compares the cookies observed in traffic with the schema and reports:
  error    undeclared-cookie     not in the schema; with a declaration suggested by the Open
                                 Cookie Database when it knows the name
  warning  ambiguous-ocd-name    the database's entry may be another cookie with the same name
  error    missing-secure, missing-httponly, missing-partitioned, longer-lifetime,
           wrong-samesite, wrong-path, wrong-domain     a Set-Cookie that breaks its declaration
  error    no-consent            a cookie of a category the consent cookie (in the same
                                 request/response) does not grant
Each finding is reported once, where it was first seen. Exit 1 when there are errors.

Inputs (exactly one):
  --har <file>            an HTTP Archive: every request's Cookie and response's Set-Cookie
  --cookie-header <str>   a raw Cookie header: "a=1; b=2"
  --set-cookie <file>     one Set-Cookie header per line (one response)
  --crawl <url>           visit the live site in Chromium and audit every cookie it stores

Crawling (--crawl): same-origin links breadth-first from <url>, each page until its network is
quiet or --page-timeout; redirects and navigations off the site are recorded, not followed.
Pass 1 never answers the consent banner; pass 2, in a fresh browser, clicks its accept-all
control, then revisits the pages; pass 3 (--reject) does the same after rejecting all. Every
cookie the browser stores is listed (first- and third-party) with the page where it first
appeared and what wrote it (a Set-Cookie response, or the script that used document.cookie or
cookieStore), then audited: a cookie of a category without consent counts as set before consent.
Progress goes to stderr; the cookie list and the findings to stdout.
  --max-pages <n>          pages of the first pass (default 20)
  --page-timeout <s>       seconds per page to load and go quiet (default 10)
  --accept-selector <css>  the accept-all control (default ${ACCEPT_ALL_SELECTOR},
                           the generated banner's)
  --reject                 a third pass after rejecting all
  --reject-selector <css>  the reject-all control (default ${REJECT_ALL_SELECTOR}; implies --reject)
  --chromium <path>        the browser to drive. Default: $CHROME_PATH, then the usual install
                           locations, then Playwright's cache (~/.cache/ms-playwright)
  --har-out <file>         also write the traffic of every pass as a HAR (for audit --har)
Also reported, as warnings: pages not loaded or never idle (no-consent-control when the banner's
control is not found, cookie-not-stored for writes the browser did not keep).

Options:
  --ocd <file>   the Open Cookie Database (.json or .csv). Default: $COOKIE_SCHEMA_OCD, else
                 the copy that ships with this package
  --json         print { findings, cookies, summary } as JSON on stdout
`,
  options: {
    har: { type: 'string' },
    'cookie-header': { type: 'string' },
    'set-cookie': { type: 'string' },
    crawl: { type: 'string' },
    'max-pages': { type: 'string' },
    'page-timeout': { type: 'string' },
    'accept-selector': { type: 'string' },
    reject: { type: 'boolean' },
    'reject-selector': { type: 'string' },
    chromium: { type: 'string' },
    'har-out': { type: 'string' },
    ocd: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run([schemaFile, ...rest], values, io) {
    if (!schemaFile || rest.length) throw new UsageError('audit takes exactly one schema file.');
    const inputs = (['har', 'cookie-header', 'set-cookie', 'crawl'] as const).filter(
      (k) => typeof values[k] === 'string',
    );
    if (inputs.length !== 1) {
      throw new UsageError(
        'audit needs exactly one of --har, --cookie-header, --set-cookie or --crawl.',
      );
    }
    const stray = CRAWL_OPTIONS.find((k) => values[k] !== undefined);
    if (values.crawl === undefined && stray) {
      throw new UsageError(`--${stray} works only with --crawl <url>.`);
    }
    const crawl = values.crawl === undefined ? undefined : crawlSettings(values);
    const loaded = await loadSchema(schemaFile);
    if (!loaded.ok) {
      printDiagnostics(loaded.diagnostics, io);
      io.err(`${paint(io, 'red', '✗')} ${schemaFile} is not a valid schema; fix it first.\n`);
      return 1;
    }
    const ocd = loadOcd(typeof values.ocd === 'string' ? values.ocd : undefined);
    const auditOptions: AuditOptions = {
      ocd: ocd.ok ? ocd.index : null,
      ...(ocd.ok ? {} : { ocdUnavailableReason: ocd.reason }),
    };
    if (crawl) return runCrawl(loaded.schema, schemaFile, crawl, auditOptions, values, io);
    const observed = await readObservations(values, io);
    if (!observed) return 1;
    const result = auditTraffic(loaded.schema, observed, auditOptions);
    const { errors, warnings, problems } = tally(result);
    if (values.json) {
      const summary = {
        observations: result.observations,
        cookies: result.cookies.length,
        errors,
        warnings,
      };
      io.out(
        `${JSON.stringify({ findings: result.findings, cookies: result.cookies, summary }, null, 2)}\n`,
      );
      return errors ? 1 : 0;
    }
    for (const finding of result.findings) io.out(formatFinding(finding, io));
    const seen = `${plural(result.cookies.length, 'cookie')} in ${plural(result.observations, 'observation')}`;
    io.err(
      errors
        ? `${paint(io, 'red', '✗')} audited ${seen}: ${problems}\n`
        : `${paint(io, 'green', '✓')} audited ${seen}: the traffic matches ${schemaFile}${warnings ? ` (${problems})` : ''}\n`,
    );
    return errors ? 1 : 0;
  },
};

async function readObservations(
  values: Record<string, unknown>,
  io: Io,
): Promise<CookieObservation[] | undefined> {
  if (typeof values['cookie-header'] === 'string') {
    return observeCookieHeader(values['cookie-header'].replace(/^\s*cookie\s*:/i, ''));
  }
  const file = (values.har ?? values['set-cookie']) as string;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    io.err(`${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? error}).\n`);
    return undefined;
  }
  if (typeof values['set-cookie'] === 'string') return observeSetCookieLines(text, file);
  let har: unknown;
  try {
    har = JSON.parse(text);
  } catch (error) {
    io.err(`${file}: not JSON, so not a HAR file (${(error as Error).message}).\n`);
    return undefined;
  }
  const { observations, problems } = observeHar(har, file);
  for (const problem of problems) io.err(`${problem}\n`);
  if (problems.length && observations.length === 0) return undefined;
  return observations;
}

/** Errors, warnings, and `3 errors, 1 warning` for the summary line. */
function tally(result: AuditResult): { errors: number; warnings: number; problems: string } {
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.length - errors;
  const problems = [errors && plural(errors, 'error'), warnings && plural(warnings, 'warning')]
    .filter(Boolean)
    .join(', ');
  return { errors, warnings, problems };
}

function formatFinding(f: AuditFinding, io: Io): string {
  const label = f.severity === 'error' ? paint(io, 'red', 'error') : paint(io, 'yellow', 'warning');
  const times = f.occurrences > 1 ? ` (seen ${f.occurrences} times)` : '';
  let text = `${f.where}: ${f.message}${times} ${paint(io, 'dim', `(${label} ${f.code})`)}\n`;
  if (f.source) text += `  set by ${f.source}\n`;
  if (f.suggestion) {
    const indented = f.suggestion.json.replace(/^/gm, '    ');
    text += `  suggested declaration (paste into "cookies"):\n${indented}\n`;
    for (const note of f.suggestion.notes) text += `  note: ${note}\n`;
  }
  return text;
}

/** What `--crawl` and its options ask for, checked before anything starts. */
interface CrawlSettings {
  url: string;
  maxPages: number;
  /** ms */
  pageTimeout: number;
  acceptSelector: string;
  rejectSelector?: string;
  chromium?: string;
  harOut?: string;
}

function crawlSettings(values: OptionValues): CrawlSettings {
  const url = pageUrl(String(values.crawl));
  if (!url || !/^https?:\/\//i.test(String(values.crawl))) {
    throw new UsageError(
      `--crawl: expected an http:// or https:// URL, received "${values.crawl}".`,
    );
  }
  const maxPages = values['max-pages'] === undefined ? 20 : Number(values['max-pages']);
  if (!Number.isInteger(maxPages) || maxPages < 1) {
    throw new UsageError(
      `--max-pages: expected a whole number of pages, 1 or more, received "${values['max-pages']}".`,
    );
  }
  const seconds = values['page-timeout'] === undefined ? 10 : Number(values['page-timeout']);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600) {
    throw new UsageError(
      `--page-timeout: expected seconds, more than 0 and at most 600, received "${values['page-timeout']}".`,
    );
  }
  const text = (name: string) => {
    const value = values[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value.trim() === '') {
      throw new UsageError(`--${name}: expected a value, received "${value}".`);
    }
    return value;
  };
  const rejectSelector =
    text('reject-selector') ?? (values.reject ? REJECT_ALL_SELECTOR : undefined);
  const chromium = text('chromium');
  const harOut = text('har-out');
  return {
    url: url.href,
    maxPages,
    pageTimeout: Math.round(seconds * 1000),
    acceptSelector: text('accept-selector') ?? ACCEPT_ALL_SELECTOR,
    ...(rejectSelector !== undefined ? { rejectSelector } : {}),
    ...(chromium !== undefined ? { chromium } : {}),
    ...(harOut !== undefined ? { harOut } : {}),
  };
}

/** `audit --crawl`: find Chromium, crawl, audit what the browser stored, report. */
async function runCrawl(
  schema: NormalizedSchema,
  schemaFile: string,
  settings: CrawlSettings,
  auditOptions: AuditOptions,
  values: OptionValues,
  io: Io,
): Promise<number> {
  const chromium = findChromium(
    settings.chromium !== undefined ? { explicit: settings.chromium } : {},
  );
  if (!chromium.ok) {
    io.err(`${paint(io, 'red', '✗')} ${chromium.message}\n`);
    return 1;
  }
  let record: CrawlRecord;
  try {
    record = await crawlSite({
      url: settings.url,
      executablePath: chromium.path,
      maxPages: settings.maxPages,
      pageTimeout: settings.pageTimeout,
      acceptSelector: settings.acceptSelector,
      ...(settings.rejectSelector !== undefined ? { rejectSelector: settings.rejectSelector } : {}),
      ...(settings.harOut !== undefined ? { harOut: settings.harOut } : {}),
      onProgress: (event) => io.err(formatProgress(event, settings.url)),
    });
  } catch (error) {
    io.err(`${paint(io, 'red', '✗')} ${(error as Error).message}\n`);
    return 1;
  }
  const start = record.passes[0]?.visits[0];
  if (!start || start.error || start.offSite) {
    const why =
      start?.error ??
      (start?.offSite
        ? `it redirects off the site, to ${start.offSite.to}`
        : 'no page was visited');
    io.err(
      `${paint(io, 'red', '✗')} could not crawl ${settings.url}: ${why}. Nothing to audit; check the URL and that the site is up.\n`,
    );
    return 1;
  }
  const crawl = observeCrawl(record, schema);
  const audited = auditTraffic(schema, crawl.observations, {
    ...auditOptions,
    consent: crawl.consent,
  });
  const result: AuditResult = { ...audited, findings: [...crawl.warnings, ...audited.findings] };
  const { errors, warnings, problems } = tally(result);
  const pages = record.passes[0]!.visits.length;
  const passes = record.passes.map((p) => phaseLabel(p.pass, true));
  if (values.json) {
    const summary = {
      observations: result.observations,
      cookies: result.cookies.length,
      errors,
      warnings,
      pages,
    };
    const report = {
      findings: result.findings,
      cookies: result.cookies,
      summary,
      crawl: {
        start: record.start,
        origin: record.origin,
        browser: record.browser,
        passes: record.passes.map((p) => ({
          pass: p.pass,
          pages: p.visits,
          ...(p.consent ? { consent: p.consent } : {}),
        })),
        cookies: crawl.cookies,
        offSite: record.offSite,
        otherOrigins: record.otherOrigins,
      },
    };
    io.out(`${JSON.stringify(report, null, 2)}\n`);
    return errors ? 1 : 0;
  }
  const display = (url: string) => displayUrl(url, record.origin);
  io.out(formatInventory(crawl.cookies, record, display));
  for (const finding of result.findings) io.out(formatFinding(finding, io));
  const seen = `${plural(pages, 'page')} of ${record.origin} (${passes.join(', ')}): ${plural(crawl.cookies.length, 'cookie')}`;
  io.err(
    errors
      ? `${paint(io, 'red', '✗')} crawled ${seen}, ${problems}\n`
      : `${paint(io, 'green', '✓')} crawled ${seen}, as ${schemaFile} declares${warnings ? ` (${problems})` : ''}\n`,
  );
  return errors ? 1 : 0;
}

function formatProgress(event: CrawlProgress, start: string): string {
  const display = (url: string) => displayUrl(url, new URL(start).origin);
  switch (event.type) {
    case 'browser':
      return `crawl: ${event.version} (${event.executablePath})\n`;
    case 'pass':
      return `crawl: ${PASS_LABELS[event.pass]}, in a fresh browser\n`;
    case 'visit': {
      const v = event.visit;
      const what = v.error
        ? `not loaded: ${v.error}`
        : v.offSite
          ? `${v.status} to ${v.offSite.to}: off the site, not followed`
          : `${v.status ?? '?'} ${v.contentType?.split(';')[0] || '(no type)'}, ${v.settled === 'idle' ? 'idle' : `not idle after the timeout`}, ${plural(event.cookies, 'cookie')} in the jar`;
      return `crawl:   ${display(v.url)} — ${what}\n`;
    }
    case 'consent': {
      const c = event.click;
      if (c.clicked)
        return `crawl:   clicked ${c.selector}${c.frame ? ` in the frame ${c.frame}` : ''} on ${display(c.page)}\n`;
      return `crawl:   ${c.error ? `could not click ${c.selector}: ${c.error}` : `no ${c.selector} on ${display(c.page)}`}\n`;
    }
    case 'off-site':
      if (event.navigation.status !== undefined) return '';
      return `crawl:   ${display(event.navigation.from)} navigated to ${event.navigation.to}: off the site, not followed\n`;
  }
}

/** The cookies the browser stored, one line each, in the order they first appeared. */
function formatInventory(
  cookies: readonly CrawledCookie[],
  record: CrawlRecord,
  display: (url: string) => string,
): string {
  const rows = cookies.map((c) => [
    c.name,
    c.party === 'third' ? `${c.domain} (third party)` : c.domain,
    c.declaredAs === null ? 'undeclared' : `${c.declaredAs} (${c.category})`,
    `${display(c.firstSeen.page)} (${c.firstSeen.when})`,
    c.source?.description ?? 'source not seen',
  ]);
  const header = ['cookie', 'domain', 'declared as', 'first stored', 'set by'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    `  ${cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')}\n`;
  let text = `Cookies the browser stored (${cookies.length}):\n`;
  if (cookies.length > 0) text += line(header) + rows.map(line).join('');
  for (const n of record.offSite) {
    text += `Not followed, off the site: ${display(n.from)} → ${n.to}${n.status !== undefined ? ` (${n.status} redirect)` : ' (navigation by the page)'}\n`;
  }
  return `${text}\n`;
}
