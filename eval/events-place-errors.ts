// node dist/eval/events-place-errors.js — error analysis of event places on ACLED dev (npm run eval:events scores
// them). Each note's primary event falls in one class:
//   ok              within 161 km of ACLED's point and in ACLED's country
//   no-event        no event read from the note
//   no-place        an event without a place
//   other-mention   ACLED's location is named in the note and resolved within 161 km, but the event took another place
//   misresolved     ACLED's location is named and spotted, but resolved to another entity (>= 161 km away);
//                   "rank" when the gazetteer had a candidate within 161 km, "missing" when it had none
//   unspotted       ACLED's location is named in the note, no place mention covers it
//   region          ACLED's location is not named; the event took a region or country (coded to its capital)
//   unnamed         ACLED's location is not named; the event took a town or district elsewhere
// A suffix "/country" marks a wrong country. Prints counts and, with --class NAME, the cases of a class (stdout only:
// the notes belong to ACLED; never write them into the repository). Rules only (no classifier), which picks the
// same events' places.
// Options: --class NAME, --limit N.
import { Analyzer } from '../src/api.js';
import { SharedCache } from '../src/core/component.js';
import type { DocJSON, PlaceMention } from '../src/core/types.js';
import { loadCountryTable } from '../src/components/actors/index.js';
import { loadPlacesModel } from '../src/components/places/index.js';
import { candidatesFor } from '../src/components/places/resolve.js';
import { FileResources } from '../src/data/resources.js';
import { nameKey } from '../src/gazetteer/normalize.js';
import { km, loadAcled, pipelineWith, primaryEvent } from './events.js';
import { missingShared } from './lib/shared.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Where a location name occurs in a text (name keys, so diacritics and case do not matter); [] when nowhere. */
function occurrences(text: string, location: string): { start: number; end: number }[] {
  const names = [location, location.replace(/\s*-\s*.*$/, ''), location.replace(/\s*\(.*\)$/, '')].map((s) => s.trim()).filter((s) => s.length > 2);
  const out: { start: number; end: number }[] = [];
  const folded = [...text].map((ch) => nameKey(ch) || ' ');
  // Map folded characters back to offsets.
  let flat = '';
  const at: number[] = [];
  let off = 0;
  for (let i = 0; i < folded.length; i++) {
    const ch = [...text][i]!;
    for (const c of folded[i]!) {
      flat += c;
      at.push(off);
    }
    off += ch.length;
  }
  for (const n of new Set(names)) {
    const key = nameKey(n);
    if (!key) continue;
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'gu');
    for (let m = re.exec(flat); m; m = re.exec(flat)) out.push({ start: at[m.index]!, end: at[m.index + m[0].length - 1]! + 1 });
    if (out.length) break;
  }
  return out;
}

