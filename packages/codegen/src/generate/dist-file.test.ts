// Functions in dist/*.js and dist/*.d.ts. Their JavaScript is not what TypeScript would print
// (the body's lines are kept as written, re-indented), so it is proven by running it: imported
// as a module, it must behave as the TypeScript source does. Their declarations are what
// TypeScript writes, byte for byte.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileJsonValidator, type JsonSchema } from '@cookie-schema/runtime';
import { afterAll, describe, expect, it } from 'vitest';
import { compileDts, compileJs } from '../../test/compile';
import { printDeclarationFile, printJavaScriptFile } from './dist-file';
import { jsonCheckFunction } from './json-check';
import { type Statement, StructureKind, VariableDeclarationKind } from './structures';
import { printSourceFile } from './ts-file';

const cart: JsonSchema = {
  type: 'object',
  properties: {
    items: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        properties: {
          sku: { type: 'string', pattern: '^[A-Z0-9-]{3,32}$' },
          qty: { type: 'integer', minimum: 1, maximum: 99 },
        },
        required: ['sku', 'qty'],
        additionalProperties: false,
      },
    },
    currency: { enum: ['EUR', 'USD', 'GBP'] },
    coupon: { type: 'string', maxLength: 32 },
    note: {},
  },
  required: ['items', 'currency'],
  additionalProperties: false,
};

const values: unknown[] = [
  { items: [], currency: 'EUR' },
  { items: [{ sku: 'AB-1', qty: 3 }], currency: 'USD', coupon: 'SPRING' },
  { items: [{ sku: 'AB-1', qty: 120 }], currency: 'EUR' },
  { items: [{ sku: 'ab', qty: 1 }], currency: 'EUR' },
  { items: [{ sku: 'AB-1', qty: 1, extra: 1 }], currency: 'EUR' },
  { items: [], currency: 'CHF' },
  { items: [], currency: 'EUR', coupon: 'x'.repeat(33) },
  { items: [], currency: 'EUR', note: { deep: [1, Number.NaN] } },
  { items: [], currency: 'EUR', 'a/b': 1 },
  JSON.parse('{"items": [], "currency": "EUR", "__proto__": 1}'),
  [],
  null,
  undefined,
];

const header = 'A generated module.\n\nSecond paragraph.';

/** A module with checks exported and not, documented and not, and a constant that uses them. */
function statements(): Statement[] {
  return [
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: './types.js',
      isTypeOnly: true,
      namedImports: ['Input', 'Unused'],
    },
    {
      ...jsonCheckFunction('checkCart', cart, { messages: 'full' }),
      isExported: true,
      docs: ['Checks a cart: `undefined` when valid, else the reason.'],
    },
    jsonCheckFunction('checkCartCodes', cart, { messages: 'codes' }),
    {
      kind: StructureKind.Function,
      name: 'both',
      isExported: true,
      typeParameters: [{ name: 'T', constraint: 'Input' }],
      parameters: [{ name: 'value', type: 'T' }],
      returnType: '[string | undefined, string | undefined]',
      statements: ['return [checkCart(value), checkCartCodes(value)];'],
    },
    {
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      isExported: true,
      declarations: [
        { name: 'valid', type: 'boolean', initializer: 'checkCart({}) === undefined' },
      ],
    },
  ];
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Imports `code` as an ES module. */
async function load(code: string, name: string): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'dist-file-'));
  dirs.push(dir);
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, code);
  return import(pathToFileURL(file).href);
}

describe('functions in dist/*.js', () => {
  it('run as the TypeScript source does', async () => {
    const js = printJavaScriptFile(header, statements());
    const source = printSourceFile(header, statements());
    const printed = await load(js, 'printed');
    const transpiled = await load(compileJs(source, 'module.ts'), 'transpiled');
    const reference = compileJsonValidator(cart);
    for (const value of values) {
      const [full, codes] = (printed.both as (v: unknown) => [string?, string?])(value);
      expect(full, JSON.stringify(value)).toBe(reference(value));
      expect([full, codes]).toEqual((transpiled.both as (v: unknown) => unknown)(value));
      expect(codes === undefined).toBe(full === undefined);
    }
    expect(printed.valid).toBe(false);
    expect(Object.keys(printed).sort()).toEqual(['both', 'checkCart', 'valid']);
  });

  it('are written without types, four spaces a level, no blank lines', () => {
    const js = printJavaScriptFile(header, statements());
    expect(js).toContain('/** Checks a cart: `undefined` when valid, else the reason. */\n');
    expect(js).toContain('export function checkCart(v) {\n    if (typeof v !== ');
    expect(js).toContain('\nfunction checkCartCodes(v) {\n');
    expect(js).toContain(
      'export function both(value) {\n    return [checkCart(value), checkCartCodes(value)];\n}\n',
    );
    expect(js).not.toMatch(/: any|string \| undefined|<T|import/);
    const body = js.slice(js.indexOf('export function checkCart'));
    expect(body).not.toMatch(/\n\n/);
    for (const line of body.split('\n')) {
      expect((line.length - line.trimStart().length) % 4, line).toBe(0);
    }
    // A nested block: the loop over items, its body, a check inside.
    expect(js).toMatch(
      /\n {4}for \(let i1 = 0; i1 < v1\.length; i1\+\+\) \{\n {8}const v2 = v1\[i1\];\n/,
    );
  });

  it('leads with the header when a function comes first', () => {
    const [, ...rest] = statements();
    const js = printJavaScriptFile(header, rest);
    expect(
      js.startsWith(
        '/**\n * A generated module.\n *\n * Second paragraph.\n */\n/** Checks a cart',
      ),
    ).toBe(true);
  });
});

describe('functions in dist/*.d.ts', () => {
  it('are what TypeScript declares: the exported ones, with the imports they use', () => {
    const dts = printDeclarationFile(header, statements());
    expect(dts).toBe(compileDts(printSourceFile(header, statements()), 'module.ts'));
    expect(dts).toContain(
      '/** Checks a cart: `undefined` when valid, else the reason. */\nexport declare function checkCart(v: any): string | undefined;\n',
    );
    expect(dts).toContain("import type { Input } from './types.js';");
    expect(dts).toContain(
      'export declare function both<T extends Input>(value: T): [string | undefined, string | undefined];',
    );
    expect(dts).not.toContain('checkCartCodes');
  });

  it('leave a module of unexported functions with no declarations but its header', () => {
    const only: Statement[] = [jsonCheckFunction('check', {}, { messages: 'codes' })];
    expect(printDeclarationFile(header, only)).toBe('');
    const exported: Statement[] = [{ ...only[0]!, isExported: true } as Statement];
    expect(printDeclarationFile(header, exported)).toBe(
      compileDts(printSourceFile(header, exported), 'module.ts'),
    );
  });
});
