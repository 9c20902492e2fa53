// npm run eval:gun-violence — the events stage on real US local news about shootings (../shared/eval/events/
// gun-violence: each article is a source of one Gun Violence Archive incident with its date, place and toll).
// Per half (dev: even incident numbers, looked at while developing; held: odd, only measured):
//  - violent.share: articles with at least one violent event (Battles, Violence against civilians,
//    Explosions/Remote violence, Riots);
//  - for the top event (the violent event with the highest confidence, the earliest on a tie): date exact and
//    within a day of the incident, place within 161 km of it and in its state, killed exact (GVA counts everyone
//    killed; no deaths = a null or 0 toll), and killed exact among incidents where someone died;
//  - incident-events per article: violent events that could be the incident (date within two days or none,
//    place within 161 km or none), averaged over articles with a violent event (1 is right: one incident, one
//    event); violent events per article beside it;
//  - cross-article merging of the articles' top events by the store's merge rule (src/dedup/events.ts), against the
//    gold grouping by incident: pairwise and B-cubed F1.
import { Analyzer } from '../src/api.js';
import type { ConflictEvent } from '../src/core/types.js';
import { dayRange, haversineKm, sameEvent } from '../src/dedup/events.js';
import { gvHalf, loadGunViolence, type GvArticle, type GvHalf, type GvIncident } from './lib/gun-violence.js';
import { runEvaluationMain, type EvalScores, type Evaluation } from './lib/report.js';

export const VIOLENT_TYPES = new Set(['Battles', 'Violence against civilians', 'Explosions/Remote violence', 'Riots']);

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86400000);
}

/** Days from the incident to the nearest day of the event's date range (0 inside it), or null without a date. */
export function dateGap(e: ConflictEvent, day: string): number | null {
  const r = dayRange(e.date);
  if (!r) return null;
  if (day < r.lo) return daysBetween(r.lo, day);
  if (day > r.hi) return daysBetween(day, r.hi);
  return 0;
}

function km(e: ConflictEvent, inc: GvIncident): number | null {
  if (!e.place || inc.lat == null || inc.lon == null) return null;
  return haversineKm(e.place.lat, e.place.lon, inc.lat, inc.lon);
}

export function topEvent(events: readonly ConflictEvent[]): ConflictEvent | null {
  let best: ConflictEvent | null = null;
  for (const e of events) if (VIOLENT_TYPES.has(e.eventType) && (!best || e.confidence > best.confidence)) best = e;
  return best;
}

class HalfScore {
  articles = 0;
  withViolent = 0;
  violentEvents = 0;
  incidentEvents = 0;
  top = 0;
  dateExact = 0;
  dateDay = 0;
  placeN = 0;
  place161 = 0;
  state = 0;
  killed = 0;
  /** Among incidents where someone died: top events with the exact toll. */
  deadly = 0;
  deadlyKilled = 0;
  tops: { incident: string; event: ConflictEvent | null }[] = [];

  add(inc: GvIncident, events: readonly ConflictEvent[]): void {
    this.articles++;
    const violent = events.filter((e) => VIOLENT_TYPES.has(e.eventType));
    const top = topEvent(events);
    this.tops.push({ incident: inc.incident, event: top });
    if (!top) return;
    this.withViolent++;
    this.violentEvents += violent.length;
    this.incidentEvents += violent.filter((e) => {
      const g = dateGap(e, inc.date);
      const d = km(e, inc);
      return (g === null || g <= 2) && (d === null || d <= 161);
    }).length;
    this.top++;
    if (top.date?.value === inc.date) this.dateExact++;
    const g = dateGap(top, inc.date);
    if (g !== null && g <= 1) this.dateDay++;
    if (inc.lat != null) {
      this.placeN++;
      const d = km(top, inc);
      if (d !== null && d <= 161) this.place161++;
    }
    if (top.place?.countryCode === 'US' && top.place.admin1 === inc.state_code) this.state++;
    if ((top.fatalities ?? 0) === inc.killed) this.killed++;
    if (inc.killed > 0) {
      this.deadly++;
      if (top.fatalities === inc.killed) this.deadlyKilled++;
    }
  }

