/**
 * The model of a generated module, owned by the generator: a few kinds of statements (imports,
 * re-exports, interfaces, type aliases, constants, functions), types as text, and constant
 * initializers as small expression trees (expression.ts) so that each prints as TypeScript for
 * `src/*.ts` and as JavaScript for `dist/*.js`. One set of printers writes all three files
 * (ts-file.ts for the source, dist-file.ts for the JavaScript and the declarations).
 *
 * Proven by compiling and running what they print, not by comparing with another printer: the
 * generated packages are type-checked with TypeScript 6 and 7 and run (examples/usage, the
 * app-setup and installed-package tests), and printers.test.ts checks that the JavaScript and
 * declarations mean what TypeScript's own emit of the source means (same syntax tree).
 * Not ts-morph: loading it (and the compiler it bundles) took a quarter of a 2,000-cookie
 * `generate`; `scan` is what uses it, for the TypeScript parser.
 */
import type { Expression } from './expression';

/** The kinds of statement of a generated module. */
export const StructureKind = {
  ExportDeclaration: 'export',
  Function: 'function',
  ImportDeclaration: 'import',
  Interface: 'interface',
  TypeAlias: 'type',
  VariableStatement: 'const',
} as const;

/** The one kind of variable declaration generated modules have. */
export const VariableDeclarationKind = {
  Const: 'const',
} as const;

/** A named import or export: a name, or a name with `type`. */
export type Specifier = string | { name: string; isTypeOnly?: boolean };

export interface ImportStatement {
  kind: (typeof StructureKind)['ImportDeclaration'];
  moduleSpecifier: string;
  isTypeOnly?: boolean;
  namespaceImport?: string;
  namedImports?: Specifier[];
}

export interface ExportStatement {
  kind: (typeof StructureKind)['ExportDeclaration'];
  moduleSpecifier: string;
  isTypeOnly?: boolean;
  namedExports: Specifier[];
}

/** A JSDoc block's text, without the comment delimiters (one ` * ` line per line of text). */
type Docs = string[];

export interface PropertySignature {
  name: string;
  type: string;
  isReadonly?: boolean;
  hasQuestionToken?: boolean;
  docs?: Docs;
}

export interface IndexSignature {
  keyName: string;
  keyType: string;
  returnType: string;
}

export interface TypeParameter {
  name: string;
  constraint?: string;
}

export interface Parameter {
  name: string;
  type: string;
  hasQuestionToken?: boolean;
}

export interface MethodSignature {
  name: string;
  typeParameters?: TypeParameter[];
  parameters: Parameter[];
  returnType: string;
  docs?: Docs;
}

export interface InterfaceStatement {
  kind: (typeof StructureKind)['Interface'];
  name: string;
  isExported?: boolean;
  docs?: Docs;
  extends?: string[];
  indexSignatures?: IndexSignature[];
  properties?: PropertySignature[];
  methods?: MethodSignature[];
}

export interface TypeAliasStatement {
  kind: (typeof StructureKind)['TypeAlias'];
  name: string;
  typeParameters?: TypeParameter[];
  type: string;
  isExported?: boolean;
  docs?: Docs;
}

export interface VariableDeclaration {
  name: string;
  type?: string;
  /** The initializer, printed as TypeScript in `src/` and as JavaScript in `dist/`. */
  initializer: Expression;
}

export interface VariableStatement {
  kind: (typeof StructureKind)['VariableStatement'];
  declarationKind: (typeof VariableDeclarationKind)['Const'];
  declarations: VariableDeclaration[];
  isExported?: boolean;
  docs?: Docs;
}

/** A function with a body of statement lines: valid JavaScript but for its signature. */
export interface FunctionStatement {
  kind: (typeof StructureKind)['Function'];
  name: string;
  typeParameters?: (string | TypeParameter)[];
  parameters: Parameter[];
  returnType: string;
  statements: string[];
  isExported?: boolean;
  docs?: Docs;
}

export type Statement =
  | ImportStatement
  | ExportStatement
  | InterfaceStatement
  | TypeAliasStatement
  | VariableStatement
  | FunctionStatement;
