import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSchema } from '../schema/load';
import type { NormalizedSchema } from '../schema/types';
import { collectSourceFiles } from './collect-files';
import { matchCookieName } from './match-name';
import { findRawCookieUses, scanFiles } from './scan';

const schemaText = JSON.stringify({
  policy: { name: 'T', revision: 1, locales: ['en'] },
  consentCookie: 'cookie_consent',
  categories: { necessary: { required: true, title: 'N', description: 'N.' } },
  cookies: {
    cookie_consent: {
      provider: 'T',
      service: 'S',
      category: 'necessary',
      purpose: 'P.',
      value: { type: 'consent' },
    },
    sid: { provider: 'T', service: 'S', category: 'necessary', purpose: 'P.', httpOnly: true },
    '_ga_*': { provider: 'G', service: 'S', category: 'necessary', purpose: 'P.' },
    '_ga_long_*': {
      provider: 'G',
      service: 'S',
      category: 'necessary',
      purpose: 'P.',
      accessor: 'gaLong',
    },
  },
});
function schema(): NormalizedSchema {
  const result = parseSchema(schemaText, 's.json');
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.schema;
}

/** The names (or `?` for unresolved, `-` for none) of the raw uses in one snippet of code. */
function names(code: string, path = 'a.ts'): string[] {
  return findRawCookieUses([{ path, text: code }]).map((u) =>
    u.name.kind === 'names' ? u.name.names.join('|') : u.name.kind === 'none' ? '-' : '?',
  );
}

describe('matchCookieName', () => {
  it.each([
    ['sid', 'sid'],
    ['_ga_X1', '_ga_*'],
    ['_ga_long_1', '_ga_long_*'],
    ['_ga_', undefined],
    ['SID', undefined],
    ['other', undefined],
  ])('%s → %s', (name, declared) => {
    const match = matchCookieName(schema(), name);
    expect(match.declared ? match.cookie.name : undefined).toBe(declared);
  });

  it('mentions a case-insensitive near miss', () => {
    const match = matchCookieName(schema(), 'SID');
    expect(!match.declared && match.nearMiss?.name).toBe('sid');
  });
});

describe('name resolution', () => {
  it.each<[string, string, string[]]>([
    ['a string literal', `res.cookie('a', v)`, ['a']],
    ['a const', `const N = 'a'; res.cookie(N, v)`, ['a']],
    ['a let is not constant', `let n = 'a'; res.cookie(n, v)`, ['?']],
    ['an as-const object', `const C = { x: 'a' } as const; res.cookie(C.x, v)`, ['a']],
    ['a plain object is widened', `const C = { x: 'a' }; res.cookie(C.x, v)`, ['?']],
    ['an enum member', `enum E { A = 'a' } res.cookie(E.A, v)`, ['a']],
    ['a template without substitutions', 'res.cookie(`a`, v)', ['a']],
    ['a template of constants', `const P = 'p'; res.cookie(\`\${P}_a\`, v)`, ['p_a']],
    ['a concatenation of constants', `const P = 'p'; res.cookie(P + '_' + 'a', v)`, ['p_a']],
    ['a const initialized by concatenation', `const N = 'a' + 'b'; res.cookie(N, v)`, ['ab']],
    ['a union of literals', `declare const n: 'a' | 'b'; res.cookie(n, v)`, ['a|b']],
    ['a parameter', `function f(n: string) { res.cookie(n, v) }`, ['?']],
    ['document.cookie concatenation', `document.cookie = 'a=' + v`, ['a']],
    ['document.cookie template', `document.cookie = \`a=\${v}; path=/\``, ['a']],
    [
      'document.cookie with a constant name',
      `const N = 'a'; document.cookie = \`\${N}=\${v}\``,
      ['a'],
    ],
    ['document.cookie with a variable name', `document.cookie = \`\${n}=\${v}\``, ['?']],
    ['document.cookie read', 'const all = document.cookie', ['-']],
    ['Set-Cookie array', `res.setHeader('Set-Cookie', ['a=1', \`b=\${v}\`])`, ['a', 'b']],
    ['Set-Cookie spread is unresolved', `res.setHeader('Set-Cookie', [...list])`, ['?']],
    ['headers pair', `new Headers([['set-cookie', 'a=1']])`, ['a']],
    ['cookieStore object argument', `cookieStore.set({ name: 'a', value: '1' })`, ['a']],
    ['cookieStore shorthand name', `const name = 'a'; cookieStore.delete({ name })`, ['a']],
    [
      'Next.js variable',
      `import { cookies } from 'next/headers'; const j = await cookies(); j.get('a')`,
      ['a'],
    ],
  ])('%s', (_, code, want) => {
    expect(names(code)).toEqual(want);
  });

  it('ignores look-alikes', () => {
    expect(
      names(`
        import { getCookie } from './mine';
        getCookie('a');
        new Map().set('a', 1);
        headers.set('Content-Type', 'x');
        res.cookie('only-one-argument');
        const o = { cookie: 'a=1' };
        serialize('a', 1);
      `),
    ).toEqual([]);
  });

  it('needs the import for hono, cookie and a renamed js-cookie', () => {
    expect(names(`import { setCookie } from 'hono/cookie'; setCookie(c, 'a', '1')`)).toEqual(['a']);
    expect(names(`import { serialize as s } from 'cookie'; s('a', '1')`)).toEqual(['a']);
    expect(names(`import JC from 'js-cookie'; JC.set('a', '1')`)).toEqual(['a']);
    expect(names(`const { serialize } = require('cookie'); serialize('a', '1')`, 'a.cjs')).toEqual([
      'a',
    ]);
  });

  it('applies hono prefixes', () => {
    expect(
      names(`import { setCookie, getCookie } from 'hono/cookie';
        setCookie(c, 'a', '1', { prefix: 'host' }); getCookie(c, 'a', 'secure');`),
    ).toEqual(['__Host-a', '__Secure-a']);
  });

  it('resolves constants imported from another scanned file', () => {
    const uses = findRawCookieUses([
      { path: 'names.ts', text: `export const N = 'a';` },
      { path: 'use.js', text: `import { N } from './names'; res.cookie(N, 1);` },
    ]);
    expect(uses.map((u) => [u.file, u.name])).toEqual([
      ['use.js', { kind: 'names', names: ['a'] }],
    ]);
  });
});

