// sitrep serve: the workspace's HTTP API and web UI over the database, on 127.0.0.1 unless told otherwise.
// With --demo (what `npm start` runs) it first ingests the bundled demo corpus when it is not in the database yet.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer } from '../../api.js';
import { packageRoot } from '../../data/resources.js';
import { defaultDbPath, openStore } from '../../store/index.js';
import { modelVersion } from '../../store/model-version.js';
import { defaultWebDir, isLoopback, loadOrCreateToken, looseMode, newToken, readsNeedToken, startServer, watchedToken } from '../../server/index.js';
import { parse, UsageError, type Command } from '../command.js';
import { Output, warn } from '../io.js';
import { formatSummary, ingestSources } from './ingest.js';
import { reanalyzeStore } from './reanalyze.js';

export function demoDir(): string {
  return join(packageRoot(), 'data', 'demo');
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the workspace API (/api, OpenAPI at /api/openapi.json) and web UI over the database',
  help: `Usage: sitrep serve [options]

Starts the HTTP server over the workspace database: the API under /api (described at /api/openapi.json) and the
web UI at / (when it is built into dist/web/). Writes (POST /api/articles, review actions) need the token, sent
as "Authorization: Bearer <token>". On loopback (127.0.0.1, ::1, localhost) reads are open; bound to any other
address, every /api/ request needs the token, reads too, unless --public is given (then reads are open to anyone
who can reach the server and writes still need the token).

The token is kept beside the database in <db>.token (mode 0600): created on the first start, reused on later
ones, so an open browser tab keeps working; "sitrep token --rotate" replaces it (a running server takes the new one
at its next request). --token and $SITREP_TOKEN win
over the file (and leave it alone). It is printed at start inside the link to open
(http://127.0.0.1:8080/#token=...), where the web UI picks it up.

Options:
  --db PATH              the database file (default: $SITREP_DB, else data/sitrep.db)
  --host HOST            address to bind (default 127.0.0.1; anything else exposes the server to the network)
  --port N               port (default: $SITREP_PORT, else 8080; 0 picks a free one)
  --public               bound beyond loopback, leave reads open (writes still need the token)
  --token TOKEN          the token (default: $SITREP_TOKEN, else the one in <db>.token, created if missing)
  --web DIR              the built web UI to serve (default: dist/web)
  --demo                 first ingest the bundled demo corpus (data/demo/) if it is not in the database
  --reanalyze            first re-run articles analyzed with an older model version (see sitrep reanalyze)
  --quiet                no progress on stderr
  -h, --help             this help

Stop it with Ctrl-C.
`,
  async run(argv) {
    const { values } = parse(argv, {
      db: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      token: { type: 'string' },
      public: { type: 'boolean' },
      web: { type: 'string' },
      demo: { type: 'boolean' },
      reanalyze: { type: 'boolean' },
      quiet: { type: 'boolean' },
    });
    const host = values.host ?? '127.0.0.1';
    const portText = values.port ?? process.env['SITREP_PORT'] ?? '8080';
    if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) throw new UsageError(`--port: "${portText}" is not a port number (0..65535)`);
    const fromEnv = process.env['SITREP_TOKEN'];
    const given = values.token ?? (fromEnv === '' ? undefined : fromEnv); // an empty $SITREP_TOKEN counts as unset
    if (given !== undefined && given.length < 8) throw new UsageError(`${values.token !== undefined ? '--token' : '$SITREP_TOKEN'}: use at least 8 characters`);
    const db = defaultDbPath(values.db);
    const store = openStore(db);
    // Beside the database (the store has created its folder), unless given; an in-memory database has no "beside".
    let token: string;
    let tokenFile: string | null = null;
    try {
      if (given !== undefined) token = given;
      else if (db === ':memory:' || /^postgres(ql)?:\/\//.test(db)) token = newToken();
      else ({ token, file: tokenFile } = loadOrCreateToken(db));
      if (tokenFile !== null && looseMode(tokenFile) !== 0) warn(`the token file ${tokenFile} can be read by other users: chmod 600 ${tokenFile}`);
    } catch (e) {
      await store.close();
      throw e;
    }
    const quiet = values.quiet === true;
    try {
      const analyzer = await Analyzer.create({ log: warn });
      if (values.demo) {
        const dir = demoDir();
        if (!existsSync(dir)) throw new UsageError(`--demo: the demo corpus is missing (${dir})`);
        const s = await ingestSources(store, analyzer, [dir], { who: 'demo', quiet, label: 'demo corpus' });
        if (s.new > 0 || s.failed.length > 0) process.stderr.write(formatSummary(s, db).replace(/^ingest:/, 'demo corpus:'));
      }
      if (values.reanalyze) {
        const s = await reanalyzeStore(store, { quiet, who: 'serve' });
        if (s.checked > 0) process.stderr.write(`reanalyze: ${s.reanalyzed} of ${s.checked} article(s) re-run, failed ${s.failed.length}\n`);
      } else {
        const stale = (await store.stats(modelVersion())).staleArticles;
        if (stale > 0) warn(`${stale} stored article(s) were analyzed with an older model version: run "sitrep reanalyze --db ${db}"`);
      }
      // From the file, a rotation takes effect at the next request (no restart): the old token then gets 401.
      const current = tokenFile !== null ? watchedToken(tokenFile, token, warn) : token;
      const started = await startServer({ store, host, port: Number(portText), token: current, public: values.public === true, webDir: values.web ?? defaultWebDir(), analyzer, log: warn });
      const out = new Output();
      await out.write(`sitrep: serving ${db}\n`);
      if (values.token !== undefined) await out.write(`  open:  ${started.url}   (write token: the one given with --token)\n`);
      // The token travels in the fragment, which browsers never send to a server: the web UI reads it from there.
      else await out.write(`  open:  ${started.url}#token=${token}   (the token in this link lets the web UI write)\n`);
      if (tokenFile !== null) await out.write(`  token: kept in ${tokenFile}   (replace it with "sitrep token --db ${db} --rotate")\n`);
      const closed = readsNeedToken(host, values.public === true);
      await out.write(`  API:   ${started.url}api/openapi.json   (${closed ? 'reads and writes' : 'writes'}: "Authorization: Bearer <token>")\n`);
      if (!isLoopback(host)) {
        warn(
          closed
            ? `listening on ${host}: the server is reachable from the network; reads and writes need the token`
            : `listening on ${host} with --public: anyone who can reach it reads the database; writes need the token`,
        );
      } else if (values.public) warn('--public changes nothing on loopback: reads are open there already');
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void started.app.close().then(() => resolve());
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      return 0;
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === 'EADDRINUSE') throw new UsageError(`port ${portText} on ${host} is in use: choose another with --port`);
      if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') throw new UsageError(`--host: cannot bind ${host} (${err.code})`);
      throw e;
    } finally {
      await store.close();
    }
  },
};
