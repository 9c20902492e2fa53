// Events on ACLED dev (../shared/eval/events/acled/dev.csv): each note is analysed by the real default pipeline
// (data/pipeline.json) with its `timestamp` as the publication date; the note's primary event (the first event in
// the text; within one sentence the violent one first) is compared with ACLED's coding.
// Place scores depend on the places stage (toponym resolution); without it in the pipeline they are 0.
// The events stage's classifier is trained on ACLED dev itself, so every score here is cross-validated: 5 fixed
// folds (row index mod 5); each fold is analysed by the default pipeline with a model trained on the other four.
// `acled.rules.*` scores the rules alone (no classifier).
import { readFileSync } from 'node:fs';
import { Analyzer } from '../src/api.js';
import { SharedCache } from '../src/core/component.js';
import type { ConflictEvent, DocJSON } from '../src/core/types.js';
import { loadCountryTable } from '../src/components/actors/index.js';
import { featureInputOf, features, train, type ClassifierModel } from '../src/components/events/index.js';
import type { PipelineConfig } from '../src/core/pipeline.js';
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

export const FOLDS = 5;
/** How much the classifier must prefer its label over the rules' (see docs/events.md). */
export const CLASSIFIER_MARGIN = 10;

/** The default pipeline (data/pipeline.json) with options for the events component. */
export async function pipelineWith(resources: FileResources, eventsOptions: Record<string, unknown>): Promise<PipelineConfig> {
  const config = JSON.parse(await resources.text('pipeline.json')) as PipelineConfig;
  return { components: config.components.map((c) => (c.name === 'events' ? { ...c, options: { ...c.options, ...eventsOptions } } : c)) };
}

export interface Example {
  feats: string[];
  label: string;
  eventType: string;
}

/** Training examples: the rules' primary event of each note (its features) with ACLED's sub-event type. */
export async function acledExamples(rows: AcledRow[], resources: FileResources, log: (m: string) => void): Promise<{ examples: Example[]; docs: DocJSON[] }> {
  const analyzer = await Analyzer.create({ resources, log, pipeline: await pipelineWith(resources, { classifier: false }) });
  const examples: Example[] = [];
  const docs: DocJSON[] = [];
  for (const r of rows) {
    const doc = analyzer.analyze({ id: r.id, text: r.notes, published: r.published });
    docs.push(doc);
    const e = primaryEvent(doc);
    const input = e ? featureInputOf(e) : undefined;
    const feats = features(input ?? { text: r.notes, ruleSubEventType: '(none)', triggerClass: '(none)' });
    examples.push({ feats, label: r.subEventType, eventType: r.eventType });
  }
  return { examples, docs };
}

interface Tally {
  typePairs: { gold: string; pred: string }[];
  subPairs: { gold: string; pred: string }[];
  withEvent: number;
  dateOk: number;
  countryOk: number;
  placeOk: number;
  fatalOk: number;
  inter1Ok: number;
}

function tally(): Tally {
  return { typePairs: [], subPairs: [], withEvent: 0, dateOk: 0, countryOk: 0, placeOk: 0, fatalOk: 0, inter1Ok: 0 };
}

function score(t: Tally, r: AcledRow, doc: DocJSON, isoOf: (name: string) => string | null): void {
  const e = primaryEvent(doc);
  if (doc.events.length > 0) t.withEvent++;
  t.typePairs.push({ gold: r.eventType, pred: e?.eventType ?? '(none)' });
  t.subPairs.push({ gold: r.subEventType, pred: e?.subEventType ?? '(none)' });
  if (!e) return;
  if (e.date?.value === r.eventDate) t.dateOk++;
  const iso = isoOf(r.country);
  if (e.place && iso && e.place.countryCode === iso) t.countryOk++;
  if (e.place && km(e.place.lat, e.place.lon, r.lat, r.lon) <= 161) t.placeOk++;
  if ((e.fatalities ?? 0) === r.fatalities) t.fatalOk++;
  if (e.actor1?.inter === r.inter1) t.inter1Ok++;
}

interface IpeSentence {
  doc_id: number;
  sent_id: number;
  sent_labels: string[];
  sent_text: string;
}

/**
 * News-domain check on IndiaPoliceEvents (Times of India, Gujarat 2002; sentences labelled by whether police
 * arrested, killed or used force): each article runs through the default pipeline (its date as publication date)
 * and a sentence counts as predicted when one of an event's triggers lies in it — ARREST: an Arrests event; KILL: an event
 * by state forces with fatalities; FORCE: a violent event by state forces, or a riot or protest intervention with
 * state forces as the other side (ACLED codes police force against rioters as a riot with the police as actor2).
 */
