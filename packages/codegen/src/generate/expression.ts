/**
 * Initializers of generated constants as small expression trees, printed two ways: as TypeScript
 * for `src/*.ts`, and as the JavaScript that TypeScript's emitter writes from that source for
 * `dist/*.js` (type arguments dropped, four-space indentation, JSON re-spaced). One tree, two
 * renderings: the JavaScript never has to be recovered from TypeScript text.
 */

/**
 * Text printed as is in both renderings: an identifier, a literal, `new Date('…')`, an arrow
 * function without types. It must be valid JavaScript, and fit on one line: the printers indent
 * only the lines they break themselves. (The policy module's data literal, the one multi-line
 * exception, only goes to `src/`: emit-policy.ts writes its JavaScript.)
 */
export type Verbatim = string;

/** `callee<typeArguments>(args)`, marked `/*#__PURE__*\/` when bundlers may drop it unused. */
export interface CallExpression {
  kind: 'call';
  callee: string;
  typeArguments: string[];
  args: Expression[];
  pure: boolean;
}

/**
 * An object literal; `properties` are `[key, value]` with the key as written (`propertyKey`), a
 * value equal to its key is printed as a shorthand property. `multiline` puts one property per
 * line, each followed by a comma.
 */
export interface ObjectExpression {
  kind: 'object';
  properties: [key: string, value: Expression][];
  multiline: boolean;
}

/** An array literal; `multiline` puts one element per line, each followed by a comma. */
export interface ArrayExpression {
  kind: 'array';
  elements: Expression[];
  multiline: boolean;
}

/** A JSON value as a literal: `JSON.stringify` in TypeScript, re-spaced as TypeScript emits it. */
export interface JsonExpression {
  kind: 'json';
  value: unknown;
}

export type Expression =
  | Verbatim
  | CallExpression
  | ObjectExpression
  | ArrayExpression
  | JsonExpression;

/** `/*#__PURE__*\/ callee<typeArguments>(...args)`. */
export function pureCall(
  callee: string,
  args: Expression[],
  typeArguments: string[] = [],
): CallExpression {
  return { kind: 'call', callee, typeArguments, args, pure: true };
}

/** `callee(...args)`. */
export function call(callee: string, args: Expression[]): CallExpression {
  return { kind: 'call', callee, typeArguments: [], args, pure: false };
}

export function objectLiteral(
  properties: [key: string, value: Expression][],
  multiline = false,
): ObjectExpression {
  return { kind: 'object', properties, multiline };
}

export function arrayLiteral(elements: Expression[], multiline = false): ArrayExpression {
  return { kind: 'array', elements, multiline };
}

export function jsonLiteral(value: unknown): JsonExpression {
  return { kind: 'json', value };
}

interface Style {
  /** One level of indentation. */
  unit: string;
  /** Whether type arguments are printed (TypeScript) or dropped (JavaScript). */
  types: boolean;
  json: (value: unknown) => string;
}

const TYPESCRIPT: Style = { unit: '  ', types: true, json: (v) => JSON.stringify(v) };
const JAVASCRIPT: Style = { unit: '    ', types: false, json: (v) => spacedJson(jsonValue(v)) };

/**
 * The TypeScript of `expression` at indentation `indent` (two spaces per level, as ts-morph's
 * writer indents blocks).
 */
export function printTypeScript(expression: Expression, indent = ''): string {
  return print(expression, indent, TYPESCRIPT);
}

/**
 * The JavaScript TypeScript's emitter writes for `expression` (its printer: four spaces per
 * level of multi-line literal, `{ a: 1 }`, `[1, 2]`, comments and literal text kept).
 */
export function printJavaScript(expression: Expression, indent = ''): string {
  return print(expression, indent, JAVASCRIPT);
}

function print(e: Expression, indent: string, style: Style): string {
  if (typeof e === 'string') return e;
  switch (e.kind) {
    case 'call': {
      const types = style.types && e.typeArguments.length ? `<${e.typeArguments.join(', ')}>` : '';
      const args = e.args.map((a) => print(a, indent, style)).join(', ');
      return `${e.pure ? '/*#__PURE__*/ ' : ''}${e.callee}${types}(${args})`;
    }
    case 'object': {
      if (e.properties.length === 0) return '{}';
      const inner = e.multiline ? indent + style.unit : indent;
      const items = e.properties.map(([key, value]) =>
        value === key ? key : `${key}: ${print(value, inner, style)}`,
      );
      return e.multiline ? block('{', items, '}', indent, inner) : `{ ${items.join(', ')} }`;
    }
    case 'array': {
      if (e.elements.length === 0) return '[]';
      const inner = e.multiline ? indent + style.unit : indent;
      const items = e.elements.map((element) => print(element, inner, style));
      return e.multiline ? block('[', items, ']', indent, inner) : `[${items.join(', ')}]`;
    }
    case 'json':
      return style.json(e.value);
  }
}

function block(open: string, items: string[], close: string, indent: string, inner: string) {
  let text = `${open}\n`;
  for (const item of items) text += `${inner}${item},\n`;
  return `${text}${indent}${close}`;
}

/** The value as `JSON.stringify` writes it (undefined properties dropped, NaN → null, …). */
function jsonValue(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : JSON.parse(text);
}

/** A JSON value as TypeScript's printer writes the literal: `{ "a": [1, 2] }`. */
function spacedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(spacedJson).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    return `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${spacedJson(v)}`).join(', ')} }`;
  }
  return JSON.stringify(value);
}
