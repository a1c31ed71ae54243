/**
 * TypeScript → `dist/*.js` and `dist/*.d.ts` without a type-check: the generated sources carry
 * explicit types on every export (isolated declarations), so each file compiles on its own and a
 * 2,000-cookie package builds in milliseconds.
 */
import { ts } from 'ts-morph';

const compilerOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  declaration: true,
  isolatedDeclarations: true,
  verbatimModuleSyntax: true,
  removeComments: false,
  newLine: ts.NewLineKind.LineFeed,
};

/** JavaScript of one generated module. */
export function compileJs(source: string, fileName: string): string {
  const { outputText } = ts.transpileModule(source, {
    compilerOptions,
    fileName,
    reportDiagnostics: false,
  });
  return outputText;
}

/** Declarations of one generated module; throws when the source is not self-describing. */
export function compileDts(source: string, fileName: string): string {
  const { outputText, diagnostics } = ts.transpileDeclaration(source, {
    compilerOptions,
    fileName,
    reportDiagnostics: true,
  });
  if (diagnostics?.length) {
    const messages = diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    throw new Error(
      `generated ${fileName} is not isolated-declarations clean:\n${messages.join('\n')}`,
    );
  }
  return outputText;
}
