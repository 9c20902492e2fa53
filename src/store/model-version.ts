// The model version: a fingerprint of everything that decides what the pipeline outputs (sitrep's version, the
// pipeline config, and every data file the components read: vocabularies, model weights, gazetteers). An article
// analyzed under another fingerprint is stale, and `sitrep reanalyze` re-runs it.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { packageRoot } from '../data/resources.js';

/**
 * Folders under data/ that are not pipeline inputs: the database, the demo corpus, the workspace's own tables, local
 * files, and the annotated gold (evaluation and training labels, read by scripts, never by the pipeline).
 */
const NOT_MODEL = new Set(['demo', 'workspace', 'local', 'gold']);

let cached: string | null = null;

export function modelVersion(): string {
  if (cached) return cached;
  const root = packageRoot();
  const data = join(root, 'data');
  const h = createHash('sha256');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  h.update(`sitrep ${pkg.version}\n`);
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.') || name.startsWith('sitrep.db')) continue;
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) {
        if (dir === data && NOT_MODEL.has(name)) continue;
        walk(p);
      } else if (st.isFile() && !name.endsWith('.db') && !name.endsWith('-wal') && !name.endsWith('-shm')) files.push(p);
    }
  };
  walk(data);
  for (const f of files) {
    h.update(relative(data, f).split(sep).join('/') + '\n');
    h.update(readFileSync(f));
  }
  cached = `${pkg.version}+${h.digest('hex').slice(0, 12)}`;
  return cached;
}
