// The real CLI (the built bin) in a child process, as users run it.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cliBin, cookie, examples, repoRoot, schemaText } from './helpers';

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

function tempDir() {
  return mkdtempSync(join(tmpdir(), 'cookie-schema-cli-'));
}

describe('cookie-schema validate', () => {
  it.each(['opendatasoft', 'shop'])('accepts the %s example (exit 0)', async (name) => {
    const { code, stdout, stderr } = await cli([
      'validate',
      join(examples, `${name}.cookies.json`),
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/✓ .*: valid — \d+ cookies in \d+ categories/);
  });

  it('prints every error as file:line:col /pointer: message and exits 1', async () => {
    const dir = tempDir();
    const file = join(dir, 'site.cookies.json');
    writeFileSync(
      file,
      schemaText((d) => {
        d.cookies['__Host-x'] = cookie({ domain: 'example.com' });
        d.cookies.sid.maxAge = '2y';
      }),
    );
    const { code, stderr } = await cli(['validate', 'site.cookies.json'], dir);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^site\.cookies\.json:\d+:\d+ \/cookies\/sid\/maxAge: maxAge "2y" is 2 years; browsers cap cookie lifetimes at 400 days .*\(error max-age-cap\)$/m,
    );
    expect(stderr).toMatch(
      /^site\.cookies\.json:\d+:\d+ \/cookies\/__Host-x\/domain: a __Host- cookie must not set domain \(RFC 6265bis 4\.1\.3\.2\)\. Remove "domain"\. \(error host-prefix-domain\)$/m,
    );
    expect(stderr).toMatch(/✗ site\.cookies\.json: 2 errors/);
  });

  it('prints warnings but exits 0', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 's.json'),
      schemaText((d) => {
        d.cookies.SID = cookie({ accessor: 'sid2' });
      }),
    );
    const { code, stderr, stdout } = await cli(['validate', 's.json'], dir);
    expect(code).toBe(0);
    expect(stderr).toMatch(
      /s\.json:\d+:\d+ \/cookies\/SID: .*only by case.*\(warning case-clash\)/,
    );
    expect(stdout).toMatch(/1 warning/);
  });

  it('reports a missing file with exit 1', async () => {
    const { code, stderr } = await cli(['validate', 'nope.json'], tempDir());
    expect(code).toBe(1);
    expect(stderr).toMatch(/^nope\.json:1:1 \/: file not found/);
  });

  it('validates cookies.json when no file is given, as init writes it', async () => {
    const dir = tempDir();
    expect((await cli(['init'], dir)).code).toBe(0);
    const { code, stdout } = await cli(['validate'], dir);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^✓ cookies\.json: valid/);
    const missing = await cli(['validate'], tempDir());
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /^cookies\.json:1:1 \/: file not found\. Check the path, or create a schema with `cookie-schema init`\./,
    );
  });

  it('warns when a schema of several locales gives a text as one plain string', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'site.cookies.json'),
      schemaText((d) => {
        d.cookies.sid.purpose = 'Keeps you signed in.';
        d.categories.statistics.description = 'Counts visits.';
      }),
    );
    const { code, stderr, stdout } = await cli(['validate', 'site.cookies.json'], dir);
    expect(code).toBe(0);
    expect(stderr).toMatch(
      /^site\.cookies\.json:\d+:\d+ \/cookies\/sid\/purpose: "Keeps you signed in\." is one text for every locale: the "fr" policy page shows it as it is\. Give one entry per declared locale, e\.g\. \{ "en": "…", "fr": "…" \} \(repeat the text where it is the same\)\. \(warning untranslated-text\)$/m,
    );
    expect(stderr).toMatch(
      /\/categories\/statistics\/description: .*\(warning untranslated-text\)$/m,
    );
    expect(stdout).toMatch(/valid — .*, 2 warnings/);
  });

  it('validates the GA4 pair _ga and _ga_* without accessor names', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'ga.json'),
      schemaText((d) => {
        d.cookies._ga = cookie({ category: 'statistics', maxAge: '13mo' });
        d.cookies['_ga_*'] = cookie({ category: 'statistics', maxAge: '13mo' });
      }),
    );
    const { code, stderr } = await cli(['validate', 'ga.json'], dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const generated = await cli(['generate', 'ga.json', '--out', 'gen'], dir);
    expect(generated.code).toBe(0);
    const server = readFileSync(join(dir, 'gen', 'dist', 'server.d.ts'), 'utf8');
    expect(server).toContain('readonly ga: $runtime.ServerCookie<string>;');
    expect(server).toContain('readonly gaFamily: $runtime.ServerCookieFamily<string>;');
  });

  it('points a repeated cookie name at the repeat, and says where the first one is', async () => {
    const dir = tempDir();
    const text = schemaText().replace('"sid": {', '"sid": { "provider": "Test" },\n    "sid": {');
    writeFileSync(join(dir, 'dup.json'), text);
    const lines = text.split('\n');
    const first = lines.findIndex((l) => l.includes('"sid": { "provider"')) + 1;
    const { code, stderr } = await cli(['validate', 'dup.json'], dir);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      new RegExp(
        `^dup\\.json:${first + 1}:5 /cookies/sid: duplicate cookie name "sid" \\(first declared at line ${first}\\)`,
        'm',
      ),
    );
  });

  it('says that comments are not JSON, and reports a truncated file once', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'c.json'), schemaText().replace('{', '{\n  // our cookies'));
    const comment = await cli(['validate', 'c.json'], dir);
    expect(comment.code).toBe(1);
    expect(comment.stderr).toBe(
      'c.json:2:3 /: invalid JSON: comments are not allowed: a schema is plain JSON (editors check it against its JSON Schema). Remove the comment. (error invalid-json)\n✗ c.json: 1 error\n',
    );
    const text = schemaText();
    writeFileSync(join(dir, 't.json'), text.slice(0, text.indexOf('"cookies"')));
    const truncated = await cli(['validate', 't.json'], dir);
    expect(truncated.code).toBe(1);
    expect(truncated.stderr).toMatch(
      /^t\.json:\d+:\d+ \/: invalid JSON: the file ends before the JSON is complete \(is it truncated\?\)/,
    );
    expect(truncated.stderr.match(/invalid JSON/g)).toHaveLength(1);
  });

  it('exits 2 on usage errors', async () => {
    expect((await cli(['validate', 'a', 'b'])).code).toBe(2);
    expect((await cli(['validate', '--nope', 'a'])).code).toBe(2);
    const unknown = await cli(['valdate', 'a']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "valdate"\. Did you mean "validate"\?/);
    expect((await cli([])).code).toBe(2);
  });

  it('has --help on each command', async () => {
    const help = await cli(['validate', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: cookie-schema validate/);
    expect((await cli(['init', '--help'])).stdout).toMatch(/Usage: cookie-schema init/);
    expect((await cli(['--help'])).stdout).toMatch(/Commands:/);
  });
});

