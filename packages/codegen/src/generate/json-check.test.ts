// The generated JSON checks against the runtime's compileJsonValidator, the reference: the same
// reason (messages: 'full') or the same pointer and a code for that reason (messages: 'codes'),
// on random values and on values mutated from valid ones, for every json cookie of the example
// schemas and for schemas that use every keyword in awkward ways. The generated source must also
// type-check (strict) as TypeScript 6 and 7, and read as code a person would write.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileJsonValidator, type JsonSchema } from '@cookie-schema/runtime';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileJs } from '../../test/compile';
import { JSON_CHECK_CODES, type JsonCheckMessages, jsonCheckFunction } from './json-check';
import type { FunctionStatement } from './structures';
import { printSourceFile } from './ts-file';

const repoRoot = join(import.meta.dirname, '../../../..');

type Check = (value: unknown) => string | undefined;

/** The function as TypeScript source, transpiled by TypeScript, evaluated. */
function compile(fn: FunctionStatement): Check {
  const js = compileJs(printSourceFile('Generated.', [fn]), `${fn.name}.ts`);
  return new Function(`${js}\nreturn ${fn.name};`)() as Check;
}

function generate(schema: JsonSchema, messages: JsonCheckMessages, name = 'check'): Check {
  return compile(jsonCheckFunction(name, schema, { messages }));
}

/** Every json cookie schema of schemas/examples/*.cookies.json. */
function exampleSchemas(): [string, JsonSchema][] {
  const dir = join(repoRoot, 'schemas/examples');
  const found: [string, JsonSchema][] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.cookies.json'))
    .sort()) {
    const { cookies } = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
      cookies: Record<string, { value?: { type: string; schema?: JsonSchema } }>;
    };
    for (const [name, cookie] of Object.entries(cookies)) {
      if (cookie.value?.type === 'json') found.push([`${file} ${name}`, cookie.value.schema!]);
    }
  }
  return found;
}

const AWKWARD_KEYS = [
  'a/b',
  'x~y~1',
  "quote'",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a key that looks like a template
  'back`tick${x}',
  'line\u2028sep\nnew',
  'ünï 😀',
  '',
  'toString',
  'hasOwnProperty',
  '123',
  'v',
  'Object',
];

