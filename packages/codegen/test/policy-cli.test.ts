// `cookie-schema policy | diff | export` as users run them: the built bin in a child process
// (build first: pnpm --filter @cookie-schema/codegen build).
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cliBin, cookie, type Doc, examples, plainTexts, repoRoot, schemaText } from './helpers';

const exec = promisify(execFile);

async function cli(args: string[], cwd = repoRoot) {
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

const tempDir = () => mkdtempSync(join(tmpdir(), 'cookie-schema-policy-cli-'));
const opendatasoft = join(examples, 'opendatasoft.cookies.json');
const shop = join(examples, 'shop.cookies.json');

function writeSchema(dir: string, file: string, edit: (d: Doc) => void = () => {}): string {
  const path = join(dir, file);
  writeFileSync(path, schemaText(edit));
  return path;
}

describe('cookie-schema policy', () => {
  it('prints Markdown in the first locale by default', async () => {
    const { code, stdout, stderr } = await cli(['policy', opendatasoft]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^# Cookie policy — Opendatasoft platform\n/);
    expect(stdout).toContain(
      '| Opendatasoft | Authentication (front and back office) | sessionid | Remembering the user from one page to another. | 2 weeks |',
    );
  });

  it('renders HTML in another locale', async () => {
    const { code, stdout } = await cli([
      'policy',
      opendatasoft,
      '--format',
      'html',
      '--locale',
      'fr',
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('<html lang="fr" dir="ltr">');
    expect(stdout).toContain('<th scope="col">Nom du cookie</th>');
  });

  it('prints the policy data as JSON', async () => {
    const { code, stdout } = await cli(['policy', shop, '--format', 'json']);
    expect(code).toBe(0);
    const data = JSON.parse(stdout);
    expect(data).toMatchObject({ name: 'Acme Shop', revision: 3, locales: ['en', 'de'] });
  });

  it('writes --out atomically and leaves no temporary file', async () => {
    const dir = tempDir();
    const out = join(dir, 'cookies.html');
    writeFileSync(out, 'old content');
    const { code, stdout } = await cli(['policy', shop, '--format', 'html', '--out', out]);
    expect(code).toBe(0);
    expect(stdout).toBe(`✓ wrote ${out} (html, en)\n`);
    expect(readFileSync(out, 'utf8')).toMatch(/^<!doctype html>/);
    expect(readdirSync(dir)).toEqual(['cookies.html']);
  });

  it('creates the folder of --out, as generate does', async () => {
    const dir = tempDir();
    const out = join(dir, 'public', 'legal', 'cookies.fr.html');
    const { code, stdout, stderr } = await cli(
      ['policy', opendatasoft, '--format', 'html', '--locale', 'fr', '--out', out],
      dir,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(`✓ wrote ${out} (html, fr)\n`);
    expect(readFileSync(out, 'utf8')).toContain('<html lang="fr" dir="ltr">');
  });

  it('exits 1 when --out cannot be written', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'public'), 'a file, not a folder');
    const { code, stderr } = await cli(['policy', shop, '--out', join(dir, 'public', 'x.md')]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/✗ cannot write .*x\.md: a part of its directory path is a file\./);
  });

  it('reads cookies.json when no schema is given', async () => {
    const dir = tempDir();
    writeSchema(dir, 'cookies.json');
    const { code, stdout } = await cli(['policy'], dir);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^# Cookie policy — Test site\n/);
    const missing = await cli(['policy'], tempDir());
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^cookies\.json:1:1 \/: file not found/);
  });

  it('exits 2 for a locale the schema does not declare, listing its locales', async () => {
    const { code, stderr } = await cli(['policy', opendatasoft, '--locale', 'de']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^unknown locale "de": .*opendatasoft\.cookies\.json declares en, fr\./);
    expect(stderr).toContain('Usage: cookie-schema policy');
  });

  it('exits 2 for an unknown format', async () => {
    const { code, stderr } = await cli(['policy', opendatasoft, '--format', 'pdf']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown format "pdf"; expected one of: md, html, json\./);
  });

  it('prints diagnostics like validate and exits 1 for an invalid schema', async () => {
    const dir = tempDir();
    writeSchema(dir, 'bad.json', (d) => {
      d.cookies.sid.maxAge = '2y';
    });
    const { code, stdout, stderr } = await cli(['policy', 'bad.json'], dir);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^bad\.json:\d+:\d+ \/cookies\/sid\/maxAge: .*\(error max-age-cap\)$/m);
    expect(stderr).toMatch(/✗ bad\.json: 1 error/);
  });

  it('notes when a locale has no built-in page text', async () => {
    const dir = tempDir();
    writeSchema(dir, 'es.json', (d) => {
      plainTexts(d);
      d.policy.locales = ['es'];
      d.categories.statistics.title = 'Estadísticas';
      d.cookies.sid.purpose = 'Sesión.';
    });
    const { code, stdout, stderr } = await cli(['policy', 'es.json'], dir);
    expect(code).toBe(0);
    expect(stderr).toMatch(/note: no built-in page text for "es"/);
    expect(stdout).toContain('| Test | Sign-in | sid | Sesión. | 2 semanas |');
  });
});

