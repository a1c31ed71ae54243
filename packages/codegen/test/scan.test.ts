// The fixture app (test/fixtures/scan-app) has one example of every raw cookie API the scan
// knows, for a declared and an undeclared name, plus names it cannot resolve. Its findings are
// listed here exactly: [file:line:col, severity, code, cookie].
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { collectSourceFiles } from '../src/scan/collect-files';
import { scanFiles } from '../src/scan/scan';
import type { ScanFinding } from '../src/scan/types';
import { loadSchema } from '../src/schema/load';
import { cliBin, repoRoot } from './helpers';

const exec = promisify(execFile);
const app = join(repoRoot, 'packages/codegen/test/fixtures/scan-app');
const schemaFile = join(app, 'site.cookies.json');

type Row = [string, ScanFinding['severity'], ScanFinding['code'], string | undefined];

const WITHOUT_STRICT: Row[] = [
  ['client/browser.ts:7:3', 'error', 'undeclared-cookie', 'tracker_id'],
  ['client/browser.ts:8:3', 'error', 'undeclared-cookie', 'promo_seen'],
  ['client/browser.ts:10:3', 'warning', 'unresolved-cookie-name', undefined],
  ['client/browser.ts:11:3', 'error', 'undeclared-cookie', 'SessionID'],
  ['client/browser.ts:17:9', 'error', 'undeclared-cookie', 'tracker_id'],
  ['client/browser.ts:19:9', 'error', 'undeclared-cookie', 'ad_id'],
  ['client/browser.ts:20:9', 'warning', 'unresolved-cookie-name', undefined],
  ['client/browser.ts:23:9', 'error', 'undeclared-cookie', 'old_banner'],
  ['client/browser.ts:28:3', 'error', 'undeclared-cookie', 'utm_source'],
  ['client/browser.ts:29:3', 'error', 'undeclared-cookie', 'affiliate'],
  ['client/browser.ts:31:3', 'warning', 'unresolved-cookie-name', undefined],
  ['client/browser.ts:33:3', 'error', 'undeclared-cookie', 'utm_source'],
  ['server/express.js:8:3', 'error', 'undeclared-cookie', 'visitor_id'],
  ['server/express.js:10:3', 'error', 'undeclared-cookie', 'tracker_id'],
  ['server/express.js:11:3', 'warning', 'unresolved-cookie-name', undefined],
  ['server/express.js:13:54', 'error', 'undeclared-cookie', 'cart'],
  ['server/express.js:15:33', 'error', 'undeclared-cookie', 'last_page'],
  ['server/express.js:16:3', 'warning', 'unresolved-cookie-name', undefined],
  ['server/fetch.mjs:9:3', 'error', 'undeclared-cookie', 'newsletter'],
  ['server/fetch.mjs:10:29', 'error', 'undeclared-cookie', 'referrer'],
  ['server/fetch.mjs:11:30', 'error', 'undeclared-cookie', 'promo_seen'],
  ['server/fetch.mjs:14:32', 'error', 'undeclared-cookie', 'beta'],
  ['server/fetch.mjs:16:3', 'error', 'undeclared-cookie', 'utm_campaign'],
  ['server/fetch.mjs:17:30', 'error', 'undeclared-cookie', 'visitor_id'],
  ['server/fetch.mjs:19:32', 'error', 'undeclared-cookie', 'cart'],
  ['server/fetch.mjs:21:42', 'warning', 'unresolved-cookie-name', undefined],
  ['server/hono.ts:19:3', 'error', 'undeclared-cookie', '__Secure-visitor'],
  ['server/hono.ts:21:9', 'error', 'undeclared-cookie', 'remember_me'],
  ['server/hono.ts:24:3', 'error', 'undeclared-cookie', 'ref'],
  ['server/hono.ts:27:9', 'error', 'undeclared-cookie', 'remember_me'],
  ['server/hono.ts:28:3', 'error', 'undeclared-cookie', 'tracker_id'],
  ['server/hono.ts:29:3', 'warning', 'unresolved-cookie-name', undefined],
  ['server/hono.ts:31:3', 'error', 'undeclared-cookie', 'font'],
  ['server/legacy.cjs:8:31', 'error', 'undeclared-cookie', 'legacy_pref'],
  ['server/legacy.cjs:10:3', 'error', 'undeclared-cookie', '_gads'],
  ['server/next-route.tsx:7:3', 'error', 'undeclared-cookie', 'cart'],
  ['server/next-route.tsx:9:3', 'error', 'undeclared-cookie', 'promo_seen'],
  ['server/next-route.tsx:13:3', 'warning', 'unresolved-cookie-name', undefined],
  ['server/next-route.tsx:15:3', 'error', 'undeclared-cookie', 'ab_test'],
  ['server/next-route.tsx:16:3', 'error', 'undeclared-cookie', 'ab_test'],
  ['server/next-route.tsx:17:3', 'error', 'undeclared-cookie', 'cart'],
];