/** Schemas that together use every keyword, type combination and awkward name there is. */
const OWN_SCHEMAS: [string, JsonSchema][] = [
  ['anything', {}],
  ['annotations only', { title: 'T', description: 'D', default: 1, examples: [1], $comment: 'c' }],
  ['enum of every primitive', { enum: ['a', 'b\n"', 1, -0, 2.5, true, false, null] }],
  ['enum with NaN and infinities', { enum: [Number.NaN, Number.POSITIVE_INFINITY, -Infinity] }],
  ['empty enum', { enum: [] }],
  ['const', { const: 'fixed' }],
  ['const null with a type', { const: null, type: ['null', 'string'] }],
  ['enum with type', { type: 'string', enum: ['light', 'dark'], maxLength: 4 }],
  ['long enum', { enum: Array.from({ length: 40 }, (_, i) => `value-number-${i}`) }],
  ['string', { type: 'string', minLength: 2, maxLength: 5 }],
  ['string min only', { type: 'string', minLength: 3 }],
  ['string min above max', { type: 'string', minLength: 4, maxLength: 2 }],
  ['string zero lengths', { type: 'string', minLength: 0, maxLength: 0 }],
  ['pattern with slash', { type: 'string', pattern: '^/[a-z]+/?$' }],
  ['pattern in a class with slash', { type: 'string', pattern: '^[/\\]]+$' }],
  ['unicode pattern', { type: 'string', pattern: '^\\p{L}{1,3}.$' }],
  ['pattern with line terminators', { type: 'string', pattern: 'a\nb|\u2028|\r|\t|\u0000' }],
  ['pattern with a lone surrogate', { type: 'string', pattern: '\ud800|x' }],
  ['pattern with backticks', { type: 'string', pattern: '`\\$\\{x\\}`|^$' }],
  ['empty pattern', { type: 'string', pattern: '' }],
  ['number', { type: 'number', minimum: -1.5, maximum: 1e21 }],
  ['integer', { type: 'integer', minimum: -3, maximum: 7 }],
  ['integer or number', { type: ['integer', 'number'], minimum: 0, maximum: 10 }],
  ['number or integer', { type: ['number', 'integer'] }],
  ['integer or string', { type: ['integer', 'string'], maxLength: 2, maximum: 5 }],
  ['nullable string', { type: ['string', 'null'], pattern: '^a' }],
  ['boolean or null', { type: ['boolean', 'null'] }],
  ['every type', { type: ['object', 'array', 'string', 'number', 'integer', 'boolean', 'null'] }],
  ['no type', { type: [] }],
  ['duplicate types', { type: ['string', 'string'] }],
  ['array', { type: 'array', minItems: 1, maxItems: 3, items: { type: 'integer' } }],
  ['array of anything', { type: 'array', maxItems: 4 }],
  ['inferred array', { items: { enum: [1, 2] } }],
  ['nested arrays', { type: 'array', items: { type: 'array', items: { type: 'boolean' } } }],
  ['inferred object', { required: ['a'] }],
  [
    'awkward keys',
    {
      type: 'object',
      properties: Object.fromEntries(
        AWKWARD_KEYS.map((k, i) => [k, i % 2 ? { type: 'integer' } : { type: 'string' }]),
      ),
      required: [AWKWARD_KEYS[0]!, AWKWARD_KEYS[5]!, 'missing/~', '__proto__'],
    },
  ],
  [
    'closed object',
    {
      type: 'object',
      properties: { a: { type: 'string' }, b: {} },
      required: ['a', 'a'],
      additionalProperties: false,
    },
  ],
  [
    'additional schema',
    {
      type: 'object',
      properties: { id: { type: 'integer' } },
      additionalProperties: { type: 'number', maximum: 10 },
    },
  ],
  ['additional true', { type: 'object', additionalProperties: true }],
  [
    'many properties',
    {
      type: 'object',
      properties: Object.fromEntries(
        Array.from({ length: 12 }, (_, i) => [`property${i}`, { type: 'boolean' }]),
      ),
      additionalProperties: false,
    },
  ],
  [
    'deep',
    {
      type: 'object',
      properties: {
        list: {
          type: 'array',
          items: {
            type: ['object', 'null'],
            properties: {
              tags: { type: 'array', items: { type: 'string', pattern: '^#' } },
              meta: { additionalProperties: { type: 'object' } },
            },
            required: ['tags'],
          },
        },
      },
    },
  ],
];

const SCHEMAS = [...exampleSchemas(), ...OWN_SCHEMAS];

// --- values ---------------------------------------------------------------------------------

class Instance {
  a = 1;
}

const specials = fc.constantFrom<unknown>(
  undefined,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  2 ** 53,
  -(2 ** 60),
  1.5,
  10n,
  Symbol('s'),
  () => 1,
  new Date(0),
  new Instance(),
  Object.create(null),
  JSON.parse('{"__proto__": 1}'),
  JSON.parse('{"a": {"constructor": {}}}'),
  { prototype: 1 },
  // biome-ignore lint/suspicious/noSparseArray: a hole is not a JSON value
  [, 1],
  [undefined],
  '\ud800',
  '\udc00\ud800',
  '😀😀😀',
  'a/b~c',
  'x'.repeat(100),
  '"'.repeat(50),
  'light',
  'EUR',
  '#tag',
  '/a/',
  'AB-12',
);

const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  specials,
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.anything({
    maxDepth: 2,
    withBigInt: true,
    withNullPrototype: true,
    withSparseArray: true,
    withBoxedValues: true,
    withDate: true,
  }),
);

