import { readFile } from 'node:fs/promises';
import { type Command, type Io, paint, plural, printDiagnostics, UsageError } from '../cli-io';
import { collectSourceFiles } from '../scan/collect-files';
import type { ScanFinding } from '../scan/types';
import { loadSchema } from '../schema/load';

export const scan: Command = {
  summary: 'find raw cookie APIs in TS/JS code that use names the schema does not declare',
  usage: `Usage: cookie-schema scan <paths…> --schema <schema.json> [--strict] [--json]

Statically analyses TypeScript and JavaScript (.ts .tsx .mts .cts .js .jsx .mjs .cjs; directories
are walked, node_modules and dist skipped) for raw cookie APIs: document.cookie, cookieStore,
Express res.cookie/clearCookie, Set-Cookie headers (setHeader, append, set, writeHead, Headers),
Next.js cookies(), Hono setCookie/getCookie/deleteCookie, js-cookie, and the cookie package's
serialize. Names are resolved through constants, enums, \`as const\` objects and template
literals. Prints each finding as
  file:line:col message (severity code)

  error    undeclared-cookie       the schema does not declare the name
  warning  unresolved-cookie-name  the name is computed at run time (an error with --strict)
  error    raw-cookie-api          --strict only: any raw use; use the generated accessors

Exit 1 when there are errors; warnings alone exit 0.

Options:
  --schema <file>   the cookie schema (required)
  --strict          report every raw cookie use: code should use the generated accessors
  --json            print { findings, uses, summary } as JSON on stdout
`,
  options: {
    schema: { type: 'string', short: 's' },
    strict: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run(paths, values, io) {
    if (paths.length === 0) throw new UsageError('scan needs at least one file or directory.');
    if (typeof values.schema !== 'string') throw new UsageError('scan needs --schema <file>.');
    const loaded = await loadSchema(values.schema);
    if (!loaded.ok) {
      printDiagnostics(loaded.diagnostics, io);
      io.err(`${paint(io, 'red', '✗')} ${values.schema} is not a valid schema; fix it first.\n`);
      return 1;
    }
    const { files, missing } = await collectSourceFiles(paths);
    for (const path of missing) io.err(`${path}: no such file or directory.\n`);
    if (missing.length) return 1;
    const inputs = await Promise.all(
      files.map(async (path) => ({ path, text: await readFile(path, 'utf8') })),
    );
    // ts-morph (and TypeScript) load only when a scan runs, not for every command.
    const { scanFiles } = await import('../scan/scan');
    const result = scanFiles(inputs, loaded.schema, {
      strict: values.strict === true,
      schemaLabel: values.schema,
    });
    const errors = result.findings.filter((f) => f.severity === 'error').length;
    const warnings = result.findings.length - errors;
    if (values.json) {
      const summary = { files: files.length, uses: result.uses.length, errors, warnings };
      io.out(
        `${JSON.stringify({ findings: result.findings, uses: result.uses, summary }, null, 2)}\n`,
      );
      return errors ? 1 : 0;
    }
    for (const finding of result.findings) io.out(`${formatFinding(finding, io)}\n`);
    const counts = `${plural(files.length, 'file')}, ${plural(result.uses.length, 'raw cookie use')}`;
    const problems = [errors && plural(errors, 'error'), warnings && plural(warnings, 'warning')]
      .filter(Boolean)
      .join(', ');
    io.err(
      errors
        ? `${paint(io, 'red', '✗')} scanned ${counts}: ${problems}\n`
        : `${paint(io, 'green', '✓')} scanned ${counts}: ${problems || 'no findings'}\n`,
    );
    if (files.length === 0)
      io.err(`no TypeScript or JavaScript files under ${paths.join(', ')}.\n`);
    return errors ? 1 : 0;
  },
};

/** `file:line:col message (severity code)`, as editors and CI logs link it. */
function formatFinding(f: ScanFinding, io: Io): string {
  const label = f.severity === 'error' ? paint(io, 'red', 'error') : paint(io, 'yellow', 'warning');
  return `${f.file}:${f.line}:${f.column} ${f.message} ${paint(io, 'dim', `(${label} ${f.code})`)}`;
}
