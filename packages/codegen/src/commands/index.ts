/**
 * The commands of the CLI, in the order `cookie-schema --help` lists them. Each command lives in
 * its own file; add one line here to register a new one.
 */
import type { Command } from '../cli-io';
import { init } from './init';
import { validate } from './validate';

export const commands: Record<string, Command> = {
  validate,
  init,
};
