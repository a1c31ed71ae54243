// The TypeScript setup the READMEs document, as a new user meets it: an npm app outside the
// monorepo, the schema from `init`, the package from `generate` installed as a dependency of the
// app (`npm install ./cookies`, i.e. "file:cookies"), the app type-checked by TypeScript 6 and 7
// with "Bundler" and "NodeNext" resolution, then compiled and run by plain Node. The app's server
// code is the `@example` of each generated `createCookies`, pasted as it is: it must compile for
// schemas without the reference schema's `lang` accessor.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliBin, repoRoot } from './helpers';

const exec = promisify(execFile);
const app = mkdtempSync(join(tmpdir(), 'cookie-schema-app-'));
afterAll(() => rmSync(app, { recursive: true, force: true }));

const TSC = {
  6: join(repoRoot, 'node_modules/typescript/bin/tsc'),
  7: join(repoRoot, 'node_modules/typescript7/bin/tsc'),
} as const;

async function run(file: string, args: string[]) {
  try {
    const { stdout, stderr } = await exec(file, args, { cwd: app });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}
const cli = (...args: string[]) => run(process.execPath, [cliBin, ...args]);

/** The lines of the `@example` of `createCookies` in a generated package's source. */
function example(pkg: string): string {
  const source = readFileSync(join(app, pkg, 'src/server.ts'), 'utf8');
  const doc = source.slice(0, source.indexOf('export const createCookies'));
  const block = doc.slice(doc.lastIndexOf('@example') + '@example'.length, doc.lastIndexOf('*/'));
  return block
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, ''))
    .filter((line) => line.trim())
    .join('\n  ');
}

function tsconfig(resolution: 'Bundler' | 'NodeNext') {
  return {
    compilerOptions: {
      target: 'ES2022',
      module: resolution === 'Bundler' ? 'ESNext' : 'NodeNext',
      moduleResolution: resolution,
      lib: ['ES2022', 'DOM'],
      types: [],
      strict: true,
      skipLibCheck: false,
      rootDir: 'src',
      outDir: 'build',
      ...(resolution === 'Bundler' ? { noEmit: true } : {}),
    },
    include: ['src'],
  };
}

beforeAll(async () => {
  expect((await cli('init', '--name', 'Acme', '--locales', 'en,de')).code).toBe(0);
  // The defaults: cookies.json → ./cookies; only the name is the app's choice.
  expect((await cli('generate', '--name', '@acme/cookies')).code).toBe(0);
  // A schema with nothing the example can write plainly: only the consent cookie.
  const minimal = JSON.parse(readFileSync(join(app, 'cookies.json'), 'utf8'));
  delete minimal.cookies.session;
  writeFileSync(join(app, 'minimal.cookies.json'), JSON.stringify(minimal, null, 2));
  const generated = await cli('generate', 'minimal.cookies.json', '--out', 'minimal');
  expect(generated.out).toContain('generated minimal-cookies in minimal');
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'acme-app', private: true, type: 'module' }, null, 2),
  );
  // What an installed @cookie-schema/runtime is; then the generated folders, as the README says.
  const install = await run('npm', [
    'install',
    '--offline',
    '--no-audit',
    '--no-fund',
    join(repoRoot, 'packages/runtime'),
    './cookies',
    './minimal',
  ]);
  expect(install.code, install.out).toBe(0);
  const manifest = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8'));
  expect(manifest.dependencies).toMatchObject({
    '@acme/cookies': 'file:cookies',
    'minimal-cookies': 'file:minimal',
  });

  mkdirSync(join(app, 'src'));
  writeFileSync(
    join(app, 'src/server.ts'),
    `import { createCookies } from '@acme/cookies/server';
import { createCookies as createMinimal } from 'minimal-cookies/server';

export function handle(request: Request): Response {
  ${example('cookies')}
}

export function handleMinimal(request: Request): Response {
  const createCookies = createMinimal;
  ${example('minimal')}
}
`,
  );
  writeFileSync(
    join(app, 'src/main.ts'),
    `import { consent } from '@acme/cookies/client';
import { policy } from '@acme/cookies/policy';
import { handle, handleMinimal } from './server.js';

const request = new Request('https://acme.example/');
console.log(
  JSON.stringify({
    setCookie: handle(request).headers.getSetCookie(),
    minimal: handleMinimal(request).status,
    consent: typeof consent.grant,
    policy: policy.cookies.map((c) => c.name),
  }),
);
`,
  );
  writeFileSync(join(app, 'tsconfig.json'), JSON.stringify(tsconfig('NodeNext'), null, 2));
  writeFileSync(join(app, 'tsconfig.bundler.json'), JSON.stringify(tsconfig('Bundler'), null, 2));
}, 120_000);

describe('an app that depends on the generated folder ("file:cookies")', () => {
  it('pastes examples written with its own cookies', () => {
    expect(example('cookies')).toBe(
      "const jar = createCookies(request);\n  jar.session.set('xxxxxxxxxxxxxxxx');\n  return jar.applyTo(new Response('ok'));",
    );
    expect(example('minimal')).toContain('if (jar.consent.needsPrompt) {');
  });

  it.each([
    ['6', 'Bundler'],
    ['6', 'NodeNext'],
    ['7', 'Bundler'],
    ['7', 'NodeNext'],
  ] as const)('type-checks with TypeScript %s and %s resolution', async (version, resolution) => {
    const project = resolution === 'Bundler' ? 'tsconfig.bundler.json' : 'tsconfig.json';
    const { code, out } = await run(process.execPath, [TSC[version], '-p', project, '--noEmit']);
    expect(out).toBe('');
    expect(code).toBe(0);
  });

  it('runs in plain Node once compiled (NodeNext)', async () => {
    const compiled = await run(process.execPath, [TSC[7], '-p', 'tsconfig.json']);
    expect(compiled.out).toBe('');
    const { code, out } = await run(process.execPath, ['build/main.js']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({
      setCookie: [
        'session=xxxxxxxxxxxxxxxx; Max-Age=1209600; Path=/; HttpOnly; Secure; SameSite=Lax',
      ],
      minimal: 200,
      consent: 'function',
      policy: ['cookie_consent', 'session'],
    });
  });

  it('sees a regenerated package without reinstalling (the dependency is a link)', async () => {
    const schema = JSON.parse(readFileSync(join(app, 'cookies.json'), 'utf8'));
    schema.cookies.session.accessor = 'signIn';
    writeFileSync(join(app, 'cookies.json'), JSON.stringify(schema, null, 2));
    expect((await cli('generate', '--name', '@acme/cookies')).code).toBe(0);
    const stale = await run(process.execPath, [TSC[7], '-p', 'tsconfig.json', '--noEmit']);
    expect(stale.out).toMatch(/Property 'session' does not exist on type 'Cookies'/);
  });
});
