// What a type error says when server code uses a cookie of the schema that the server jar does
// not have: the compiler's own message (TypeScript 6's API, the app's NodeNext settings) names the
// cookie and why, instead of only "not assignable to CookieName". types.test.ts checks with
// `@ts-expect-error` that these lines fail under TypeScript 6 and 7.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const file = join(here, 'type-messages.virtual.ts');

const SOURCE = `import { createCookies } from '@examples/shop-cookies/server';
const jar = createCookies('');
jar.get('theme');
jar.set('newsletter_dismissed', true);
jar.delete('IDE');
jar.get('currency');
`;

function errors(source: string): string[] {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    types: [],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
  };
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile;
  host.getSourceFile = (name, ...rest) =>
    name === file
      ? ts.createSourceFile(name, source, ts.ScriptTarget.ES2022, true)
      : read(name, ...rest);
  const fileExists = host.fileExists;
  host.fileExists = (name) => name === file || fileExists(name);
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const line = d.file ? d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1 : 0;
    return `${line}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}

it('says why a client-only or third-party cookie is not in the server jar', () => {
  expect(errors(SOURCE)).toEqual([
    `3: Argument of type '"theme"' is not assignable to parameter of type '"theme is declared client-only (scope: client): page scripts use it through the package's /client module, and the server jar has no theme. Declare its scope both to use it on the server."'.`,
    `4: Argument of type '"newsletter_dismissed"' is not assignable to parameter of type '"newsletter_dismissed is declared client-only (scope: client): page scripts use it through the package's /client module, and the server jar has no newsletter_dismissed. Declare its scope both to use it on the server."'.`,
    `5: Argument of type '"IDE"' is not assignable to parameter of type '"IDE is a third-party cookie: another site sets it, so this site can neither read nor write it (it is declared for the policy page and consent purges)."'.`,
  ]);
});
