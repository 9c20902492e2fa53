// sitrep token: print the server's token kept beside the database (<db>.token), or replace it with --rotate.
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { defaultDbPath } from '../../store/index.js';
import { loadOrCreateToken, looseMode, rotateToken } from '../../server/token.js';
import { parse, UsageError, type Command } from '../command.js';
import { Output, warn } from '../io.js';

export const tokenCommand: Command = {
  name: 'token',
  summary: 'print the server token kept beside the database (<db>.token), or replace it with --rotate',
  help: `Usage: sitrep token [--db PATH] [--rotate]

Prints the token that "sitrep serve" over this database uses for writes (and for reads when it is bound beyond
loopback without --public). It is kept beside the database in <db>.token, mode 0600; when there is none yet, a new
one is written there (as "sitrep serve" does on its first start).

With --rotate, a new token replaces the old one and is printed. A server running over this database takes it at
its next request: from then on the old token gets 401 (open the server's link with the new token, or send the new
token). A token given to "sitrep serve" with --token or $SITREP_TOKEN wins over the file.

Options:
  --db PATH              the database file (default: $SITREP_DB, else data/sitrep.db)
  --rotate               write a new token and print it
  -h, --help             this help
`,
  async run(argv) {
    const { values, positionals } = parse(argv, { db: { type: 'string' }, rotate: { type: 'boolean' } });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const db = defaultDbPath(values.db);
    if (db === ':memory:' || /^postgres(ql)?:\/\//.test(db)) throw new UsageError(`--db: ${db} has no file to keep a token beside`);
    if (!existsSync(dirname(db))) throw new UsageError(`--db: the folder of ${db} does not exist`);
    const out = new Output();
    if (values.rotate) {
      const { token, file } = rotateToken(db);
      await out.write(`${token}\n`);
      warn(`new token written to ${file}; a running "sitrep serve" over this database takes it at its next request (the old token gets 401)`);
    } else {
      const { token, file, created } = loadOrCreateToken(db);
      await out.write(`${token}\n`);
      if (created) warn(`no token yet: a new one was written to ${file}`);
      else if (looseMode(file) !== 0) warn(`the token file ${file} can be read by other users: chmod 600 ${file}`);
    }
    return 0;
  },
};
