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

  it('exits 2 on usage errors', async () => {
    expect((await cli(['validate'])).code).toBe(2);
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
