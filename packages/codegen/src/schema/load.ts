/**
 * Schema loading: text → located JSON → shape (zod) → rules and normalization. User mistakes
 * come back as diagnostics, never as exceptions.
 */
import { readFile } from 'node:fs/promises';
import type { Diagnostic } from './diagnostics';
import { parseLocated } from './locate';
import { CookieSchemaFile } from './model';
import { normalize } from './normalize';
import type { NormalizedSchema } from './types';
import { zodIssuesToDiagnostics } from './zod-issues';

export type SchemaResult =
  | { ok: true; schema: NormalizedSchema; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

/** Parses and validates schema text. `fileName` is used in every diagnostic. */
export function parseSchema(text: string, fileName: string): SchemaResult {
  const json = parseLocated(text);
  if (json.syntaxErrors.length > 0) {
    return {
      ok: false,
      diagnostics: json.syntaxErrors.map(({ position, message }) => ({
        severity: 'error',
        code: 'invalid-json',
        file: fileName,
        line: position.line,
        column: position.column,
        pointer: '',
        message: `${message}.`,
      })),
    };
  }
  const shaped = CookieSchemaFile.safeParse(json.value);
  if (!shaped.success) {
    const diagnostics = zodIssuesToDiagnostics(shaped.error.issues, fileName, json);
    return { ok: false, diagnostics: sortDiagnostics(diagnostics) };
  }
  const { schema, diagnostics } = normalize(shaped.data, fileName, json);
  const sorted = sortDiagnostics(diagnostics);
  return schema ? { ok: true, schema, diagnostics: sorted } : { ok: false, diagnostics: sorted };
}

/** Reads and validates a schema file. A missing or unreadable file is a diagnostic too. */
export async function loadSchema(path: string): Promise<SchemaResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT'
        ? 'file not found. Check the path, or create a schema with `cookie-schema init`.'
        : code === 'EISDIR'
          ? 'is a directory; expected a schema file such as site.cookies.json.'
          : `cannot read the file (${code ?? String(error)}).`;
    return {
      ok: false,
      diagnostics: [
        {
          severity: 'error',
          code: 'file-unreadable',
          file: path,
          line: 1,
          column: 1,
          pointer: '',
          message,
        },
      ],
    };
  }
  return parseSchema(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, path);
}

function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) => a.line - b.line || a.column - b.column || a.code.localeCompare(b.code),
  );
}
