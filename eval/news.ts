// npm run eval:news — the events stage on the real-news gold set (data/gold/news/, docs/annotation-guide.md): 122
// whole articles from GeoWebNews, TR-News, TimeBank/AQUAINT, IndiaPoliceEvents and gun-violence news, half reporting
// conflict, annotated by reading. Each article runs through the real default pipeline (cleaning included; event
// evidence is mapped back to the article's own offsets). Scored per split: "dev" is the half developed against,
// "test" is only ever scored (never read while developing).
// - events.p / .r / .f1: an event is right when a gold event has its event type and overlapping evidence (one-to-one,
//   eval/news-agreement.ts matchEvents). The gold is every non-background political event; a system event matching a
//   background or criminal gold event counts neither way. events-all.*: every gold event counts.
// - On matched events: sub-type, actor1 (name without regime years) and its inter code, place within 161 km, date
//   (exact value), fatalities (exact; "not stated" and 0 are the same).
// - nonconflict.false-events-per-article: system events matching no gold event, per article without conflict.
import { Analyzer } from '../src/api.js';
import type { DetectorModel } from '../src/components/events/detector.js';
import { EVENTS_DETECTOR_RESOURCE } from '../src/components/events/index.js';
import { FileResources } from '../src/data/resources.js';
import type { ConflictEvent } from '../src/core/types.js';
import { haversineKm } from '../src/dedup/events.js';
import { loadNewsGold, type GoldEvent, type NewsGoldArticle, type Split } from './lib/news-gold.js';
import { runEvaluationMain, type EvalScores, type Evaluation } from './lib/report.js';
import { sharedRoot } from './lib/shared.js';
import { pipelineWith } from './events.js';
import { actorKey, matchEvents } from './news-agreement.js';

export interface ArticleEvents {
  article: NewsGoldArticle;
  events: ConflictEvent[];
}

/** Runs the pipeline on the gold articles; event evidence in the article's own offsets. */
export async function analyseGold(articles: readonly NewsGoldArticle[], analyzer?: Analyzer): Promise<ArticleEvents[]> {
  const an = analyzer ?? (await Analyzer.create());
  return articles.map((article) => {
    const doc = an.analyzeDoc({ id: article.id, text: article.text, published: article.published, detectHtml: false });
    const map = doc.inputMap;
    const events = doc.events.map((e) => ({
      ...e,
      evidence: e.evidence.map((s) => ({ start: map.toSource(s.start), end: map.toSource(s.end, true) })),
    }));
    return { article, events };
  });
}

const isNews = (g: GoldEvent): boolean => !g.background && g.scope === 'political';

export class Score {
  tp = 0;
  fp = 0;
  fn = 0;
  allTp = 0;
  allFp = 0;
  allFn = 0;
  sub = 0;
  actor = 0;
  inter = 0;
  placeN = 0;
  place = 0;
  dateN = 0;
  date = 0;
  fat = 0;
  nonConflict = 0;
  nonConflictFalse = 0;
  nonConflictAll = 0;
  byType = new Map<string, { tp: number; fp: number; fn: number }>();

  private type(t: string): { tp: number; fp: number; fn: number } {
    let x = this.byType.get(t);
    if (!x) this.byType.set(t, (x = { tp: 0, fp: 0, fn: 0 }));
    return x;
  }

  add(a: ArticleEvents): void {
    const gold = a.article.events;
    const sys = a.events;
    // Headline: the news events; system events matching other gold events are left out.
    const pairs = matchEvents(gold, sys);
    const goldOf = new Map(pairs.map(([g, s]) => [s, g]));
    const matchedGold = new Set(pairs.map(([g]) => g));
    sys.forEach((e, s) => {
      const g = goldOf.get(s);
      if (g === undefined) {
        this.fp++;
        this.allFp++;
        this.type(e.eventType).fp++;
        return;
      }
      const ge = gold[g]!;
      this.allTp++;
      if (!isNews(ge)) return;
      this.tp++;
      this.type(e.eventType).tp++;
      if (e.subEventType === ge.subEventType) this.sub++;
      if (e.actor1 && actorKey(e.actor1.name) === actorKey(ge.actor1.name)) this.actor++;
      if (e.actor1 && e.actor1.inter === ge.actor1.inter) this.inter++;
      if (ge.place) {
        this.placeN++;
        if (e.place && haversineKm(e.place.lat, e.place.lon, ge.place.lat, ge.place.lon) <= 161) this.place++;
      }
      if (ge.date) {
        this.dateN++;
        if (e.date?.value === ge.date.value) this.date++;
      }
      if ((e.fatalities ?? 0) === (ge.fatalities ?? 0)) this.fat++;
    });
    gold.forEach((g, i) => {
      if (matchedGold.has(i)) return;
      this.allFn++;
      if (!isNews(g)) return;
      this.fn++;
      this.type(g.eventType).fn++;
    });
    if (!a.article.conflict) {
      this.nonConflict++;
      this.nonConflictAll += sys.length;
      this.nonConflictFalse += sys.filter((_, s) => !goldOf.has(s)).length;
    }
  }

