/** Prints TypeScript source files from ts-morph structures, in one call per file. */
import {
  IndentationText,
  NewLineKind,
  Project,
  QuoteKind,
  type StatementStructures,
} from 'ts-morph';

let project: Project | undefined;
let counter = 0;

function sharedProject(): Project {
  project ??= new Project({
    useInMemoryFileSystem: true,
    skipLoadingLibFiles: true,
    manipulationSettings: {
      indentationText: IndentationText.TwoSpaces,
      newLineKind: NewLineKind.LineFeed,
      quoteKind: QuoteKind.Single,
      useTrailingCommas: true,
    },
  });
  return project;
}

/** The text of a source file built from `statements`, with `header` as its leading comment. */
export function printSourceFile(
  header: string,
  statements: (StatementStructures | string)[],
): string {
  const file = sharedProject().createSourceFile(
    `/print-${++counter}.ts`,
    { statements },
    { overwrite: true },
  );
  const body = file.getFullText();
  file.forget();
  const comment = `/**\n${header
    .split('\n')
    .map((l) => (l ? ` * ${l}` : ' *'))
    .join('\n')}\n */\n`;
  return `${comment}${body.replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
