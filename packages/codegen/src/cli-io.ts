/** What every command of the CLI shares: output, colours, usage errors, diagnostics. */
import { type Diagnostic, formatDiagnostic } from './schema/diagnostics';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  color: boolean;
}

/** Thrown by a command for bad arguments: the CLI prints the command's usage and exits 2. */
export class UsageError extends Error {}

export type OptionValues = Record<string, string | boolean | string[] | undefined>;

export interface Command {
  /** One line for the command list of `cookie-schema --help`. */
  summary: string;
  /** The text of `cookie-schema <command> --help`. */
  usage: string;
  /** node:util parseArgs options. */
  options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;
  /** Resolves to the exit code: 0 success, 1 findings or invalid input. */
  run(positionals: string[], values: OptionValues, io: Io): Promise<number>;
}

export function printDiagnostics(list: readonly Diagnostic[], io: Io): void {
  for (const d of list) {
    const label =
      d.severity === 'error' ? paint(io, 'red', 'error') : paint(io, 'yellow', 'warning');
    io.err(`${formatDiagnostic(d)} ${paint(io, 'dim', `(${label} ${d.code})`)}\n`);
  }
}

const COLORS = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const;
export function paint(io: Io, color: keyof typeof COLORS, text: string): string {
  return io.color ? `\u001b[${COLORS[color]}m${text}\u001b[0m` : text;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