  metrics(prefix: string): Record<string, number> {
    const r = (x: number, n: number): number => (n === 0 ? 0 : x / n);
    const f1 = (tp: number, fp: number, fn: number): number => (tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn));
    return {
      [`${prefix}.events.p`]: r(this.tp, this.tp + this.fp),
      [`${prefix}.events.r`]: r(this.tp, this.tp + this.fn),
      [`${prefix}.events.f1`]: f1(this.tp, this.fp, this.fn),
      [`${prefix}.events-all.p`]: r(this.allTp, this.allTp + this.allFp),
      [`${prefix}.events-all.r`]: r(this.allTp, this.allTp + this.allFn),
      [`${prefix}.events-all.f1`]: f1(this.allTp, this.allFp, this.allFn),
      [`${prefix}.matched.sub_event_type`]: r(this.sub, this.tp),
      [`${prefix}.matched.actor1`]: r(this.actor, this.tp),
      [`${prefix}.matched.actor1_inter`]: r(this.inter, this.tp),
      [`${prefix}.matched.place_161km`]: r(this.place, this.placeN),
      [`${prefix}.matched.date`]: r(this.date, this.dateN),
      [`${prefix}.matched.fatalities`]: r(this.fat, this.tp),
      [`${prefix}.nonconflict.false-events-per-article`]: r(this.nonConflictFalse, this.nonConflict),
      [`${prefix}.nonconflict.events-per-article`]: r(this.nonConflictAll, this.nonConflict),
    };
  }

  table(): string {
    const rows = [...this.byType].sort((a, b) => (a[0] < b[0] ? -1 : 1));
    return ['| event type | right | false | missed |', '|---|---:|---:|---:|', ...rows.map(([t, x]) => `| ${t} | ${x.tp} | ${x.fp} | ${x.fn} |`)].join('\n');
  }
}

/** --detector: the shipped learned detector (with another threshold: --threshold T); else the default pipeline. */
async function analyzerFor(): Promise<Analyzer> {
  const i = process.argv.indexOf('--threshold');
  if (i < 0 && !process.argv.includes('--detector')) return Analyzer.create();
  const resources = new FileResources();
  const model = JSON.parse(await resources.text(EVENTS_DETECTOR_RESOURCE)) as DetectorModel;
  if (i >= 0) model.threshold = Number(process.argv[i + 1]);
  return Analyzer.create({ resources, pipeline: await pipelineWith(resources, { detector: model }) });
}

export const evaluate: Evaluation = async ({ log }) => {
  const shared = sharedRoot();
  const analyzer = await analyzerFor();
  const metrics: Record<string, number> = {};
  const details: string[] = [];
  const splits: Split[] = process.argv.includes('--dev-only') ? ['dev'] : ['dev', 'test'];
  for (const split of splits) {
    const articles = loadNewsGold({ shared, split });
    const results = await analyseGold(articles, analyzer);
    const s = new Score();
    for (const a of results) s.add(a);
    log(`news: ${split}, ${articles.length} articles, ${s.tp + s.fn} news events in the gold, ${s.tp + s.fp} system events not matching other gold`);
    Object.assign(metrics, s.metrics(split));
    details.push(`### ${split}: by event type (news events)\n\n${s.table()}`);
  }
  return { name: 'news', metrics, details: details.join('\n\n') } satisfies EvalScores;
};

if (process.argv[1]?.endsWith('news.js')) await runEvaluationMain(evaluate);