describe('scanFiles', () => {
  const files = [
    {
      path: 'app.ts',
      text: [
        `res.cookie('sid', v);`,
        `res.cookie('SID', v);`,
        `res.cookie(name, v);`,
        `const all = document.cookie;`,
        `res.cookie('_ga_1', v);`,
      ].join('\n'),
    },
  ];

  it('reports undeclared names as errors and unresolved names as warnings', () => {
    const { findings } = scanFiles(files, schema());
    expect(findings.map((f) => [f.line, f.column, f.severity, f.code])).toEqual([
      [2, 1, 'error', 'undeclared-cookie'],
      [3, 1, 'warning', 'unresolved-cookie-name'],
    ]);
    expect(findings[0]!.message).toBe(
      '`res.cookie` writes cookie "SID", which s.json does not declare. Did you mean "sid"? Cookie names are case-sensitive. Declare it in the schema, or remove this use.',
    );
  });

  it('with strict, reports every raw use as an error', () => {
    const { findings } = scanFiles(files, schema(), { strict: true });
    expect(findings.map((f) => [f.line, f.severity, f.code])).toEqual([
      [1, 'error', 'raw-cookie-api'],
      [2, 'error', 'undeclared-cookie'],
      [3, 'error', 'unresolved-cookie-name'],
      [4, 'error', 'raw-cookie-api'],
      [5, 'error', 'raw-cookie-api'],
    ]);
    expect(findings[0]!.message).toBe(
      'raw `res.cookie` writes cookie "sid"; use the generated accessor `sid` instead (--strict).',
    );
  });
});

describe('collectSourceFiles', () => {
  it('walks directories, skipping node_modules, dist, hidden directories and .d.ts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cookie-schema-scan-'));
    for (const sub of ['src/deep', 'node_modules/x', 'dist', '.cache']) {
      mkdirSync(join(dir, sub), { recursive: true });
    }
    for (const file of [
      'src/a.ts',
      'src/b.jsx',
      'src/deep/c.mjs',
      'src/deep/d.cjs',
      'src/types.d.ts',
      'src/readme.md',
      'node_modules/x/index.js',
      'dist/out.js',
      '.cache/e.js',
    ]) {
      writeFileSync(join(dir, file), '');
    }
    const { files, missing } = await collectSourceFiles(
      ['src', 'node_modules/x/index.js', 'nope'],
      dir,
    );
    expect(files).toEqual([
      'node_modules/x/index.js',
      'src/a.ts',
      'src/b.jsx',
      'src/deep/c.mjs',
      'src/deep/d.cjs',
    ]);
    expect(missing).toEqual(['nope']);
    const all = await collectSourceFiles(['.'], dir);
    expect(all.files).toEqual(['src/a.ts', 'src/b.jsx', 'src/deep/c.mjs', 'src/deep/d.cjs']);
  });
});
