/**
 * `dist/*.js` and `dist/*.d.ts` of a generated module, written from the same statement
 * structures as its `src/*.ts`: byte for byte what the TypeScript compiler emits from that source
 * (a test compares them), without running it. Compiling the sources took more than half of a
 * 2,000-cookie `generate` run.
 *
 * What TypeScript does, and so what these printers do: the JavaScript drops types, interfaces,
 * type-only imports and exports, and type arguments; the declarations drop initializers (every
 * export has an explicit type), non-exported constants, and imports nothing refers to. Both have
 * no blank lines, indent by four spaces, print type literals one member per line, keep comments
 * with trailing blanks trimmed, and keep the file's header comment only when the statement it
 * leads survives.
 *
 * Functions (json-check.ts writes the validators of JSON cookies as such) are the exception to
 * "byte for byte": their bodies are lines of JavaScript that the printers re-indent rather than
 * re-print, so `if (x) return y;` stays on one line where TypeScript would break it. Their tests
 * compile and run the output instead; their declarations are what TypeScript writes.
 */
import { printJavaScript } from './expression';
import {
  type FunctionStatement,
  type ImportStatement,
  type InterfaceStatement,
  type Specifier,
  type Statement,
  StructureKind,
  type VariableStatement,
} from './structures';
import { headerComment, jsDocComment, parameters, specifiers, typeParameters } from './ts-file';
import { quote } from './types';

const UNIT = '    ';

/** `dist/<module>.js`. */
export function printJavaScriptFile(header: string, statements: Statement[]): string {
  return printFile(header, statements, javaScriptStatement);
}

/** `dist/<module>.d.ts`. */
export function printDeclarationFile(header: string, statements: Statement[]): string {
  const referenced = new Set<string>();
  for (const s of statements) collectReferences(s, referenced);
  return printFile(header, statements, (s) => declarationStatement(s, referenced));
}

function printFile(
  header: string,
  statements: Statement[],
  print: (s: Statement) => string | undefined,
): string {
  let out = '';
  statements.forEach((statement, i) => {
    const text = print(statement);
    if (text === undefined) return;
    // The header is the leading comment of the first statement: it goes where that one goes.
    if (i === 0) out += emittedComment(headerComment(header).trimEnd(), '');
    out += `${text}\n`;
  });
  return out;
}

/**
 * A comment as TypeScript re-emits it at `indent`: lines after the first keep their indentation
 * relative to the first, and lose leading and trailing blanks beyond it.
 */
function emittedComment(comment: string, indent: string): string {
  const lines = comment.split('\n');
  let out = `${indent}${lines[0]!.trim()}\n`;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const text = line.trim();
    out += text ? `${indent}${' '.repeat(line.length - line.trimStart().length)}${text}\n` : '\n';
  }
  return out;
}

function docs(list: string[] | undefined, indent: string): string {
  return list?.length ? list.map((d) => emittedComment(jsDocComment(d), indent)).join('') : '';
}

function exported(s: { isExported?: boolean }): string {
  return s.isExported ? 'export ' : '';
}

function unsupported(s: Statement, where: string): never {
  throw new Error(`cannot write ${where} for a statement of kind ${s.kind} (${JSON.stringify(s)})`);
}

function javaScriptStatement(s: Statement): string | undefined {
  switch (s.kind) {
    case StructureKind.ImportDeclaration: {
      if (s.isTypeOnly) return undefined;
      if (s.namespaceImport !== undefined) {
        return `import * as ${s.namespaceImport} from ${quote(s.moduleSpecifier)};`;
      }
      const values = (s.namedImports ?? []).filter((n) => !isTypeOnly(n));
      // `import { type A } from 'x'` keeps its side effect under verbatimModuleSyntax.
      const list = values.length ? specifiers(values) : '{}';
      return `import ${list} from ${quote(s.moduleSpecifier)};`;
    }
    case StructureKind.ExportDeclaration: {
      if (s.isTypeOnly) return undefined;
      const values = s.namedExports.filter((n) => !isTypeOnly(n));
      return `export ${values.length ? specifiers(values) : '{}'} from ${quote(s.moduleSpecifier)};`;
    }
    case StructureKind.Interface:
    case StructureKind.TypeAlias:
      return undefined;
    case StructureKind.VariableStatement: {
      const declarations = s.declarations.map(
        (d) => `${d.name} = ${printJavaScript(d.initializer)}`,
      );
      return `${docs(s.docs, '')}${exported(s)}${s.declarationKind} ${declarations.join(', ')};`;
    }
    case StructureKind.Function:
      return javaScriptFunction(s);
  }
}