const WITH_STRICT: Row[] = [
  ['client/browser.ts:6:3', 'error', 'raw-cookie-api', 'theme'],
  ['client/browser.ts:7:3', 'error', 'undeclared-cookie', 'tracker_id'],
  ['client/browser.ts:8:3', 'error', 'undeclared-cookie', 'promo_seen'],
  ['client/browser.ts:9:3', 'error', 'raw-cookie-api', '_ga_ABC123'],
  ['client/browser.ts:10:3', 'error', 'unresolved-cookie-name', undefined],
  ['client/browser.ts:11:3', 'error', 'undeclared-cookie', 'SessionID'],
  ['client/browser.ts:12:10', 'error', 'raw-cookie-api', undefined],
  ['client/browser.ts:16:9', 'error', 'raw-cookie-api', 'lang'],
  ['client/browser.ts:17:9', 'error', 'undeclared-cookie', 'tracker_id'],
  ['client/browser.ts:18:9', 'error', 'raw-cookie-api', 'lang'],
  ['client/browser.ts:19:9', 'error', 'undeclared-cookie', 'ad_id'],
  ['client/browser.ts:20:9', 'error', 'unresolved-cookie-name', undefined],
  ['client/browser.ts:21:9', 'error', 'raw-cookie-api', undefined],
  ['client/browser.ts:22:9', 'error', 'raw-cookie-api', 'theme'],
  ['client/browser.ts:23:9', 'error', 'undeclared-cookie', 'old_banner'],
  ['client/browser.ts:27:3', 'error', 'raw-cookie-api', 'theme'],
  ['client/browser.ts:28:3', 'error', 'undeclared-cookie', 'utm_source'],
  ['client/browser.ts:29:3', 'error', 'undeclared-cookie', 'affiliate'],
  ['client/browser.ts:30:3', 'error', 'raw-cookie-api', 'lang'],
  ['client/browser.ts:31:3', 'error', 'unresolved-cookie-name', undefined],
  ['client/browser.ts:32:3', 'error', 'raw-cookie-api', 'lang'],
  ['client/browser.ts:33:3', 'error', 'undeclared-cookie', 'utm_source'],
  ['client/browser.ts:34:10', 'error', 'raw-cookie-api', undefined],
  ['server/express.js:7:3', 'error', 'raw-cookie-api', 'sid'],
  ['server/express.js:8:3', 'error', 'undeclared-cookie', 'visitor_id'],
  ['server/express.js:9:3', 'error', 'raw-cookie-api', 'lang'],
  ['server/express.js:10:3', 'error', 'undeclared-cookie', 'tracker_id'],
  ['server/express.js:11:3', 'error', 'unresolved-cookie-name', undefined],
  ['server/express.js:12:3', 'error', 'raw-cookie-api', 'sid'],
  ['server/express.js:13:32', 'error', 'raw-cookie-api', 'theme'],
  ['server/express.js:13:54', 'error', 'undeclared-cookie', 'cart'],
  ['server/express.js:14:24', 'error', 'raw-cookie-api', 'lang'],
  ['server/express.js:15:33', 'error', 'undeclared-cookie', 'last_page'],
  ['server/express.js:16:3', 'error', 'unresolved-cookie-name', undefined],
  ['server/fetch.mjs:7:33', 'error', 'raw-cookie-api', 'sid'],
  ['server/fetch.mjs:8:3', 'error', 'raw-cookie-api', 'theme'],
  ['server/fetch.mjs:9:3', 'error', 'undeclared-cookie', 'newsletter'],
  ['server/fetch.mjs:10:29', 'error', 'undeclared-cookie', 'referrer'],
  ['server/fetch.mjs:11:30', 'error', 'undeclared-cookie', 'promo_seen'],
  ['server/fetch.mjs:12:32', 'error', 'raw-cookie-api', 'sid'],
  ['server/fetch.mjs:13:32', 'error', 'raw-cookie-api', 'theme'],
  ['server/fetch.mjs:14:32', 'error', 'undeclared-cookie', 'beta'],
  ['server/fetch.mjs:15:3', 'error', 'raw-cookie-api', 'lang'],
  ['server/fetch.mjs:16:3', 'error', 'undeclared-cookie', 'utm_campaign'],
  ['server/fetch.mjs:17:30', 'error', 'undeclared-cookie', 'visitor_id'],
  ['server/fetch.mjs:18:30', 'error', 'raw-cookie-api', 'theme'],
  ['server/fetch.mjs:19:32', 'error', 'undeclared-cookie', 'cart'],
  ['server/fetch.mjs:20:15', 'error', 'raw-cookie-api', undefined],
  ['server/fetch.mjs:21:42', 'error', 'unresolved-cookie-name', undefined],
  ['server/hono.ts:17:3', 'error', 'raw-cookie-api', 'theme'],
  ['server/hono.ts:18:3', 'error', 'raw-cookie-api', '__Host-csrf'],
  ['server/hono.ts:19:3', 'error', 'undeclared-cookie', '__Secure-visitor'],
  ['server/hono.ts:20:9', 'error', 'raw-cookie-api', 'sid'],
  ['server/hono.ts:21:9', 'error', 'undeclared-cookie', 'remember_me'],
  ['server/hono.ts:22:3', 'error', 'raw-cookie-api', 'lang'],
  ['server/hono.ts:23:3', 'error', 'raw-cookie-api', '__Host-csrf'],
  ['server/hono.ts:24:3', 'error', 'undeclared-cookie', 'ref'],
  ['server/hono.ts:25:3', 'error', 'raw-cookie-api', undefined],
  ['server/hono.ts:26:9', 'error', 'raw-cookie-api', 'sid'],
  ['server/hono.ts:27:9', 'error', 'undeclared-cookie', 'remember_me'],
  ['server/hono.ts:28:3', 'error', 'undeclared-cookie', 'tracker_id'],
  ['server/hono.ts:29:3', 'error', 'unresolved-cookie-name', undefined],
  ['server/hono.ts:31:3', 'error', 'raw-cookie-api', 'theme'],
  ['server/hono.ts:31:3', 'error', 'raw-cookie-api', 'lang'],
  ['server/hono.ts:31:3', 'error', 'undeclared-cookie', 'font'],
  ['server/hono.ts:32:3', 'error', 'raw-cookie-api', 'theme'],
  ['server/hono.ts:33:3', 'error', 'raw-cookie-api', 'theme'],
  ['server/legacy.cjs:7:31', 'error', 'raw-cookie-api', 'sid'],
  ['server/legacy.cjs:8:31', 'error', 'undeclared-cookie', 'legacy_pref'],
  ['server/legacy.cjs:9:3', 'error', 'raw-cookie-api', 'IDE'],
  ['server/legacy.cjs:10:3', 'error', 'undeclared-cookie', '_gads'],
  ['server/next-route.tsx:6:3', 'error', 'raw-cookie-api', 'lang'],
  ['server/next-route.tsx:7:3', 'error', 'undeclared-cookie', 'cart'],
  ['server/next-route.tsx:8:3', 'error', 'raw-cookie-api', 'lang'],
  ['server/next-route.tsx:9:3', 'error', 'undeclared-cookie', 'promo_seen'],
  ['server/next-route.tsx:11:3', 'error', 'raw-cookie-api', 'sessionid'],
  ['server/next-route.tsx:12:3', 'error', 'raw-cookie-api', 'theme'],
  ['server/next-route.tsx:13:3', 'error', 'unresolved-cookie-name', undefined],
  ['server/next-route.tsx:15:3', 'error', 'undeclared-cookie', 'ab_test'],
  ['server/next-route.tsx:16:3', 'error', 'undeclared-cookie', 'ab_test'],
  ['server/next-route.tsx:17:3', 'error', 'undeclared-cookie', 'cart'],
  ['server/next-route.tsx:18:3', 'error', 'raw-cookie-api', 'lang'],
  ['server/next-route.tsx:19:3', 'error', 'raw-cookie-api', 'theme'],
  ['server/next-route.tsx:24:21', 'error', 'raw-cookie-api', 'theme'],
];