/** Values meant to be valid against `schema` (near enough: both validators judge them). */
function validValue(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (schema.enum !== undefined)
    return schema.enum.length ? fc.constantFrom(...schema.enum) : anyValue;
  if (Object.hasOwn(schema, 'const')) return fc.constant(schema.const);
  const types =
    schema.type === undefined
      ? schema.properties || schema.required || schema.additionalProperties !== undefined
        ? ['object']
        : schema.items
          ? ['array']
          : []
      : typeof schema.type === 'string'
        ? [schema.type]
        : [...schema.type];
  if (types.length === 0) return fc.jsonValue({ maxDepth: 2 });
  return fc.oneof(...types.map((type) => typedValue(schema, type, depth)));
}

function typedValue(schema: JsonSchema, type: string, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer': {
      const min = Math.ceil(schema.minimum ?? -1000);
      const max = Math.floor(Math.min(schema.maximum ?? 1000, 2 ** 40));
      return min <= max ? fc.integer({ min, max }) : fc.constant(min);
    }
    case 'number': {
      const min = schema.minimum ?? -1e6;
      const max = schema.maximum ?? 1e6;
      return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    }
    case 'string': {
      if (schema.pattern !== undefined) {
        try {
          return fc.stringMatching(new RegExp(schema.pattern, 'u'));
        } catch {
          // a pattern fast-check cannot generate from: plain strings
        }
      }
      const minLength = schema.minLength ?? 0;
      const maxLength = Math.max(minLength, schema.maxLength ?? minLength + 8);
      // Also strings at the bounds, in code points that take one or two UTF-16 units.
      const bound = (length: number) =>
        fc.oneof(
          fc.string({ minLength: length, maxLength: length }),
          fc.string({ minLength: length, maxLength: length, unit: 'binary' }),
        );
      return fc.oneof(
        fc.string({ minLength, maxLength }),
        fc.string({ minLength, maxLength, unit: 'grapheme' }),
        bound(minLength),
        bound(maxLength),
        bound(maxLength + 1),
      );
    }
    case 'array': {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 4, 4));
      const item =
        schema.items && depth < 4
          ? validValue(schema.items, depth + 1)
          : fc.jsonValue({ maxDepth: 1 });
      return fc.array(item, { minLength, maxLength });
    }
    default: {
      const properties = schema.properties ?? {};
      const model = Object.fromEntries(
        Object.entries(properties).map(([k, s]) => [
          k,
          depth < 4 ? validValue(s, depth + 1) : anyValue,
        ]),
      );
      const required = (schema.required ?? []).filter((k) => Object.hasOwn(properties, k));
      const extra =
        schema.additionalProperties === false
          ? fc.constant({})
          : fc.dictionary(
              fc.string({ maxLength: 4 }),
              typeof schema.additionalProperties === 'object'
                ? validValue(schema.additionalProperties, depth + 1)
                : fc.jsonValue({ maxDepth: 1 }),
              { maxKeys: 2 },
            );
      return fc
        .tuple(fc.record(model, { requiredKeys: required }), extra)
        .map(([known, more]) => ({ ...more, ...known }));
    }
  }
}

interface Mutation {
  at: number;
  kind: number;
  replacement: unknown;
  key: string;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  kind: fc.nat({ max: 8 }),
  replacement: anyValue,
  key: fc.oneof(fc.string({ maxLength: 3 }), fc.constantFrom('__proto__', 'constructor', 'a/b')),
});

/** `object` copied with its prototype, own keys defined rather than assigned (`__proto__`). */
function copyObject(object: object): Record<string, unknown> {
  if (Array.isArray(object)) return object.slice() as never;
  const copy = Object.create(Object.getPrototypeOf(object)) as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    define(copy, key, (object as Record<string, unknown>)[key]);
  }
  return copy;
}

