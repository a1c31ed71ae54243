// The generator prints src/*.ts, dist/*.js and dist/*.d.ts itself from its own model of a module
// (structures.ts). Proven by what the output means, not by how another printer spaces it: the
// source parses and compiles on its own (isolated declarations); the JavaScript and the
// declarations are the same programs as TypeScript's emit of that source (same syntax trees), with
// the same `/*#__PURE__*/` annotations for bundlers. The generated packages are also type-checked
// with TypeScript 6 and 7 and run (examples/usage, test/app-setup.test.ts, test/installed.test.ts).
import { describe, expect, it } from 'vitest';
import { compileDts, compileJs, pureAnnotations, syntaxOf } from '../../test/compile';
import { loadExample, parseValid } from '../../test/policy-helpers';
import type { NormalizedSchema } from '../schema/types';
import { declarationType, printDeclarationFile, printJavaScriptFile } from './dist-file';
import { fileHeader } from './docs';
import { emitBannerStatements } from './emit-banner';
import { emitClientStatements } from './emit-client';
import { emitPolicyStatements } from './emit-policy';
import { emitServerStatements } from './emit-server';
import { emitSharedStatements } from './emit-shared';
import {
  arrayLiteral,
  type Expression,
  jsonLiteral,
  objectLiteral,
  printJavaScript,
  printTypeScript,
  pureCall,
} from './expression';
import { type Statement, StructureKind, VariableDeclarationKind } from './structures';
import { printSourceFile } from './ts-file';

/** Text that needs every escape, trims at its end, and breaks lines every way there is. */
const text = (i: number) =>
  `Quote ' double " backslash \\ backtick \` dollar \${x} braces { } ; tab \t */ end ${i}.\nSecond line\r\nthird\rfourth\u2028fifth\u2029sixth \n \n  indented, NBSP and spaces after\u00a0  `;

/**
 * A schema with every value type, encoding and scope, defaults of every kind, JSON types with
 * quoted keys and nested literals, family prefixes with `$` and backticks, and awkward text.
 */
function awkwardSchema(): NormalizedSchema {
  const cookie = (extra: Record<string, unknown>) => ({
    provider: 'Provider "P" \\ */',
    service: { en: 'Service', de: `Dienst ${text(0)}` },
    category: 'necessary',
    purpose: 'Purpose.',
    ...extra,
  });
  const schema = {
    policy: {
      name: 'Awkward "site" */ \\',
      revision: 12,
      locales: ['en', 'de'],
      consentMaxAge: '1y',
    },
    consentCookie: 'prefs',
    categories: {
      necessary: { required: true, title: 'Necessary', description: 'Needed.' },
      statistics: {
        title: { en: `Stats ${text(1)}`, de: 'Statistik' },
        description: 'Counts.',
        consentMode: ['analytics_storage'],
      },
      preferences: {
        title: 'Preferences',
        description: 'Choices.',
        consentMode: ['functionality_storage', 'personalization_storage'],
      },
      marketing: { title: 'Marketing', description: 'Ads.', gpcOptOut: true },
    },
    defaults: { path: '/', sameSite: 'lax', secure: true },
    cookies: {
      prefs: cookie({ value: { type: 'consent' }, maxAge: '6mo', purpose: text(2) }),
      "str'quote": cookie({
        accessor: 'strQuote',
        value: { type: 'string', minLength: 1, maxLength: 40, pattern: '^[a-z\\\\\'"]+$' },
        default: 'it\'s\\"here"',
        encoding: 'base64url',
        purpose: text(3),
      }),
      enum_val: cookie({
        category: 'statistics',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a value that looks like a template
        value: { type: 'enum', values: ["a'b", 'c"d', 'e\\f', 'g{h};', '`t${x}`'] },
        default: 'c"d',
        encoding: 'raw',
        maxAge: '13mo',
      }),
      int_val: cookie({
        category: 'preferences',
        value: { type: 'integer', min: -5, max: 10 },
        default: 3,
        maxAge: 0,
      }),
      num_val: cookie({
        category: 'preferences',
        value: { type: 'number', min: -1.5, max: 1e21 },
        default: 0.25,
        maxAge: 'session',
      }),
      bool_val: cookie({ category: 'marketing', value: { type: 'boolean' }, default: true }),
      date_val: cookie({ value: { type: 'date' }, default: '2024-01-02T03:04:05.000Z' }),
      json_obj: cookie({
        category: 'statistics',
        value: {
          type: 'json',
          schema: {
            type: 'object',
            properties: {
              'a-b': { type: 'string', pattern: '^\\d{1,2}[{}]?$' },
              "it's": { enum: ['x', "y'z", 'w{ }; }', 1.5, true, null] },
              none: { type: 'object', properties: {}, additionalProperties: false },
              open: { type: 'object' },
              list: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { q: { type: 'number', minimum: 1e21 }, r: { type: 'null' } },
                  required: ['q'],
                  additionalProperties: false,
                },
                maxItems: 3,
              },
              nested: { type: 'array', items: { type: 'array', items: { enum: ['{', '}'] } } },
              unicode: { type: 'string', description: 'é 😀 \u2028 "quoted" \\' },
            },
            required: ['a-b', 'list'],
          },
        },
        default: { 'a-b': '12', list: [{ q: 1e21 }], nested: [['{'], []] },
      }),
      json_arr: cookie({
        category: 'preferences',
        value: { type: 'json', schema: { type: 'array', items: { type: 'number' } } },
        default: [1, -2.5],
        encoding: 'base64url',
      }),
      json_any: cookie({ value: { type: 'json', schema: { properties: {} } } }),
      'fam$*': cookie({ category: 'statistics', accessor: 'famDollar' }),
      'tick`*': cookie({ category: 'marketing', accessor: 'tick', value: { type: 'integer' } }),
      "q'*": cookie({ accessor: 'quoteFamily' }),
      srv: cookie({ httpOnly: true, value: { type: 'json', schema: { type: 'boolean' } } }),
      signed_one: cookie({ signed: true, category: 'preferences' }),
      'cli-only': cookie({ scope: 'client', category: 'marketing', purpose: text(4) }),
      '__Host-h': cookie({ value: { type: 'enum', values: ['x'] }, sameSite: 'strict' }),
      '__Secure-p': cookie({ partitioned: true, sameSite: 'none', domain: 'example.com' }),
      third: cookie({ party: 'third', domain: 'tracker.example', category: 'marketing' }),
      ...Object.fromEntries(
        Array.from({ length: 24 }, (_, i) => [
          `c${i}`,
          cookie({
            category: ['necessary', 'statistics', 'preferences', 'marketing'][i % 4],
            purpose: i % 5 === 0 ? text(10 + i) : `Purpose ${i}.`,
            maxAge: `${(i % 390) + 1}d`,
            ...(i % 3 === 0 ? { httpOnly: true } : {}),
            ...(i % 7 === 0 && i % 3 !== 0 ? { scope: 'client' } : {}),
          }),
        ]),
      ),
    },
  };
  return parseValid(JSON.stringify(schema));
}

