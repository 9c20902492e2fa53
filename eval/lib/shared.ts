// Where the shared development data lives (../shared beside the repository, or $SITREP_SHARED), and how tests and
// evaluations behave without it: skip with a clear message, except in CI ($SITREP_CI=1) where it must be present.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageRoot } from '../../src/data/resources.js';

export function sharedRoot(): string {
  return resolve(process.env['SITREP_SHARED'] ?? join(packageRoot(), '..', 'shared'));
}

/** Absolute path of a file under the shared folder. */
export function sharedPath(...parts: string[]): string {
  return join(sharedRoot(), ...parts);
}

export function inCI(): boolean {
  return process.env['SITREP_CI'] === '1' || process.env['CI'] === 'true';
}

/**
 * For tests: returns a reason to skip when `parts` is missing outside CI; throws in CI (the data must be there).
 * Use as `describe.skipIf(missingShared('eval', 'ner'))(...)`.
 */
export function missingShared(...parts: string[]): string | false {
  const p = sharedPath(...parts);
  if (existsSync(p)) return false;
  if (inCI()) throw new Error(`shared data missing in CI: ${p}`);
  const reason = `skipped: shared data not found at ${p} (set SITREP_SHARED to the folder holding samples/ and eval/)`;
  process.stderr.write(reason + '\n');
  return reason;
}
