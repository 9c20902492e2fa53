// Events on ACLED dev (../shared/eval/events/acled/dev.csv): each note is analysed by the real default pipeline
// (data/pipeline.json) with its `timestamp` as the publication date; the note's primary event (the first event in
// the text; within one sentence the violent one first) is compared with ACLED's coding.
// Place scores depend on the places stage (toponym resolution); without it in the pipeline they are 0.
import { readFileSync } from 'node:fs';
import { Analyzer } from '../src/api.js';
import { SharedCache } from '../src/core/component.js';
import type { ConflictEvent, DocJSON } from '../src/core/types.js';
import { loadCountryTable } from '../src/components/actors/index.js';
import { FileResources } from '../src/data/resources.js';
import { parseCsv } from './lib/csv.js';
import { sharedPath } from './lib/shared.js';
import { runEvaluationMain, type EvalScores, type Evaluation } from './lib/report.js';

export const EVENT_TYPES = ['Battles', 'Explosions/Remote violence', 'Violence against civilians', 'Protests', 'Riots', 'Strategic developments'];
const TYPE_ORDER = ['Battles', 'Explosions/Remote violence', 'Violence against civilians', 'Riots', 'Protests', 'Strategic developments'];

export interface AcledRow {
  id: string;
  notes: string;
  published: string;
  eventDate: string;
  eventType: string;
  subEventType: string;
  inter1: number | null;
  country: string;
  lat: number;
  lon: number;
  fatalities: number;
}

export function loadAcled(): AcledRow[] {
  const rows = parseCsv(readFileSync(sharedPath('eval', 'events', 'acled', 'dev.csv'), 'utf8'));
  return rows.map((r) => ({
    id: r['event_id_cnty']!,
    notes: r['notes']!,
    published: new Date(Number(r['timestamp']) * 1000).toISOString().slice(0, 10),
    eventDate: r['event_date']!,
    eventType: r['event_type']!,
    subEventType: r['sub_event_type']!,
    inter1: r['inter1'] ? Number(r['inter1']) : null,
    country: r['country']!,
    lat: Number(r['latitude']),
    lon: Number(r['longitude']),
    fatalities: Number(r['fatalities']),
  }));
}

/** The event a one-event report is about: the first in the text; in one sentence, the violent one first. */
export function primaryEvent(doc: Pick<DocJSON, 'events'>): ConflictEvent | null {
  if (doc.events.length === 0) return null;
  const first = Math.min(...doc.events.map((e) => e.evidence[0]!.start));
  const cands = doc.events.filter((e) => e.evidence[0]!.start === first);
  return [...cands].sort((a, b) => TYPE_ORDER.indexOf(a.eventType) - TYPE_ORDER.indexOf(b.eventType))[0]!;
}

export function km(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = (d: number): number => (d * Math.PI) / 180;
  const a = Math.sin(r(lat2 - lat1) / 2) ** 2 + Math.cos(r(lat1)) * Math.cos(r(lat2)) * Math.sin(r(lon2 - lon1) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(a));
}

export function macroF1(pairs: { gold: string; pred: string }[]): { macro: number; perLabel: Map<string, { p: number; r: number; f1: number; n: number }> } {
  const labels = [...new Set(pairs.map((x) => x.gold))].sort();
  const perLabel = new Map<string, { p: number; r: number; f1: number; n: number }>();
  for (const l of labels) {
    const tp = pairs.filter((x) => x.gold === l && x.pred === l).length;
    const fp = pairs.filter((x) => x.gold !== l && x.pred === l).length;
    const fn = pairs.filter((x) => x.gold === l && x.pred !== l).length;
    const p = tp + fp ? tp / (tp + fp) : 0;
    const r = tp + fn ? tp / (tp + fn) : 0;
    perLabel.set(l, { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0, n: tp + fn });
  }
  const macro = [...perLabel.values()].reduce((s, x) => s + x.f1, 0) / Math.max(1, perLabel.size);
  return { macro, perLabel };
}