async function scanApp(strict: boolean): Promise<Row[]> {
  const loaded = await loadSchema(schemaFile);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
  const { files } = await collectSourceFiles(['.'], app);
  const inputs = files.map((path) => ({ path, text: readFileSync(join(app, path), 'utf8') }));
  const { findings } = scanFiles(inputs, loaded.schema, { strict });
  return findings.map((f) => [`${f.file}:${f.line}:${f.column}`, f.severity, f.code, f.cookie]);
}

async function cli(args: string[], cwd = app) {
  try {
    const { stdout, stderr } = await exec(process.execPath, [cliBin, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('scan of the fixture app', () => {
  it('finds undeclared and unresolved names', async () => {
    expect(await scanApp(false)).toEqual(WITHOUT_STRICT);
  });

  it('with --strict, finds every raw use', async () => {
    expect(await scanApp(true)).toEqual(WITH_STRICT);
  });

  it('covers every API of the issue with a declared and an undeclared name', async () => {
    const loaded = await loadSchema(schemaFile);
    if (!loaded.ok) throw new Error('schema');
    const { files } = await collectSourceFiles(['.'], app);
    const inputs = files.map((path) => ({ path, text: readFileSync(join(app, path), 'utf8') }));
    const { findings } = scanFiles(inputs, loaded.schema, { strict: true });
    const byApi = new Map<string, Set<string>>();
    for (const f of findings) {
      const api = f.api.replace(/^(?:store|response\.cookies|\(await cookies\(\)\))/, 'cookies()');
      const key = api.replace(
        /^\w+\.(set|append|setHeader|header)\('Set-Cookie'\)$/,
        'Set-Cookie via $1',
      );
      byApi.set(key, (byApi.get(key) ?? new Set()).add(f.code));
    }
    for (const api of [
      'document.cookie',
      'cookieStore.set',
      'cookieStore.get',
      'cookieStore.delete',
      'res.cookie',
      'res.clearCookie',
      'Set-Cookie via setHeader',
      'Set-Cookie via append',
      'Set-Cookie via set',
      'Set-Cookie header',
      'cookies().set',
      'cookies().get',
      'cookies().has',
      'cookies().delete',
      'setCookie',
      'getCookie',
      'deleteCookie',
      'setSignedCookie',
      'getSignedCookie',
      'Cookies.set',
      'Cookies.get',
      'Cookies.remove',
      'serialize',
      'stringifySetCookie',
    ]) {
      expect([api, [...(byApi.get(api) ?? [])].sort()]).toEqual([
        api,
        expect.arrayContaining(['raw-cookie-api', 'undeclared-cookie']),
      ]);
    }
  });
});

describe('cookie-schema scan (CLI)', () => {
  it('prints file:line:col message (severity code) and exits 1 on errors', async () => {
    const { code, stdout, stderr } = await cli(['scan', '.', '--schema', 'site.cookies.json']);
    expect(code).toBe(1);
    const lines = stdout.trimEnd().split('\n');
    expect(
      lines.map((l) => /^(\S+:\d+:\d+) .* \((error|warning) ([a-z-]+)\)$/.exec(l)?.slice(1)),
    ).toEqual(WITHOUT_STRICT.map(([at, severity, code]) => [at, severity, code]));
    expect(lines).toContain(
      'client/browser.ts:11:3 `document.cookie` writes cookie "SessionID", which site.cookies.json does not declare. Did you mean "sessionid"? Cookie names are case-sensitive. Declare it in the schema, or remove this use. (error undeclared-cookie)',
    );
    expect(lines).toContain(
      'server/express.js:11:3 cannot tell which cookie `res.cookie` writes: `req.query.name` is not a constant. Use a declared name as a constant, or the generated accessor. (warning unresolved-cookie-name)',
    );
    expect(stderr).toBe('✗ scanned 8 files, 82 raw cookie uses: 33 errors, 8 warnings\n');
  });

  it('--strict --json prints every finding as JSON', async () => {
    const { code, stdout } = await cli([
      'scan',
      'client',
      'server',
      'common',
      '--schema',
      'site.cookies.json',
      '--strict',
      '--json',
    ]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as {
      findings: ScanFinding[];
      summary: Record<string, number>;
    };
    expect(
      report.findings.map((f) => [`${f.file}:${f.line}:${f.column}`, f.severity, f.code, f.cookie]),
    ).toEqual(WITH_STRICT);
    expect(report.summary).toEqual({ files: 8, uses: 82, errors: 84, warnings: 0 });
  });

  it('exits 0 without findings, and with warnings alone', async () => {
    const ok = await cli(['scan', 'common', '--schema', 'site.cookies.json']);
    expect([ok.code, ok.stdout, ok.stderr]).toEqual([
      0,
      '',
      '✓ scanned 1 file, 0 raw cookie uses: no findings\n',
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'cookie-schema-scan-'));
    writeFileSync(join(dir, 'a.js'), "res.cookie('lang', 'fr');\nres.cookie(name, 'x');\n");
    const warned = await cli(['scan', 'a.js', '--schema', schemaFile], dir);
    expect([warned.code, warned.stderr]).toEqual([
      0,
      '✓ scanned 1 file, 2 raw cookie uses: 1 warning\n',
    ]);
    expect(warned.stdout).toMatch(/^a\.js:2:1 cannot tell which cookie/);
    const strict = await cli(['scan', 'a.js', '--schema', schemaFile, '--strict'], dir);
    expect([strict.code, strict.stderr]).toEqual([
      1,
      '✗ scanned 1 file, 2 raw cookie uses: 2 errors\n',
    ]);
  });

  it('exits 2 on usage errors and 1 on a missing path or an invalid schema', async () => {
    expect((await cli(['scan', '.'])).code).toBe(2);
    expect((await cli(['scan', '--schema', 'site.cookies.json'])).code).toBe(2);
    const missing = await cli(['scan', 'nope', '--schema', 'site.cookies.json']);
    expect([missing.code, missing.stderr]).toEqual([1, 'nope: no such file or directory.\n']);
    const badSchema = await cli(['scan', '.', '--schema', 'client/browser.ts']);
    expect(badSchema.code).toBe(1);
    expect(badSchema.stderr).toMatch(/is not a valid schema/);
    expect((await cli(['scan', '--help'])).stdout).toMatch(/^Usage: cookie-schema scan/);
  });
});
