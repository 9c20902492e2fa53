// Starting the server: open the store, load the analyzer once, listen (127.0.0.1 unless told otherwise).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Analyzer } from '../api.js';
import { packageRoot } from '../data/resources.js';
import { Ingestor } from '../store/ingest.js';
import { modelVersion } from '../store/model-version.js';
import type { Store } from '../store/types.js';
import { buildServer } from './app.js';

export { buildServer } from './app.js';
export { loadOrCreateToken, looseMode, newToken, rotateToken, TokenFileError, tokenPath, watchedToken } from './token.js';

export function sitrepVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

export function defaultWebDir(): string {
  return join(packageRoot(), 'dist', 'web');
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Whether reads (every /api/ request) need the token too: when the server binds beyond loopback, unless the
 * operator opened reads with --public (writes need the token always).
 */
export function readsNeedToken(host: string, publicReads = false): boolean {
  return !isLoopback(host) && !publicReads;
}

export interface StartOptions {
  store: Store;
  host: string;
  port: number;
  /** The token, or where to get it at each request (see watchedToken). */
  token: string | (() => string);
  /** Bound beyond loopback, reads need the token too unless this is true (sitrep serve --public). */
  public?: boolean;
  webDir?: string | null;
  analyzer?: Analyzer | null;
  log?: (m: string) => void;
}

export interface Started {
  app: FastifyInstance;
  url: string;
  port: number;
}

export async function startServer(o: StartOptions): Promise<Started> {
  const mv = modelVersion();
  const analyzer = o.analyzer === undefined ? await Analyzer.create({ log: o.log ?? (() => {}) }) : o.analyzer;
  const ingestor = analyzer ? new Ingestor(o.store, analyzer, { modelVersion: mv, who: 'api' }) : null;
  // Bound to loopback, only loopback Host headers are served (a DNS-rebinding page cannot reach the API).
  let allowed: string[] | null = null;
  const app = await buildServer({
    store: o.store,
    ingestor,
    token: o.token,
    readsNeedToken: readsNeedToken(o.host, o.public === true),
    version: sitrepVersion(),
    modelVersion: mv,
    webDir: o.webDir === undefined ? defaultWebDir() : o.webDir,
    get allowedHosts() {
      return allowed;
    },
  });
  await app.listen({ host: o.host, port: o.port });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : o.port;
  if (isLoopback(o.host)) allowed = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `${o.host}:${port}`];
  const hostPart = o.host.includes(':') ? `[${o.host}]` : o.host;
  return { app, url: `http://${hostPart === '0.0.0.0' || hostPart === '[::]' ? '127.0.0.1' : hostPart}:${port}/`, port };
}