describe('cookie-schema diff', () => {
  const addAnalytics = (d: Doc) => {
    d.cookies.visits = cookie({ category: 'statistics', provider: 'Stats Co', maxAge: '13mo' });
  };

  it('exits 1 when fresh consent is needed and the revision was not bumped', async () => {
    const dir = tempDir();
    writeSchema(dir, 'old.json');
    writeSchema(dir, 'new.json', addAnalytics);
    const { code, stdout, stderr } = await cli(['diff', 'old.json', 'new.json'], dir);
    expect(code).toBe(1);
    expect(stdout).toBe(
      'old.json → new.json: 1 change\n  + visits added to statistics (Stats Co, 13 months) — needs consent: statistics needs consent and no stored choice covers this cookie\n',
    );
    expect(stderr).toBe(
      '✗ fresh consent needed (1 change) but policy.revision is still 1: bump policy.revision to 2 in new.json so that visitors are asked again.\n',
    );
  });

  it('exits 0 once the revision is bumped', async () => {
    const dir = tempDir();
    writeSchema(dir, 'old.json');
    writeSchema(dir, 'new.json', (d) => {
      addAnalytics(d);
      d.policy.revision = 2;
    });
    const { code, stdout, stderr } = await cli(['diff', 'old.json', 'new.json'], dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /✓ fresh consent needed \(1 change\), and policy\.revision was bumped \(revision 1 → 2\)/,
    );
  });

  it('exits 0 for changes that need no consent', async () => {
    const dir = tempDir();
    writeSchema(dir, 'old.json');
    writeSchema(dir, 'new.json', (d) => {
      d.cookies.sid.maxAge = '1w';
      d.cookies.sid.sameSite = 'strict';
    });
    const { code, stdout } = await cli(['diff', 'old.json', 'new.json'], dir);
    expect(code).toBe(0);
    expect(stdout).toContain('  ~ sid shortened: 2 weeks → 1 week\n');
    expect(stdout).toContain('  ~ sid sameSite: lax → strict\n');
    expect(stdout).toMatch(/✓ no change needs fresh consent \(revision 1 → 1\)\.\n$/);
  });

  it('says so when nothing changed', async () => {
    const { code, stdout } = await cli(['diff', shop, shop]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/no changes for users \(revision 3 → 3\)\.\n$/);
  });

  it('prints JSON with --json, with the same exit code', async () => {
    const dir = tempDir();
    writeSchema(dir, 'old.json');
    writeSchema(dir, 'new.json', addAnalytics);
    const { code, stdout } = await cli(['diff', 'old.json', 'new.json', '--json'], dir);
    expect(code).toBe(1);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({
      old: 'old.json',
      new: 'new.json',
      consentNeeded: true,
      ok: false,
      suggestedRevision: 2,
      revision: { from: 1, to: 1, bumped: false },
    });
    expect(result.changes[0]).toMatchObject({
      kind: 'cookie-added',
      cookie: 'visits',
      needsConsent: true,
    });
  });

  it('exits 1 for an invalid schema and 2 without two files', async () => {
    const dir = tempDir();
    writeSchema(dir, 'old.json');
    writeFileSync(join(dir, 'broken.json'), '{');
    expect((await cli(['diff', 'old.json', 'broken.json'], dir)).code).toBe(1);
    const usage = await cli(['diff', 'old.json'], dir);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^diff takes exactly two schema files/);
  });
});

describe('cookie-schema export', () => {
  it('writes the vanilla-cookieconsent module', async () => {
    const { code, stdout } = await cli(['export', shop, '--to', 'vanilla-cookieconsent']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\/\/ Generated by cookie-schema from shop\.cookies\.json/);
    expect(stdout).toContain('{ name: /^_ga_/ }');
  });

  it('writes the CSV in the chosen locale to --out', async () => {
    const out = join(tempDir(), 'cookies.csv');
    const { code } = await cli([
      'export',
      opendatasoft,
      '--to',
      'csv',
      '--locale',
      'fr',
      '--out',
      out,
    ]);
    expect(code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain(
      ",sessionid,,Se souvenir de l'utilisateur d'une page à l'autre.,2 semaines,",
    );
  });

  it('creates the folder of --out, and reads cookies.json when no schema is given', async () => {
    const dir = tempDir();
    writeSchema(dir, 'cookies.json');
    const { code, stderr } = await cli(['export', '--to', 'csv', '--out', 'out/csv/c.csv'], dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(readFileSync(join(dir, 'out', 'csv', 'c.csv'), 'utf8')).toContain(',sid,');
  });

  it('exits 2 for an unknown or missing format, listing the formats', async () => {
    const unknown = await cli(['export', shop, '--to', 'onetrust']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /^unknown format "onetrust"; formats: vanilla-cookieconsent, csv\./,
    );
    const missing = await cli(['export', shop]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^missing --to <format>; formats: vanilla-cookieconsent, csv\./);
  });

  it('exits 2 for an undeclared locale', async () => {
    const { code, stderr } = await cli(['export', shop, '--to', 'csv', '--locale', 'fr']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown locale "fr": .* declares en, de\./);
  });
});
