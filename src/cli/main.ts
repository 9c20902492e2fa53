// The sitrep command line: a table of commands, each a thin shell over the programmatic API.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../data/resources.js';
import { UsageError, type Command } from './command.js';
import { analyzeCommand } from './commands/analyze.js';
import { gazetteerCommand } from './commands/gazetteer.js';
import { ingestCommand } from './commands/ingest.js';
import { reanalyzeCommand } from './commands/reanalyze.js';
import { serveCommand } from './commands/serve.js';
import { tokenCommand } from './commands/token.js';

const commands: Command[] = [analyzeCommand, ingestCommand, reanalyzeCommand, serveCommand, tokenCommand, gazetteerCommand];

function version(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

function mainHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `sitrep ${version()}: news reports about armed conflict in, geolocated, dated, evidence-linked ACLED-style events out.

Usage: sitrep <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run "sitrep <command> --help" for a command's options.
Place data: GeoNames (geonames.org), CC BY 4.0.
`;
}

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const target = name === 'help' ? commands.find((c) => c.name === rest[0]) : undefined;
    process.stdout.write(target ? target.help : mainHelp());
    return 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) {
    process.stderr.write(`sitrep: unknown command "${name}"\n\n${mainHelp()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(cmd.help);
    return 0;
  }
  try {
    return await cmd.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`sitrep ${cmd.name}: ${e.message}\nRun "sitrep ${cmd.name} --help" for usage.\n`);
      return 2;
    }
    // An unexpected failure: one readable line, with the stack only when asked for.
    const err = e as Error;
    process.stderr.write(`sitrep ${cmd.name}: ${err.message}\n`);
    if (process.env['SITREP_DEBUG']) process.stderr.write(`${err.stack}\n`);
    return 1;
  }
}
