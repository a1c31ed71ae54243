// The generator: committed example packages are what it generates (golden files checked with the
// real CLI's --check), output is deterministic, and a failed run leaves the previous output intact.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { emitPackage } from '../src/generate/index';
import { loadSchema } from '../src/schema/load';
import { cliBin, repoRoot, schemaText } from './helpers';

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

const EXAMPLES = [
  ['opendatasoft', '@examples/opendatasoft-cookies'],
  ['shop', '@examples/shop-cookies'],
] as const;

const args = (name: string, pkg: string) => [
  'generate',
  `schemas/examples/${name}.cookies.json`,
  '--out',
  `examples/generated/${name}`,
  '--name',
  pkg,
  '--runtime',
  'workspace:*',
];

describe('committed example packages (golden files)', () => {
  it.each(EXAMPLES)('examples/generated/%s is up to date (generate --check)', async (name, pkg) => {
    const { code, stdout, stderr } = await cli([...args(name, pkg), '--check']);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/is up to date/);
    expect(code).toBe(0);
  });

  it.each(EXAMPLES)(
    'the pure pipeline reproduces examples/generated/%s byte for byte',
    async (name, pkg) => {
      const loaded = await loadSchema(`schemas/examples/${name}.cookies.json`);
      if (!loaded.ok) throw new Error('invalid example');
      const files = emitPackage(loaded.schema, {
        name: pkg,
        runtime: 'workspace:*',
        command: `cookie-schema ${args(name, pkg).join(' ')}`,
      });
      expect([...files.keys()]).toEqual([
        'README.md',
        'dist/banner.d.ts',
        'dist/banner.js',
        'dist/client.d.ts',
        'dist/client.js',
        'dist/policy.d.ts',
        'dist/policy.js',
        'dist/production/banner.js',
        'dist/production/client.js',
        'dist/production/shared.js',
        'dist/server.d.ts',
        'dist/server.js',
        'dist/shared.d.ts',
        'dist/shared.js',
        'package.json',
        'src/banner.ts',
        'src/client.ts',
        'src/policy.ts',
        'src/server.ts',
        'src/shared.ts',
      ]);
      for (const [path, text] of files) {
        expect(text, path).toBe(
          readFileSync(join(repoRoot, 'examples/generated', name, path), 'utf8'),
        );
      }
    },
  );
});

describe('the production build of the browser modules', () => {
  const shop = (build: string) =>
    import(join(repoRoot, 'examples/generated/shop/dist', build, 'shared.js'));

  it('gives codes where the development build gives messages, and the same verdicts', async () => {
    const [development, production] = await Promise.all([shop(''), shop('production')]);
    const cases: [string, unknown][] = [
      ['checkCart', { items: [{ sku: 'x', qty: 1 }], currency: 'EUR' }],
      ['checkCart', { items: [{ sku: 'SKU-1', qty: 120 }], currency: 'EUR' }],
      ['checkCart', { items: [], currency: 'EUR', extra: 1 }],
      ['checkCart', { items: [{ sku: 'SKU-1', qty: 2 }], currency: 'EUR' }],
      ['checkCurrency', 'XXX'],
      ['checkCurrency', 'USD'],
      ['checkGa', 'GA1.1.2'],
      ['checkGa', 42],
    ];
    const verdicts = cases.map(([check, value]) => [
      development[check](value),
      production[check](value),
    ]);
    expect(verdicts).toEqual([
      [
        'value/items/0/sku: expected to match /^[A-Z0-9-]{3,32}$/, received "x"',
        'value/items/0/sku: pattern',
      ],
      ['value/items/0/qty: expected at most 99, received 120', 'value/items/0/qty: max'],
      ['value/extra: unexpected property', 'value/extra: unexpected'],
      [undefined, undefined],
      ['expected one of "EUR", "USD", "GBP", received "XXX"', 'invalid-value'],
      [undefined, undefined],
      [
        'expected a string matching /^GA1\\.\\d+\\.\\d+\\.\\d+$/u, received "GA1.1.2"',
        'invalid-value',
      ],
      ['expected a string, received 42', 'invalid-value'],
    ]);
  });

  it('is what a browser bundle resolves, and the page and its banner share one client', () => {
    const manifest = JSON.parse(
      readFileSync(join(repoRoot, 'examples/generated/shop/package.json'), 'utf8'),
    );
    expect(manifest.exports['./client']).toEqual({
      types: './dist/client.d.ts',
      development: './dist/client.js',
      node: './dist/client.js',
      default: './dist/production/client.js',
    });
    expect(manifest.exports['./banner'].default).toBe('./dist/production/banner.js');
    const banner = readFileSync(
      join(repoRoot, 'examples/generated/shop/dist/production/banner.js'),
      'utf8',
    );
    expect(banner).toMatch(/from '\.\/client\.js'/);
  });
});