/** The fewest cookies: nothing to purge, no families, no JSON, one server-only cookie. */
function sparseSchema(): NormalizedSchema {
  const cookie = { provider: 'P', service: 'S', category: 'only', purpose: 'P.' };
  return parseValid(
    JSON.stringify({
      policy: { name: 'Sparse', revision: 1, locales: ['en'] },
      consentCookie: 'c',
      categories: { only: { required: true, title: 'Only', description: 'All.' } },
      cookies: {
        c: { ...cookie, value: { type: 'consent' } },
        s: { ...cookie, httpOnly: true },
      },
    }),
  );
}

const schemas: [string, () => Promise<NormalizedSchema> | NormalizedSchema][] = [
  ['opendatasoft', () => loadExample('opendatasoft')],
  ['shop', () => loadExample('shop')],
  ['awkward', awkwardSchema],
  ['sparse', sparseSchema],
];
const emitters = [
  ['shared', emitSharedStatements],
  ['server', emitServerStatements],
  ['client', emitClientStatements],
  ['banner', emitBannerStatements],
] as const;
const cases = schemas.flatMap(([schema, load]) =>
  emitters.map(([module, emit]) => [schema, module, load, emit] as const),
);

async function module(
  load: () => Promise<NormalizedSchema> | NormalizedSchema,
  emit: (schema: NormalizedSchema) => Statement[],
) {
  const schema = await load();
  const header = fileHeader(schema, 'cookie-schema generate x.json --out  "trailing" ', 'Test.');
  const statements = emit(schema);
  return { header, statements, source: printSourceFile(header, statements) };
}

describe('printSourceFile', () => {
  it.each(cases)(
    '%s %s: parses, and declares every export on its own',
    async (_s, n, load, emit) => {
      const { source } = await module(load, emit);
      // Both throw with TypeScript's diagnostics otherwise.
      expect(compileJs(source, `${n}.ts`)).not.toBe('');
      expect(compileDts(source, `${n}.ts`)).not.toBe('');
    },
  );

  it.each(cases)('%s %s: reads as a person writes it', async (_s, _m, load, emit) => {
    const { source } = await module(load, emit);
    // Long lines may be prose (doc comments, a text property) or a declaration's type, which the
    // schema spells out; not code layout.
    const prose = /^\s*(\*|\/\*\*|\/\/|[\w$]+: '.*',$)/;
    const declaration = /^\s*(export (type|interface|const [\w$]+:|declare)|[\w$]+<N extends)/;
    const long = source
      .split('\n')
      .filter((line) => line.length > 120 && !prose.test(line) && !declaration.test(line));
    expect(long).toEqual([]);
    expect(source).not.toMatch(/\n{3,}/);
  });

  it.each(schemas)('%s policy: parses and declares its data on its own', async (_s, load) => {
    const source = printSourceFile('Policy.', emitPolicyStatements(await load()));
    expect(compileDts(source, 'policy.ts')).toContain('export type Policy = typeof data;');
  });
});