export async function indiaPoliceEvents(analyzer: Analyzer, quick: boolean): Promise<Record<string, number>> {
  const dir = sharedPath('eval', 'events', 'india-police-events');
  const sents = readFileSync(`${dir}/sents.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as IpeSentence);
  const docs = readFileSync(`${dir}/docs.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { doc_id: number; doc_text: string });
  const dates = new Map(
    readFileSync(`${dir}/metadata.jsonl`, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { doc_id: number; date: string })
      .map((m) => [m.doc_id, m.date] as const),
  );
  const byDoc = new Map<number, IpeSentence[]>();
  for (const x of sents) byDoc.set(x.doc_id, [...(byDoc.get(x.doc_id) ?? []), x]);
  const tally = { ARREST: { tp: 0, fp: 0, fn: 0 }, KILL: { tp: 0, fp: 0, fn: 0 }, FORCE: { tp: 0, fp: 0, fn: 0 } };
  const selected = quick ? docs.filter((_, i) => i % 4 === 0) : docs;
  const predicted: string[] = [];
  for (const d of selected) {
    const doc = analyzer.analyze({ id: String(d.doc_id), text: d.doc_text, published: dates.get(d.doc_id) ?? null, });
    // Align the corpus sentences with the analysed text (cleaning may normalise whitespace): search sequentially.
    let cursor = 0;
    for (const sent of byDoc.get(d.doc_id) ?? []) {
      const probe = sent.sent_text.trim().slice(0, 40);
      const at = probe ? doc.text.indexOf(probe, cursor) : -1;
      const start = at >= 0 ? at : cursor;
      const end = at >= 0 ? at + sent.sent_text.trim().length : cursor;
      if (at >= 0) cursor = end;
      // A merged event (one incident told in several sentences) counts in the sentence of each of its triggers.
      const evs = doc.events.filter((e) => {
        const starts = e.trace?.triggers?.map((t) => t.start) ?? [e.trace?.trigger.start ?? e.evidence[0]!.start];
        return at >= 0 && starts.some((t) => t >= start && t < end);
      });
      const state = (e: ConflictEvent): boolean => e.actor1?.inter === 1 || e.actor1?.inter === 8;
      const pred = {
        ARREST: evs.some((e) => e.subEventType === 'Arrests'),
        KILL: evs.some((e) => state(e) && (e.fatalities ?? 0) > 0),
        FORCE: evs.some(
          (e) =>
            (state(e) && ['Battles', 'Violence against civilians', 'Explosions/Remote violence', 'Riots'].includes(e.eventType)) ||
            (e.actor2 != null && (e.actor2.inter === 1 || e.actor2.inter === 8) && (e.eventType === 'Riots' || /intervention|Excessive/.test(e.subEventType))),
        ),
      };
      for (const k of ['ARREST', 'KILL', 'FORCE'] as const) {
        const gold = sent.sent_labels.includes(k);
        if (pred[k]) predicted.push(`${k}\t${d.doc_id}\t${sent.sent_id}\t${gold ? 'tp' : 'fp'}`);
        if (gold && pred[k]) tally[k].tp++;
        else if (pred[k]) tally[k].fp++;
        else if (gold) tally[k].fn++;
      }
    }
  }
  // --dump-ipe PATH: the predicted sentences (question, article, sentence, tp/fp), for comparing runs.
  const at = process.argv.indexOf('--dump-ipe');
  if (at >= 0 && process.argv[at + 1]) (await import('node:fs')).writeFileSync(process.argv[at + 1]!, predicted.sort().join('\n') + '\n');
  const out: Record<string, number> = {};
  for (const [k, t] of Object.entries(tally)) {
    const p = t.tp + t.fp ? t.tp / (t.tp + t.fp) : 0;
    const r = t.tp + t.fn ? t.tp / (t.tp + t.fn) : 0;
    const key = k.toLowerCase();
    out[`ipe.${key}.precision`] = p;
    out[`ipe.${key}.recall`] = r;
    out[`ipe.${key}.f1`] = p + r ? (2 * p * r) / (p + r) : 0;
  }
  return out;
}

const accuracy = (pairs: { gold: string; pred: string }[]): number => pairs.filter((x) => x.gold === x.pred).length / Math.max(1, pairs.length);

