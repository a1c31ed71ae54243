// The packages as a user gets them: `pnpm pack` of the runtime and the codegen, `npm install` of
// the two tarballs into a new app outside the monorepo (its other dependencies come from the npm
// registry), then the installed CLI in a child process. What only a packed package shows: the
// files it ships (the Open Cookie Database in data/, the JSON Schema, dist/) and the workspace:*
// ranges rewritten to versions.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examples, repoRoot } from './helpers';

const exec = promisify(execFile);
const PNPM = ['-y', 'pnpm@12.4.2'];

let app: string;
let work: string;

async function cli(args: string[]) {
  try {
    const { stdout, stderr } = await exec(
      process.execPath,
      [join(app, 'node_modules/@cookie-schema/codegen/bin/cookie-schema.js'), ...args],
      { cwd: app, env: { ...process.env, NO_COLOR: '1', COOKIE_SCHEMA_OCD: '' } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'cookie-schema-installed-'));
  const packs = join(work, 'packs');
  for (const pkg of ['runtime', 'codegen']) {
    // The build is the test command's job (npm test builds before vitest runs).
    await exec('npx', [...PNPM, 'pack', '--pack-destination', packs], {
      cwd: join(repoRoot, 'packages', pkg),
    });
  }
  app = join(work, 'app');
  await exec('mkdir', ['-p', app]);
  writeFileSync(
    join(app, 'package.json'),
    '{ "name": "app", "private": true, "type": "module" }\n',
  );
  const tarballs = readdirSync(packs).map((f) => join(packs, f));
  await exec('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs], {
    cwd: app,
  });
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed packages, installed with npm in an app outside the monorepo', () => {
  it('ship the Open Cookie Database, and the audit suggests declarations from it', async () => {
    const codegen = join(app, 'node_modules/@cookie-schema/codegen');
    const manifest = JSON.parse(readFileSync(join(codegen, 'package.json'), 'utf8'));
    expect(manifest.dependencies['@cookie-schema/runtime']).toMatch(/^\^?\d+\.\d+\.\d+$/);
    expect(
      readFileSync(join(codegen, 'data/open-cookie-database/open-cookie-database.csv'), 'utf8'),
    ).toMatch(/^ID,Platform,Category,Cookie \/ Data Key name,/);

    writeFileSync(
      join(app, 'site.cookies.json'),
      readFileSync(join(examples, 'opendatasoft.cookies.json'), 'utf8').replace(
        '"../cookie-schema.json"',
        '"./node_modules/@cookie-schema/codegen/cookie-schema.json"',
      ),
    );
    const { code, stdout, stderr } = await cli([
      'audit',
      'site.cookies.json',
      '--cookie-header',
      '_ga=GA1.1.123.456; django_language=fr',
    ]);
    expect(stderr).not.toMatch(/Open Cookie Database is not available/);
    expect(code).toBe(1);
    // `_ga` is Google Analytics' in the database: the suggestion says so, as a declaration.
    expect(stdout).toMatch(/undeclared/);
    expect(stdout).toMatch(/"_ga": \{[^}]*"provider": "Google"/s);
  });

  it('validate and generate work from the installed CLI', async () => {
    const validated = await cli(['validate', 'site.cookies.json']);
    expect([validated.code, validated.stderr + validated.stdout]).toEqual([
      0,
      expect.stringMatching(/valid — 5 cookies in 2 categories/),
    ]);
    const generated = await cli([
      'generate',
      'site.cookies.json',
      '--out',
      'cookies',
      '--name',
      '@app/cookies',
    ]);
    expect(generated.code).toBe(0);
    const pkg = JSON.parse(readFileSync(join(app, 'cookies/package.json'), 'utf8'));
    expect(pkg.name).toBe('@app/cookies');
    // The generated package imports the installed runtime: plain Node runs it.
    const { stdout } = await exec(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { createCookies } = await import('./cookies/dist/server.js');
         const jar = createCookies('django_language=fr');
         console.log(jar.lang.get(), jar.consent.needsPrompt);`,
      ],
      { cwd: app },
    );
    expect(stdout.trim()).toBe('fr true');
  });
});
