/**
 * The commands of the CLI, in the order `cookie-schema --help` lists them. Each command lives in
 * its own file; add one line here to register a new one.
 */
import type { Command } from '../cli-io';
import { audit } from './audit';
import { diff } from './diff';
import { exportCommand } from './export';
import { generate } from './generate';
import { init } from './init';
import { policy } from './policy';
import { scan } from './scan';
import { validate } from './validate';

export const commands: Record<string, Command> = {
  validate,
  generate,
  init,
  scan,
  audit,
  policy,
  diff,
  export: exportCommand,
};
