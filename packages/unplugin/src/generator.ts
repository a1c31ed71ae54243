/**
 * The bundler-independent half of the plugin: resolve the options against the project root,
 * generate and write the package exactly as `cookie-schema generate` does, one run at a time, and
 * skip the emit while the schema text is unchanged (bundlers call build-start on every rebuild).
 */
import { readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type { Diagnostic, GenerateTarget, WriteResult } from '@cookie-schema/codegen';

/** Options of the cookie-schema build plugin (the same for every bundler). */
export interface CookieSchemaPluginOptions {
  /**
   * The schema file. Default: `cookies.json` (the file `cookie-schema init` writes).
   * Relative paths are resolved against `root`.
   */
  schema?: string | undefined;
  /**
   * Directory of the generated package; the plugin writes `package.json`, `README.md`, `src/`
   * and `dist/` there, and refuses a non-empty directory that it did not generate. Default:
   * `cookies` (the CLI's default). Relative to `root`.
   */
  out?: string | undefined;
  /**
   * Package name of the generated package, e.g. `@acme/cookies`; imports of its `/server`,
   * `/client` and `/policy` entries resolve to the generated files. Default: the schema's file
   * name without `.cookies.json` / `.json`, plus `-cookies` (`site.cookies.json` → `site-cookies`),
   * as the CLI does.
   */
  name?: string | undefined;
  /**
   * Version range of `@cookie-schema/runtime` in the generated `package.json`. Default: `^0.1.0`
   * (the CLI's default).
   */
  runtime?: string | undefined;
  /**
   * The project root that relative `schema` and `out` paths start from, and that paths in the
   * generated headers and in error messages are relative to. Default: Vite's `root`, webpack's
   * `context`, esbuild's `absWorkingDir`, else the working directory of the process.
   */
  root?: string | undefined;
}

/** Where the plugin reads and writes, once the root is known. */
export interface ResolvedPaths {
  root: string;
  /** Absolute path of the schema file. */
  schema: string;
  /** Absolute path of the output directory. */
  out: string;
  /** The target as the CLI would be given it from `root` (posix paths relative to `root`). */
  target: GenerateTarget;
}

/** A schema with errors. `message` lists every diagnostic as `validate` prints it. */
export class CookieSchemaError extends Error {
  override name = 'CookieSchemaError';
  /** Every diagnostic of the failed run, errors and warnings, in file order. */
  readonly diagnostics: readonly Diagnostic[];

  constructor(
    schema: string,
    diagnostics: readonly Diagnostic[],
    format: (d: Diagnostic) => string,
  ) {
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    super(
      `${schema} is invalid (${errors} ${errors === 1 ? 'error' : 'errors'}); the cookie package was not generated:\n${diagnostics.map(format).join('\n')}`,
    );
    this.diagnostics = diagnostics;
    // A mistake in the schema, not in code: bundlers that print stacks print the message only.
    this.stack = `${this.name}: ${this.message}`;
  }
}

/** The outcome of a successful run. */
export interface GenerateOutcome {
  /** Warnings of the schema, each formatted as `file:line:col /pointer: message (warning code)`. */
  warnings: string[];
  /** Files written, unchanged and removed (written is empty when nothing changed). */
  write: WriteResult;
}

/** `file:line:col /pointer: message (error code)`, as `cookie-schema validate` prints it. */
function formatWith(format: (d: Diagnostic) => string): (d: Diagnostic) => string {
  return (d) => `${format(d)} (${d.severity} ${d.code})`;
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

/** `path` as written from `root`: relative and with forward slashes, or `.` for the root itself. */
function fromRoot(root: string, path: string): string {
  return toPosix(relative(root, path)) || '.';
}

export interface Generator {
  /** Sets the project root found in the bundler's configuration (ignored if `root` was given). */
  useRoot(root: string): void;
  /** The resolved paths (with the root found so far). */
  paths(): ResolvedPaths;
  /**
   * Generates and writes the package; rejects with a `CookieSchemaError` for an invalid schema
   * (nothing written) or with the write's error. Runs one at a time: a call made while a run is
   * waiting shares that run, which reads the schema when it starts.
   */
  generate(): Promise<GenerateOutcome>;
}

export function createGenerator(options: CookieSchemaPluginOptions = {}): Generator {
  let root = resolve(options.root ?? process.cwd());
  let cache: { key: string; files: Map<string, string>; warnings: string[] } | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let waiting: Promise<GenerateOutcome> | undefined;

  const paths = (): ResolvedPaths => {
    const schema = resolve(root, options.schema ?? 'cookies.json');
    const out = resolve(root, options.out ?? 'cookies');
    const schemaArg = fromRoot(root, schema);
    return {
      root,
      schema,
      out,
      target: {
        schema: schemaArg,
        out: fromRoot(root, out),
        name: options.name ?? defaultName(schemaArg),
        runtime: options.runtime,
        cwd: root,
      },
    };
  };

  const runOnce = async (): Promise<GenerateOutcome> => {
    const codegen = await import('@cookie-schema/codegen');
    const { schema, out, target } = paths();
    const text = await readFile(schema, 'utf8').catch(() => undefined);
    const key = text === undefined ? undefined : JSON.stringify([text, target]);
    let files: Map<string, string>;
    let warnings: string[];
    if (key !== undefined && cache?.key === key) {
      ({ files, warnings } = cache);
    } else {
      const generated = await codegen.generateFiles(target);
      const format = formatWith(codegen.formatDiagnostic);
      if (!generated.ok) {
        cache = undefined;
        throw new CookieSchemaError(target.schema, generated.diagnostics, format);
      }
      files = generated.files;
      warnings = generated.diagnostics.map(format);
      if (key !== undefined) cache = { key, files, warnings };
    }
    return { warnings, write: await codegen.writePackage(out, files) };
  };

  return {
    useRoot(dir) {
      if (options.root === undefined) root = resolve(dir);
    },
    paths,
    generate() {
      if (waiting) return waiting;
      const run = running.then(
        () => {
          waiting = undefined;
          return runOnce();
        },
        () => {
          waiting = undefined;
          return runOnce();
        },
      );
      waiting = run;
      running = run.catch(() => undefined);
      return run;
    },
  };
}

/** The CLI's default package name (codegen's `defaultPackageName`, without loading codegen). */
function defaultName(schema: string): string {
  const base = schema.slice(schema.lastIndexOf('/') + 1).replace(/\.json$/i, '');
  if (/^cookies$/i.test(base)) return 'cookies';
  return `${base.replace(/\.cookies$/i, '')}-cookies`;
}

/** The generated package's entries that imports of `<name>/<entry>` resolve to. */
const ENTRIES = ['client', 'policy', 'server'] as const;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Matches `<name>/client`, `<name>/policy` and `<name>/server`. */
export function packageImportFilter(name: string): RegExp {
  return new RegExp(`^${escapeRegExp(name)}/(?:${ENTRIES.join('|')})$`);
}

/** The file an import of the generated package resolves to, or undefined for other imports. */
export function resolvePackageImport(paths: ResolvedPaths, id: string): string | undefined {
  const prefix = `${paths.target.name}/`;
  if (!id.startsWith(prefix)) return undefined;
  const entry = id.slice(prefix.length);
  return (ENTRIES as readonly string[]).includes(entry)
    ? join(paths.out, 'dist', `${entry}.js`)
    : undefined;
}

/** Matches files inside the output directory (absolute paths, either separator). */
export function outDirFilter(out: string): RegExp {
  const parts = out.split(/[\\/]+/).map(escapeRegExp);
  return new RegExp(`^${parts.join('[\\\\/]')}[\\\\/]`);
}
