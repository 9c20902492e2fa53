// The server's token, kept beside the database in "<db>.token" (mode 0600) so that it survives restarts and an open
// browser tab keeps working (issue 15). `sitrep serve` creates it on first start when neither --token nor
// $SITREP_TOKEN is given; `sitrep token --rotate` replaces it. Errors name the file and never carry a stack.
import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';

/** A fresh token: 24 random bytes, URL-safe. */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** A token file that cannot be read, written or understood; the message names the file. */
export class TokenFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenFileError';
  }
}

/** Where the token of the database at `db` is kept: "<db>.token". */
export function tokenPath(db: string): string {
  return `${db}.token`;
}

function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'EACCES' || err.code === 'EPERM') return 'permission denied';
  if (err.code === 'ENOENT') return 'no such file or directory';
  if (err.code === 'EISDIR') return 'it is a directory';
  if (err.code === 'ENOTDIR') return 'a part of the path is not a directory';
  if (err.code === 'EROFS') return 'read-only file system';
  return err.code ?? err.message;
}

/** The token stored in `file`, or null when there is no such file. */
export function readTokenFile(file: string): string | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new TokenFileError(`cannot read the token file ${file}: ${reason(e)}`);
  }
  const t = text.trim();
  if (t.length < 8 || /\s/.test(t)) {
    throw new TokenFileError(`the token file ${file} does not hold a token (one line of at least 8 characters, no spaces): fix it, or replace it with "sitrep token --rotate"`);
  }
  return t;
}

/** Writes `token` to `file` with mode 0600 (through a temporary file, so a reader never sees half a token). */
export function writeTokenFile(file: string, token: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, `${token}\n`, { mode: 0o600, flag: 'w' });
    chmodSync(tmp, 0o600); // an existing temporary file keeps its mode otherwise
    renameSync(tmp, file);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was written
    }
    throw new TokenFileError(`cannot write the token file ${file}: ${reason(e)}`);
  }
}

/** The permission bits of `file` that let others than its owner read or write it (0 when none or unknown). */
export function looseMode(file: string): number {
  try {
    return statSync(file).mode & 0o077;
  } catch {
    return 0;
  }
}

/** The database's token: the one in "<db>.token", else a new one written there. */
export function loadOrCreateToken(db: string): { token: string; file: string; created: boolean } {
  const file = tokenPath(db);
  const existing = readTokenFile(file);
  if (existing !== null) return { token: existing, file, created: false };
  const token = newToken();
  writeTokenFile(file, token);
  return { token, file, created: true };
}

/** Replaces the database's token with a new one and returns it. */
export function rotateToken(db: string): { token: string; file: string } {
  const file = tokenPath(db);
  const token = newToken();
  writeTokenFile(file, token);
  return { token, file };
}

function stampOf(file: string): string | null {
  try {
    const s = statSync(file);
    return `${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch {
    return null;
  }
}

/**
 * The token in `file` as it is now, for a running server: a `sitrep token --rotate` takes effect at the next request,
 * without a restart (the old token then gets 401). The file is re-read only when it changed (a stat per request).
 * A file that goes missing or becomes unreadable keeps the last good token, with one message.
 */
export function watchedToken(file: string, initial: string, log: (m: string) => void = () => {}): () => string {
  let current = initial;
  let stamp = stampOf(file);
  return () => {
    const now = stampOf(file);
    if (now === stamp) return current;
    stamp = now;
    try {
      const t = readTokenFile(file);
      if (t === null) log(`the token file ${file} is gone: the server keeps the token it had`);
      else current = t;
    } catch (e) {
      log(`${(e as Error).message}: the server keeps the token it had`);
    }
    return current;
  };
}