export const evaluate: Evaluation = async ({ log, quick }) => {
  const all = loadAcled();
  const rows = quick ? all.filter((_, i) => i % 4 === 0) : all;
  const resources = new FileResources();
  const countries = await loadCountryTable({ resources, shared: new SharedCache() });
  const isoOf = (name: string): string | null => countries.isoOf(name);
  const started = Date.now();

  // Rules alone, and the training examples for the folds.
  const { examples, docs } = await acledExamples(rows, resources, log);
  const rules = tally();
  rows.forEach((r, i) => score(rules, r, docs[i]!, isoOf));

  // Cross-validated: each fold analysed with a model trained on the other folds.
  const cv = tally();
  const foldOf = (i: number): number => i % FOLDS;
  const byFold: { r: AcledRow; doc: DocJSON }[] = [];
  for (let k = 0; k < FOLDS; k++) {
    const model: ClassifierModel = train(
      examples.filter((_, i) => foldOf(i) !== k),
      { margin: CLASSIFIER_MARGIN },
    );
    const analyzer = await Analyzer.create({ resources, log, pipeline: await pipelineWith(resources, { classifier: model }) });
    rows.forEach((r, i) => {
      if (foldOf(i) !== k) return;
      byFold.push({ r, doc: analyzer.analyze({ id: r.id, text: r.notes, published: r.published }) });
    });
  }
  for (const { r, doc } of byFold) score(cv, r, doc, isoOf);
  // --dump PATH: one line per note (id, gold and predicted sub-event type, country and 161 km hits), for comparing
  // runs; written where asked (outside the repository: the notes belong to ACLED).
  const dumpAt = process.argv.indexOf('--dump');
  if (dumpAt >= 0 && process.argv[dumpAt + 1]) {
    const { writeFileSync } = await import('node:fs');
    const lines = byFold.map(({ r, doc }) => {
      const e = primaryEvent(doc);
      const iso = isoOf(r.country);
      const c = e?.place && iso && e.place.countryCode === iso ? 1 : 0;
      const k = e?.place && km(e.place.lat, e.place.lon, r.lat, r.lon) <= 161 ? 1 : 0;
      return [r.id, r.subEventType, e?.subEventType ?? '(none)', c, k, r.fatalities, e?.fatalities ?? 'null', r.inter1 ?? '', e?.actor1?.inter ?? ''].join('\t');
    });
    writeFileSync(process.argv[dumpAt + 1]!, lines.sort().join('\n') + '\n');
  }
  const ipe = await indiaPoliceEvents(await Analyzer.create({ resources, log }), quick ?? false);
  const n = rows.length;
  log(`events: ${n} ACLED dev notes, rules + ${FOLDS}-fold cross-validation, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const typeF1 = macroF1(cv.typePairs);
  const subF1 = macroF1(cv.subPairs);
  const subTable = [...subF1.perLabel.entries()]
    .sort((a, b) => b[1].n - a[1].n)
    .map(([l, s]) => `| ${l} | ${s.n} | ${s.p.toFixed(3)} | ${s.r.toFixed(3)} | ${s.f1.toFixed(3)} |`);
  const scores: EvalScores = {
    name: 'events',
    metrics: {
      'acled.event_rate': cv.withEvent / n,
      'acled.event_type.accuracy': accuracy(cv.typePairs),
      'acled.event_type.macro_f1': typeF1.macro,
      'acled.sub_event_type.accuracy': accuracy(cv.subPairs),
      'acled.sub_event_type.macro_f1': subF1.macro,
      'acled.date.accuracy': cv.dateOk / n,
      'acled.country.accuracy': cv.countryOk / n,
      'acled.place_161km.accuracy': cv.placeOk / n,
      'acled.fatalities.accuracy': cv.fatalOk / n,
      'acled.inter1.accuracy': cv.inter1Ok / n,
      'acled.rules.event_type.accuracy': accuracy(rules.typePairs),
      'acled.rules.sub_event_type.accuracy': accuracy(rules.subPairs),
      'acled.rules.sub_event_type.macro_f1': macroF1(rules.subPairs).macro,
      'acled.rules.fatalities.accuracy': rules.fatalOk / n,
      'acled.rules.inter1.accuracy': rules.inter1Ok / n,
      ...ipe,
    },
    details: [
      `Event types (${FOLDS}-fold cross-validated), gold rows x predicted columns (${n} notes):`,
      '',
      confusionMatrix(cv.typePairs, EVENT_TYPES),
      '',
      '| sub-event type | gold n | precision | recall | F1 |',
      '|---|---:|---:|---:|---:|',
      ...subTable,
    ].join('\n'),
  };
  return scores;
};

// (Not for dist/scripts/train-events.js, which imports this module.)
if (/[\\/]eval[\\/]events\.js$/.test(process.argv[1] ?? '')) await runEvaluationMain(evaluate);
