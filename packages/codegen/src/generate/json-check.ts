/**
 * A `json` cookie's validator as straight-line code for its schema (as typia and ajv's standalone
 * mode write them), instead of `compileJsonValidator` from the runtime, which compiles the schema
 * into closures when the module loads and so ships the whole general validator to the browser.
 *
 * {@link jsonCheckFunction} supports exactly the subset and the semantics of the runtime's
 * `compileJsonValidator` (packages/runtime/src/json-validator.ts): plain objects only (prototype
 * `Object.prototype` or null), no `__proto__` / `constructor` / `prototype` keys anywhere, finite
 * numbers, safe integers for `integer`, string lengths in code points, patterns compiled with the
 * `u` flag, `additionalProperties` absent, boolean or a schema, `enum` / `const` of primitives,
 * `type` as a name or an array of names, and the same order of checks: the first failure it
 * reports is the one `compileJsonValidator` reports. A schema it cannot check throws.
 *
 * The generated function is self-contained: no helpers, no imports, no module state. Its body is
 * JavaScript that is also TypeScript (strict, `noUncheckedIndexedAccess`): only the parameter and
 * the return type carry annotations, every local derives from `v: any`. Locals are numbered
 * (`v1`, `i2`, `k3`…) so that no property name can shadow a global; the walker of values the
 * schema leaves open ("any JSON") is an explicit stack rather than a recursive helper.
 */
import {
  FORBIDDEN_JSON_KEYS,
  JSON_SCHEMA_ANNOTATIONS,
  JSON_SCHEMA_KEYWORDS,
  type JsonSchema,
  schemaTypes,
} from '@cookie-schema/runtime';
import { type FunctionStatement, StructureKind } from './structures';

/**
 * `'full'`: the very reason `compileJsonValidator` gives, for development builds
 * (`value/items/0/qty: expected at most 99, received 120`).
 * `'codes'`: the JSON pointer and a short stable code from {@link JSON_CHECK_CODES}, for
 * production builds (`value/items/0/qty: max`).
 */
export type JsonCheckMessages = 'full' | 'codes';

export interface JsonCheckOptions {
  messages: JsonCheckMessages;
}

/**
 * The codes of `messages: 'codes'`, each after `<pointer>: `. Stable: tests and users may match
 * them.
 */
export const JSON_CHECK_CODES = {
  /** Not of the schema's `type` (or of any of its types). */
  type: 'type',
  /** Not one of the `enum` values. */
  enum: 'enum',
  /** Not the `const` value. */
  const: 'const',
  /** A number that is NaN or infinite. */
  finite: 'finite',
  /** An `integer` beyond `Number.MAX_SAFE_INTEGER`. */
  integer: 'integer',
  /** Below `minimum`. */
  min: 'min',
  /** Above `maximum`. */
  max: 'max',
  /** Fewer code points than `minLength`. */
  minLength: 'minLength',
  /** More code points than `maxLength`. */
  maxLength: 'maxLength',
  /** Does not match `pattern`. */
  pattern: 'pattern',
  /** Fewer items than `minItems`. */
  minItems: 'minItems',
  /** More items than `maxItems`. */
  maxItems: 'maxItems',
  /** An object whose prototype is neither `Object.prototype` nor null. */
  plain: 'plain',
  /** A `required` property is absent or undefined. */
  required: 'required',
  /** A property outside `properties` under `additionalProperties: false`. */
  unexpected: 'unexpected',
  /** A `__proto__`, `constructor` or `prototype` key. */
  forbidden: 'forbidden',
  /** Not a JSON value at all (undefined, a function, a symbol, a bigint). */
  json: 'json',
} as const;

type Code = keyof typeof JSON_CHECK_CODES;

const TYPES = new Set(['object', 'array', 'string', 'number', 'integer', 'boolean', 'null']);

