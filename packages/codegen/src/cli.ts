/**
 * The `cookie-schema` command line. Library code returns data; commands format it and this file
 * decides exit codes: 0 success, 1 findings or invalid input, 2 usage.
 */
import { parseArgs } from 'node:util';
import { type Io, UsageError } from './cli-io';
import { commands } from './commands/index';

export type { Io } from './cli-io';

const defaultIo = (): Io => ({
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  color: process.stderr.isTTY === true && !process.env.NO_COLOR,
});

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  const list = Object.entries(commands)
    .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
    .join('\n');
  return `cookie-schema — one JSON file as the single source of truth for a website's cookies

Usage: cookie-schema <command> [options]

Commands:
${list}

Run \`cookie-schema <command> --help\` for a command's options.
Exit codes: 0 success, 1 findings or invalid input, 2 usage error.
`;
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.out : io.err)(usage());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    io.out(`${VERSION}\n`);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    const close = Object.keys(commands).find((k) => k.startsWith(name.slice(0, 3)));
    io.err(`unknown command "${name}".${close ? ` Did you mean "${close}"?` : ''}\n\n${usage()}`);
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
    return await command.run(positionals, values, io);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (error instanceof UsageError || code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${(error as Error).message}\n\n${command.usage}`);
      return 2;
    }
    throw error;
  }
}

const VERSION = '0.1.0';
