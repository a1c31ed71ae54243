/**
 * A validator for `json` cookie values, compiled from a JSON Schema subset into closures (no
 * interpreter walk per value, no zod at run time), and a JSON parser closed to prototype
 * pollution.
 *
 * Supported keywords: `type` (`object`, `array`, `string`, `number`, `integer`, `boolean`,
 * `null`, or an array of them), `properties`, `required`, `additionalProperties` (boolean or
 * schema), `items`, `enum` and `const` (primitives), `minLength` / `maxLength` / `pattern`,
 * `minimum` / `maximum`, `minItems` / `maxItems`. Annotations (`title`, `description`,
 * `default`, `examples`, `$schema`, `$id`, `$comment`, `format`, `deprecated`, `readOnly`,
 * `writeOnly`) are ignored. Any other keyword (`anyOf`, `$ref`, `patternProperties`, …) throws
 * a `CookieError` (`invalid-schema`) rather than being silently skipped, so a value is never
 * accepted that the schema would refuse.
 */
import { CookieError, type CookieResult, show } from './errors.js';
import { own } from './own.js';

/** A JSON type name. */
export type JsonType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

/** The JSON Schema subset understood by {@link compileJsonValidator}. */
export interface JsonSchema {
  type?: JsonType | readonly JsonType[];
  properties?: { readonly [key: string]: JsonSchema };
  required?: readonly string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: readonly (string | number | boolean | null)[];
  const?: string | number | boolean | null;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  title?: string;
  description?: string;
  default?: unknown;
  examples?: readonly unknown[];
  format?: string;
  $schema?: string;
  $id?: string;
  $comment?: string;
  deprecated?: boolean;
  readOnly?: boolean;
  writeOnly?: boolean;
}

/**
 * Checks a parsed JSON value: returns `undefined` when it is valid, else the reason with a JSON
 * pointer, e.g. `value/theme: expected one of "light", "dark", received "blue"`. `T` is the type
 * the schema describes (the generator emits it next to the schema).
 */
export interface JsonValidator<T = unknown> {
  (value: unknown): string | undefined;
  /** Type carrier only; never set. */
  readonly __type?: T;
}

type Check = (value: unknown) => string | undefined;

/** The annotations the validator ignores (and the generator's JSON checks, which it agrees with). */
export const JSON_SCHEMA_ANNOTATIONS: ReadonlySet<string> = /* @__PURE__ */ new Set([
  'title',
  'description',
  'default',
  'examples',
  'format',
  '$schema',
  '$id',
  '$comment',
  'deprecated',
  'readOnly',
  'writeOnly',
]);
/** The keywords the validator implements; any other refuses the schema (`invalid-schema`). */
export const JSON_SCHEMA_KEYWORDS: ReadonlySet<string> = /* @__PURE__ */ new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'enum',
  'const',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'minItems',
  'maxItems',
]);

/** Object keys refused in cookie JSON: they serve only prototype-pollution attacks. */
/** Keys a JSON value may not have: they could pollute prototypes where the value is merged. */
export const FORBIDDEN_JSON_KEYS: ReadonlySet<string> = /* @__PURE__ */ new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

function schemaError(pointer: string, message: string): CookieError {
  return new CookieError('invalid-schema', '', `JSON Schema ${pointer || '(root)'}: ${message}`);
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Code points, as JSON Schema counts string length. */
function codePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}

/** Any JSON value: null, boolean, finite number, string, array or plain object of them. */
const anyJson: Check = (value) => {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : `: expected a finite number, received ${value}`;
    case 'object': {
      if (value === null) return undefined;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          const reason = anyJson(value[i]);
          if (reason !== undefined) return `/${i}${reason}`;
        }
        return undefined;
      }
      if (!isPlainObject(value)) return `: expected a plain object, received ${typeOf(value)}`;
      for (const key of Object.keys(value)) {
        if (FORBIDDEN_JSON_KEYS.has(key)) return `/${escapePointer(key)}: forbidden key`;
        const reason = anyJson(value[key]);
        if (reason !== undefined) return `/${escapePointer(key)}${reason}`;
      }
      return undefined;
    }
    default:
      return `: expected a JSON value, received ${typeof value}`;
  }
};

function nonNegativeInteger(schema: JsonSchema, key: keyof JsonSchema, pointer: string) {
  const n = own(schema, key);
  if (n === undefined) return undefined;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    throw schemaError(pointer, `${key} must be a non-negative integer, received ${show(n)}.`);
  }
  return n;
}

function finiteNumber(schema: JsonSchema, key: keyof JsonSchema, pointer: string) {
  const n = own(schema, key);
  if (n === undefined) return undefined;
  if (typeof n !== 'number' || !Number.isFinite(n)) {
    throw schemaError(pointer, `${key} must be a finite number, received ${show(n)}.`);
  }
  return n;
}

