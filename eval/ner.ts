// npm run eval:ner — entity-level exact-match precision / recall / F1 (as conlleval computes them) of the NER tagger:
//  - CoNLL-2003 dev (valid.txt) on its gold tokens, per label: the dev split, never trained on;
//  - WikiGold (Wikipedia, CoNLL labels) on its gold tokens: out of domain, never trained on;
//  - re3d (Syria/Iraq conflict documents) through the real default pipeline (raw text in, character offsets out),
//    labels mapped (below), with compromise's people/places/organizations scored on the same gold for comparison.
// re3d mapping: Person -> PER, Organisation -> ORG, Location -> LOC, Nationality -> MISC (our NORP); other re3d types
// (Weapon, Temporal, Quantity, ...) are not CoNLL entities and are dropped. As CoNLL annotates names only, gold spans
// without a capital letter ("the coalition", "this street") are dropped, a leading "the" or title ("President",
// "Dr", ...) is cut from a gold span, and where gold spans overlap the longest is kept. The re3d headline score is
// over PER / ORG / LOC, the labels compromise also has; MISC/NORP is reported beside it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import nlp from 'compromise';
import { Analyzer } from '../src/api.js';
import { parseConll, type LabelledDoc } from '../src/components/ner/conll.js';
import { loadNerModel } from '../src/components/ner/resources.js';
import { tagDocument, type NerModel } from '../src/components/ner/tagger.js';
import { FileResources } from '../src/data/resources.js';
import { SpanScorer, type SpanLike } from './lib/ner-score.js';
import { runEvaluationMain, type Evaluation } from './lib/report.js';
import { sharedPath } from './lib/shared.js';

const LABELS = ['PER', 'ORG', 'LOC', 'MISC'];

export function scoreConll(model: NerModel, docs: readonly LabelledDoc[]): SpanScorer {
  const scorer = new SpanScorer(LABELS);
  for (const doc of docs) {
    const pred = tagDocument(
      model,
      doc.sentences.map((s) => s.words),
    );
    doc.sentences.forEach((s, i) => scorer.add(s.spans, pred[i]!));
  }
  return scorer;
}

export interface Re3dDoc {
  id: string;
  source: string;
  text: string;
  gold: SpanLike[];
}

const RE3D_MAP: Record<string, string> = { Person: 'PER', Organisation: 'ORG', Location: 'LOC', Nationality: 'MISC' };
const LEADING = /^(?:(?:the|The|President|Prime Minister|Minister|Foreign Minister|Secretary|General|Gen\.?|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Sheikh|King|Colonel|Col\.?|Lt\.?|Major|Maj\.?|Captain|Capt\.?|Brig\.?|Brigadier|Commander|Ambassador|Senator|Sen\.?)\s+)+/;

function jsonLines<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim().startsWith('{'))
    .map((l) => JSON.parse(l) as T);
}

export function loadRe3d(): Re3dDoc[] {
  const root = sharedPath('eval', 'ner', 're3d');
  const docs: Re3dDoc[] = [];
  for (const source of readdirSync(root).sort()) {
    const texts = jsonLines<{ _id: string; text: string }>(join(root, source, 'documents.json'));
    const ents = jsonLines<{ begin: number; end: number; type: string; value: string; documentId: string }>(join(root, source, 'entities.json'));
    for (const d of texts) {
      let spans: SpanLike[] = [];
      for (const e of ents) {
        if (e.documentId !== d._id) continue;
        const label = RE3D_MAP[e.type];
        if (!label) continue;
        let start = e.begin;
        const end = e.end;
        const value = d.text.slice(start, end);
        const lead = LEADING.exec(value);
        if (lead && lead[0].length < value.length) start += lead[0].length;
        const v = d.text.slice(start, end);
        if (!/\p{Lu}/u.test(v)) continue;
        spans.push({ start, end, label });
      }
      // Longest first; drop spans overlapping a kept one; dedupe.
      spans.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
      const kept: SpanLike[] = [];
      for (const s of spans) if (!kept.some((k) => s.start < k.end && k.start < s.end)) kept.push(s);
      spans = kept.sort((a, b) => a.start - b.start);
      docs.push({ id: d._id, source, text: d.text, gold: spans });
    }
  }
  return docs;
}

