// `cookie-schema audit` on recorded traffic: the HAR (test/fixtures/audit/app.har, recorded in
// Chromium from the example app in legacy mode by scripts/record-har.ts — see the journey there),
// audited against the reference schema; a Cookie header and a Set-Cookie file against
// test/fixtures/audit/site.cookies.json; through the library and the real CLI.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
/** The schema of the example app that app.har was recorded from. */
const appSchemaFile = join(repoRoot, 'schemas/examples/opendatasoft.cookies.json');
/** The Open Cookie Database as it ships in the package (what the CLI reads by default). */
const ocdCsv = join(
  repoRoot,
  'packages/codegen/data/open-cookie-database/open-cookie-database.csv',
);
/** A six-platform cut of the upstream JSON release, for `--ocd <file.json>`. */
const ocdJsonSample = join(
  repoRoot,
  'packages/codegen/test/fixtures/ocd/open-cookie-database.sample.json',
);

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

// What the legacy mode of the example app plants (scripts/record-har.ts): the Hotjar and Matomo
// snippets' cookies, sent from entry 4 on (26 requests; _pk_id in 23, 7 of them with consent), and
// Django's set_language view in entry 12. Statistics are opt-out in the reference schema
// (anonymous audience measurement): _pk_id needs no consent before a choice, and is flagged only
// where it is sent after the visitor objected (the snippet wrote it again after the withdrawal).
const LOGIN = 'app.har entry 4 (POST /login) request';
const SETLANG = 'app.har entry 12 (POST /i18n/setlang/) response';
const AFTER_OBJECTION = 'app.har entry 26 (POST /logout) request';
const HAR_FINDINGS: Row[] = [
  ['error', 'undeclared-cookie', '_hjSessionUser_123', LOGIN, 26],
  ['error', 'undeclared-cookie', '_pk_ses.1.cae2', LOGIN, 26],
  ['warning', 'ambiguous-ocd-name', '_pk_ses.1.cae2', LOGIN, 26],
  ['error', 'missing-secure', 'django_language', SETLANG, 1],
  ['error', 'wrong-samesite', 'django_language', SETLANG, 1],
  ['error', 'longer-lifetime', 'django_language', SETLANG, 1],
  ['error', 'no-consent', '_pk_id.1.cae2', AFTER_OBJECTION, 4],
];

/** A consent record in the runtime's format, made now so that it is within consentMaxAge. */
const consent = (revision: number, categories: string) =>
  `cookies_preferences=1.${revision}.${Date.now().toString(36)}.h..${categories}`;