/**
 * The JSON types a schema's value may have: its `type` (a name or a list), else `object` when it
 * has object keywords, `array` when it has `items`, else any (`undefined`). Own properties only;
 * `type` is assumed well formed (a name or an array of names).
 */
export function schemaTypes(schema: JsonSchema): readonly string[] | undefined {
  const declared = own(schema, 'type') as string | readonly string[] | undefined;
  if (declared !== undefined) return typeof declared === 'string' ? [declared] : declared;
  if (
    own(schema, 'properties') !== undefined ||
    own(schema, 'required') !== undefined ||
    own(schema, 'additionalProperties') !== undefined
  ) {
    return ['object'];
  }
  return own(schema, 'items') !== undefined ? ['array'] : undefined;
}

function compile(schema: JsonSchema, pointer: string): Check {
  if (!isPlainObject(schema as unknown)) throw schemaError(pointer, 'expected a schema object.');
  for (const key of Object.keys(schema)) {
    if (!JSON_SCHEMA_KEYWORDS.has(key) && !JSON_SCHEMA_ANNOTATIONS.has(key)) {
      throw schemaError(pointer, `keyword "${key}" is not supported by the cookie validator.`);
    }
  }
  const checks: Check[] = [];

  const listed = own(schema, 'enum');
  const constant = own(schema, 'const');
  if (listed !== undefined || constant !== undefined) {
    const values = listed ?? [constant];
    if (!Array.isArray(values) || values.some((v) => v !== null && typeof v === 'object')) {
      throw schemaError(pointer, 'enum and const must list strings, numbers, booleans or null.');
    }
    const expected = values.map((v) => JSON.stringify(v)).join(', ');
    checks.push((value) =>
      values.includes(value as never)
        ? undefined
        : `: expected ${values.length === 1 ? '' : 'one of '}${expected}, received ${show(value)}`,
    );
  }

  const inferred = schemaTypes(schema);
  if (inferred === undefined) {
    if (listed === undefined && constant === undefined) checks.push(anyJson);
  } else {
    const byType: Record<string, Check> = Object.create(null);
    for (const type of inferred) {
      byType[type] = compileType(schema, type, pointer);
    }
    const names = inferred.join(' or ');
    checks.push((value) => {
      let type = typeOf(value);
      // An integer is a number: report and check it as one unless "integer" is declared.
      if (type === 'integer' && byType.integer === undefined) type = 'number';
      const check = byType[type];
      return check === undefined ? `: expected ${names}, received ${type}` : check(value);
    });
  }
  if (checks.length === 1) return checks[0]!;
  return (value) => {
    for (const check of checks) {
      const reason = check(value);
      if (reason !== undefined) return reason;
    }
    return undefined;
  };
}

function compileType(schema: JsonSchema, type: string, pointer: string): Check {
  switch (type) {
    case 'null':
    case 'boolean':
      return () => undefined;
    case 'integer':
    case 'number': {
      const min = finiteNumber(schema, 'minimum', pointer);
      const max = finiteNumber(schema, 'maximum', pointer);
      return (value) => {
        const n = value as number;
        if (!Number.isFinite(n)) return `: expected a finite number, received ${n}`;
        if (type === 'integer' && !Number.isSafeInteger(n)) {
          return `: expected a safe integer, received ${n}`;
        }
        if (min !== undefined && n < min) return `: expected at least ${min}, received ${n}`;
        if (max !== undefined && n > max) return `: expected at most ${max}, received ${n}`;
        return undefined;
      };
    }
    case 'string': {
      const min = nonNegativeInteger(schema, 'minLength', pointer);
      const max = nonNegativeInteger(schema, 'maxLength', pointer);
      let pattern: RegExp | undefined;
      const source = own(schema, 'pattern');
      if (source !== undefined) {
        try {
          pattern = new RegExp(source, 'u');
        } catch {
          throw schemaError(pointer, `pattern ${show(source)} is not a valid RegExp.`);
        }
      }
      return (value) => {
        const text = value as string;
        if (min !== undefined || max !== undefined) {
          const length = codePoints(text);
          if (min !== undefined && length < min) {
            return `: expected at least ${min} characters, received ${length}`;
          }
          if (max !== undefined && length > max) {
            return `: expected at most ${max} characters, received ${length}`;
          }
        }
        if (pattern !== undefined && !pattern.test(text)) {
          return `: expected to match /${pattern.source}/, received ${show(text)}`;
        }
        return undefined;
      };
    }
    case 'array': {
      const itemSchema = own(schema, 'items');
      const items = itemSchema === undefined ? anyJson : compile(itemSchema, `${pointer}/items`);
      const min = nonNegativeInteger(schema, 'minItems', pointer);
      const max = nonNegativeInteger(schema, 'maxItems', pointer);
      return (value) => {
        const list = value as unknown[];
        if (min !== undefined && list.length < min) {
          return `: expected at least ${min} items, received ${list.length}`;
        }
        if (max !== undefined && list.length > max) {
          return `: expected at most ${max} items, received ${list.length}`;
        }
        for (let i = 0; i < list.length; i++) {
          const reason = items(list[i]);
          if (reason !== undefined) return `/${i}${reason}`;
        }
        return undefined;
      };
    }
    case 'object':
      return compileObject(schema, pointer);
    default:
      throw schemaError(pointer, `type ${show(type)} is not a JSON type.`);
  }
}

