// `audit --crawl` against a site that misbehaves, in real Chromium (/usr/bin/chromium through
// playwright-core, found by the crawler itself; never `playwright install`), through the library:
// crawlSite → observeCrawl → auditTraffic. Two servers on loopback: the site on 127.0.0.1 and
// "elsewhere" on localhost, another site to the browser. The site's home page links, in this
// order, to a JSON response that sets a cookie, a page that never goes idle, a redirect loop, a
// redirect off the site, a page that writes 500 cookies, another origin, a mailto: link and a
// chain of pages longer than --max-pages; it frames a page of "elsewhere" that sets third-party
// cookies, and has no consent banner.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTraffic } from '../src/audit/audit';
import { findChromium } from '../src/audit/chromium-path';
import { type CrawlRecord, crawlSite } from '../src/audit/crawl';
import { type CrawlObservations, observeCrawl } from '../src/audit/crawl-report';
import type { AuditFinding } from '../src/audit/types';
import { parseSchema } from '../src/schema/load';
import type { NormalizedSchema } from '../src/schema/types';
import { schemaText } from './helpers';

interface Server {
  origin: string;
  port: number;
  /** Requests, as `METHOD /path?query`. */
  hits: string[];
  close(): Promise<void>;
}

async function serve(
  host: string,
  handle: (req: IncomingMessage, res: ServerResponse, url: URL) => void,
): Promise<Server> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    handle(req, res, new URL(req.url ?? '/', 'http://x'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${port}`,
    port,
    hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const html = (res: ServerResponse, body: string, cookies: string[] = []) => {
  if (cookies.length) res.setHeader('set-cookie', cookies);
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.end(`<!doctype html><html><head><title>t</title></head><body>${body}</body></html>`);
};

let site: Server;
let elsewhere: Server;
let schema: NormalizedSchema;
let record: CrawlRecord;
let crawl: CrawlObservations;
let findings: AuditFinding[];
const MAX_PAGES = 9;
const PAGE_TIMEOUT = 5_000;

beforeAll(async () => {
  elsewhere = await serve('localhost', (_req, res, url) => {
    if (url.pathname === '/frame') {
      html(res, '<p>ads</p>', [
        'tp_ads=1; Path=/; Max-Age=600; SameSite=None; Secure',
        'tp_declared=1; Path=/; Max-Age=600; SameSite=None; Secure',
      ]);
    } else html(res, '<p>elsewhere</p>', ['landed=1; Path=/']);
  });
  site = await serve('127.0.0.1', (_req, res, url) => {
    switch (url.pathname) {
      case '/':
        html(
          res,
          `<script>document.cookie = "theme=dark; path=/; max-age=3600";</script>
<a href="/data.json">data</a> <a href="/busy">busy</a> <a href="/loop">loop</a>
<a href="/go">partner</a> <a href="/many">many</a> <a href="${elsewhere.origin}/">elsewhere</a>
<a href="mailto:someone@example.com">mail</a> <a href="/#top">top</a> <a href="/p1">next</a>
<iframe src="${elsewhere.origin}/frame"></iframe>`,
          ['sid=1; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=600'],
        );
        return;
      case '/data.json':
        res.setHeader('set-cookie', 'api=1; Path=/; Secure; SameSite=Lax');
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ next: '/never-followed' }));
        return;
      case '/busy':
        // A request that never gets its answer: the network never goes quiet.
        html(res, `<p>busy</p><script>fetch('/hang');</script>`);
        return;
      case '/hang':
        return; // never answered
      case '/loop':
        res.statusCode = 302;
        res.setHeader('location', `/loop?${Number(url.searchParams.get('n') ?? 0) + 1}`);
        res.end();
        return;
      case '/go':
        res.statusCode = 302;
        res.setHeader('set-cookie', 'went=1; Path=/; Secure; SameSite=Lax');
        res.setHeader('location', `${elsewhere.origin}/landing`);
        res.end();
        return;
      case '/many':
        html(
          res,
          `<script>for (let i = 0; i < 500; i++) document.cookie = "c" + i + "=1; path=/many";</script>`,
        );
        return;
    }
    const page = /^\/p(\d+)$/.exec(url.pathname);
    if (page) {
      html(res, `<a href="/p${Number(page[1]) + 1}">next</a>`);
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  const parsed = parseSchema(
    schemaText((doc) => {
      doc.categories.marketing = { title: 'Marketing', description: 'Ads.' };
      doc.cookies.tp_declared = {
        provider: 'Ads',
        service: 'Ads',
        category: 'marketing',
        purpose: 'Ads.',
        party: 'third',
        domain: 'localhost',
        maxAge: '1h',
      };
    }),
    'site.cookies.json',
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
  schema = parsed.schema;
  const chromium = findChromium();
  if (!chromium.ok) throw new Error(chromium.message);
  record = await crawlSite({
    url: `${site.origin}/`,
    executablePath: chromium.path,
    maxPages: MAX_PAGES,
    pageTimeout: PAGE_TIMEOUT,
  });
  crawl = observeCrawl(record, schema);
  findings = [
    ...crawl.warnings,
    ...auditTraffic(schema, crawl.observations, { consent: crawl.consent }).findings,
  ];
}, 180_000);

afterAll(async () => {
  await site?.close();
  await elsewhere?.close();
});

const at = (path: string) => `${site.origin}${path}`;

describe('crawling a misbehaving site', () => {
  it('visits same-origin links breadth-first, up to --max-pages, each as far as it goes', () => {
    const [first, second] = record.passes;
    expect(record.passes.map((p) => p.pass)).toEqual(['no-choice', 'accept-all']);
    expect(
      first!.visits.map((v) => [
        v.url.slice(site.origin.length),
        v.status,
        v.contentType?.split(';')[0],
        v.settled,
        v.error,
      ]),
    ).toEqual([
      ['/', 200, 'text/html', 'idle', undefined],
      ['/data.json', 200, 'application/json', 'idle', undefined],
      ['/busy', 200, 'text/html', 'loaded', undefined],
      ['/loop', undefined, undefined, undefined, 'a redirect loop (net::ERR_TOO_MANY_REDIRECTS)'],
      ['/go', 302, undefined, 'idle', undefined],
      ['/many', 200, 'text/html', 'idle', undefined],
      ['/p1', 200, 'text/html', 'idle', undefined],
      ['/p2', 200, 'text/html', 'idle', undefined],
      ['/p3', 200, 'text/html', 'idle', undefined],
    ]);
    expect(first!.visits).toHaveLength(MAX_PAGES);
    // The JSON's "link" is not a link; /p4 is past --max-pages.
    expect(site.hits.filter((h) => /never-followed|p4/.test(h))).toEqual([]);
    expect(site.hits).toContain('GET /hang');
    // No accept control on the start page: pass 2 stops there, and says so.
    expect(second!.visits.map((v) => v.url)).toEqual([at('/')]);
    expect(second!.consent).toEqual({
      selector: '[data-cookie-consent="accept-all"]',
      page: at('/'),
      clicked: false,
    });
  });

  it('records the redirect off the site and the other origin, and follows neither', () => {
    expect(record.offSite).toEqual([
      { from: at('/go'), to: `${elsewhere.origin}/landing`, status: 302, page: at('/go') },
    ]);
    expect(record.otherOrigins).toEqual([`${elsewhere.origin}/`]);
    // Only the framed page of elsewhere was requested (once per pass).
    expect(elsewhere.hits).toEqual(['GET /frame', 'GET /frame']);
  });

  it('lists every cookie, first- and third-party, with where it first appeared and what set it', () => {
    const inventory = crawl.cookies.filter((c) => !/^c\d+$/.test(c.name));
    expect(
      inventory.map((c) => [
        c.name,
        c.domain,
        c.party,
        c.declaredAs,
        c.firstSeen.page,
        c.source?.description,
      ]),
    ).toEqual([
      ['sid', '127.0.0.1', 'first', 'sid', at('/'), 'Set-Cookie in the response to GET / (200)'],
      [
        'theme',
        '127.0.0.1',
        'first',
        null,
        at('/'),
        'document.cookie in an inline script of / (line 1)',
      ],
      [
        'tp_ads',
        'localhost',
        'third',
        null,
        at('/'),
        `Set-Cookie in the response to GET ${elsewhere.origin}/frame (200)`,
      ],
      [
        'tp_declared',
        'localhost',
        'third',
        'tp_declared',
        at('/'),
        `Set-Cookie in the response to GET ${elsewhere.origin}/frame (200)`,
      ],
      [
        'api',
        '127.0.0.1',
        'first',
        null,
        at('/data.json'),
        'Set-Cookie in the response to GET /data.json (200)',
      ],
      // The browser stored the off-site redirect's cookie; its response is the crawler's stub.
      ['went', '127.0.0.1', 'first', null, at('/go'), undefined],
    ]);
    expect(inventory.find((c) => c.name === 'sid')).toMatchObject({
      secure: true,
      httpOnly: true,
      sameSite: 'lax',
      passes: ['no-choice', 'accept-all'],
      firstSeen: { pass: 'no-choice', when: 'before any choice' },
    });
  });

  it('keeps going through 500 cookie writes, and says how many the browser did not keep', () => {
    const many = crawl.cookies.filter((c) => /^c\d+$/.test(c.name));
    // Chromium keeps at most 180 cookies per domain.
    expect(many.length).toBeGreaterThan(100);
    expect(many.length).toBeLessThanOrEqual(180);
    expect(many.every((c) => c.path === '/many' && c.source?.api === 'document.cookie')).toBe(true);
    const notStored = findings.find((f) => f.code === 'cookie-not-stored')!;
    expect(notStored.message).toMatch(
      new RegExp(`^${500 - many.length} cookies were written but never in the browser's jar`),
    );
    expect(notStored.where).toBe('/many (before any choice)');
  });

  it('reports exactly these findings', () => {
    const rows = findings
      .filter((f) => !/^c\d+$/.test(f.cookie ?? ''))
      .map((f) => [f.severity, f.code, f.cookie, f.where, f.occurrences]);
    expect(rows).toEqual([
      ['warning', 'page-not-idle', undefined, '/busy', 1],
      ['warning', 'page-not-loaded', undefined, '/loop', 1],
      ['warning', 'cookie-not-stored', undefined, '/many (before any choice)', 1],
      ['warning', 'no-consent-control', undefined, '/', 1],
      ['error', 'undeclared-cookie', 'theme', '/ (before any choice)', 2],
      ['error', 'undeclared-cookie', 'tp_ads', '/ (before any choice)', 2],
      ['error', 'no-consent', 'tp_declared', '/ (before any choice)', 2],
      ['error', 'undeclared-cookie', 'api', '/data.json (before any choice)', 1],
      ['error', 'undeclared-cookie', 'went', '/go (before any choice)', 1],
    ]);
    const undeclaredMany = findings.filter(
      (f) => f.code === 'undeclared-cookie' && /^c\d+$/.test(f.cookie ?? ''),
    );
    expect(undeclaredMany).toHaveLength(crawl.cookies.filter((c) => /^c\d+$/.test(c.name)).length);
    const message = (cookie: string) => findings.find((f) => f.cookie === cookie)!.message;
    expect(message('tp_ads')).toBe(
      '"tp_ads" was set by a third party (localhost), but the schema does not declare it. Declare it with "party": "third" and its domain, or stop loading what sets it.',
    );
    expect(message('tp_declared')).toBe(
      '"tp_declared" (marketing) was set without consent: the visitor had made no choice yet. Write it only once "marketing" is granted — the generated accessors check consent.',
    );
    expect(findings.find((f) => f.code === 'no-consent-control')!.message).toBe(
      'no element matching [data-cookie-consent="accept-all"] appeared within 5 s, so the crawl could not accept all and has no "after accepting all" pass. If the site has a consent banner, pass --accept-selector <css> for its accept-all button.',
    );
    expect(findings.find((f) => f.code === 'page-not-loaded')!.message).toBe(
      'the crawl could not load this page: a redirect loop (net::ERR_TOO_MANY_REDIRECTS). What it would store is not in the audit.',
    );
  });
});