describe('generate', () => {
  it('defaults to cookies.json, ./cookies and the package name "cookies"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cookie-schema-gen-'));
    writeFileSync(join(dir, 'cookies.json'), schemaText());
    const { code, stdout } = await cli(['generate'], dir);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^✓ generated cookies in cookies \(/);
    const manifest = JSON.parse(readFileSync(join(dir, 'cookies', 'package.json'), 'utf8'));
    expect(manifest.name).toBe('cookies');
    expect(readFileSync(join(dir, 'cookies', 'src', 'server.ts'), 'utf8')).toContain(
      '  cookie-schema generate cookies.json --out cookies --name cookies\n',
    );
    writeFileSync(join(dir, 'site.cookies.json'), schemaText());
    await cli(['generate', 'site.cookies.json', '--out', 'site'], dir);
    expect(JSON.parse(readFileSync(join(dir, 'site', 'package.json'), 'utf8')).name).toBe(
      'site-cookies',
    );
  });

  it('is deterministic: two runs give the same files', async () => {
    const loaded = await loadSchema('schemas/examples/shop.cookies.json');
    if (!loaded.ok) throw new Error('invalid example');
    const a = emitPackage(loaded.schema, { name: 'x', command: 'c' });
    const b = emitPackage(loaded.schema, { name: 'x', command: 'c' });
    expect([...a]).toEqual([...b]);
    for (const text of a.values()) expect(text).not.toMatch(/20\d\d-\d\d-\d\dT/);
  });

  it('--check exits 1 and names the stale files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-gen-'));
    cpSync(join(repoRoot, 'examples/generated/opendatasoft'), join(dir, 'out'), {
      recursive: true,
    });
    writeFileSync(join(dir, 'out/src/client.ts'), '// edited by hand\n');
    writeFileSync(join(dir, 'out/dist/extra.js'), '');
    cpSync(join(repoRoot, 'schemas/examples/opendatasoft.cookies.json'), join(dir, 's.json'));
    const { code, stderr } = await cli(
      [
        'generate',
        's.json',
        '--out',
        'out',
        '--name',
        '@examples/opendatasoft-cookies',
        '--runtime',
        'workspace:*',
        '--check',
      ],
      dir,
    );
    expect(code).toBe(1);
    expect(stderr).toContain('out/src/client.ts');
    expect(stderr).toContain('out/dist/extra.js');
    expect(stderr).toMatch(/Run: cookie-schema generate s\.json --out out/);
  });

  it('writes a package, then only what changed, and removes stale generated files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-gen-'));
    writeFileSync(join(dir, 's.json'), schemaText());
    const first = await cli(['generate', 's.json', '--out', 'pkg', '--name', '@t/cookies'], dir);
    expect(first.stdout).toMatch(/20 files written, 0 unchanged/);
    const manifest = JSON.parse(readFileSync(join(dir, 'pkg/package.json'), 'utf8'));
    expect(manifest.exports['./server']).toEqual({
      types: './dist/server.d.ts',
      default: './dist/server.js',
    });
    expect(manifest.sideEffects).toBe(false);
    expect(manifest.dependencies['@cookie-schema/runtime']).toBe('^0.1.0');
    writeFileSync(join(dir, 'pkg/dist/old.js'), '');
    const second = await cli(['generate', 's.json', '--out', 'pkg', '--name', '@t/cookies'], dir);
    expect(second.stdout).toMatch(/0 files written, 20 unchanged, 1 removed/);
  });

  it('a failed generate (invalid schema) leaves the previous package intact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-gen-'));
    writeFileSync(join(dir, 's.json'), schemaText());
    await cli(['generate', 's.json', '--out', 'pkg', '--name', '@t/cookies'], dir);
    const before = readFileSync(join(dir, 'pkg/src/server.ts'), 'utf8');
    writeFileSync(
      join(dir, 's.json'),
      schemaText((d) => {
        d.cookies.sid.maxAge = '2y';
      }),
    );
    const failed = await cli(['generate', 's.json', '--out', 'pkg', '--name', '@t/cookies'], dir);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/s\.json:\d+:\d+ \/cookies\/sid\/maxAge: .*400 days/);
    expect(failed.stderr).toMatch(/nothing was written/);
    expect(readFileSync(join(dir, 'pkg/src/server.ts'), 'utf8')).toBe(before);
  });

  it('refuses to overwrite a directory it did not generate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-gen-'));
    writeFileSync(join(dir, 's.json'), schemaText());
    mkdirSync(join(dir, 'app'));
    writeFileSync(join(dir, 'app/package.json'), '{"name":"my-app"}');
    const result = await cli(['generate', 's.json', '--out', 'app', '--name', '@t/cookies'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /not a package generated by cookie-schema; refusing to overwrite/,
    );
    expect(readFileSync(join(dir, 'app/package.json'), 'utf8')).toBe('{"name":"my-app"}');
  });
});