/**
 * A function whose statement lines are JavaScript already (only the parameters and the return
 * type are TypeScript): the signature without types, the body re-indented from two spaces per
 * level to four and without blank lines, as TypeScript would emit it. A line's leading spaces
 * are all indentation: a body must not hold a literal that spans lines.
 */
function javaScriptFunction(s: FunctionStatement): string {
  let body = '';
  for (const statement of s.statements) {
    for (const line of statement.split('\n')) {
      const text = line.trimStart();
      if (text) body += `${UNIT}${'  '.repeat(line.length - text.length)}${text}\n`;
    }
  }
  const names = s.parameters.map((p) => p.name).join(', ');
  return `${docs(s.docs, '')}${exported(s)}function ${s.name}(${names}) {\n${body}}`;
}

function isTypeOnly(specifier: Specifier): boolean {
  return typeof specifier !== 'string' && specifier.isTypeOnly === true;
}

function specifierName(specifier: Specifier): string {
  return typeof specifier === 'string' ? specifier : specifier.name;
}

function declarationStatement(s: Statement, referenced: Set<string>): string | undefined {
  switch (s.kind) {
    case StructureKind.ImportDeclaration:
      return declarationImport(s, referenced);
    case StructureKind.ExportDeclaration:
      return `export${s.isTypeOnly ? ' type' : ''} ${specifiers(s.namedExports)} from ${quote(s.moduleSpecifier)};`;
    case StructureKind.TypeAlias:
      if (!s.isExported) return unsupported(s, 'declarations');
      return `${docs(s.docs, '')}export type ${s.name}${typeParameters(s.typeParameters)} = ${declarationType(s.type, '')};`;
    case StructureKind.Interface:
      if (!s.isExported) return unsupported(s, 'declarations');
      return declarationInterface(s);
    case StructureKind.VariableStatement:
      // A constant that is not exported is not in the declarations (no exported type names it).
      return s.isExported ? declarationVariables(s) : undefined;
    case StructureKind.Function:
      // A function that is not exported is not in the declarations, as a constant.
      if (!s.isExported) return undefined;
      return `${docs(s.docs, '')}export declare function ${s.name}${typeParameters(s.typeParameters)}${parameters(s.parameters)}: ${s.returnType};`;
  }
}

/** An import without the names the declarations do not refer to; none left, no import. */
function declarationImport(s: ImportStatement, referenced: Set<string>): string | undefined {
  const from = ` from ${quote(s.moduleSpecifier)};`;
  if (s.namespaceImport !== undefined) {
    return referenced.has(s.namespaceImport)
      ? `import${s.isTypeOnly ? ' type' : ''} * as ${s.namespaceImport}${from}`
      : undefined;
  }
  const kept = (s.namedImports ?? []).filter((n) => referenced.has(specifierName(n)));
  return kept.length
    ? `import${s.isTypeOnly ? ' type' : ''} ${specifiers(kept)}${from}`
    : undefined;
}

function declarationInterface(s: InterfaceStatement): string {
  const members: string[] = [];
  for (const i of s.indexSignatures ?? []) {
    members.push(`${UNIT}[${i.keyName}: ${i.keyType}]: ${declarationType(i.returnType, UNIT)};`);
  }
  for (const p of s.properties ?? []) {
    const modifiers = p.isReadonly ? 'readonly ' : '';
    members.push(
      `${docs(p.docs, UNIT)}${UNIT}${modifiers}${p.name}${p.hasQuestionToken ? '?' : ''}: ${declarationType(p.type, UNIT)};`,
    );
  }
  for (const m of s.methods ?? []) {
    const signature = `${m.name}${typeParameters(m.typeParameters)}${parameters(m.parameters)}: ${m.returnType};`;
    members.push(`${docs(m.docs, UNIT)}${UNIT}${signature}`);
  }
  const heritage = s.extends?.length ? ` extends ${s.extends.join(', ')}` : '';
  return `${docs(s.docs, '')}export interface ${s.name}${heritage} {\n${members.map((m) => `${m}\n`).join('')}}`;
}

function declarationVariables(s: VariableStatement): string {
  const declarations = s.declarations.map((d) => {
    if (d.type === undefined) {
      throw new Error(`exported constant ${d.name} needs an explicit type for its declaration`);
    }
    return `${d.name}: ${declarationType(d.type, '')}`;
  });
  return `${docs(s.docs, '')}export declare ${s.declarationKind} ${declarations.join(', ')};`;
}