export function confusionMatrix(pairs: { gold: string; pred: string }[], labels: string[]): string {
  const cols = [...labels, '(none)'];
  const short = (l: string): string => ({ 'Explosions/Remote violence': 'Explosions', 'Violence against civilians': 'VAC', 'Strategic developments': 'Strategic' })[l] ?? l;
  const head = `| gold \\ predicted | ${cols.map(short).join(' | ')} |`;
  const sep = `|---|${cols.map(() => '---:').join('|')}|`;
  const rows = labels.map((g) => `| ${short(g)} | ${cols.map((c) => pairs.filter((x) => x.gold === g && x.pred === c).length).join(' | ')} |`);
  return [head, sep, ...rows].join('\n');
}

export const evaluate: Evaluation = async ({ log, quick }) => {
  const rows = loadAcled();
  const subset = quick ? rows.filter((_, i) => i % 4 === 0) : rows;
  const resources = new FileResources();
  const analyzer = await Analyzer.create({ resources, log });
  const countries = await loadCountryTable({ resources, shared: new SharedCache() });
  const typePairs: { gold: string; pred: string }[] = [];
  const subPairs: { gold: string; pred: string }[] = [];
  let withEvent = 0;
  let dateOk = 0;
  let countryOk = 0;
  let placeOk = 0;
  let fatalOk = 0;
  let inter1Ok = 0;
  const started = Date.now();
  for (const r of subset) {
    const doc = analyzer.analyze({ id: r.id, text: r.notes, published: r.published });
    const e = primaryEvent(doc);
    if (doc.events.length > 0) withEvent++;
    typePairs.push({ gold: r.eventType, pred: e?.eventType ?? '(none)' });
    subPairs.push({ gold: r.subEventType, pred: e?.subEventType ?? '(none)' });
    if (!e) continue;
    if (e.date?.value === r.eventDate) dateOk++;
    const iso = countries.isoOf(r.country);
    if (e.place && iso && e.place.countryCode === iso) countryOk++;
    if (e.place && km(e.place.lat, e.place.lon, r.lat, r.lon) <= 161) placeOk++;
    if ((e.fatalities ?? 0) === r.fatalities) fatalOk++;
    if (e.actor1?.inter === r.inter1) inter1Ok++;
  }
  const n = subset.length;
  log(`events: ${n} ACLED dev notes in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const typeF1 = macroF1(typePairs);
  const subF1 = macroF1(subPairs);
  const acc = (pairs: { gold: string; pred: string }[]): number => pairs.filter((x) => x.gold === x.pred).length / Math.max(1, pairs.length);
  const subTable = [...subF1.perLabel.entries()]
    .sort((a, b) => b[1].n - a[1].n)
    .map(([l, s]) => `| ${l} | ${s.n} | ${s.p.toFixed(3)} | ${s.r.toFixed(3)} | ${s.f1.toFixed(3)} |`);
  const scores: EvalScores = {
    name: 'events',
    metrics: {
      'acled.event_rate': withEvent / n,
      'acled.event_type.accuracy': acc(typePairs),
      'acled.event_type.macro_f1': typeF1.macro,
      'acled.sub_event_type.accuracy': acc(subPairs),
      'acled.sub_event_type.macro_f1': subF1.macro,
      'acled.date.accuracy': dateOk / n,
      'acled.country.accuracy': countryOk / n,
      'acled.place_161km.accuracy': placeOk / n,
      'acled.fatalities.accuracy': fatalOk / n,
      'acled.inter1.accuracy': inter1Ok / n,
    },
    details: [
      `Event types, gold rows x predicted columns (${n} notes):`,
      '',
      confusionMatrix(typePairs, EVENT_TYPES),
      '',
      '| sub-event type | gold n | precision | recall | F1 |',
      '|---|---:|---:|---:|---:|',
      ...subTable,
    ].join('\n'),
  };
  return scores;
};

if (process.argv[1]?.endsWith('events.js')) await runEvaluationMain(evaluate);
