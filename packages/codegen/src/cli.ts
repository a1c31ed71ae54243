/**
 * The `cookie-schema` command line. Library code returns data; this file formats it and decides
 * exit codes: 0 success, 1 findings or invalid input, 2 usage.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { initSchemaText } from './init';
import { type Diagnostic, formatDiagnostic } from './schema/diagnostics';
import { loadSchema } from './schema/load';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  color: boolean;
}

const defaultIo = (): Io => ({
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  color: process.stderr.isTTY === true && !process.env.NO_COLOR,
});

class UsageError extends Error {}

const USAGE = `cookie-schema — one JSON file as the single source of truth for a website's cookies

Usage: cookie-schema <command> [options]

Commands:
  validate <schema>          check a schema; errors and warnings as file:line:col /pointer: message
  init [file]                write a starting schema (default: cookies.json)

Run \`cookie-schema <command> --help\` for a command's options.
Exit codes: 0 success, 1 findings or invalid input, 2 usage error.
`;

interface Command {
  usage: string;
  options: Record<string, { type: 'string' | 'boolean'; short?: string }>;
  run(
    positionals: string[],
    values: Record<string, string | boolean | undefined>,
    io: Io,
  ): Promise<number>;
}

const commands: Record<string, Command> = {
  validate: {
    usage: `Usage: cookie-schema validate <schema.json> [--quiet]

Checks the schema against the format and every rule of the specification. Prints each problem as
  file:line:col /json/pointer: message
Exit 1 when there are errors; warnings alone exit 0.

Options:
  --quiet     print errors only
`,
    options: { quiet: { type: 'boolean', short: 'q' } },
    async run([file, ...rest], values, io) {
      if (!file || rest.length) throw new UsageError('validate takes exactly one schema file.');
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
  },
  init: {
    usage: `Usage: cookie-schema init [file] [--name <site name>] [--locales en,fr] [--force]

Writes a starting schema with the usual categories (necessary, preferences, statistics,
marketing) and the consent cookie, ready to validate and generate. Default file: cookies.json.

Options:
  --name <name>       the site or product name shown on the policy page
  --locales <list>    comma-separated locales; the first is the default (default: en)
  --force             overwrite an existing file
`,
    options: { name: { type: 'string' }, locales: { type: 'string' }, force: { type: 'boolean' } },
    async run([file = 'cookies.json', ...rest], values, io) {
      if (rest.length) throw new UsageError('init takes at most one file.');
      if (existsSync(file) && !values.force) {
        io.err(
          `${file} already exists. Pass --force to overwrite it, or choose another file name.\n`,
        );
        return 1;
      }
      const locales = String(values.locales ?? 'en')
        .split(',')
        .map((l) => l.trim())
        .filter(Boolean);
      await writeFile(file, initSchemaText({ name: String(values.name ?? 'My site'), locales }));
      io.out(
        `${paint(io, 'green', '✓')} wrote ${file}. Next: edit it, then \`cookie-schema validate ${file}\`.\n`,
      );
      return 0;
    },
  },
};

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(USAGE);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    io.out(`${VERSION}\n`);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    const known = Object.keys(commands);
    const close = known.find((k) => k.startsWith(name.slice(0, 3)));
    io.err(`unknown command "${name}".${close ? ` Did you mean "${close}"?` : ''}\n\n${USAGE}`);
    return 2;
  }
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      io.out(command.usage);
      return 0;
    }
    return await command.run(
      positionals,
      values as Record<string, string | boolean | undefined>,
      io,
    );
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      io.err(`${(error as Error).message}\n\n${command.usage}`);
      return 2;
    }
    throw error;
  }
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.1.0';

function printDiagnostics(list: Diagnostic[], io: Io): void {
  for (const d of list) {
    const label =
      d.severity === 'error' ? paint(io, 'red', 'error') : paint(io, 'yellow', 'warning');
    io.err(`${formatDiagnostic(d)} ${paint(io, 'dim', `(${label} ${d.code})`)}\n`);
  }
}

const COLORS = { red: 31, green: 32, yellow: 33, dim: 2 } as const;
function paint(io: Io, color: keyof typeof COLORS, text: string): string {
  return io.color ? `\u001b[${COLORS[color]}m${text}\u001b[0m` : text;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
