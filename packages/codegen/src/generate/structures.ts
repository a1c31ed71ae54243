/**
 * The statements of a generated module: ts-morph's structures, narrowed to what the emitters use,
 * with variable initializers as expressions (expression.ts) so that each can be printed as
 * TypeScript for `src/*.ts` and as JavaScript for `dist/*.js`.
 *
 * ts-morph is imported for its types only. Loading it (and the TypeScript compiler it bundles)
 * took a quarter of a 2,000-cookie `generate` run; the printers in ts-file.ts and dist-file.ts
 * write these structures without it, as ts-morph and the TypeScript emitter would (tests compare
 * them with both).
 */
import type * as tm from 'ts-morph';
import type { Expression } from './expression';

/** ts-morph's `StructureKind` values of the structures below (a test checks them). */
export const StructureKind = {
  ExportDeclaration: 11 as tm.StructureKind.ExportDeclaration,
  Function: 13 as tm.StructureKind.Function,
  ImportDeclaration: 16 as tm.StructureKind.ImportDeclaration,
  Interface: 19 as tm.StructureKind.Interface,
  TypeAlias: 38 as tm.StructureKind.TypeAlias,
  VariableStatement: 41 as tm.StructureKind.VariableStatement,
} as const;

/** ts-morph's `VariableDeclarationKind.Const`. */
export const VariableDeclarationKind = {
  Const: 'const' as tm.VariableDeclarationKind.Const,
} as const;

/** A named import or export: a name, or a name with `type`. */
export type Specifier = string | { name: string; isTypeOnly?: boolean };

export interface ImportStatement {
  kind: tm.StructureKind.ImportDeclaration;
  moduleSpecifier: string;
  isTypeOnly?: boolean;
  namespaceImport?: string;
  namedImports?: Specifier[];
}

export interface ExportStatement {
  kind: tm.StructureKind.ExportDeclaration;
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
  kind: tm.StructureKind.Interface;
  name: string;
  isExported?: boolean;
  docs?: Docs;
  extends?: string[];
  indexSignatures?: IndexSignature[];
  properties?: PropertySignature[];
  methods?: MethodSignature[];
}

export interface TypeAliasStatement {
  kind: tm.StructureKind.TypeAlias;
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
  kind: tm.StructureKind.VariableStatement;
  declarationKind: tm.VariableDeclarationKind.Const;
  declarations: VariableDeclaration[];
  isExported?: boolean;
  docs?: Docs;
}

/** A function with a body of statement lines (TypeScript source only: see emit-policy.ts). */
export interface FunctionStatement {
  kind: tm.StructureKind.Function;
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
