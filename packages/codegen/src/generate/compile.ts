/**
 * TypeScript → `dist/*.js` and `dist/*.d.ts` without a type-check: the generated sources carry
 * explicit types on every export (isolated declarations), so each file compiles on its own.
 *
 * One program per module emits both files from one parse. `ts.transpileModule` plus
 * `ts.transpileDeclaration` write the same text (a test compares them) but parse and set up a
 * program twice, which made compiling the 2,000-cookie benchmark schema take 2.5× as long.
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

/** What the transpile functions set on top of `compilerOptions`: no types, no other files. */
const moduleOptions: ts.CompilerOptions = {
  ...compilerOptions,
  noCheck: true,
  noResolve: true,
  noLib: true,
  isolatedModules: true,
  suppressOutputPathCheck: true,
  allowNonTsExtensions: true,
  types: [],
};

/** The JavaScript and declarations of one generated module. */
export interface CompiledModule {
  js: string;
  dts: string;
}

/**
 * JavaScript and declarations of one generated module; throws when the source does not parse or
 * is not self-describing (a declaration would need inference).
 */
export function compileModule(source: string, fileName: string): CompiledModule {
  const sourceFile = ts.createSourceFile(fileName, source, {
    languageVersion: ts.ScriptTarget.ES2022,
    impliedNodeFormat: ts.ModuleKind.ESNext,
  });
  let js: string | undefined;
  let dts: string | undefined;
  const host: ts.CompilerHost = {
    getSourceFile: (name) => (name === fileName ? sourceFile : undefined),
    writeFile: (name, text) => {
      if (name.endsWith('.d.ts')) dts = text;
      else js = text;
    },
    getDefaultLibFileName: () => 'lib.d.ts',
    useCaseSensitiveFileNames: () => false,
    getCanonicalFileName: (name) => name,
    getCurrentDirectory: () => '',
    getNewLine: () => '\n',
    fileExists: (name) => name === fileName,
    readFile: () => '',
    directoryExists: () => true,
    getDirectories: () => [],
  };
  const program = ts.createProgram([fileName], moduleOptions, host);
  const emitted = program.emit();
  const diagnostics = [...program.getSyntacticDiagnostics(sourceFile), ...emitted.diagnostics];
  if (diagnostics.length || js === undefined || dts === undefined) {
    const messages = diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    throw new Error(`generated ${fileName} does not compile on its own:\n${messages.join('\n')}`);
  }
  return { js, dts };
}

/** JavaScript of one generated module, as `ts.transpileModule` writes it. */
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
