// sitrep reanalyze: re-run the pipeline over stored articles analyzed with another model version, keeping reviews.
import { Analyzer } from '../../api.js';
import { defaultDbPath, openStore, type Store } from '../../store/index.js';
import { reanalyze, type ReanalyzeSummary } from '../../store/ingest.js';
import { modelVersion } from '../../store/model-version.js';
import { parse, type Command } from '../command.js';
import { Output, warn } from '../io.js';
import { createProgress } from '../progress.js';
import { whoAmI } from './ingest.js';

export async function reanalyzeStore(store: Store, opts: { all?: boolean; quiet?: boolean; who: string }): Promise<ReanalyzeSummary> {
  const analyzers = new Map<boolean, Promise<Analyzer>>();
  const analyzerFor = (clean: boolean): Promise<Analyzer> => {
    let a = analyzers.get(clean);
    if (!a) {
      a = Analyzer.create({ clean, log: warn });
      analyzers.set(clean, a);
    }
    return a;
  };
  let progress: ReturnType<typeof createProgress> | null = null;
  const summary = await reanalyze(store, analyzerFor, {
    modelVersion: modelVersion(),
    who: opts.who,
    all: opts.all === true,
    onProgress: (_done, total) => {
      progress ??= createProgress('reanalyze', total, { quiet: opts.quiet === true });
      progress.tick();
    },
  });
  (progress as ReturnType<typeof createProgress> | null)?.done();
  return summary;
}

export const reanalyzeCommand: Command = {
  name: 'reanalyze',
  summary: 're-run the pipeline on stored articles analyzed with an older model version, keeping reviews',
  help: `Usage: sitrep reanalyze [options]

Every stored article remembers the model version (a fingerprint of sitrep's version, the pipeline and its data
files) it was analyzed with. This re-runs the pipeline on the articles whose version differs from the current one
and re-merges their events. Reviews are kept: an event a reviewer accepted, edited, rejected, merged or split keeps
its id, its decision and its edits; the new reading of the same evidence is attached to it, and when the new model
no longer finds the event, the old reading is kept (marked "carried").

Options:
  --db PATH              the database file (default: $SITREP_DB, else data/sitrep.db)
  --all                  re-run every article, not only those analyzed with another version
  --json                 print the summary as JSON
  --quiet                no progress on stderr
  -h, --help             this help
`,
  async run(argv) {
    const { values } = parse(argv, {
      db: { type: 'string' },
      all: { type: 'boolean' },
      json: { type: 'boolean' },
      quiet: { type: 'boolean' },
    });
    const db = defaultDbPath(values.db);
    const store = openStore(db);
    try {
      const s = await reanalyzeStore(store, { all: values.all === true, quiet: values.quiet === true, who: whoAmI('cli') });
      const out = new Output();
      if (values.json) await out.write(JSON.stringify({ ...s, modelVersion: modelVersion(), database: db }) + '\n');
      else {
        const lines = [`reanalyze: ${s.reanalyzed} of ${s.checked} article(s) re-run (model ${modelVersion()}), failed ${s.failed.length}`];
        for (const f of s.failed) lines.push(`  failed: article ${f.articleId}: ${f.error}`);
        await out.write(lines.join('\n') + '\n');
      }
      return s.failed.length > 0 ? 1 : 0;
    } finally {
      await store.close();
    }
  },
};
