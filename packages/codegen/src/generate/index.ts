/**
 * The generator as a pure pipeline: normalized schema → `Map<path, text>` of the package.
 * Writing is `writePackage`'s job (write.ts); nothing here touches the disk.
 */
import type { NormalizedSchema } from '../schema/types';
import { printDeclarationFile, printJavaScriptFile } from './dist-file';
import { fileHeader } from './docs';
import { emitBannerStatements } from './emit-banner';
import { emitClientStatements } from './emit-client';
import { emitPackageJson, emitReadme } from './emit-manifest';
import { emitPolicyModule } from './emit-policy';
import { emitServerStatements } from './emit-server';
import { emitSharedStatements } from './emit-shared';
import type { Statement } from './structures';
import { printSourceFile } from './ts-file';

export interface GenerateOptions {
  /** Package name, e.g. `@acme/cookies`. */
  name: string;
  /** Version range of `@cookie-schema/runtime` (default `^0.1.0`). */
  runtime?: string;
  /** The command that regenerates the package, written in every header. */
  command: string;
}

/** Every file of the generated package, by path relative to the output directory, sorted. */
export function emitPackage(
  schema: NormalizedSchema,
  options: GenerateOptions,
): Map<string, string> {
  const manifest = { name: options.name, runtime: options.runtime ?? '^0.1.0' };
  const modules: [string, string, Statement[]][] = [
    [
      'shared',
      'Categories and consent settings shared by the server and client modules.',
      emitSharedStatements(schema),
    ],
    [
      'server',
      `Server cookies of ${schema.policy.name}: \`createCookies(request)\` and its types.`,
      emitServerStatements(schema),
    ],
    [
      'client',
      `Browser cookies of ${schema.policy.name}: one export per cookie page scripts may use, and \`consent\`.`,
      emitClientStatements(schema),
    ],
    [
      'banner',
      `Consent banner and preferences dialog of ${schema.policy.name}, built from the schema. Load it on demand, e.g. \`if (consent.needsPrompt) import('…/banner')\`: the client module does not import it.`,
      emitBannerStatements(schema),
    ],
  ];
  const files = new Map<string, string>();
  files.set('package.json', emitPackageJson(schema, manifest));
  files.set('README.md', emitReadme(schema, manifest, options.command));
  // Source, JavaScript and declarations from the same structures: what `tsc` would emit from the
  // source, written without loading TypeScript (dist-file.ts).
  for (const [name, what, statements] of modules) {
    const header = fileHeader(schema, options.command, what);
    files.set(`src/${name}.ts`, printSourceFile(header, statements));
    files.set(`dist/${name}.js`, printJavaScriptFile(header, statements));
    files.set(`dist/${name}.d.ts`, printDeclarationFile(header, statements));
  }
  // The production build of what reaches browsers: checks return codes, not messages, as the
  // runtime's production build does. Same modules, so the relative imports stay within it (one
  // `consent` for the page and its banner); the types are the development build's.
  const describe = (module: string) => modules.find(([name]) => name === module)![1];
  const production: [string, string, Statement[]][] = [
    ['shared', describe('shared'), emitSharedStatements(schema, true)],
    ['client', describe('client'), emitClientStatements(schema, true)],
    ['banner', describe('banner'), emitBannerStatements(schema)],
  ];
  for (const [name, what, statements] of production) {
    const header = fileHeader(
      schema,
      options.command,
      `${what}\n\nProduction build (what browser bundles resolve): value checks give codes where dist/${name}.js gives messages.`,
    );
    files.set(`dist/production/${name}.js`, printJavaScriptFile(header, statements));
  }
  // The policy data grows with every cookie: its module writes its own JavaScript and types.
  const policy = emitPolicyModule(
    schema,
    fileHeader(
      schema,
      options.command,
      `The cookie policy of ${schema.policy.name} as typed, frozen data.`,
    ),
  );
  files.set('src/policy.ts', policy.source);
  files.set('dist/policy.js', policy.js);
  files.set('dist/policy.d.ts', policy.dts);
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