/** Lines longer than this (with their indentation in the printed source) are broken. */
const WIDTH = 100;
/** The function body's own indentation in `src/*.ts`. */
const BODY_INDENT = 2;

/**
 * `function <name>(v: any): string | undefined { … }`: returns `undefined` when `v` is valid
 * against `schema`, else the reason, as `compileJsonValidator(schema)(v)` would in
 * `messages: 'full'`, or as `<pointer>: <code>` in `messages: 'codes'`.
 *
 * Each element of `statements` is one top-level statement of the body; a block spans several
 * lines, indented by two spaces per level (ts-file.ts prints them as they are, dist-file.ts
 * re-indents them). The function is not exported and has no JSDoc: set `isExported` and `docs`
 * on the result as the module needs.
 *
 * Throws an `Error` naming the schema location and the keyword for a schema outside the subset
 * (`JSON Schema /properties/tags: keyword "anyOf" is not supported by the cookie validator.`),
 * for the same schemas `compileJsonValidator` refuses.
 *
 * @example
 * jsonCheckFunction('checkTheme', { enum: ['light', 'dark'] }, { messages: 'codes' })
 * // function checkTheme(v: any): string | undefined {
 * //   if (v !== 'light' && v !== 'dark') return 'value: enum';
 * //   return undefined;
 * // }
 */
export function jsonCheckFunction(
  name: string,
  schema: JsonSchema,
  options: JsonCheckOptions,
): FunctionStatement {
  if (options.messages !== 'full' && options.messages !== 'codes') {
    throw new Error(`jsonCheckFunction: messages must be 'full' or 'codes'`);
  }
  const generator = new Generator(options.messages === 'full', name);
  const lines = generator.check(schema, 'v', [{ text: 'value' }], '', 0);
  return {
    kind: StructureKind.Function,
    name,
    parameters: [{ name: 'v', type: 'any' }],
    returnType: 'string | undefined',
    statements: topLevelStatements([...lines, 'return undefined;']),
  };
}

/** Lines grouped into statements: a line at column 0 starts one unless it closes a block. */
function topLevelStatements(lines: string[]): string[] {
  const groups: string[][] = [];
  for (const line of lines) {
    const last = groups.at(-1);
    if (last === undefined || !/^[\s})]/.test(line)) groups.push([line]);
    else last.push(line);
  }
  return groups.map((g) => g.join('\n'));
}

/** A part of a message or a JSON pointer: literal text, or a JavaScript expression. */
type Part = { text: string } | { expr: string };

/**
 * Writes the checks of a schema as lines, each indented relative to the block it is in (two
 * spaces per level). `depth` is where the lines will be, only to keep them within {@link WIDTH}.
 */
class Generator {
  private counters = new Map<string, number>();

  constructor(
    private readonly full: boolean,
    private readonly functionName: string,
  ) {}

