import { type Command, UsageError } from '../cli-io';
import { chooseLocale, DEFAULT_SCHEMA, emit, loadValidSchema } from '../cli-schema';
import { exporters } from '../export/index';

const width = Math.max(...Object.keys(exporters).map((n) => n.length));
const formatList = Object.entries(exporters)
  .map(([name, e]) => `  ${name.padEnd(width)}  ${e.description}`)
  .join('\n');

export const exportCommand: Command = {
  summary:
    'write the declaration for other tools (vanilla-cookieconsent, Open Cookie Database CSV)',
  usage: `Usage: cookie-schema export [schema.json] --to <format> [--locale xx] [--out file]

Writes the declaration in a format that another tool reads.

Formats:
${formatList}

Options:
  --to <format>   one of the formats above (required)
  --locale <xx>   csv: the language of the texts; vanilla-cookieconsent: the default language
                  (every locale is translated). Default: the schema's first locale
  --out <file>    write to this file (atomically) instead of stdout

Exit 1 when the schema is invalid; 2 for a bad option, an unknown format or locale.
`,
  options: {
    to: { type: 'string', short: 't' },
    locale: { type: 'string', short: 'l' },
    out: { type: 'string', short: 'o' },
  },
  async run([file = DEFAULT_SCHEMA, ...rest], values, io) {
    if (rest.length)
      throw new UsageError('export takes at most one schema file (default: cookies.json).');
    if (values.to === undefined) {
      throw new UsageError(`missing --to <format>; formats: ${Object.keys(exporters).join(', ')}.`);
    }
    const format = String(values.to);
    const exporter = Object.hasOwn(exporters, format) ? exporters[format] : undefined;
    if (!exporter) {
      throw new UsageError(
        `unknown format "${format}"; formats: ${Object.keys(exporters).join(', ')}.`,
      );
    }
    const schema = await loadValidSchema(file, io);
    if (!schema) return 1;
    const locale = chooseLocale(schema, values.locale);
    return emit(io, exporter.render(schema, { locale }), values.out, `${format}, ${locale}`);
  },
};
