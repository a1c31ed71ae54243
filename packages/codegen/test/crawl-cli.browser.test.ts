// `cookie-schema audit --crawl` in a child process, against the example app (examples/app) on
// loopback: in legacy mode, which replays an older version's mistakes (scripts/record-har.ts tells
// the story), and as it is. The crawler drives /usr/bin/chromium through playwright-core (found
// by the CLI itself; never `playwright install`). Pages of the app: / and /cookies (its forms are
// not links, so the crawl does not sign in or post the legacy language form).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { type RunningApp, startApp } from '../../../examples/app/src/server.js';
import type { CrawledCookie } from '../src/audit/crawl-report';
import type { AuditFinding } from '../src/audit/types';
import { cliBin, repoRoot } from './helpers';

const exec = promisify(execFile);
const SCHEMA = 'schemas/examples/opendatasoft.cookies.json';

async function cli(args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.COOKIE_SCHEMA_OCD; // the database the package finds on its own
  try {
    const { stdout, stderr } = await exec(process.execPath, [cliBin, ...args], {
      cwd: repoRoot,
      env,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let legacy: RunningApp;
let app: RunningApp;

beforeAll(async () => {
  [legacy, app] = await Promise.all([
    startApp({ port: 0, legacy: true }),
    startApp({
      port: 0,
      onFinding: (findings) => {
        throw new Error(`the firewall found ${findings.map((f) => f.cookie).join(', ')}`);
      },
    }),
  ]);
});

afterAll(async () => {
  await legacy?.close();
  await app?.close();
});

/** Lines that start a finding (not indented), after the cookie list's blank line. */
const findingLines = (stdout: string) =>
  stdout
    .slice(stdout.indexOf('\n\n') + 2)
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith(' '));

/** The cookie list: one row per cookie, cells split on runs of two spaces. */
const inventory = (stdout: string) =>
  stdout
    .slice(0, stdout.indexOf('\n\n'))
    .split('\n')
    .slice(2)
    .map((l) => l.trim().split(/ {2,}/));

const BEFORE = '/ (before any choice)';
const REJECTED = '/ (after rejecting all)';
// What the legacy snippets write with raw document.cookie on every page, before any choice
// (examples/app/src/client/legacy.ts). Seen, before any choice: in pass 1 on / and /cookies; in
// pass 2 on / before the click, then again on / and /cookies after accepting. Statistics is
// opt-out: the page's statistics script writes _pk_id (Secure, through the generated accessor)
// before any choice, so the snippet's own _pk_id (without Secure) appears only once the visitor
// has objected and the refusal deleted it (the --reject pass).
const LEGACY_FINDINGS = [
  ['error', 'undeclared-cookie', '_hjSessionUser_123', BEFORE, 5],
  ['error', 'undeclared-cookie', '_pk_ses.1.cae2', BEFORE, 5],
  ['warning', 'ambiguous-ocd-name', '_pk_ses.1.cae2', BEFORE, 5],
];
const OWN_SCRIPT = /^document\.cookie in \/(chunk-[A-Z0-9]+|app|analytics)\.js:1:\d+$/;

describe('audit --crawl on the example app in legacy mode', () => {
  it('lists the cookies with what set them, reports the planted mistakes, exits 1', async () => {
    const { code, stdout, stderr } = await cli(['audit', SCHEMA, '--crawl', legacy.url]);
    expect(code).toBe(1);
    const origin = legacy.url.slice(0, -1);
    // Progress on stderr, and the summary last.
    expect(stderr.split('\n')).toEqual([
      expect.stringMatching(/^crawl: (Headless)?Chrome\/[\d.]+ \(.+\)$/),
      'crawl: no consent choice, in a fresh browser',
      'crawl:   / — 200 text/html, idle, 4 cookies in the jar',
      'crawl:   /cookies — 200 text/html, idle, 4 cookies in the jar',
      'crawl: accepting all, in a fresh browser',
      'crawl:   / — 200 text/html, idle, 4 cookies in the jar',
      'crawl:   clicked [data-cookie-consent="accept-all"] on /',
      'crawl:   / — 200 text/html, idle, 5 cookies in the jar',
      'crawl:   /cookies — 200 text/html, idle, 5 cookies in the jar',
      `✗ crawled 2 pages of ${origin} (before any choice, after accepting all): 5 cookies, 2 errors, 1 warning`,
      '',
    ]);
    expect(stdout.split('\n').slice(0, 2)).toEqual([
      'Cookies the browser stored (5):',
      expect.stringMatching(/^ {2}cookie +domain +declared as +first stored +set by$/),
    ]);
    expect(inventory(stdout)).toEqual([
      [
        'csrftoken',
        '127.0.0.1',
        'csrftoken (necessary)',
        BEFORE,
        'Set-Cookie in the response to GET / (200)',
      ],
      [
        '_hjSessionUser_123',
        '127.0.0.1',
        'undeclared',
        BEFORE,
        expect.stringMatching(/^document\.cookie in \/legacy\.js:1:\d+$/),
      ],
      [
        '_pk_ses.1.cae2',
        '127.0.0.1',
        'undeclared',
        BEFORE,
        expect.stringMatching(/^document\.cookie in \/legacy\.js:1:\d+$/),
      ],
      [
        '_pk_id.1.cae2',
        '127.0.0.1',
        '_pk_id.* (statistics)',
        BEFORE,
        expect.stringMatching(OWN_SCRIPT),
      ],
      [
        'cookies_preferences',
        '127.0.0.1',
        'cookies_preferences (necessary)',
        '/ (after accepting all)',
        expect.stringMatching(OWN_SCRIPT),
      ],
    ]);
    expect(
      findingLines(stdout).map((l) => /\((error|warning) ([a-z-]+)\)$/.exec(l)?.slice(1)),
    ).toEqual(LEGACY_FINDINGS.map(([severity, code]) => [severity, code]));
    // Opt-out statistics: _pk_id before any choice is no finding.
    expect(stdout).not.toContain('"_pk_id.1.cae2" (statistics) was set without consent');
    // The suggestion carries what the script really wrote: a year, SameSite=Lax.
    expect(stdout).toMatch(
      /"_hjSessionUser_123" was set, but the schema does not declare it\. The Open Cookie Database lists it for Hotjar \(Functional, 365 days\); declare it \(suggestion below\), or stop setting it\. \(seen 5 times\) \(error undeclared-cookie\)\n {2}set by document\.cookie in \/legacy\.js:1:\d+\n {2}suggested declaration \(paste into "cookies"\):\n {4}"_hjSessionUser_\*": \{\n[^}]*"maxAge": "1y",\n {6}"sameSite": "lax"\n {4}\}\n/,
    );
  }, 180_000);

  it('--json with --reject and --har-out: the findings, each pass, every cookie, and a HAR to audit again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cookie-schema-crawl-test-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const har = join(dir, 'site.har');
    const { code, stdout } = await cli([
      'audit',
      SCHEMA,
      '--crawl',
      legacy.url,
      '--reject',
      '--json',
      '--har-out',
      har,
    ]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as {
      findings: AuditFinding[];
      cookies: string[];
      summary: object;
      crawl: {
        passes: { pass: string; pages: { url: string }[]; consent?: { clicked: boolean } }[];
        cookies: CrawledCookie[];
        offSite: unknown[];
      };
    };
    // The reject pass adds: the snippets again on / before the click, and after rejecting
    // (which deletes _pk_id) on / and /cookies, where the snippet writes _pk_id again on /.
    expect(
      report.findings.map((f) => [f.severity, f.code, f.cookie, f.where, f.occurrences]),
    ).toEqual([
      ['error', 'undeclared-cookie', '_hjSessionUser_123', BEFORE, 8],
      ['error', 'undeclared-cookie', '_pk_ses.1.cae2', BEFORE, 8],
      ['warning', 'ambiguous-ocd-name', '_pk_ses.1.cae2', BEFORE, 8],
      ['error', 'missing-secure', '_pk_id.1.cae2', REJECTED, 1],
      ['error', 'no-consent', '_pk_id.1.cae2', REJECTED, 1],
    ]);
    expect(report.findings[0]!.source).toMatch(/^document\.cookie in \/legacy\.js:1:\d+$/);
    expect(report.cookies).toEqual([
      '_hjSessionUser_123',
      '_pk_id.1.cae2',
      '_pk_ses.1.cae2',
      'cookies_preferences',
      'csrftoken',
    ]);
    // Observations: a cookie new in a pass's jar, or written again. Pass 1: 4 on /, _hj and
    // _pk_ses again on /cookies (6). Pass 2: 4 before the click; the choice and _pk_id rewritten
    // by the statistics script; then _hj, _pk_ses and _pk_id on / and on /cookies (12). Pass 3:
    // 4 before the click; the choice; _hj, _pk_ses and _pk_id (deleted by the refusal, written
    // again by the snippet) on /; _hj and _pk_ses on /cookies (10).
    expect(report.summary).toEqual({
      observations: 28,
      cookies: 5,
      errors: 4,
      warnings: 1,
      pages: 2,
    });
    const path = (url: string) => new URL(url).pathname;
    expect(
      report.crawl.passes.map((p) => [p.pass, p.consent?.clicked, p.pages.map((v) => path(v.url))]),
    ).toEqual([
      ['no-choice', undefined, ['/', '/cookies']],
      ['accept-all', true, ['/', '/', '/cookies']],
      ['reject-all', true, ['/', '/', '/cookies']],
    ]);
    const csrftoken = report.crawl.cookies.find((c) => c.name === 'csrftoken')!;
    expect(csrftoken).toMatchObject({
      domain: '127.0.0.1',
      path: '/',
      party: 'first',
      secure: true,
      httpOnly: false,
      sameSite: 'lax',
      declaredAs: 'csrftoken',
      category: 'necessary',
      firstSeen: { pass: 'no-choice', when: 'before any choice', page: legacy.url },
      source: { api: 'set-cookie', url: legacy.url, method: 'GET', status: 200 },
      passes: ['no-choice', 'accept-all', 'reject-all'],
    });
    expect(report.crawl.offSite).toEqual([]);

    // The HAR holds every pass's traffic, and `audit --har` reads it.
    const recorded = JSON.parse(readFileSync(har, 'utf8')) as {
      log: { pages: { id: string; title: string }[]; entries: { request: { url: string } }[] };
    };
    expect(recorded.log.pages.map((p) => p.id.split('/')[0])).toEqual([
      'no-choice',
      'accept-all',
      'reject-all',
    ]);
    expect(recorded.log.pages[2]!.title).toMatch(/^after rejecting all: /);
    expect(recorded.log.entries.filter((e) => path(e.request.url) === '/cookies').length).toBe(3);
    const again = await cli(['audit', SCHEMA, '--har', har, '--json']);
    expect(again.code).toBe(1);
    const reaudit = JSON.parse(again.stdout) as { findings: AuditFinding[] };
    expect(
      reaudit.findings.filter((f) => f.code === 'undeclared-cookie').map((f) => f.cookie),
    ).toEqual(['_hjSessionUser_123', '_pk_ses.1.cae2']);
  }, 180_000);
});

describe('audit --crawl on the example app as it is', () => {
  it('finds nothing to report: csrftoken and opt-out _pk_id at once, the choice after accepting', async () => {
    const { code, stdout, stderr } = await cli(['audit', SCHEMA, '--crawl', app.url, '--reject']);
    expect(code).toBe(0);
    expect(inventory(stdout)).toEqual([
      [
        'csrftoken',
        '127.0.0.1',
        'csrftoken (necessary)',
        BEFORE,
        'Set-Cookie in the response to GET / (200)',
      ],
      [
        '_pk_id.1.cae2',
        '127.0.0.1',
        '_pk_id.* (statistics)',
        BEFORE,
        expect.stringMatching(OWN_SCRIPT),
      ],
      [
        'cookies_preferences',
        '127.0.0.1',
        'cookies_preferences (necessary)',
        '/ (after accepting all)',
        expect.stringMatching(OWN_SCRIPT),
      ],
    ]);
    expect(stdout.endsWith('\n\n')).toBe(true); // no findings after the list
    expect(stderr.split('\n').at(-2)).toBe(
      `✓ crawled 2 pages of ${app.url.slice(0, -1)} (before any choice, after accepting all, after rejecting all): 3 cookies, as ${SCHEMA} declares`,
    );
    // The statistics script (opt-out) reported page views until the visitor objected: every page
    // of the first two passes (on / before and after the click), and / before the click in the
    // third; none after rejecting all.
    expect(app.hits.map((h) => [h.url, h.granted])).toEqual([
      ['/', true],
      ['/cookies', true],
      ['/', true],
      ['/', true],
      ['/cookies', true],
      ['/', true],
    ]);
  }, 180_000);
});

describe('audit --crawl when the site cannot be crawled', () => {
  it('an unreachable URL: says so, audits nothing, exits 1', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const url = `http://127.0.0.1:${port}/`;
    const { code, stdout, stderr } = await cli(['audit', SCHEMA, '--crawl', url]);
    expect([code, stdout]).toEqual([1, '']);
    expect(stderr.split('\n').slice(-3)).toEqual([
      `crawl:   / — not loaded: net::ERR_CONNECTION_REFUSED`,
      `✗ could not crawl ${url}: net::ERR_CONNECTION_REFUSED. Nothing to audit; check the URL and that the site is up.`,
      '',
    ]);
  }, 120_000);
});
