import { type Command, paint, plural, printDiagnostics, UsageError } from '../cli-io';
import { DEFAULT_SCHEMA } from '../cli-schema';
import { loadSchema } from '../schema/load';

export const validate: Command = {
  summary: 'check a schema; errors and warnings as file:line:col /pointer: message',
  usage: `Usage: cookie-schema validate [schema.json] [--quiet]

Checks the schema (default: cookies.json, what \`cookie-schema init\` writes) against the format
and every rule of the specification. Prints each problem as
  file:line:col /json/pointer: message
Exit 1 when there are errors; warnings alone exit 0.

Options:
  --quiet     print errors only
`,
  options: { quiet: { type: 'boolean', short: 'q' } },
  async run([file = DEFAULT_SCHEMA, ...rest], values, io) {
    if (rest.length)
      throw new UsageError('validate takes at most one schema file (default: cookies.json).');
    const result = await loadSchema(file);
    const shown = values.quiet
      ? result.diagnostics.filter((d) => d.severity === 'error')
      : result.diagnostics;
    printDiagnostics(shown, io);
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = result.diagnostics.length - errors;
    if (!result.ok) {
      io.err(
        `${paint(io, 'red', '✗')} ${file}: ${plural(errors, 'error')}${warnings ? `, ${plural(warnings, 'warning')}` : ''}\n`,
      );
      return 1;
    }
    const { schema } = result;
    io.out(
      `${paint(io, 'green', '✓')} ${file}: valid — ${plural(schema.cookies.length, 'cookie')} in ${plural(schema.categories.length, 'category', 'categories')}, locales ${schema.policy.locales.join(', ')}, revision ${schema.policy.revision}${warnings ? `, ${plural(warnings, 'warning')}` : ''}\n`,
    );
    return 0;
  },
};
