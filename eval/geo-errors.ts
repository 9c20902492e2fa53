// npm run eval:geo-errors — error analysis of toponym resolution on the gold spans of GeoWebNews and TR-News
// (dev data). Every gold toponym falls in one class:
//   ok            resolved to the gold GeoNames id and within 161 km
//   point         the gold id, but its reference point is >= 161 km from GeoNames' (countries, regions, continents)
//   near          another entity, within 161 km (a city for its district, a region for its seat...)
//   rank          the gold entity was a candidate, another one won, >= 161 km away
//   absent        the gold entity is in the gazetteer but not a candidate for this surface (a name, demonym or
//                 transliteration the index lacks)
//   missing       the gold entity is not in the embedded gazetteer at all (airports, buildings, small villages, rivers)
//   none          no candidate at all for the surface
// Prints counts per class and data set, and the most frequent surfaces per class, to stdout (for reading, never
// into files in the repository: the texts belong to their publishers).
// Options: --db PATH (imported gazetteer), --class NAME (list every case of one class), --top N.
import { placeContext } from '../src/components/places/index.js';
import { candidatesFor, km, resolveMentions } from '../src/components/places/resolve.js';
import { goldMentions, prepareGeo } from './lib/geo-run.js';
import { missingShared } from './lib/shared.js';

const CLASSES = ['ok', 'point', 'near', 'rank', 'absent', 'missing', 'none'] as const;
type ErrClass = (typeof CLASSES)[number];

async function main(): Promise<void> {
  if (missingShared('eval', 'geo')) return;
  const arg = (name: string): string | undefined => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const db = arg('--db');
  const only = arg('--class');
  const top = Number(arg('--top') ?? 25);
  const run = await prepareGeo({ ...(db ? { db } : {}), log: (m) => void process.stderr.write(m + '\n') });
  const gaz = run.model.gazetteer;
  for (const ds of run.datasets) {
    const counts = new Map<ErrClass, number>(CLASSES.map((c) => [c, 0]));
    const surfaces = new Map<ErrClass, Map<string, number>>(CLASSES.map((c) => [c, new Map()]));
    const cases: string[] = [];
    let n = 0;
    for (const a of ds.articles) {
      const doc = run.analyzer.analyzeDoc({ id: a.id, text: a.text, title: a.title, url: a.url });
      const mentions = goldMentions(run.model, doc.text, a.toponyms);
      const resolved = resolveMentions(gaz, placeContext(doc, run.model), mentions, run.model.weights);
      for (let gi = 0; gi < a.toponyms.length; gi++) {
        const g = a.toponyms[gi]!;
        const m = mentions[gi]!;
        const surface = doc.text.slice(g.start, g.end);
        const r = resolved.find((x) => x.start === g.start && x.end === g.end);
        n++;
        let cls: ErrClass;
        let detail = '';
        if (!r) {
          cls = 'none';
        } else {
          const e = km(r.place.lat, r.place.lon, g.lat, g.lon);
          const sameId = g.geonameId !== null && r.place.id === g.geonameId;
          if (sameId) cls = e < 161 ? 'ok' : 'point';
          else if (e < 161) cls = 'near';
          else {
            const cands = candidatesFor(gaz, surface, m.kind);
            if (cands.some((c) => c.place.id === g.geonameId)) cls = 'rank';
            else if (g.geonameId !== null && gaz.byId(g.geonameId)) cls = 'absent';
            else cls = 'missing';
            const gold = g.geonameId !== null ? gaz.byId(g.geonameId) : undefined;
            detail = `picked ${r.place.name} ${r.place.fcode} ${r.place.cc} (${cands.length} cands); gold ${gold ? `${gold.name} ${gold.fcode} ${gold.cc}` : `id ${g.geonameId} ${g.type}`} ${Math.round(e)} km`;
          }
          if (cls === 'point') detail = `${r.place.name} ${r.place.fcode} ${Math.round(e)} km`;
        }
        counts.set(cls, counts.get(cls)! + 1);
        const sm = surfaces.get(cls)!;
        sm.set(surface, (sm.get(surface) ?? 0) + 1);
        if (only === cls) cases.push(`${a.id}\t${g.type}\t${surface}\t${detail}`);
      }
    }
    process.stdout.write(`## ${ds.name}: ${n} gold toponyms (gold spans)\n`);
    for (const c of CLASSES) process.stdout.write(`  ${c.padEnd(8)} ${String(counts.get(c)).padStart(5)}  ${((counts.get(c)! / n) * 100).toFixed(1)}%\n`);
    for (const c of CLASSES) {
      if (c === 'ok') continue;
      const list = [...surfaces.get(c)!.entries()].sort((x, y) => y[1] - x[1]).slice(0, top);
      process.stdout.write(`  ${c}: ${list.map(([s, k]) => `${s}×${k}`).join(', ')}\n`);
    }
    if (only) process.stdout.write(cases.join('\n') + '\n');
  }
}

await main();