function compileObject(schema: JsonSchema, pointer: string): Check {
  const properties = own(schema, 'properties') ?? {};
  if (!isPlainObject(properties)) throw schemaError(pointer, 'properties must be an object.');
  const known: Record<string, Check> = Object.create(null);
  const entries: [string, string, Check][] = [];
  for (const key of Object.keys(properties)) {
    if (FORBIDDEN_JSON_KEYS.has(key)) {
      throw schemaError(
        pointer,
        `property "${key}" is refused in cookie JSON (prototype pollution).`,
      );
    }
    const check = compile(properties[key]!, `${pointer}/properties/${escapePointer(key)}`);
    known[key] = check;
    entries.push([key, `/${escapePointer(key)}`, check]);
  }
  const required = own(schema, 'required') ?? [];
  if (!Array.isArray(required) || required.some((k) => typeof k !== 'string')) {
    throw schemaError(pointer, 'required must be an array of property names.');
  }
  const additional = own(schema, 'additionalProperties');
  const extra: Check | false =
    additional === undefined || additional === true
      ? anyJson
      : additional === false
        ? false
        : compile(additional, `${pointer}/additionalProperties`);

  return (value) => {
    if (!isPlainObject(value)) return `: expected a plain object, received ${typeOf(value)}`;
    for (const key of required) {
      if (value[key] === undefined || !Object.hasOwn(value, key)) {
        return `/${escapePointer(key)}: required property is missing`;
      }
    }
    for (const [key, at, check] of entries) {
      const item = Object.hasOwn(value, key) ? value[key] : undefined;
      if (item === undefined) continue; // JSON.stringify drops undefined: same as absent
      const reason = check(item);
      if (reason !== undefined) return at + reason;
    }
    for (const key of Object.keys(value)) {
      if (known[key] !== undefined) continue;
      if (FORBIDDEN_JSON_KEYS.has(key)) return `/${escapePointer(key)}: forbidden key`;
      if (extra === false) return `/${escapePointer(key)}: unexpected property`;
      const reason = extra(value[key]);
      if (reason !== undefined) return `/${escapePointer(key)}${reason}`;
    }
    return undefined;
  };
}

/**
 * Compiles `schema` (see the module comment for the subset) into a fast validator. Throws a
 * `CookieError` (`invalid-schema`) for a keyword it does not implement. Objects must be plain
 * (`Object.prototype` or null prototype) and may not have `__proto__`, `constructor` or
 * `prototype` keys; numbers must be finite; `integer` means a safe integer.
 *
 * @example
 * const check = compileJsonValidator<{ theme: 'light' | 'dark' }>({
 *   type: 'object', properties: { theme: { enum: ['light', 'dark'] } }, required: ['theme'],
 * });
 * check({ theme: 'blue' }) // 'value/theme: expected one of "light", "dark", received "blue"'
 */
export function compileJsonValidator<T = unknown>(schema: JsonSchema): JsonValidator<T> {
  const check = compile(schema, '');
  return (value: unknown) => {
    const reason = check(value);
    return reason === undefined ? undefined : `value${reason}`;
  };
}

/**
 * The reviver is slow, so it runs only when the text could hold a dangerous key, spelled out or
 * hidden behind a JSON escape (`"\u005f_proto__"`). Four `indexOf` beat one alternation RegExp.
 */
function maybeDangerous(text: string): boolean {
  return (
    text.indexOf('\\') !== -1 ||
    text.indexOf('__proto__') !== -1 ||
    text.indexOf('constructor') !== -1 ||
    text.indexOf('prototype') !== -1
  );
}

function dropDangerousKeys(key: string, value: unknown): unknown {
  return FORBIDDEN_JSON_KEYS.has(key) ? undefined : value;
}

/**
 * `JSON.parse` that never throws and drops every `__proto__`, `constructor` and `prototype`
 * key at any depth, so the result can be merged or spread without polluting prototypes.
 */
export function parseJsonSafely(text: string): CookieResult<unknown> {
  const value = parseJsonOr(text, INVALID_JSON);
  return value === INVALID_JSON
    ? { ok: false, reason: `${show(text)} is not valid JSON` }
    : { ok: true, value };
}

const INVALID_JSON = { invalid: true } as const;

/**
 * {@link parseJsonSafely} without its result record: the value, or `invalid` when `text` is not
 * JSON. For the codec, which reads a JSON cookie on every request.
 */
export function parseJsonOr<I>(text: string, invalid: I): unknown {
  try {
    return maybeDangerous(text) ? JSON.parse(text, dropDangerousKeys) : JSON.parse(text);
  } catch {
    return invalid;
  }
}