/** Every name the declarations of `s` refer to (type names, `$runtime` of `$runtime.X`). */
function collectReferences(s: Statement, into: Set<string>): void {
  const types: string[] = [];
  switch (s.kind) {
    case StructureKind.TypeAlias:
      types.push(s.type);
      for (const t of s.typeParameters ?? []) if (t.constraint) types.push(t.constraint);
      break;
    case StructureKind.Interface:
      types.push(...(s.extends ?? []));
      for (const i of s.indexSignatures ?? []) types.push(i.keyType, i.returnType);
      for (const p of s.properties ?? []) types.push(p.type);
      for (const m of s.methods ?? []) {
        types.push(m.returnType, ...m.parameters.map((p) => p.type));
        for (const t of m.typeParameters ?? []) if (t.constraint) types.push(t.constraint);
      }
      break;
    case StructureKind.VariableStatement:
      if (s.isExported) for (const d of s.declarations) if (d.type) types.push(d.type);
      break;
    case StructureKind.Function:
      if (!s.isExported) break;
      types.push(s.returnType, ...s.parameters.map((p) => p.type));
      for (const t of s.typeParameters ?? []) {
        if (typeof t !== 'string' && t.constraint) types.push(t.constraint);
      }
      break;
    default:
      break;
  }
  for (const type of types) {
    const code = withoutLiteralText(type);
    for (const match of code.matchAll(/(?<![\w$.])[A-Za-z_$][\w$]*/g)) into.add(match[0]);
  }
}

/** A type with the text of its string and template literals removed (`${…}` parts kept). */
function withoutLiteralText(type: string): string {
  let out = '';
  for (let i = 0; i < type.length; i++) {
    const ch = type[i]!;
    if (ch === "'" || ch === '"') {
      i = stringEnd(type, i) - 1;
      out += ' ';
    } else if (ch === '`') {
      const end = templateEnd(type, i);
      for (const part of type.slice(i, end).matchAll(/(?<!\\)\$\{([^}]*)\}/g))
        out += ` ${part[1]} `;
      i = end - 1;
    } else {
      out += ch;
    }
  }
  return out;
}

/** The index after the string literal that starts at `start`. */
function stringEnd(text: string, start: number): number {
  const quoteChar = text[start];
  let i = start + 1;
  while (i < text.length && text[i] !== quoteChar) i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}

/** The index after the template literal type that starts at `start`. */
function templateEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '`') {
    if (text[i] === '\\') i += 2;
    else if (text[i] === '$' && text[i + 1] === '{') i = closingBrace(text, i + 1) + 1;
    else i++;
  }
  return i + 1;
}

/** The index of the `}` that closes the `{` at `open`, skipping literals. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'" || ch === '"') i = stringEnd(text, i) - 1;
    else if (ch === '`') i = templateEnd(text, i) - 1;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return i;
  }
  throw new Error(`unbalanced braces in type ${text}`);
}

/**
 * A type as TypeScript prints it in declarations, at `indent`: each type literal with one
 * member per line (`{ a: string; b?: number }` → `{\n    a: string;\n    b?: number;\n}`).
 */
export function declarationType(type: string, indent: string): string {
  if (!type.includes('{')) return type;
  let out = '';
  for (let i = 0; i < type.length; i++) {
    const ch = type[i]!;
    if (ch === "'" || ch === '"' || ch === '`') {
      const end = ch === '`' ? templateEnd(type, i) : stringEnd(type, i);
      out += type.slice(i, end);
      i = end - 1;
    } else if (ch === '{') {
      const close = closingBrace(type, i);
      const members = typeMembers(type.slice(i + 1, close));
      const inner = indent + UNIT;
      out += members.length
        ? `{\n${members.map((m) => `${inner}${declarationType(m, inner)};\n`).join('')}${indent}}`
        : '{}';
      i = close;
    } else {
      out += ch;
    }
  }
  return out;
}

/** The members of a type literal's body, split at its own `;`. */
function typeMembers(body: string): string[] {
  const members: string[] = [];
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === "'" || ch === '"') i = stringEnd(body, i) - 1;
    else if (ch === '`') i = templateEnd(body, i) - 1;
    else if (ch === '{') i = closingBrace(body, i);
    else if (ch === ';') {
      members.push(body.slice(start, i));
      start = i + 1;
    }
  }
  members.push(body.slice(start));
  return members.map((m) => m.trim()).filter(Boolean);
}