describe('audit of the HAR recorded from the example app', () => {
  it('finds exactly the planted problems, and nothing in what the app itself does', async () => {
    const loaded = await loadSchema(appSchemaFile);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
    const har = JSON.parse(readFileSync(join(fixtures, 'app.har'), 'utf8'));
    const { observations, entries, problems } = observeHar(har, 'app.har');
    expect([entries, observations.length, problems]).toEqual([29, 166, []]);
    const ocd = indexOpenCookieDatabase(
      parseOpenCookieDatabase(readFileSync(ocdCsv, 'utf8'), 'csv'),
    );
    // No `now`: every observation of a HAR carries its own time.
    const result = auditTraffic(loaded.schema, observations, { ocd, now: 0 });
    expect(rows(result.findings)).toEqual(HAR_FINDINGS);
    expect(result.cookies).toEqual([
      '_hjSessionUser_123',
      '_pk_id.1.cae2',
      '_pk_ses.1.cae2',
      'cookies_preferences',
      'csrftoken',
      'django_language',
      'sessionid',
    ]);
    // The same traffic without the legacy snippets' cookies and the set_language exchange: the
    // app's own cookies (_pk_id only where the page wrote it with consent) pass.
    const setlang = observations.find((o) => o.where.startsWith(SETLANG.replace(' response', '')))!;
    const consented = new Set(
      observations
        .filter((o) => o.name === 'cookies_preferences' && /~statistics$/.test(o.value))
        .map((o) => o.exchange),
    );
    const own = observations.filter(
      (o) =>
        !['_hjSessionUser_123', '_pk_ses.1.cae2'].includes(o.name) &&
        o.exchange !== setlang.exchange &&
        (o.name !== '_pk_id.1.cae2' || consented.has(o.exchange)),
    );
    expect(own.filter((o) => o.name === '_pk_id.1.cae2')).toHaveLength(7);
    expect(auditTraffic(loaded.schema, own, { ocd, now: 0 }).findings).toEqual([]);
  });

  it('prints each finding with its suggestion and exits 1 (CLI)', async () => {
    // No --ocd and no COOKIE_SCHEMA_OCD: the copy that ships in the package.
    const { code, stdout, stderr } = await cli(['audit', appSchemaFile, '--har', 'app.har']);
    expect(code).toBe(1);
    expect(stderr).toBe('✗ audited 7 cookies in 166 observations: 6 errors, 1 warning\n');
    const findings = stdout.split('\n').filter((l) => !l.startsWith(' ') && l !== '');
    expect(findings.map((l) => /\((error|warning) ([a-z-]+)\)$/.exec(l)?.slice(1))).toEqual(
      HAR_FINDINGS.map(([severity, code]) => [severity, code]),
    );
    expect(stdout).toContain(
      `${LOGIN}: "_hjSessionUser_123" was sent, but the schema does not declare it. The Open Cookie Database lists it for Hotjar (Functional, 365 days); declare it (suggestion below), or stop setting it. (seen 26 times) (error undeclared-cookie)
  suggested declaration (paste into "cookies"):
    "_hjSessionUser_*": {
      "provider": "Hotjar",
      "service": "Hotjar",
      "category": "functional",
      "purpose": "Hotjar cookie that is set when a user first lands on a page with the Hotjar script. It is used to persist the Hotjar User ID, unique to that site on the browser. This ensures that behavior in subsequent visits to the same site will be attributed to the same user ID.",
      "maxAge": "365d"
    }
  note: the schema has no category for the database's "Functional": add a "functional" category or choose another
`,
    );
    expect(stdout).toContain(
      `${AFTER_OBJECTION}: "_pk_id.1.cae2" (statistics, opt-out) was sent after the visitor objected: the consent cookie grants only necessary. Stop writing it once "statistics" is revoked — the generated accessors check consent. (seen 4 times) (error no-consent)\n`,
    );
    expect(stdout).toContain(
      `${LOGIN}: "_pk_ses.1.cae2" is ambiguous in the Open Cookie Database: 2 platforms list it (Piwik, Matomo). Check who sets it before using the suggested declaration. (seen 26 times) (warning ambiguous-ocd-name)\n`,
    );
    expect(stdout).toContain(
      `${SETLANG}: "django_language" was set without Secure, but is declared secure (schema /cookies/django_language). Add Secure where it is set. (error missing-secure)\n`,
    );
    expect(stdout).toContain(
      `${SETLANG}: "django_language" was set to live 2 years (Max-Age=63072000), longer than its declared maxAge (1 year). Shorten it where it is set, or declare the real lifetime. (error longer-lifetime)\n`,
    );
  });

  it('--json gives the findings and a suggestion whose JSON parses', async () => {
    const { code, stdout } = await cli(['audit', appSchemaFile, '--har', 'app.har', '--json'], {
      COOKIE_SCHEMA_OCD: ocdJsonSample,
    });
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { findings: AuditFinding[]; summary: object };
    expect(rows(report.findings)).toEqual(HAR_FINDINGS);
    expect(report.summary).toEqual({ observations: 166, cookies: 7, errors: 6, warnings: 1 });
    const session = report.findings.find(
      (f) => f.code === 'undeclared-cookie' && f.cookie === '_pk_ses.1.cae2',
    );
    expect(JSON.parse(`{${session!.suggestion!.json}}`)).toEqual({
      '_pk_ses.*': {
        provider: 'Piwik',
        service: 'Piwik',
        category: 'statistics',
        purpose:
          'Shows the visitor’s active session. If the cookie doesn’t exist, it means that the session ended more than 30 minutes ago and was counted in the _pk_id cookie.',
        maxAge: '30m',
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
        'cart=2; Path=/shop; SameSite=Lax; Max-Age=604800',
        `theme=dark; Path=/; SameSite=Lax; Expires=${new Date(Date.now() + 31 * 86_400_000).toUTCString()}`,
      ].join('\n'),
    );
    const { code, stdout } = await cli(['audit', schemaFile, '--set-cookie', file, '--json'], {
      COOKIE_SCHEMA_OCD: ocdCsv,
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
      ['error', 'wrong-path', 'cart', 'f:11', 1],
      ['error', 'longer-lifetime', 'theme', 'f:12', 1],
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
    expect(report.findings[5]!.message).toBe(
      '"cart" was set with Path=/shop, but is declared with path "/". Set Path=/, or change the declaration.',
    );
    expect(report.findings[6]!.message).toMatch(
      /^"theme" was set to live (26783\d\d seconds|31 days) \(Expires=[^)]+ GMT\), longer than its declared maxAge \(1 month\)\. Shorten it where it is set, or declare the real lifetime\.$/,
    );
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
