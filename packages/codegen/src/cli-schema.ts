/** What the policy, diff and export commands share: loading a schema, locales, output files. */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type Io, paint, plural, printDiagnostics, UsageError } from './cli-io';
import { loadSchema } from './schema/load';
import type { NormalizedSchema } from './schema/types';
import { writeFileAtomic } from './write-file-atomic';

/**
 * Loads and validates `file`. On errors, prints them as `validate` does (file:line:col /pointer:
 * message, then a ✗ summary) and returns `undefined`: the command exits 1. Warnings are not
 * printed; `cookie-schema validate` shows them.
 */
export async function loadValidSchema(file: string, io: Io): Promise<NormalizedSchema | undefined> {
  const result = await loadSchema(file);
  if (result.ok) return result.schema;
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  printDiagnostics(errors, io);
  io.err(
    `${paint(io, 'red', '✗')} ${file}: ${plural(errors.length, 'error')}; fix the schema (see \`cookie-schema validate ${file}\`).\n`,
  );
  return undefined;
}

/**
 * The `--locale` option checked against the schema: its value, or the schema's first locale.
 * @throws UsageError (exit 2) naming the declared locales when the schema does not declare it.
 */
export function chooseLocale(schema: NormalizedSchema, value: unknown): string {
  if (value === undefined) return schema.policy.defaultLocale;
  const locale = String(value);
  if (!schema.policy.locales.includes(locale)) {
    throw new UsageError(
      `unknown locale "${locale}": ${schema.file} declares ${schema.policy.locales.join(', ')}.`,
    );
  }
  return locale;
}

/** The schema file when a command is given none: what `cookie-schema init` writes. */
export const DEFAULT_SCHEMA = 'cookies.json';

/**
 * Prints `text` to stdout, or with `out` writes it atomically to that file (creating its
 * directory, as `generate` does) and says so. Resolves to the exit code: 1 when the file cannot
 * be written.
 */
export async function emit(io: Io, text: string, out: unknown, what: string): Promise<number> {
  if (out === undefined) {
    io.out(text);
    return 0;
  }
  const path = String(out);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOTDIR' || code === 'EEXIST'
        ? 'a part of its directory path is a file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied'
            : String((error as Error).message);
    io.err(`${paint(io, 'red', '✗')} cannot write ${path}: ${reason}.\n`);
    return 1;
  }
  io.out(`${paint(io, 'green', '✓')} wrote ${path} (${what})\n`);
  return 0;
}
