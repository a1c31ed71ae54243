/**
 * `src/policy.ts`: the whole declaration as typed, frozen data for banners and policy pages.
 *
 * The module is one `as const` literal of ~700 bytes per cookie, so this emitter writes its
 * `dist/policy.js` and `dist/policy.d.ts` itself, byte for byte what the TypeScript compiler
 * writes (a test compares them): compiling the literal took seconds at 2,000 cookies, and its
 * inferred type is too long for `transpileDeclaration` to serialize at all.
 */
import { type PolicyData, policyData } from '../policy/data';
import type { NormalizedSchema } from '../schema/types';
import { docText } from './docs';
import { type Statement, StructureKind, VariableDeclarationKind } from './structures';
import { headerComment, jsDocComment, printSourceFile } from './ts-file';
import { propertyKey, quote } from './types';

const POLICY_TYPE_DOC = 'The type of {@link policy}: every literal of the declaration.';

function policyDoc(schema: NormalizedSchema): string {
  return docText(
    `The cookie policy of ${schema.policy.name} (revision ${schema.policy.revision}) as frozen data: categories and cookies with every attribute, human-readable durations and text in ${schema.policy.locales.join(', ')}. Render a banner or a policy page from it.`,
  );
}

/** The statements of `src/policy.ts`, with `initializer` as the data literal. */
function statements(schema: NormalizedSchema, initializer: string): Statement[] {
  return [
    {
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      declarations: [{ name: 'data', initializer }],
    },
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: 'Policy',
      docs: [POLICY_TYPE_DOC],
      type: 'typeof data',
    },
    {
      kind: StructureKind.Function,
      name: 'freeze',
      typeParameters: ['T'],
      parameters: [{ name: 'value', type: 'T' }],
      returnType: 'T',
      statements: [
        "if (value !== null && typeof value === 'object') {",
        '  for (const key of Object.keys(value)) freeze((value as Record<string, unknown>)[key]);',
        '  Object.freeze(value);',
        '}',
        'return value;',
      ],
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [policyDoc(schema)],
      declarations: [{ name: 'policy', type: 'Policy', initializer: '/*#__PURE__*/ freeze(data)' }],
    },
  ];
}

export function emitPolicyStatements(schema: NormalizedSchema): Statement[] {
  return statements(schema, `${dataLiteral(policyData(schema), '', '  ')} as const`);
}

/** The three files of the policy module. */
export interface PolicyModule {
  source: string;
  js: string;
  dts: string;
}

const DATA_PLACEHOLDER = '__cookie_schema_policy_data__';

/** `src/policy.ts`, `dist/policy.js` and `dist/policy.d.ts`, each headed by `header`. */
export function emitPolicyModule(schema: NormalizedSchema, header: string): PolicyModule {
  // Through JSON, as the literal is: keys whose value is undefined are dropped.
  const data = JSON.parse(JSON.stringify(policyData(schema))) as PolicyData;
  // Printed once with a placeholder, so the printer does not scan the large literal.
  const source = printSourceFile(header, statements(schema, DATA_PLACEHOLDER)).replace(
    DATA_PLACEHOLDER,
    () => `${dataLiteral(data, '', '  ')} as const`,
  );
  const comment = headerComment(header);
  const js = `${comment}const data = ${dataLiteral(data, '', '    ')};
function freeze(value) {
    if (value !== null && typeof value === 'object') {
        for (const key of Object.keys(value))
            freeze(value[key]);
        Object.freeze(value);
    }
    return value;
}
${jsDocComment(policyDoc(schema))}
export const policy = /*#__PURE__*/ freeze(data);
`;
  const dts = `${comment}declare const data: ${literalType(data, '')};
${jsDocComment(POLICY_TYPE_DOC)}
export type Policy = typeof data;
${jsDocComment(policyDoc(schema))}
export declare const policy: Policy;
export {};
`;
  return { source, js, dts };
}

/** Lines of the data literal are kept within this width where a list can be put on one line. */
const WIDTH = 100;

/**
 * A JSON value as a person would write it in a module: keys unquoted where they are identifiers,
 * single-quoted strings, one property per line, and a list of strings or numbers on one line
 * when it fits in {@link WIDTH} columns. `unit` is one level of indentation.
 */
export function dataLiteral(value: unknown, indent: string, unit: string): string {
  if (value === null || typeof value !== 'object') {
    return typeof value === 'string' ? quote(value) : String(value);
  }
  const inner = indent + unit;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((item) => item === null || typeof item !== 'object')) {
      const flat = `[${value.map((item) => dataLiteral(item, '', unit)).join(', ')}]`;
      if (inner.length + flat.length <= WIDTH) return flat;
    }
    const items = value.map((item) => `${inner}${dataLiteral(item, inner, unit)},`);
    return `[\n${items.join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  const lines = entries.map(
    ([key, item]) => `${inner}${propertyKey(key)}: ${dataLiteral(item, inner, unit)},`,
  );
  return `{\n${lines.join('\n')}\n${indent}}`;
}

/**
 * The type TypeScript infers for a JSON value `as const`, printed as its declaration emitter
 * prints it: readonly properties, readonly tuples, literal types, four-space indentation.
 */
function literalType(value: unknown, indent: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return quoteType(value);
    case 'number':
    case 'boolean':
      return String(value);
    case 'object':
      break;
    default:
      throw new Error(`not JSON: ${typeof value}`);
  }
  if (Array.isArray(value)) {
    return `readonly [${value.map((item) => literalType(item, indent)).join(', ')}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  const inner = `${indent}    `;
  const lines = entries.map(
    ([key, item]) => `${inner}readonly ${propertyName(key)}: ${literalType(item, inner)};`,
  );
  return `{\n${lines.join('\n')}\n${indent}}`;
}

/** A key as the source spells it (see {@link dataLiteral}), which the declaration keeps. */
function propertyName(key: string): string {
  return propertyKey(key);
}

/** TypeScript's `escapeString` for double quotes (utilities.ts). */
const ESCAPES: Record<string, string> = {
  '\t': '\\t',
  '\v': '\\v',
  '\f': '\\f',
  '\b': '\\b',
  '\r': '\\r',
  '\n': '\\n',
  '\\': '\\\\',
  '"': '\\"',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
  '\u0085': '\\u0085',
};

function quoteType(text: string): string {
  const escaped = text.replace(
    /[\\"\u0000-\u001f\u2028\u2029\u0085]/g,
    (ch, offset: number, input: string) => {
      if (ch === '\0') return /[0-9]/.test(input.charAt(offset + 1)) ? '\\x00' : '\\0';
      return ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    },
  );
  return `"${escaped}"`;
}