type CompromiseTerm = { offset: { start: number; length: number } };
type CompromiseView = { json(opts: { offset: boolean }): { offset: { start: number; length: number } }[] };
interface CompromiseDoc {
  people(): CompromiseView;
  places(): CompromiseView;
  organizations(): CompromiseView;
}

/** compromise's people / places / organizations as PER / LOC / ORG character spans. */
export function compromiseEntities(text: string): SpanLike[] {
  const doc = (nlp as unknown as (t: string) => CompromiseDoc)(text);
  const out: SpanLike[] = [];
  const take = (view: CompromiseView, label: string): void => {
    for (const m of view.json({ offset: true }) as CompromiseTerm[]) {
      let start = m.offset.start;
      let end = start + m.offset.length;
      // compromise's match may include trailing punctuation or a possessive; trim to the name.
      while (end > start && /[\s.,;:!?'’")\]]/.test(text[end - 1]!)) end--;
      if (text.slice(end - 2, end) === "'s" || text.slice(end - 2, end) === '’s') end -= 2;
      while (start < end && /[\s"'(‘“[]/.test(text[start]!)) start++;
      if (end > start) out.push({ start, end, label });
    }
  };
  take(doc.people(), 'PER');
  take(doc.places(), 'LOC');
  take(doc.organizations(), 'ORG');
  return out;
}

function metricsOf(prefix: string, s: SpanScorer, labels: readonly string[], into: Record<string, number>): void {
  const o = s.overall();
  into[`${prefix}.f1`] = o.f1;
  into[`${prefix}.precision`] = o.precision;
  into[`${prefix}.recall`] = o.recall;
  for (const l of labels) into[`${prefix}.${l}.f1`] = s.label(l).f1;
}

export const evaluate: Evaluation = async ({ log }) => {
  const model = await loadNerModel(new FileResources());
  const metrics: Record<string, number> = {};
  const details: string[] = [];
  // CoNLL-2003 dev.
  const dev = parseConll(readFileSync(sharedPath('eval', 'ner', 'conll2003', 'valid.txt'), 'utf8'));
  let t0 = performance.now();
  const conll = scoreConll(model, dev);
  const tokens = dev.reduce((n, d) => n + d.sentences.reduce((m, s) => m + s.words.length, 0), 0);
  log(`ner: CoNLL-2003 dev, ${dev.length} documents, ${tokens} tokens tagged in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  metricsOf('conll-dev', conll, LABELS, metrics);
  details.push(conll.table('### CoNLL-2003 dev (valid.txt), gold tokens'));
  // WikiGold.
  const wiki = parseConll(readFileSync(sharedPath('eval', 'ner', 'wikigold', 'wikigold.conll.txt'), 'utf8'));
  const wg = scoreConll(model, wiki);
  metricsOf('wikigold', wg, LABELS, metrics);
  details.push(wg.table('### WikiGold, gold tokens'));
  // re3d through the real pipeline, and compromise on the same gold.
  const re3d = loadRe3d();
  const analyzer = await Analyzer.create({ clean: false });
  const ours = new SpanScorer(['PER', 'ORG', 'LOC']);
  const oursAll = new SpanScorer(LABELS);
  const comp = new SpanScorer(['PER', 'ORG', 'LOC']);
  t0 = performance.now();
  for (const d of re3d) {
    const doc = analyzer.analyze({ id: d.id, text: d.text });
    const pred = doc.entities.map((e) => ({ start: e.start, end: e.end, label: e.label }));
    ours.add(d.gold, pred);
    oursAll.add(d.gold, pred);
    comp.add(d.gold, compromiseEntities(d.text));
  }
  log(`ner: re3d, ${re3d.length} documents through the pipeline and compromise in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  metricsOf('re3d', ours, ['PER', 'ORG', 'LOC'], metrics);
  metrics['re3d.MISC.f1'] = oursAll.label('MISC').f1;
  metricsOf('re3d-compromise', comp, ['PER', 'ORG', 'LOC'], metrics);
  details.push(ours.table('### re3d, sitrep pipeline (PER / ORG / LOC)'));
  details.push(oursAll.table('### re3d, sitrep pipeline, with MISC = re3d Nationality'));
  details.push(comp.table('### re3d, compromise people / organizations / places'));
  return { name: 'ner', metrics, details: details.join('\n\n') };
};

if (process.argv[1]?.endsWith('ner.js')) await runEvaluationMain(evaluate);
