/** TypeScript types of cookie values, from the normalized value types. */
import type { JsonValueSchema } from '../schema/model';
import type { NormalizedCookie, NormalizedValueType } from '../schema/types';

const NEEDS_ESCAPE = /[\\'\n\r\u2028\u2029]/;

/** A string literal in single quotes, escaped for TypeScript source. */
export function quote(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return `'${text}'`;
  return `'${text
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')}'`;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A property key: bare when it is an identifier, quoted otherwise. */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : quote(name);
}

/** The TypeScript type of a JSON value described by the JSON Schema subset. */
export function jsonSchemaType(schema: JsonValueSchema): string {
  if (schema.enum)
    return schema.enum.map((v) => (typeof v === 'string' ? quote(v) : String(v))).join(' | ');
  switch (schema.type) {
    case 'string':
      return 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array': {
      const item = schema.items ? jsonSchemaType(schema.items) : 'unknown';
      return /^[\w.]+$/.test(item) ? `${item}[]` : `(${item})[]`;
    }
    case 'object': {
      const required = new Set(schema.required ?? []);
      const members = Object.keys(schema.properties ?? {})
        .sort()
        .map(
          (key) =>
            `${propertyKey(key)}${required.has(key) ? '' : '?'}: ${jsonSchemaType(schema.properties![key]!)}`,
        );
      if (schema.additionalProperties !== false) members.push('[key: string]: unknown');
      return members.length ? `{ ${members.join('; ')} }` : 'Record<string, never>';
    }
    default:
      return 'unknown';
  }
}

/** The TypeScript type of a cookie value; `runtime` is the namespace the runtime is imported as. */
export function valueType(value: NormalizedValueType, runtime: string): string {
  switch (value.type) {
    case 'string':
      return 'string';
    case 'enum':
      return value.values.map(quote).join(' | ');
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'Date';
    case 'json':
      return jsonSchemaType(value.schema);
    case 'consent':
      return `${runtime}.ConsentRecord`;
  }
}

/**
 * The name of the type alias a `json` cookie's value gets in `shared.ts` (`cart` → `CartValue`),
 * so that the object type is written once and users can import it.
 */
export function jsonTypeName(cookie: NormalizedCookie): string {
  const accessor = cookie.accessor!;
  return `${accessor[0]!.toUpperCase()}${accessor.slice(1)}Value`;
}

/** Whether the generator writes a check function for the cookie's values (in `shared.ts`). */
export function hasValueCheck(cookie: NormalizedCookie): boolean {
  const value = cookie.value;
  if (value.type === 'string') {
    // A string without constraints shares the runtime's `isString`: no function per cookie.
    return (
      value.pattern !== undefined || value.minLength !== undefined || value.maxLength !== undefined
    );
  }
  return value.type === 'enum' || value.type === 'json';
}

/** The name of a cookie's generated value check, exported by `shared.ts`: `checkCart`. */
export function checkName(cookie: NormalizedCookie): string {
  const accessor = cookie.accessor!;
  return `check${accessor[0]!.toUpperCase()}${accessor.slice(1)}`;
}

/** The value type of a cookie as generated modules spell it: `json` values by their alias. */
export function cookieValueType(cookie: NormalizedCookie, runtime: string): string {
  return cookie.value.type === 'json' ? jsonTypeName(cookie) : valueType(cookie.value, runtime);
}

/** The `json` cookies among `cookies`, whose value aliases a module imports from `shared.ts`. */
export function jsonTypeNames(cookies: readonly NormalizedCookie[]): string[] {
  return cookies
    .filter((c) => c.value.type === 'json')
    .map(jsonTypeName)
    .sort();
}