  metrics(prefix: string): Record<string, number> {
    const r = (a: number, b: number): number => (b === 0 ? 0 : a / b);
    const merge = mergeScores(this.tops);
    return {
      [`${prefix}.articles`]: this.articles,
      [`${prefix}.violent.share`]: r(this.withViolent, this.articles),
      [`${prefix}.top.date.exact`]: r(this.dateExact, this.top),
      [`${prefix}.top.date.within1`]: r(this.dateDay, this.top),
      [`${prefix}.top.place.161km`]: r(this.place161, this.placeN),
      [`${prefix}.top.place.state`]: r(this.state, this.top),
      [`${prefix}.top.killed.exact`]: r(this.killed, this.top),
      [`${prefix}.top.killed.exact-deadly`]: r(this.deadlyKilled, this.deadly),
      [`${prefix}.incident-events.per-article`]: r(this.incidentEvents, this.withViolent),
      [`${prefix}.violent-events.per-article`]: r(this.violentEvents, this.withViolent),
      [`${prefix}.merge.pairwise.f1`]: merge.pairF1,
      [`${prefix}.merge.bcubed.f1`]: merge.bcubedF1,
    };
  }
}

/** Clusters the top events by the merge rule (union-find over all pairs) and scores against the incidents. */
export function mergeScores(tops: readonly { incident: string; event: ConflictEvent | null }[]): { pairF1: number; bcubedF1: number } {
  const n = tops.length;
  const parent = tops.map((_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  // Compare only events of one type and state (as the store compares one type and country with overlapping dates).
  const buckets = new Map<string, number[]>();
  tops.forEach((t, i) => {
    if (!t.event) return;
    const k = `${t.event.eventType}|${t.event.place?.admin1 ?? ''}`;
    const b = buckets.get(k);
    if (b) b.push(i);
    else buckets.set(k, [i]);
  });
  for (const b of buckets.values()) {
    for (let x = 0; x < b.length; x++) {
      for (let y = x + 1; y < b.length; y++) {
        if (sameEvent(tops[b[x]!]!.event!, tops[b[y]!]!.event!)) parent[find(b[x]!)] = find(b[y]!);
      }
    }
  }
  const sys = tops.map((_, i) => find(i));
  const gold = tops.map((t) => t.incident);
  let tp = 0;
  let sysPairs = 0;
  let goldPairs = 0;
  const sysSize = new Map<number, number>();
  const goldSize = new Map<string, number>();
  const both = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    sysSize.set(sys[i]!, (sysSize.get(sys[i]!) ?? 0) + 1);
    goldSize.set(gold[i]!, (goldSize.get(gold[i]!) ?? 0) + 1);
    const k = `${sys[i]}|${gold[i]}`;
    both.set(k, (both.get(k) ?? 0) + 1);
  }
  for (const c of sysSize.values()) sysPairs += (c * (c - 1)) / 2;
  for (const c of goldSize.values()) goldPairs += (c * (c - 1)) / 2;
  for (const c of both.values()) tp += (c * (c - 1)) / 2;
  const f1 = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
  const pairF1 = f1(sysPairs === 0 ? 1 : tp / sysPairs, goldPairs === 0 ? 1 : tp / goldPairs);
  let bp = 0;
  let br = 0;
  for (let i = 0; i < n; i++) {
    const inter = both.get(`${sys[i]}|${gold[i]}`)!;
    bp += inter / sysSize.get(sys[i]!)!;
    br += inter / goldSize.get(gold[i]!)!;
  }
  return { pairF1, bcubedF1: n === 0 ? 0 : f1(bp / n, br / n) };
}

export const evaluate: Evaluation = async ({ log, quick }) => {
  const { articles, incidents } = loadGunViolence();
  const analyzer = await Analyzer.create();
  const halves: Record<GvHalf, HalfScore> = { dev: new HalfScore(), held: new HalfScore() };
  let used: GvArticle[] = articles.filter((a) => incidents.has(a.incident));
  if (quick) used = used.filter((a) => Number(a.incident) % 8 < 2);
  const started = Date.now();
  used.forEach((a, k) => {
    const inc = incidents.get(a.incident)!;
    let events: ConflictEvent[] = [];
    try {
      events = analyzer.analyze({ id: a.id, text: a.text, title: a.title, published: a.published, url: a.url, detectHtml: false }).events;
    } catch (e) {
      log(`gun-violence: ${a.id}: ${(e as Error).message}`);
    }
    halves[gvHalf(a.incident)].add(inc, events);
    if ((k + 1) % 500 === 0) log(`gun-violence: ${k + 1}/${used.length} articles (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  });
  const metrics = { ...halves.dev.metrics('dev'), ...halves.held.metrics('held') };
  return { name: 'gun-violence', metrics } satisfies EvalScores;
};

if (process.argv[1]?.endsWith('gun-violence.js')) await runEvaluationMain(evaluate);
