// The shape of a CLI command and shared argument parsing.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface Command {
  name: string;
  /** One line for `sitrep --help`. */
  summary: string;
  /** The full `sitrep <name> --help` text. */
  help: string;
  run(argv: string[]): Promise<number>;
}

export class UsageError extends Error {}

/** node:util parseArgs with readable errors (thrown as UsageError). */
export function parse<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
  }
}