async function main(): Promise<void> {
  if (missingShared('eval', 'events', 'acled')) return;
  const only = arg('--class');
  const limit = Number(arg('--limit') ?? 1e9);
  const resources = new FileResources();
  const shared = new SharedCache();
  const countries = await loadCountryTable({ resources, shared });
  const model = await loadPlacesModel({ resources, shared, log: () => undefined, options: {} });
  const analyzer = await Analyzer.create({ resources, pipeline: await pipelineWith(resources, { classifier: false }) });
  const rows = loadAcled();
  const counts = new Map<string, number>();
  const precisionCounts = new Map<string, number>();
  let shown = 0;
  for (const r of rows) {
    const doc: DocJSON = analyzer.analyze({ id: r.id, text: r.notes, published: r.published });
    const e = primaryEvent(doc);
    const iso = countries.isoOf(r.country);
    const gold = rowExtra.get(r.id);
    const location = gold?.location ?? '';
    let cls: string;
    let detail = '';
    const occ = occurrences(doc.text, location);
    const places = doc.places as PlaceMention[];
    const covering = places.filter((p) => occ.some((o) => p.start < o.end && o.start < p.end));
    const chosen = e?.place ?? null;
    const traced = (e as { trace?: { place?: { start: number; end: number } } } | null)?.trace?.place;
    const chosenMention = traced ? places.find((p) => p.start === traced.start && p.end === traced.end) : undefined;
    if (!e) cls = 'no-event';
    else if (!chosen) cls = 'no-place';
    else {
      const d = km(chosen.lat, chosen.lon, r.lat, r.lon);
      const countryOk = iso != null && chosen.countryCode === iso;
      if (d <= 161 && countryOk) cls = 'ok';
      else {
        if (occ.length && covering.length) {
          const good = covering.some((p) => km((p.eventPlace ?? p).lat, (p.eventPlace ?? p).lon, r.lat, r.lon) <= 161);
          if (good) cls = 'other-mention';
          else {
            const cands = candidatesFor(model.gazetteer, doc.text.slice(covering[0]!.start, covering[0]!.end), covering[0]!.kind === 'demonym' ? 'demonym' : 'toponym');
            cls = cands.some((c) => km(c.place.lat, c.place.lon, r.lat, r.lon) <= 161) ? 'misresolved-rank' : 'misresolved-missing';
          }
        } else if (occ.length) cls = 'unspotted';
        else if (chosen.precision === 3) cls = 'region';
        else cls = 'unnamed';
        if (!countryOk) cls += '/country';
        detail = `${Math.round(d)} km`;
      }
    }
    counts.set(cls, (counts.get(cls) ?? 0) + 1);
    if (process.argv.includes('--ids')) process.stdout.write(`${r.id}\t${cls}\n`);
    if (cls.endsWith('/country') || cls === 'no-place' || cls === 'no-event') {
      const anyRight = places.some((p) => p.kind !== 'embedded' && p.countryCode === iso);
      const anyActor = doc.actors.some((a) => (a as { countryCode?: string }).countryCode === iso);
      const k = `wrong country: ${anyRight ? 'a place in the right country' : anyActor ? 'only an actor in the right country' : 'nothing in the right country'}`;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    const gp = gold?.geoPrecision ?? '?';
    const pk = `gold p${gp} -> ${chosen ? `p${chosen.precision}` : 'none'}${cls === 'ok' ? ' ok' : ''}`;
    precisionCounts.set(pk, (precisionCounts.get(pk) ?? 0) + 1);
    const wrongC = (cls.endsWith('/country') || cls === 'no-place' || cls === 'no-event') && !places.some((p) => p.kind !== 'embedded' && p.countryCode === iso);
    if (only && (cls === only || cls.startsWith(only) || (only === 'nothing-right' && wrongC) || (only === 'some-right' && (cls.endsWith('/country') || cls === 'no-place') && !wrongC)) && shown < limit) {
      shown++;
      const m = chosenMention ? `"${doc.text.slice(chosenMention.start, chosenMention.end)}" -> ${chosenMention.name} ${chosenMention.featureCode} ${chosenMention.countryCode}.${chosenMention.admin1 ?? ''}` : '(no mention)';
      const spots = places.map((p) => `${doc.text.slice(p.start, p.end)}=${p.name}[${p.featureCode} ${p.countryCode}.${p.admin1 ?? ''}${p.kind === 'toponym' ? '' : ' ' + p.kind}]`).join('; ');
      process.stdout.write(
        `\n[${cls}] ${r.id} ${detail}\n  gold: ${location} / ${gold?.admin1} / ${r.country} (p${gp})\n  took: ${m} => ${chosen?.name ?? '-'} p${chosen?.precision ?? '-'}\n  places: ${spots}\n  text: ${doc.text.slice(0, 400)}\n`,
      );
    }
  }
  const total = rows.length;
  process.stdout.write(`\n| class | notes |\n|---|---:|\n${[...counts.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `| ${k} | ${n} |`).join('\n')}\n| total | ${total} |\n`);
  process.stdout.write(`\n${[...precisionCounts.entries()].sort().map(([k, n]) => `${k}: ${n}`).join('\n')}\n`);
}

const rowExtra = new Map<string, { location: string; admin1: string; geoPrecision: string }>();
{
  const { readFileSync } = await import('node:fs');
  const { parseCsv } = await import('./lib/csv.js');
  const { sharedPath } = await import('./lib/shared.js');
  if (!missingShared('eval', 'events', 'acled'))
    for (const r of parseCsv(readFileSync(sharedPath('eval', 'events', 'acled', 'dev.csv'), 'utf8')))
      rowExtra.set(r['event_id_cnty']!, { location: r['location']!, admin1: r['admin1']!, geoPrecision: r['geo_precision']! });
}

await main();
