/**
 * Prints TypeScript source files from ts-morph structures, in one call per file.
 *
 * `printStructure` writes the structures with ts-morph's printers and writer and nothing else:
 * creating a source file from them (`project.createSourceFile(path, { statements })`) prints the
 * same text and then parses it into an AST that nobody reads, which doubled the cost of a
 * 2,000-cookie package.
 */
import { printStructure, type StatementStructures, StructureKind } from 'ts-morph';

/** A JSDoc block as ts-morph prints one: `/** text *\/`, or one ` * ` line per line of text. */
export function jsDocComment(text: string): string {
  if (!text.includes('\n')) return `/** ${text} */`;
  return `/**\n${text
    .split('\n')
    .map((l) => (l ? ` * ${l}` : ' *'))
    .join('\n')}\n */`;
}

/** The leading comment of every generated file (source, JavaScript and declarations). */
export function headerComment(header: string): string {
  return `/**\n${header
    .split('\n')
    .map((l) => (l ? ` * ${l}` : ' *'))
    .join('\n')}\n */\n`;
}

/** The text of a source file built from `statements`, with `header` as its leading comment. */
export function printSourceFile(
  header: string,
  statements: (StatementStructures | string)[],
): string {
  const body = printStructure(
    { kind: StructureKind.SourceFile, statements },
    { indentNumberOfSpaces: 2, newLine: '\n', useSingleQuote: true },
  );
  return `${headerComment(header)}${body.replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