describe('printJavaScriptFile and printDeclarationFile', () => {
  it.each(cases)(
    '%s %s: the programs TypeScript emits from the source',
    async (_s, n, load, emit) => {
      const { header, statements, source } = await module(load, emit);
      const js = printJavaScriptFile(header, statements);
      const typescriptJs = compileJs(source, `${n}.ts`);
      expect(syntaxOf(js, `${n}.js`)).toBe(syntaxOf(typescriptJs, `${n}.js`));
      expect(pureAnnotations(js)).toBe(pureAnnotations(typescriptJs));
      const dts = printDeclarationFile(header, statements);
      expect(syntaxOf(dts, `${n}.d.ts`)).toBe(syntaxOf(compileDts(source, `${n}.ts`), `${n}.d.ts`));
    },
  );

  it('drops the type-only imports, types and type arguments from the JavaScript', async () => {
    const { header, statements } = await module(awkwardSchema, emitServerStatements);
    const js = printJavaScriptFile(header, statements);
    expect(js).not.toMatch(/\binterface\b|\btype\b [A-Z]|<CategoryName|jsonCodec</);
    expect(js).toMatch(/\$runtime\.jsonCodec\(check\w+/);
    expect(js).toMatch(
      /import \{[^}]*\bconsentConfig,\s+consentMode\b[^}]*\} from '\.\/shared\.js'/,
    );
  });

  it('keeps no initializer and no unused import in the declarations', async () => {
    const { header, statements } = await module(awkwardSchema, emitServerStatements);
    const dts = printDeclarationFile(header, statements);
    expect(dts).not.toMatch(/consentConfig|setCookieGuard|defineJar|=>\s*\$runtime\.guard/);
    expect(dts).toContain('export declare const createCookies: (source');
  });

  it('refuses statements TypeScript would need a type-check for', () => {
    const untyped: Statement = {
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      isExported: true,
      declarations: [{ name: 'x', initializer: '1' }],
    };
    expect(() => printDeclarationFile('H', [untyped])).toThrow(/explicit type/);
  });
});

describe('expressions', () => {
  const call = pureCall(
    '$r.codec',
    [
      objectLiteral([
        ['a', "'x'"],
        ['b', 'b'],
      ]),
      arrayLiteral(['1', '2']),
      jsonLiteral({ k: [1, { e: {} }], n: null, u: undefined }),
    ],
    ['T'],
  );
  const cases: [string, { given: Expression; typescript: string; javascript: string }][] = [
    ['verbatim', { given: 'undefined', typescript: 'undefined', javascript: 'undefined' }],
    [
      'a pure call with type arguments',
      {
        given: call,
        typescript: `/*#__PURE__*/ $r.codec<T>({ a: 'x', b }, [1, 2], {"k":[1,{"e":{}}],"n":null})`,
        javascript: `/*#__PURE__*/ $r.codec({ a: 'x', b }, [1, 2], { "k": [1, { "e": {} }], "n": null })`,
      },
    ],
    [
      'nested multi-line literals',
      {
        given: objectLiteral(
          [
            ['list', arrayLiteral([objectLiteral([['x', '1']]), '2'], true)],
            ['e', objectLiteral([], true)],
          ],
          true,
        ),
        typescript: '{\n  list: [\n    { x: 1 },\n    2,\n  ],\n  e: {},\n}',
        javascript: '{\n    list: [\n        { x: 1 },\n        2,\n    ],\n    e: {},\n}',
      },
    ],
  ];
  it.each(cases)('%s', (_name, { given, typescript, javascript }) => {
    expect(printTypeScript(given)).toBe(typescript);
    expect(printJavaScript(given)).toBe(javascript);
  });
});

describe('declarationType', () => {
  const cases: [string, { given: string; want: string }][] = [
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal type
    ['no literal', { given: "'a{' | `b${string}`", want: "'a{' | `b${string}`" }],
    [
      'nested literals',
      {
        given: "{ 'a;b'?: ({ x: '}' })[]; c: Record<string, never>; [key: string]: unknown }",
        want: "{\n    'a;b'?: ({\n        x: '}';\n    })[];\n    c: Record<string, never>;\n    [key: string]: unknown;\n}",
      },
    ],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(declarationType(given, '')).toBe(want);
  });
});
