/**
 * What the TypeScript compiler emits from a generated source: the reference that the generator's
 * own `dist/*.js` and `dist/*.d.ts` (dist-file.ts, emit-policy.ts) are tested against. The
 * generator itself never loads TypeScript. No type-check is needed: the generated sources carry
 * explicit types on every export (isolated declarations), so each file compiles on its own.
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

function fail(fileName: string, what: string, diagnostics: readonly ts.Diagnostic[]): never {
  const messages = diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  throw new Error(`generated ${fileName} ${what}:\n${messages.join('\n')}`);
}

/** JavaScript of one generated module, as `ts.transpileModule` writes it; throws on a syntax error. */
export function compileJs(source: string, fileName: string): string {
  const { declaration: _, isolatedDeclarations: __, ...jsOptions } = compilerOptions;
  const { outputText, diagnostics } = ts.transpileModule(source, {
    compilerOptions: jsOptions,
    fileName,
    reportDiagnostics: true,
  });
  if (diagnostics?.length) fail(fileName, 'does not parse', diagnostics);
  return outputText;
}

/** Declarations of one generated module; throws when the source is not self-describing. */
export function compileDts(source: string, fileName: string): string {
  const { outputText, diagnostics } = ts.transpileDeclaration(source, {
    compilerOptions,
    fileName,
    reportDiagnostics: true,
  });
  if (diagnostics?.length) fail(fileName, 'is not isolated-declarations clean', diagnostics);
  return outputText;
}

/**
 * The text of a module as TypeScript's printer writes its syntax tree, without comments: two
 * files print the same exactly when they are the same program, whatever their spacing, quotes,
 * parentheses or line breaks.
 */
export function syntaxOf(text: string, fileName: string): string {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, false);
  const parseErrors = (file as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  if (parseErrors.length) fail(fileName, 'does not parse', parseErrors);
  return ts
    .createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed })
    .printFile(file);
}

/** The `/*#__PURE__*\/` annotations of a module, in order: what bundlers read besides the code. */
export function pureAnnotations(text: string): number {
  return text.split('/*#__PURE__*/').length - 1;
}