  /** A fresh local name: `v1`, `i1`, `k1`, `w1`… */
  private local(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}${n}`;
  }

  private schemaError(pointer: string, message: string): Error {
    return new Error(
      `jsonCheckFunction(${this.functionName}): JSON Schema ${pointer || '(root)'}: ${message}`,
    );
  }

  /** Checks of `ref` (an identifier) against `schema`; `path` is the value's JSON pointer. */
  check(schema: JsonSchema, ref: string, path: Part[], pointer: string, depth: number): string[] {
    if (!isPlainObject(schema)) throw this.schemaError(pointer, 'expected a schema object.');
    for (const key of Object.keys(schema)) {
      if (!JSON_SCHEMA_KEYWORDS.has(key) && !JSON_SCHEMA_ANNOTATIONS.has(key)) {
        throw this.schemaError(
          pointer,
          `keyword "${key}" is not supported by the cookie validator.`,
        );
      }
    }
    const lines: string[] = [];
    const listed = own(schema, 'enum');
    const constant = own(schema, 'const');
    if (listed !== undefined || constant !== undefined) {
      const values = listed ?? [constant];
      if (!Array.isArray(values) || values.some((v) => v !== null && typeof v === 'object')) {
        throw this.schemaError(
          pointer,
          'enum and const must list strings, numbers, booleans or null.',
        );
      }
      const code = listed === undefined ? 'const' : 'enum';
      lines.push(...this.enumCheck(values as Primitive[], code, ref, path, depth));
    }

    const declared = own(schema, 'type');
    if (declared !== undefined && typeof declared !== 'string' && !Array.isArray(declared)) {
      throw this.schemaError(pointer, 'type must be a JSON type name or an array of them.');
    }
    const inferred = schemaTypes(schema);
    if (inferred === undefined) {
      if (listed === undefined && constant === undefined) {
        lines.push(...this.anyJson(ref, path, undefined));
      }
    } else {
      lines.push(...this.typeCheck(schema, inferred, ref, path, pointer, depth));
    }
    return lines;
  }

  // --- messages and conditions ----------------------------------------------------------------

  /** `return <path>: <message>;` (`full`) or `return <path>: <code>;`. */
  private fail(path: Part[], code: Code, full: Part[]): string {
    const parts = this.full ? [...path, { text: ': ' }, ...full] : [...path, { text: `: ${code}` }];
    return `return ${messageLiteral(parts)};`;
  }

  /**
   * `if (<conditions>) <body>`: on one line when it fits, else a block, with the conditions one
   * after another over lines when even the head is too long. A condition holding an operator
   * weaker than `joiner` must come parenthesized.
   */
  private ifThen(conditions: string[], joiner: string, body: string[], depth: number): string[] {
    const room = WIDTH - BODY_INDENT - 2 * depth;
    const condition = conditions.join(` ${joiner} `);
    if (body.length === 1) {
      const line = `if (${condition}) ${body[0]}`;
      if (line.length <= room) return [line];
    }
    const head = `if (${condition}) {`;
    const opening =
      head.length <= room ? [head] : ['if (', ...indent(pack(conditions, joiner, room - 2)), ') {'];
    return [...opening, ...indent(body), '}'];
  }

  /** The lines that return `<path>: expected …, received <show(ref)>` (`show` of errors.ts). */
  private showFailure(
    path: Part[],
    code: Code,
    expected: string,
    ref: string,
    isString: boolean,
  ): string[] {
    if (!this.full) return [this.fail(path, code, [])];
    const lines = isString
      ? // JSON.stringify of a string never throws.
        [`let s = JSON.stringify(${ref});`]
      : [
          'let s;',
          'try {',
          `  s = JSON.stringify(${ref}) ?? String(${ref});`,
          '} catch {',
          `  s = typeof ${ref};`,
          '}',
        ];
    // biome-ignore lint/suspicious/noTemplateCurlyInString: generated code
    lines.push('if (s.length > 80) s = `${s.slice(0, 77)}…`;');
    lines.push(this.fail(path, code, [{ text: `expected ${expected}, received ` }, { expr: 's' }]));
    return lines;
  }

  // --- keywords -------------------------------------------------------------------------------

  private enumCheck(
    values: Primitive[],
    code: Code,
    ref: string,
    path: Part[],
    depth: number,
  ): string[] {
    const expected = values.map((v) => JSON.stringify(v)).join(', ');
    const many = values.length === 1 ? '' : 'one of ';
    const failure = this.showFailure(path, code, `${many}${expected}`, ref, false);
    // `[].includes(x)` is false: an empty enum accepts nothing.
    if (values.length === 0) return block(failure);
    return this.ifThen(unique(values.map((v) => notEqual(ref, v))), '&&', failure, depth);
  }

  private typeCheck(
    schema: JsonSchema,
    types: readonly string[],
    ref: string,
    path: Part[],
    pointer: string,
    depth: number,
  ): string[] {
    for (const type of types) {
      if (typeof type !== 'string' || !TYPES.has(type)) {
        throw this.schemaError(pointer, `type ${JSON.stringify(type)} is not a JSON type.`);
      }
    }
    const names = types.join(' or ');
    // `integer` before `number`: an integer is checked as one when `integer` is declared.
    const distinct = unique(types).sort((a, b) =>
      a === 'integer' && b === 'number' ? -1 : a === 'number' && b === 'integer' ? 1 : 0,
    );
    const inner = distinct.length === 1 ? depth : depth + 1;
    const branches = distinct.map((type) => ({
      is: isType(type, ref),
      isNot: isNotType(type, ref),
      body: this.typeBody(schema, type, ref, path, pointer, inner),
    }));
    const mismatch = this.full
      ? [
          `const t = ${ref} === null ? 'null' : Array.isArray(${ref}) ? 'array' : typeof ${ref};`,
          this.fail(path, 'type', [{ text: `expected ${names}, received ` }, { expr: 't' }]),
        ]
      : [this.fail(path, 'type', [])];

    // `type: []` accepts nothing.
    if (branches.length === 0) return block(mismatch);
    if (branches.length === 1) {
      const only = branches[0]!;
      return [...this.ifThen([only.isNot], '&&', mismatch, depth), ...only.body];
    }
    const checked = branches.filter((b) => b.body.length > 0);
    const rest = branches
      .filter((b) => b.body.length === 0)
      .map((b) => (b.isNot.includes('||') ? `(${b.isNot})` : b.isNot));
    if (checked.length === 0) return this.ifThen(rest, '&&', mismatch, depth);
    const lines: string[] = [];
    checked.forEach((branch, i) => {
      lines.push(`${i === 0 ? '' : '} else '}if (${branch.is}) {`, ...indent(branch.body));
    });
    lines.push(rest.length ? `} else if (${rest.join(' && ')}) {` : '} else {');
    return [...lines, ...indent(mismatch), '}'];
  }

  /** The checks of `ref`, known to be of `type`. */
  private typeBody(
    schema: JsonSchema,
    type: string,
    ref: string,
    path: Part[],
    pointer: string,
    depth: number,
  ): string[] {
    switch (type) {
      case 'integer':
      case 'number':
        return this.numberChecks(schema, type, ref, path, pointer, depth);
      case 'string':
        return this.stringChecks(schema, ref, path, pointer, depth);
      case 'array':
        return this.arrayChecks(schema, ref, path, pointer, depth);
      case 'object':
        return this.objectChecks(schema, ref, path, pointer, depth);
      default:
        return [];
    }
  }

  private numberChecks(
    schema: JsonSchema,
    type: string,
    ref: string,
    path: Part[],
    pointer: string,
    depth: number,
  ): string[] {
    const min = this.finiteNumber(schema, 'minimum', pointer);
    const max = this.finiteNumber(schema, 'maximum', pointer);
    const received: Part = { expr: ref };
    // For an integer, Number.isInteger held already: the value is finite.
    const [test, code, what] =
      type === 'number'
        ? [`!Number.isFinite(${ref})`, 'finite' as const, 'a finite number']
        : [`!Number.isSafeInteger(${ref})`, 'integer' as const, 'a safe integer'];
    const lines = this.ifThen(
      [test],
      '&&',
      [this.fail(path, code, [{ text: `expected ${what}, received ` }, received])],
      depth,
    );
    if (min !== undefined) {
      const message = [{ text: `expected at least ${min}, received ` }, received];
      lines.push(
        ...this.ifThen([`${ref} < ${min}`], '&&', [this.fail(path, 'min', message)], depth),
      );
    }
    if (max !== undefined) {
      const message = [{ text: `expected at most ${max}, received ` }, received];
      lines.push(
        ...this.ifThen([`${ref} > ${max}`], '&&', [this.fail(path, 'max', message)], depth),
      );
    }
    return lines;
  }

  private stringChecks(
    schema: JsonSchema,
    ref: string,
    path: Part[],
    pointer: string,
    depth: number,
  ): string[] {
    const min = this.nonNegativeInteger(schema, 'minLength', pointer);
    const max = this.nonNegativeInteger(schema, 'maxLength', pointer);
    const source = own(schema, 'pattern');
    const lines: string[] = [];
    // A string has at least half as many code points as UTF-16 units, and at most as many:
    // count them (`[...s]` iterates by code point) only when the length alone cannot decide.
    const count = `[...${ref}].length`;
    if (min !== undefined && min > 0) {
      const message = [{ text: `expected at least ${min} characters, received ` }, { expr: count }];
      lines.push(
        ...this.ifThen(
          [`${ref}.length < ${2 * min}`, `${count} < ${min}`],
          '&&',
          [this.fail(path, 'minLength', message)],
          depth,
        ),
      );
    }
    if (max !== undefined) {
      const message = [{ text: `expected at most ${max} characters, received ` }, { expr: count }];
      lines.push(
        ...this.ifThen(
          [`${ref}.length > ${max}`, `${count} > ${max}`],
          '&&',
          [this.fail(path, 'maxLength', message)],
          depth,
        ),
      );
    }
    if (source !== undefined) {
      let pattern: RegExp;
      try {
        if (typeof source !== 'string') throw new TypeError('not a string');
        pattern = new RegExp(source, 'u');
      } catch {
        throw this.schemaError(pointer, `pattern ${show(source)} is not a valid RegExp.`);
      }
      const failure = this.showFailure(path, 'pattern', `to match /${pattern.source}/`, ref, true);
      lines.push(...this.ifThen([`!${regExpLiteral(pattern)}.test(${ref})`], '&&', failure, depth));
    }
    return lines;
  }

  private arrayChecks(
    schema: JsonSchema,
    ref: string,
    path: Part[],
    pointer: string,
    depth: number,
  ): string[] {
    const itemSchema = own(schema, 'items');
    const min = this.nonNegativeInteger(schema, 'minItems', pointer);
    const max = this.nonNegativeInteger(schema, 'maxItems', pointer);
    const length: Part = { expr: `${ref}.length` };
    const lines: string[] = [];
    if (min !== undefined && min > 0) {
      const message = [{ text: `expected at least ${min} items, received ` }, length];
      const failure = [this.fail(path, 'minItems', message)];
      lines.push(...this.ifThen([`${ref}.length < ${min}`], '&&', failure, depth));
    }
    if (max !== undefined) {
      const message = [{ text: `expected at most ${max} items, received ` }, length];
      const failure = [this.fail(path, 'maxItems', message)];
      lines.push(...this.ifThen([`${ref}.length > ${max}`], '&&', failure, depth));
    }
    const i = this.local('i');
    let body: string[];
    if (itemSchema === undefined) {
      body = this.anyJson(`${ref}[${i}]`, path, i);
    } else {
      const item = this.local('v');
      const itemPath = [...path, { text: '/' }, { expr: i }];
      body = [
        `const ${item} = ${ref}[${i}];`,
        ...this.check(itemSchema, item, itemPath, `${pointer}/items`, depth + 1),
      ];
    }
    return [...lines, `for (let ${i} = 0; ${i} < ${ref}.length; ${i}++) {`, ...indent(body), '}'];
  }

  private objectChecks(
    schema: JsonSchema,
    ref: string,
    path: Part[],
    pointer: string,
    depth: number,
  ): string[] {
    const properties = own(schema, 'properties') ?? {};
    if (!isPlainObject(properties))
      throw this.schemaError(pointer, 'properties must be an object.');
    const keys = Object.keys(properties);
    for (const key of keys) {
      if (FORBIDDEN_JSON_KEYS.has(key)) {
        throw this.schemaError(
          pointer,
          `property "${key}" is refused in cookie JSON (prototype pollution).`,
        );
      }
    }
    const required = own(schema, 'required') ?? [];
    if (!Array.isArray(required) || required.some((k) => typeof k !== 'string')) {
      throw this.schemaError(pointer, 'required must be an array of property names.');
    }
    const additional = own(schema, 'additionalProperties');

    const proto = this.local('p');
    const lines = [
      `const ${proto} = Object.getPrototypeOf(${ref});`,
      ...this.ifThen(
        [`${proto} !== Object.prototype`, `${proto} !== null`],
        '&&',
        [this.fail(path, 'plain', [{ text: 'expected a plain object, received object' }])],
        depth,
      ),
    ];
    for (const key of unique(required as string[])) {
      lines.push(
        ...this.ifThen(
          [`!Object.hasOwn(${ref}, ${stringLiteral(key)})`, `${member(ref, key)} === undefined`],
          '||',
          [this.fail(child(path, key), 'required', [{ text: 'required property is missing' }])],
          depth,
        ),
      );
    }
    const requiredSet = new Set<string>(required);
    for (const key of keys) {
      const value = this.local('v');
      const at = `${pointer}/properties/${escapePointer(key)}`;
      const propertySchema = properties[key] as JsonSchema;
      if (requiredSet.has(key)) {
        lines.push(
          `const ${value} = ${member(ref, key)};`,
          ...this.check(propertySchema, value, child(path, key), at, depth),
        );
      } else {
        const read = `Object.hasOwn(${ref}, ${stringLiteral(key)}) ? ${member(ref, key)} : undefined`;
        lines.push(
          `const ${value} = ${read};`,
          // JSON.stringify drops undefined: an undefined property is an absent one.
          `if (${value} !== undefined) {`,
          ...indent(this.check(propertySchema, value, child(path, key), at, depth + 1)),
          '}',
        );
      }
    }

    // The other keys: none, any JSON, or each valid against `additionalProperties`.
    const k = this.local('k');
    const body = keys.length
      ? this.ifThen(
          keys.map((key) => `${k} === ${stringLiteral(key)}`),
          '||',
          ['continue;'],
          depth + 1,
        )
      : [];
    if (additional === undefined || additional === true) {
      // The walker refuses a forbidden key itself.
      body.push(...this.anyJson(`${ref}[${k}]`, path, k));
    } else {
      const forbidden = [...FORBIDDEN_JSON_KEYS].map((f) => `${k} === ${stringLiteral(f)}`);
      const at = [...path, { text: '/' }, { expr: k }];
      body.push(
        ...this.ifThen(
          forbidden,
          '||',
          [this.fail(at, 'forbidden', [{ text: 'forbidden key' }])],
          depth + 1,
        ),
      );
      const escaped = this.local('e');
      body.push(`const ${escaped} = ${k}.replace(/~/g, '~0').replace(/\\//g, '~1');`);
      const keyPath: Part[] = [...path, { text: '/' }, { expr: escaped }];
      if (additional === false) {
        body.push(this.fail(keyPath, 'unexpected', [{ text: 'unexpected property' }]));
      } else {
        const value = this.local('v');
        const at = `${pointer}/additionalProperties`;
        body.push(
          `const ${value} = ${ref}[${k}];`,
          ...this.check(additional as JsonSchema, value, keyPath, at, depth + 1),
        );
      }
    }
    return [...lines, `for (const ${k} of Object.keys(${ref})) {`, ...indent(body), '}'];
  }

  /**
   * Any JSON value (the runtime's `anyJson`): null, boolean, finite number, string, array or
   * plain object of them, without forbidden keys. Depth first and in key order as the recursive
   * original, with a stack of (value, parent pointer, key) triples; the key is undefined for the
   * root of the whole value.
   */
  private anyJson(value: string, parent: Part[], key: string | undefined): string[] {
    const w = this.local('w');
    const fail = (at: Part[], code: Code, message: Part[]) =>
      this.full
        ? `return ${messageLiteral([...at, { text: ': ' }, ...message])};`
        : `return ${messageLiteral([...at, { text: `: ${code}` }])};`;
    const at: Part[] = [{ expr: 'at' }];
    const keyAt: Part[] = [{ expr: 'parent' }, { text: '/' }, { expr: 'key' }];
    return [
      `const ${w} = [${value}, ${messageLiteral(parent)}, ${key ?? 'undefined'}];`,
      `while (${w}.length > 0) {`,
      `  const key = ${w}.pop();`,
      `  const parent = ${w}.pop();`,
      `  const x = ${w}.pop();`,
      `  if (key === '__proto__' || key === 'constructor' || key === 'prototype') {`,
      `    ${fail(keyAt, 'forbidden', [{ text: 'forbidden key' }])}`,
      '  }',
      `  if (typeof x === 'string' || typeof x === 'boolean' || x === null) continue;`,
      `  if (typeof x === 'number' && Number.isFinite(x)) continue;`,
      '  let at = parent;',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: generated code
      "  if (key !== undefined) at += `/${String(key).replace(/~/g, '~0').replace(/\\//g, '~1')}`;",
      "  if (typeof x === 'number') {",
      `    ${fail(at, 'finite', [{ text: 'expected a finite number, received ' }, { expr: 'x' }])}`,
      '  }',
      '  if (Array.isArray(x)) {',
      `    for (let j = x.length - 1; j >= 0; j--) ${w}.push(x[j], at, j);`,
      "  } else if (typeof x === 'object') {",
      '    const proto = Object.getPrototypeOf(x);',
      '    if (proto !== Object.prototype && proto !== null) {',
      `      ${fail(at, 'plain', [{ text: 'expected a plain object, received object' }])}`,
      '    }',
      `    for (const k of Object.keys(x).reverse()) ${w}.push(x[k], at, k);`,
      '  } else {',
      `    ${fail(at, 'json', [{ text: 'expected a JSON value, received ' }, { expr: 'typeof x' }])}`,
      '  }',
      '}',
    ];
  }

  private finiteNumber(schema: JsonSchema, key: keyof JsonSchema, pointer: string) {
    const n = own(schema, key);
    if (n === undefined) return undefined;
    if (typeof n !== 'number' || !Number.isFinite(n)) {
      throw this.schemaError(pointer, `${key} must be a finite number, received ${show(n)}.`);
    }
    return n;
  }

  private nonNegativeInteger(schema: JsonSchema, key: keyof JsonSchema, pointer: string) {
    const n = own(schema, key);
    if (n === undefined) return undefined;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
      throw this.schemaError(
        pointer,
        `${key} must be a non-negative integer, received ${show(n)}.`,
      );
    }
    return n;
  }
}

/** Conditions joined by `joiner`, as many on a line as fit in `room`. */
function pack(conditions: string[], joiner: string, room: number): string[] {
  const lines: string[] = [];
  let current = '';
  conditions.forEach((c, i) => {
    const piece = i < conditions.length - 1 ? `${c} ${joiner}` : c;
    if (current && current.length + 1 + piece.length > room) {
      lines.push(current);
      current = piece;
    } else {
      current = current ? `${current} ${piece}` : piece;
    }
  });
  return [...lines, current];
}

/** `lines` on their own, or in a block of their own when they declare something. */
function block(lines: string[]): string[] {
  return lines.length === 1 ? lines : ['{', ...indent(lines), '}'];
}

type Primitive = string | number | boolean | null;

function own<K extends keyof JsonSchema>(schema: JsonSchema, key: K): JsonSchema[K] | undefined {
  return Object.hasOwn(schema, key) ? schema[key] : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function unique<T>(list: readonly T[]): T[] {
  return [...new Set(list)];
}

function indent(lines: string[]): string[] {
  return lines.map((l) => (l ? `  ${l}` : l));
}

function show(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return typeof value;
  }
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function child(path: Part[], key: string): Part[] {
  return [...path, { text: `/${escapePointer(key)}` }];
}

/** `ref !== <value>` as `Array.prototype.includes` compares (SameValueZero: NaN is NaN). */
function notEqual(ref: string, value: Primitive): string {
  if (typeof value === 'number' && Number.isNaN(value)) return `!Number.isNaN(${ref})`;
  return `${ref} !== ${primitiveLiteral(value)}`;
}

function primitiveLiteral(value: Primitive): string {
  if (typeof value === 'string') return stringLiteral(value);
  if (typeof value === 'number') {
    if (value === Infinity) return 'Infinity';
    if (value === -Infinity) return '-Infinity';
  }
  return String(value);
}

function isType(type: string, ref: string): string {
  switch (type) {
    case 'null':
      return `${ref} === null`;
    case 'integer':
      return `Number.isInteger(${ref})`;
    case 'array':
      return `Array.isArray(${ref})`;
    case 'object':
      return `typeof ${ref} === 'object' && ${ref} !== null && !Array.isArray(${ref})`;
    default:
      return `typeof ${ref} === '${type}'`;
  }
}

function isNotType(type: string, ref: string): string {
  switch (type) {
    case 'null':
      return `${ref} !== null`;
    case 'integer':
      return `!Number.isInteger(${ref})`;
    case 'array':
      return `!Array.isArray(${ref})`;
    case 'object':
      return `typeof ${ref} !== 'object' || ${ref} === null || Array.isArray(${ref})`;
    default:
      return `typeof ${ref} !== '${type}'`;
  }
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `ref.key`, or `ref['key']` when the key is not an identifier. */
function member(ref: string, key: string): string {
  return IDENTIFIER.test(key) ? `${ref}.${key}` : `${ref}[${stringLiteral(key)}]`;
}

/**
 * Characters written as escapes in literals: controls, line terminators and lone surrogates
 * (which a UTF-8 file cannot hold).
 */
const SPECIAL =
  /[\u0000-\u001f\u007f\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeSpecial(ch: string): string {
  const named = NAMED[ch];
  if (named !== undefined) return named;
  const code = ch.charCodeAt(0);
  return code < 0x100
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** A single-quoted string literal. */
function stringLiteral(text: string): string {
  return `'${text.replace(/[\\']/g, '\\$&').replace(SPECIAL, escapeSpecial)}'`;
}

/** Text inside a template literal. */
function templateText(text: string): string {
  return text.replace(/[\\`]|\$(?=\{)/g, '\\$&').replace(SPECIAL, escapeSpecial);
}

/** A string literal of `parts`, a template literal when some of them are expressions. */
function messageLiteral(parts: Part[]): string {
  if (parts.every((p) => 'text' in p)) {
    return stringLiteral(parts.map((p) => (p as { text: string }).text).join(''));
  }
  let out = '';
  for (const p of parts) out += 'text' in p ? templateText(p.text) : `\${${p.expr}}`;
  return `\`${out}\``;
}

/**
 * `/source/u` for a pattern compiled with the `u` flag. `RegExp.prototype.source` already
 * escapes `/` and line terminators so that the literal reads back as the same pattern; other
 * controls and lone surrogates are written as escapes too (`\u{…}`: a lone surrogate written
 * `\uD800` could pair with a following escape). In a valid `u` pattern none of them can follow a
 * backslash, so the escape never changes meaning.
 */
function regExpLiteral(pattern: RegExp): string {
  const body = pattern.source.replace(SPECIAL, (ch) =>
    ch === '\u2028' || ch === '\u2029' || ch.charCodeAt(0) >= 0xd800
      ? `\\u{${ch.charCodeAt(0).toString(16)}}`
      : escapeSpecial(ch),
  );
  new RegExp(body, 'u'); // throws if an escape above were wrong
  return `/${body}/u`;
}
