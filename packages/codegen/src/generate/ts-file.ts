/**
 * Prints `src/*.ts` from the statement structures (structures.ts), in one pass per file.
 *
 * The text is what ts-morph's `printStructure` writes for the same structures (two-space
 * indentation, single quotes, a blank line around interfaces and functions and after a closing
 * brace, continuation lines of a declaration's type or initializer indented one level); a test
 * prints the examples both ways. This printer exists because ts-morph is too slow to load and
 * to print with for the generator's budget: loading it and TypeScript took 0.9 s of a
 * 2,000-cookie run and its writer another 0.9 s (SPEC §6: 2 s for the whole run).
 */
import { printTypeScript } from './expression';
import {
  type FunctionStatement,
  type ImportStatement,
  type InterfaceStatement,
  type MethodSignature,
  type Parameter,
  type Specifier,
  type Statement,
  StructureKind,
  type TypeParameter,
  type VariableStatement,
} from './structures';
import { quote } from './types';

const UNIT = '  ';

/**
 * A JSDoc block as ts-morph prints one at `indent`: `/** text *\/`, or one ` * ` line per line
 * of text.
 */
export function jsDocComment(text: string, indent = ''): string {
  const lines = text.split(/\r?\n/);
  if (lines.length <= 1) {
    const opened = `/** ${lines[0]}`;
    return `${indent}${opened}${opened.endsWith(' ') ? '' : ' '}*/`;
  }
  let out = `${indent}/**\n`;
  for (let i = lines[0] === '' ? 1 : 0; i < lines.length; i++) {
    out += lines[i] ? `${indent} * ${lines[i]}\n` : `${indent} *\n`;
  }
  return `${out}${indent} */`;
}

/** The leading comment of every generated file (source, JavaScript and declarations). */
export function headerComment(header: string): string {
  return `/**\n${header
    .split('\n')
    .map((l) => (l ? ` * ${l}` : ' *'))
    .join('\n')}\n */\n`;
}

/** The text of a source file built from `statements`, with `header` as its leading comment. */
export function printSourceFile(header: string, statements: Statement[]): string {
  const parts: string[] = [];
  let previous: string | undefined;
  for (const statement of statements) {
    if (previous !== undefined) {
      const blankLine =
        previous.endsWith('}') ||
        statement.kind === StructureKind.Interface ||
        statement.kind === StructureKind.Function;
      parts.push(blankLine ? '\n\n' : '\n');
    }
    previous = printStatement(statement);
    parts.push(previous);
  }
  return `${headerComment(header)}${parts.join('')}\n`;
}

function printStatement(s: Statement): string {
  switch (s.kind) {
    case StructureKind.ImportDeclaration:
      return printImport(s);
    case StructureKind.ExportDeclaration:
      return `export${s.isTypeOnly ? ' type' : ''} ${specifiers(s.namedExports)} from ${quote(s.moduleSpecifier)};`;
    case StructureKind.TypeAlias:
      return `${docs(s.docs, '')}${exported(s)}type ${s.name}${typeParameters(s.typeParameters)} = ${hang(s.type, '')};`;
    case StructureKind.Interface:
      return printInterface(s);
    case StructureKind.VariableStatement:
      return printVariables(s);
    case StructureKind.Function:
      return printFunction(s);
  }
}

function exported(s: { isExported?: boolean }): string {
  return s.isExported ? 'export ' : '';
}

function docs(list: string[] | undefined, indent: string): string {
  return list?.length ? list.map((d) => `${jsDocComment(d, indent)}\n`).join('') : '';
}

/**
 * Continuation lines of a type or an initializer, indented one level deeper than the line they
 * continue (ts-morph's hanging indentation); empty lines stay empty.
 */
function hang(text: string, indent: string): string {
  if (!text.includes('\n')) return text;
  return text
    .split('\n')
    .map((line, i) => (i > 0 && line ? `${indent}${UNIT}${line}` : line))
    .join('\n');
}

/** `{ a, type B }`: named imports or exports. */
/**
 * `{ a, type B }`, or one name per line when that would be longer than 72 characters (no comma
 * after the last: TypeScript's declarations keep none, and the files should say the same).
 */
export function specifiers(list: Specifier[]): string {
  const names = list.map((s) =>
    typeof s === 'string' ? s : `${s.isTypeOnly ? 'type ' : ''}${s.name}`,
  );
  const line = `{ ${names.join(', ')} }`;
  return line.length <= 72 ? line : `{\n  ${names.join(',\n  ')}\n}`;
}

function printImport(s: ImportStatement): string {
  let text = `import${s.isTypeOnly ? ' type' : ''}`;
  if (s.namespaceImport !== undefined) text += ` * as ${s.namespaceImport}`;
  if (s.namedImports?.length) text += ` ${specifiers(s.namedImports)}`;
  if (s.namespaceImport !== undefined || s.namedImports?.length) text += ' from';
  return `${text} ${quote(s.moduleSpecifier)};`;
}

export function typeParameters(list: (string | TypeParameter)[] | undefined): string {
  if (!list?.length) return '';
  const items = list.map((t) =>
    typeof t === 'string' ? t : `${t.name}${t.constraint ? ` extends ${t.constraint}` : ''}`,
  );
  return `<${items.join(', ')}>`;
}

export function parameters(list: Parameter[]): string {
  return `(${list.map((p) => `${p.name}${p.hasQuestionToken ? '?' : ''}: ${p.type}`).join(', ')})`;
}

function methodSignature(m: MethodSignature): string {
  return `${m.name}${typeParameters(m.typeParameters)}${parameters(m.parameters)}: ${m.returnType};`;
}

function printInterface(s: InterfaceStatement): string {
  const inner = UNIT;
  const members: string[] = [];
  for (const i of s.indexSignatures ?? []) {
    members.push(`${inner}[${i.keyName}: ${i.keyType}]: ${hang(i.returnType, inner)};`);
  }
  for (const p of s.properties ?? []) {
    members.push(
      `${docs(p.docs, inner)}${inner}${p.isReadonly ? 'readonly ' : ''}${p.name}${p.hasQuestionToken ? '?' : ''}: ${hang(p.type, inner)};`,
    );
  }
  for (const m of s.methods ?? []) {
    members.push(`${docs(m.docs, inner)}${inner}${methodSignature(m)}`);
  }
  const heritage = s.extends?.length ? `extends ${s.extends.join(', ')} ` : '';
  return `${docs(s.docs, '')}${exported(s)}interface ${s.name} ${heritage}{\n${members.map((m) => `${m}\n`).join('')}}`;
}

function printVariables(s: VariableStatement): string {
  const declarations = s.declarations.map((d) => {
    const type = d.type === undefined ? '' : `: ${hang(d.type, '')}`;
    // Not hung like ts-morph's printer (which indents a multi-line initializer's members by
    // four and its closing brace by two): the object reads as a person would write it.
    return `${d.name}${type} = ${printTypeScript(d.initializer)}`;
  });
  return `${docs(s.docs, '')}${exported(s)}${s.declarationKind} ${declarations.join(', ')};`;
}

function printFunction(s: FunctionStatement): string {
  let body = '';
  for (const line of s.statements) {
    if (body) body += body.endsWith('}') ? '\n\n' : '\n';
    body += line
      .split('\n')
      .map((l) => (l ? `${UNIT}${l}` : l))
      .join('\n');
  }
  const signature = `${exported(s)}function ${s.name}${typeParameters(s.typeParameters)}${parameters(s.parameters)}: ${s.returnType}`;
  return `${docs(s.docs, '')}${signature} {\n${body ? `${body}\n` : ''}}`;
}