function define(object: object, key: string, value: unknown): void {
  Object.defineProperty(object, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** Every container and leaf of `value` as a path of keys, depth first. */
function paths(value: unknown, path: string[] = [], into: string[][] = []): string[][] {
  into.push(path);
  if (typeof value === 'object' && value !== null && path.length < 6) {
    for (const key of Object.keys(value)) {
      paths((value as Record<string, unknown>)[key], [...path, key], into);
    }
  }
  return into;
}

/** `value` with the node at `path` replaced by `change(node)`, copied along the path. */
function update(value: unknown, path: string[], change: (node: unknown) => unknown): unknown {
  if (path.length === 0) return change(value);
  const copy = copyObject(value as object);
  const [key, ...rest] = path;
  define(copy, key!, update(copy[key!], rest, change));
  return copy;
}

function text(value: unknown): string {
  try {
    return String(value);
  } catch {
    return typeof value;
  }
}

function mutate(value: unknown, m: Mutation): unknown {
  const all = paths(value);
  const path = all[m.at % all.length]!;
  return update(value, path, (node) => {
    const container = typeof node === 'object' && node !== null;
    switch (m.kind) {
      case 0:
        return m.replacement;
      case 1: {
        if (!container) return undefined;
        const copy = copyObject(node);
        const keys = Object.keys(copy);
        if (Array.isArray(copy)) copy.pop();
        else if (keys.length) delete copy[keys[m.at % keys.length]!];
        return copy;
      }
      case 2: {
        if (!container) return [node];
        const copy = copyObject(node);
        if (Array.isArray(copy)) copy.push(m.replacement);
        else define(copy, m.key, m.replacement);
        return copy;
      }
      case 3: {
        if (!container || Array.isArray(node)) return { [m.key]: node };
        const copy = copyObject(node);
        const keys = Object.keys(copy);
        if (keys.length) copy[keys[m.at % keys.length]!] = undefined;
        return copy;
      }
      case 4:
        if (typeof node === 'number') return m.at % 2 ? node * 1000 + 0.5 : -node - 1e9;
        if (typeof node === 'string') return m.at % 2 ? `${node}😀\ud800` : node.repeat(40);
        return node;
      case 5:
        if (!container || Array.isArray(node)) return text(node);
        return Object.setPrototypeOf(copyObject(node), m.at % 2 ? null : Instance.prototype);
      case 6:
        return typeof node === 'number'
          ? text(node)
          : typeof node === 'string'
            ? node.length
            : null;
      case 7:
        return Array.isArray(node) ? Array.from({ length: 60 }, () => node[0]) : [node];
      default:
        return JSON.parse(`{"__proto__": ${JSON.stringify(m.key)}}`);
    }
  });
}

function mutatedValue(schema: JsonSchema): fc.Arbitrary<unknown> {
  return fc
    .tuple(validValue(schema), fc.array(mutation, { minLength: 1, maxLength: 3 }))
    .map(([value, mutations]) => mutations.reduce(mutate, value));
}

// --- codes ----------------------------------------------------------------------------------

/** The codes `messages: 'codes'` may give for a full reason's message (without its pointer). */
function codesFor(message: string): string[] {
  const rules: [RegExp, string][] = [
    [/^forbidden key$/, 'forbidden'],
    [/^unexpected property$/, 'unexpected'],
    [/^required property is missing$/, 'required'],
    [/^expected a plain object, received object$/, 'plain'],
    [/^expected a finite number, received /, 'finite'],
    [/^expected a safe integer, received /, 'integer'],
    [/^expected a JSON value, received /, 'json'],
    [/^expected at least \d+ characters, received \d+$/, 'minLength'],
    [/^expected at most \d+ characters, received \d+$/, 'maxLength'],
    [/^expected at least \d+ items, received \d+$/, 'minItems'],
    [/^expected at most \d+ items, received \d+$/, 'maxItems'],
    [/^expected at least \S+, received /, 'min'],
    [/^expected at most \S+, received /, 'max'],
    [/^expected to match \//, 'pattern'],
    [/^expected one of /, 'enum'],
    [
      /^expected [\w ]*, received (null|array|object|string|number|boolean|undefined|function|symbol|bigint)$/,
      'type',
    ],
    [/^expected /, 'enum'],
    [/^expected /, 'const'],
  ];
  return rules.filter(([re]) => re.test(message)).map(([, code]) => code);
}

function describeValue(value: unknown): string {
  try {
    const json = JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
    return `${json} (${typeof value}, prototype ${Object.getPrototypeOf(Object(value))?.constructor?.name})`;
  } catch {
    return typeof value;
  }
}

describe('jsonCheckFunction against compileJsonValidator', () => {
  it.each(SCHEMAS)('%s: the same reasons and codes', (_name, schema) => {
    const reference = compileJsonValidator(schema);
    const full = generate(schema, 'full');
    const codes = generate(schema, 'codes');
    const same = (value: unknown) => {
      const expected = reference(value);
      const context = `value ${describeValue(value)}`;
      expect(full(value), context).toBe(expected);
      const code = codes(value);
      if (expected === undefined) {
        expect(code, context).toBeUndefined();
        return;
      }
      expect(code, context).toBeDefined();
      const split = code!.lastIndexOf(': ');
      const pointer = code!.slice(0, split);
      expect(expected.startsWith(`${pointer}: `), `${context}: ${code} vs ${expected}`).toBe(true);
      expect(codesFor(expected.slice(pointer.length + 2)), context).toContain(
        code!.slice(split + 2),
      );
    };
    fc.assert(fc.property(anyValue, same), { numRuns: 300 });
    fc.assert(fc.property(validValue(schema), same), { numRuns: 150 });
    fc.assert(fc.property(mutatedValue(schema), same), { numRuns: 500 });
  });

  it('finds what it should in the shop cart', () => {
    const cart = Object.fromEntries(exampleSchemas())['shop.cookies.json cart']!;
    const full = generate(cart, 'full', 'checkCart');
    const codes = generate(cart, 'codes', 'checkCart');
    const value = { items: [{ sku: 'AB-1', qty: 120 }], currency: 'EUR' };
    expect(full(value)).toBe('value/items/0/qty: expected at most 99, received 120');
    expect(codes(value)).toBe('value/items/0/qty: max');
    expect(full({ items: [], currency: 'EUR' })).toBeUndefined();
    expect(codes({ items: [], currency: 'CHF' })).toBe('value/currency: enum');
    expect(codes({ items: [], currency: 'EUR', 'a/b': 1 })).toBe('value/a~1b: unexpected');
    expect(codes(JSON.parse('{"items": [], "currency": "EUR", "__proto__": {}}'))).toBe(
      'value/__proto__: forbidden',
    );
  });

  it('gives only the documented codes', () => {
    const codes = Object.values(JSON_CHECK_CODES);
    for (const [, schema] of SCHEMAS) {
      const source = printSourceFile('H', [jsonCheckFunction('c', schema, { messages: 'codes' })]);
      for (const match of source.matchAll(/: (\w+)['`];/g)) expect(codes).toContain(match[1]);
    }
  });
});

describe('jsonCheckFunction schemas it refuses', () => {
  it.each([
    [{ anyOf: [{ type: 'string' }] }, /\(root\): keyword "anyOf" is not supported/],
    [{ type: 'object', properties: { a: { $ref: '#/x' } } }, /\/properties\/a: keyword "\$ref"/],
    [{ type: 'array', items: { patternProperties: {} } }, /\/items: keyword "patternProperties"/],
    [{ additionalProperties: { not: {} } }, /\/additionalProperties: keyword "not"/],
    [{ type: 'string', pattern: '\\-' }, /pattern "\\\\-" is not a valid RegExp/],
    [{ type: 'string', pattern: '[' }, /is not a valid RegExp/],
    [{ type: 'strung' }, /type "strung" is not a JSON type/],
    [JSON.parse('{"type": "object", "properties": {"__proto__": {}}}'), /refused in cookie JSON/],
    [{ type: 'string', maxLength: -1 }, /maxLength must be a non-negative integer/],
    [{ type: 'number', minimum: '1' }, /minimum must be a finite number/],
    [{ enum: [{}] }, /enum and const must list/],
    [{ type: 'object', required: [1] }, /required must be an array/],
  ] as [JsonSchema, RegExp][])('%j', (schema, message) => {
    expect(() => jsonCheckFunction('check', schema, { messages: 'full' })).toThrow(message);
    expect(() => jsonCheckFunction('check', schema, { messages: 'codes' })).toThrow(message);
    // The very schemas the runtime refuses.
    expect(() => compileJsonValidator(schema)).toThrow();
  });

  it('names itself in the error', () => {
    expect(() =>
      jsonCheckFunction('checkCart', { oneOf: [] } as JsonSchema, { messages: 'codes' }),
    ).toThrow(
      'jsonCheckFunction(checkCart): JSON Schema (root): keyword "oneOf" is not supported by the cookie validator.',
    );
  });
});

describe('jsonCheckFunction source', () => {
  const all = SCHEMAS.flatMap(([name, schema], i) =>
    (['full', 'codes'] as const).map((messages) => ({
      name,
      messages,
      fn: jsonCheckFunction(`check${i}${messages}`, schema, { messages }),
    })),
  );

  it('is the same for the same schema', () => {
    for (const [, schema] of SCHEMAS) {
      const a = jsonCheckFunction('c', schema, { messages: 'full' });
      const b = jsonCheckFunction('c', structuredClone(schema), { messages: 'full' });
      expect(a).toEqual(b);
    }
  });

  it('has the signature the emitters declare', () => {
    const fn = jsonCheckFunction('checkCart', {}, { messages: 'codes' });
    expect(fn).toMatchObject({
      name: 'checkCart',
      parameters: [{ name: 'v', type: 'any' }],
      returnType: 'string | undefined',
    });
    expect(fn.isExported).toBeUndefined();
    expect(fn.statements.at(-1)).toBe('return undefined;');
  });

  it('is indented by two spaces per level, with no line over 100 characters in the examples', () => {
    for (const { name, fn } of all) {
      const source = printSourceFile('H', [fn]);
      for (const line of source.split('\n')) {
        if (/^\/\*\*| \*/.test(line)) continue; // the header comment
        expect((line.length - line.trimStart().length) % 2, line).toBe(0);
        expect(line, line).not.toMatch(/\s$/);
        if (name.includes('cookies.json')) expect(line.length, line).toBeLessThanOrEqual(100);
      }
    }
  });

  it('breaks long conditions over lines', () => {
    const fn = jsonCheckFunction('c', OWN_SCHEMAS.find(([n]) => n === 'long enum')![1], {
      messages: 'codes',
    });
    const lines = fn.statements.join('\n').split('\n');
    expect(lines[0]).toBe('if (');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(98);
  });

  it('is JavaScript: only the signature carries types', () => {
    for (const { fn } of all) {
      const body = fn.statements.join('\n');
      const js = `function f(v) {\n${body}\n}`;
      expect(() => new Function(js)).not.toThrow();
    }
  });

  it('type-checks as strict TypeScript 6 and 7', () => {
    const dir = mkdtempSync(join(tmpdir(), 'json-check-'));
    try {
      const source = all
        .map(({ fn }) => printSourceFile('Generated.', [{ ...fn, isExported: true }]))
        .join('\n');
      writeFileSync(join(dir, 'checks.ts'), source);
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            target: 'ES2022',
            lib: ['ES2023'],
            module: 'preserve',
            strict: true,
            noUncheckedIndexedAccess: true,
            exactOptionalPropertyTypes: true,
            noImplicitReturns: true,
            noUnusedLocals: true,
            noEmit: true,
            types: [],
          },
          files: ['checks.ts'],
        }),
      );
      for (const tsc of ['typescript/bin/tsc', 'typescript7/bin/tsc']) {
        const bin = join(repoRoot, 'node_modules', tsc);
        let output = '';
        try {
          execFileSync(process.execPath, [bin, '-p', dir], { encoding: 'utf8' });
        } catch (error) {
          output = String((error as { stdout?: string }).stdout ?? error);
        }
        expect(output, tsc).toBe('');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