describe('cookie-schema init', () => {
  it('writes a starting schema that validates', async () => {
    const dir = tempDir();
    const init = await cli(
      ['init', 'site.cookies.json', '--name', 'Acme', '--locales', 'en,fr'],
      dir,
    );
    expect(init.code).toBe(0);
    const doc = JSON.parse(readFileSync(join(dir, 'site.cookies.json'), 'utf8'));
    expect(Object.keys(doc.categories)).toEqual([
      'necessary',
      'preferences',
      'statistics',
      'marketing',
    ]);
    expect(doc.cookies[doc.consentCookie].value.type).toBe('consent');
    expect(doc.policy.locales).toEqual(['en', 'fr']);
    const validate = await cli(['validate', 'site.cookies.json'], dir);
    expect(validate.stderr).toBe('');
    expect(validate.code).toBe(0);
  });

  it('writes an entry per locale, so that validate has nothing to warn about', async () => {
    const dir = tempDir();
    const init = await cli(['init', '--name', 'Acme', '--locales', 'en,de'], dir);
    expect(init.code).toBe(0);
    expect(init.stdout).not.toMatch(/note:/);
    const doc = JSON.parse(readFileSync(join(dir, 'cookies.json'), 'utf8'));
    expect(doc.categories.statistics.description).toEqual({
      en: 'Help us understand how the site is used, anonymously.',
      de: 'Helfen uns, anonym zu verstehen, wie die Website genutzt wird.',
    });
    expect(doc.cookies.session.purpose.de).toBe('Hält Sie von Seite zu Seite angemeldet.');
    const validate = await cli(['validate'], dir);
    expect(validate.stderr).toBe('');
    expect(validate.code).toBe(0);
    const page = await cli(['policy', '--locale', 'de'], dir);
    expect(page.stdout).toContain('Hält Sie von Seite zu Seite angemeldet.');
    expect(page.stdout).not.toContain('Keeps you signed in');
  });

  it('starts a locale it cannot translate from English, and says so', async () => {
    const dir = tempDir();
    const init = await cli(['init', '--locales', 'en,fr,pl'], dir);
    expect(init.stdout).toMatch(/note: the "pl" entries are in English: translate them\./);
    const doc = JSON.parse(readFileSync(join(dir, 'cookies.json'), 'utf8'));
    expect(doc.cookies.cookie_consent.purpose).toEqual({
      en: 'Remembers your choice regarding cookies.',
      fr: 'Retient votre choix en matière de cookies.',
      pl: 'Remembers your choice regarding cookies.',
    });
    expect((await cli(['validate'], dir)).stderr).toBe('');
  });

  it('refuses to overwrite without --force', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'cookies.json'), '{}');
    const again = await cli(['init'], dir);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists\. Pass --force/);
    expect(readFileSync(join(dir, 'cookies.json'), 'utf8')).toBe('{}');
    expect((await cli(['init', '--force'], dir)).code).toBe(0);
  });
});
