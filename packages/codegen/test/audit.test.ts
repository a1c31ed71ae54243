// `cookie-schema audit` on recorded traffic: the HAR (test/fixtures/audit/app.har, recorded from
// a small app in Chromium by scripts/record-har.ts — see the story there), a Cookie header and a
// Set-Cookie file, through the library and the real CLI.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { auditTraffic } from '../src/audit/audit';
import { observeHar } from '../src/audit/inputs';
import { indexOpenCookieDatabase, parseOpenCookieDatabase } from '../src/audit/ocd';
import type { AuditFinding } from '../src/audit/types';
import { loadSchema } from '../src/schema/load';
import { cliBin, repoRoot } from './helpers';

const exec = promisify(execFile);
const fixtures = join(repoRoot, 'packages/codegen/test/fixtures/audit');
const schemaFile = join(fixtures, 'site.cookies.json');
const ocdDir = resolve(repoRoot, '..', 'shared', 'data', 'open-cookie-database');

async function cli(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await exec(process.execPath, [cliBin, ...args], {
      cwd: fixtures,
      env: { ...process.env, NO_COLOR: '1', COOKIE_SCHEMA_OCD: '', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

type Row = [AuditFinding['severity'], AuditFinding['code'], string | undefined, string, number];
const rows = (findings: AuditFinding[]): Row[] =>
  findings.map((f) => [f.severity, f.code, f.cookie, f.where, f.occurrences]);

const HAR_FINDINGS: Row[] = [
  ['error', 'missing-secure', 'csrftoken', 'app.har entry 1 (GET /) response', 1],
  ['error', 'wrong-samesite', 'csrftoken', 'app.har entry 1 (GET /) response', 1],
  ['error', 'longer-lifetime', 'lang', 'app.har entry 1 (GET /) response', 1],
  ['error', 'no-consent', 'lang', 'app.har entry 1 (GET /) response', 3],
  ['error', 'undeclared-cookie', 'sessionid', 'app.har entry 1 (GET /) response', 3],
  ['warning', 'ambiguous-ocd-name', 'sessionid', 'app.har entry 1 (GET /) response', 3],
  ['error', 'wrong-path', 'cart', 'app.har entry 1 (GET /) response', 1],
  ['error', 'no-consent', '_ga', 'app.har entry 2 (POST /consent) request', 1],
  ['error', 'undeclared-cookie', '_gid', 'app.har entry 3 (GET /api/data) response', 1],
  ['error', 'longer-lifetime', 'theme', 'app.har entry 3 (GET /api/data) response', 1],
  ['error', 'no-consent', 'theme', 'app.har entry 3 (GET /api/data) response', 1],
  ['error', 'no-consent', '_fbp', 'app.har entry 3 (GET /api/data) response', 1],
];

/** A consent record in the runtime's format, made now so that it is within consentMaxAge. */
const consent = (revision: number, categories: string) =>
  `cookies_preferences=1.${revision}.${Date.now().toString(36)}.h..${categories}`;

describe('audit of the recorded HAR', () => {
  it('finds exactly the planted problems', async () => {
    const loaded = await loadSchema(schemaFile);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
    const har = JSON.parse(readFileSync(join(fixtures, 'app.har'), 'utf8'));
    const { observations, entries, problems } = observeHar(har, 'app.har');
    expect([entries, observations.length, problems]).toEqual([3, 23, []]);
    const ocd = indexOpenCookieDatabase(
      parseOpenCookieDatabase(
        readFileSync(join(ocdDir, 'open-cookie-database.json'), 'utf8'),
        'json',
      ),
    );
    // No `now`: every observation of a HAR carries its own time.
    const result = auditTraffic(loaded.schema, observations, { ocd, now: 0 });
    expect(rows(result.findings)).toEqual(HAR_FINDINGS);
    expect(result.cookies).toEqual([
      '_fbp',
      '_ga',
      '_gid',
      'cart',
      'cookies_preferences',
      'csrftoken',
      'lang',
      'old_banner',
      'sessionid',
      'sid',
      'theme',
    ]);
  });

  it('prints each finding with its suggestion and exits 1 (CLI)', async () => {
    const { code, stdout, stderr } = await cli(['audit', 'site.cookies.json', '--har', 'app.har'], {
      COOKIE_SCHEMA_OCD: join(ocdDir, 'open-cookie-database.json'),
    });
    expect(code).toBe(1);
    expect(stderr).toBe('✗ audited 11 cookies in 23 observations: 11 errors, 1 warning\n');
    const findings = stdout.split('\n').filter((l) => !l.startsWith(' ') && l !== '');
    expect(findings.map((l) => /\((error|warning) ([a-z-]+)\)$/.exec(l)?.slice(1))).toEqual(
      HAR_FINDINGS.map(([severity, code]) => [severity, code]),
    );
    expect(stdout).toContain(
      'app.har entry 1 (GET /) response: "sessionid" is ambiguous in the Open Cookie Database: the database lists it only for Instagram, on instagram.com, and it was seen on 127.0.0.1: it is a generic name other software uses too. Check who sets it before using the suggested declaration. (seen 3 times) (warning ambiguous-ocd-name)\n',
    );
    expect(stdout).toContain(
      `app.har entry 3 (GET /api/data) response: "_gid" was set, but the schema does not declare it. The Open Cookie Database lists it for Google Analytics (Analytics, 24 hours); declare it (suggestion below), or stop setting it. (error undeclared-cookie)
  suggested declaration (paste into "cookies"):
    "_gid": {
      "provider": "Google",
      "service": "Google Analytics",
      "category": "statistics",
      "purpose": "ID used to identify users for 24 hours after last activity",
      "maxAge": "1d",
      "sameSite": "lax"
    }
`,
    );
    expect(stdout).toContain(
      'app.har entry 3 (GET /api/data) response: "theme" was set to live 31 days (Expires=',
    );
    expect(stdout).toContain(
      'app.har entry 2 (POST /consent) request: "_ga" (statistics) was sent without consent: the consent cookie records a choice for revision 1, and the policy is at revision 2.',
    );
  });

  it('--json gives the findings and a suggestion whose JSON parses', async () => {
    const { code, stdout } = await cli(
      ['audit', 'site.cookies.json', '--har', 'app.har', '--json'],
      {
        COOKIE_SCHEMA_OCD: join(ocdDir, 'open-cookie-database.csv'),
      },
    );
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { findings: AuditFinding[]; summary: object };
    expect(rows(report.findings)).toEqual(HAR_FINDINGS);
    expect(report.summary).toEqual({ observations: 23, cookies: 11, errors: 11, warnings: 1 });
    const sessionid = report.findings.find(
      (f) => f.code === 'undeclared-cookie' && f.cookie === 'sessionid',
    );
    expect(JSON.parse(`{${sessionid!.suggestion!.json}}`)).toEqual({
      sessionid: {
        provider: 'Meta',
        service: 'Instagram',
        category: 'marketing',
        purpose:
          'This is a performance cookie used to collect data about people logging in and out of the website.',
        maxAge: 'session',
        httpOnly: true,
        sameSite: 'lax',
      },
    });
  });
});

describe('cookie-schema audit --cookie-header', () => {
  it('reports undeclared names (with near misses), missing consent and the sessionid ambiguity', async () => {
    const header = `sessionid=k2v9; ${consent(2, 'necessary~statistics')}; _ga=GA1.1.1.1; theme=dark; Lang=fr`;
    const { code, stdout, stderr } = await cli([
      'audit',
      'site.cookies.json',
      '--cookie-header',
      header,
    ]);
    expect(code).toBe(1);
    expect(stdout.split('\n').filter((l) => l && !l.startsWith(' '))).toEqual([
      'Cookie header: "sessionid" was sent, but the schema does not declare it. The Open Cookie Database lists it for Instagram (Marketing, 1 year); declare it (suggestion below), or stop setting it. (error undeclared-cookie)',
      'Cookie header: "sessionid" is ambiguous in the Open Cookie Database: the database lists it only for Instagram, on instagram.com, and it was seen without a host: it is a generic name other software uses too. Check who sets it before using the suggested declaration. (warning ambiguous-ocd-name)',
      'Cookie header: "theme" (preferences) was sent without consent: the consent cookie grants only necessary, statistics. Write it only once "preferences" is granted — the generated accessors check consent. (error no-consent)',
      'Cookie header: "Lang" was sent, but the schema does not declare it. Did you mean "lang"? Cookie names are case-sensitive. The Open Cookie Database does not know it: declare it with its provider and purpose, or stop setting it. (error undeclared-cookie)',
    ]);
    expect(stderr).toBe('✗ audited 5 cookies in 5 observations: 3 errors, 1 warning\n');
  });

  it('counts a choice for an older revision as no choice', async () => {
    const { code, stdout } = await cli([
      'audit',
      'site.cookies.json',
      '--cookie-header',
      `${consent(1, 'statistics')}; _ga=1`,
    ]);
    expect(code).toBe(1);
    expect(stdout).toBe(
      'Cookie header: "_ga" (statistics) was sent without consent: the consent cookie records a choice for revision 1, and the policy is at revision 2. Write it only once "statistics" is granted — the generated accessors check consent. (error no-consent)\n',
    );
  });

  it('exits 0 when the traffic matches', async () => {
    const header = `sid=1; ${consent(2, 'statistics~preferences')}; _ga=1; _ga_X1=2; lang=fr`;
    const { code, stdout, stderr } = await cli([
      'audit',
      'site.cookies.json',
      '--cookie-header',
      header,
    ]);
    expect([code, stdout, stderr]).toEqual([
      0,
      '',
      '✓ audited 5 cookies in 5 observations: the traffic matches site.cookies.json\n',
    ]);
  });

  it('degrades gracefully without the Open Cookie Database, saying so once', async () => {
    const { code, stdout } = await cli([
      'audit',
      'site.cookies.json',
      '--cookie-header',
      'sessionid=1; _gid=2',
      '--ocd',
      'missing.json',
    ]);
    expect(code).toBe(1);
    expect(stdout).toBe(
      [
        'audit: the Open Cookie Database is not available (not found at missing.json), so no declarations are suggested. Pass --ocd <file> or set COOKIE_SCHEMA_OCD. (warning ocd-unavailable)',
        'Cookie header: "sessionid" was sent, but the schema does not declare it. Declare it, or stop setting it. (error undeclared-cookie)',
        'Cookie header: "_gid" was sent, but the schema does not declare it. Declare it, or stop setting it. (error undeclared-cookie)',
        '',
      ].join('\n'),
    );
  });
});

describe('cookie-schema audit --set-cookie', () => {
  it('checks attributes and consent of one response, file:line for each finding', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cookie-schema-audit-'));
    const file = join(dir, 'response.txt');
    writeFileSync(
      file,
      [
        '# Set-Cookie headers of one response',
        'Set-Cookie: sid=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=1209600',
        `set-cookie: ${consent(2, 'necessary~preferences')}; Path=/; SameSite=Lax; Max-Age=15552000`,
        'lang=fr; Path=/; SameSite=Lax; Max-Age=31536000',
        '',
        '_ga_ABC123=GS1.1; Path=/; SameSite=Lax; Max-Age=34560000',
        'csrftoken=t; Path=/; Domain=example.com; Secure; SameSite=Lax',
        'sid=abc; Path=/; SameSite=Lax',
        'XSRF-TOKEN=t; Path=/; SameSite=Lax',
        'theme=; Path=/; Max-Age=0',
      ].join('\n'),
    );
    const { code, stdout } = await cli(['audit', schemaFile, '--set-cookie', file, '--json'], {
      COOKIE_SCHEMA_OCD: join(ocdDir, 'open-cookie-database.json'),
    });
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { findings: AuditFinding[] };
    expect(
      rows(report.findings).map(([s, c, n, where, o]) => [s, c, n, where.replace(file, 'f'), o]),
    ).toEqual([
      ['error', 'longer-lifetime', '_ga_ABC123', 'f:6', 1],
      ['error', 'no-consent', '_ga_ABC123', 'f:6', 1],
      ['error', 'wrong-domain', 'csrftoken', 'f:7', 1],
      ['error', 'missing-httponly', 'sid', 'f:8', 1],
      ['error', 'undeclared-cookie', 'XSRF-TOKEN', 'f:9', 1],
    ]);
    expect(report.findings[0]!.message).toBe(
      '"_ga_ABC123" was set to live 400 days (Max-Age=34560000), longer than its declared maxAge (13 months). Shorten it where it is set, or declare the real lifetime.',
    );
    expect(report.findings[2]!.message).toBe(
      '"csrftoken" was set with Domain=example.com, but is declared with no domain (host-only). Fix the Domain attribute, or the declaration.',
    );
    expect(report.findings[4]!.suggestion?.notes).toEqual([
      'the database names no provider: replace "Unknown"',
    ]);
  });
});

describe('cookie-schema audit: usage and input errors', () => {
  it('exits 2 without exactly one input, 1 for unreadable input', async () => {
    expect((await cli(['audit', 'site.cookies.json'])).code).toBe(2);
    expect(
      (await cli(['audit', 'site.cookies.json', '--har', 'a', '--set-cookie', 'b'])).code,
    ).toBe(2);
    expect((await cli(['audit', '--har', 'app.har'])).code).toBe(2);
    const missing = await cli(['audit', 'site.cookies.json', '--har', 'nope.har']);
    expect([missing.code, missing.stderr]).toEqual([
      1,
      'nope.har: cannot read the file (ENOENT).\n',
    ]);
    const notHar = await cli(['audit', 'site.cookies.json', '--har', 'site.cookies.json']);
    expect([notHar.code, notHar.stderr]).toEqual([
      1,
      'site.cookies.json: not a HAR file (no log.entries).\n',
    ]);
    expect((await cli(['audit', '--help'])).stdout).toMatch(/^Usage: cookie-schema audit/);
  });
});
