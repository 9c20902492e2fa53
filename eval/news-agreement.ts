// Inter-annotator agreement on the real-news gold (docs/annotation-guide.md section 13): annotators A and B on the
// articles of data/gold/news/agreement-ids.txt. An event of one annotator matches an event of the other when both
// have the same event type and overlapping evidence (one-to-one, maximum matching, preferring the same sub-type, the
// same place and larger overlaps). Reports event-level precision/recall/F1 of B against A (F1 is symmetric), sub-type, actor1
// (name without regime years; inter), place within 161 km, date and fatalities agreement on matched events, and
// Cohen's kappa on the per-article conflict flag derived from each annotator's events.
//
//   npm run eval:news-agreement [-- --json]
import { haversineKm } from '../src/dedup/events.js';
import { inCI, sharedRoot } from './lib/shared.js';
import { formatScores, type EvalScores } from './lib/report.js';
import { articleText, newsGoldDir, readAgreementIds, readAnnotation, readManifest, reportsConflict, NewsGoldError, type GoldEvent } from './lib/news-gold.js';

export interface AnnotatedPair {
  id: string;
  a: GoldEvent[];
  b: GoldEvent[];
}

/** What matching reads of an event: gold events and the pipeline's events both have it. */
export interface MatchableEvent {
  eventType: string;
  subEventType: string;
  evidence: readonly { start: number; end: number }[];
  place: { name: string; lat: number; lon: number } | null;
}

function overlap(x: MatchableEvent, y: MatchableEvent): number {
  let best = 0;
  for (const s of x.evidence) for (const t of y.evidence) best = Math.max(best, Math.min(s.end, t.end) - Math.max(s.start, t.start));
  return best;
}

/** How well two events' places agree, for tie-breaking: 2 same name, 1 within 161 km, 0 otherwise. */
function placeAffinity(x: MatchableEvent, y: MatchableEvent): number {
  if (!x.place || !y.place) return x.place === y.place ? 2 : 0;
  if (x.place.name.toLowerCase() === y.place.name.toLowerCase()) return 2;
  return haversineKm(x.place.lat, x.place.lon, y.place.lat, y.place.lon) <= 161 ? 1 : 0;
}

/**
 * One-to-one matching of a's and b's events (same type, overlapping evidence): pairs of indices [i in a, j in b].
 * Among candidates (events told in the same sentences, e.g. riots in three towns named in one sentence) the same
 * sub-type is preferred, then the same place, then the larger overlap; then augmenting paths make it maximum.
 */
export function matchEvents(a: readonly MatchableEvent[], b: readonly MatchableEvent[]): [number, number][] {
  const pref = (x: MatchableEvent, y: MatchableEvent): number[] => [Number(x.subEventType === y.subEventType), placeAffinity(x, y), overlap(x, y)];
  const better = (p: number[], q: number[]): number => q[0]! - p[0]! || q[1]! - p[1]! || q[2]! - p[2]!;
  const adj = a.map((ea) =>
    b
      .map((eb, j) => ({ j, ok: ea.eventType === eb.eventType && overlap(ea, eb) > 0, key: pref(ea, eb) }))
      .filter((c) => c.ok)
      .sort((p, q) => better(p.key, q.key))
      .map((c) => c.j),
  );
  const owner = new Array<number>(b.length).fill(-1);
  const mine = new Array<number>(a.length).fill(-1);
  // Greedy on the preferred pairs first, then augmenting paths for a maximum matching.
  const candidates = a.flatMap((_, i) => adj[i]!.map((j) => ({ i, j, key: pref(a[i]!, b[j]!) })));
  candidates.sort((p, q) => better(p.key, q.key) || p.i - q.i);
  for (const c of candidates)
    if (owner[c.j] === -1 && mine[c.i] === -1) {
      owner[c.j] = c.i;
      mine[c.i] = c.j;
    }
  const tryAssign = (i: number, seen: boolean[]): boolean => {
    for (const j of adj[i]!) {
      if (seen[j]) continue;
      seen[j] = true;
      if (owner[j] === -1 || tryAssign(owner[j]!, seen)) {
        owner[j] = i;
        mine[i] = j;
        return true;
      }
    }
    return false;
  };
  for (let i = 0; i < a.length; i++) if (mine[i] === -1) tryAssign(i, new Array<boolean>(b.length).fill(false));
  const out: [number, number][] = [];
  owner.forEach((i, j) => {
    if (i >= 0) out.push([i, j]);
  });
  return out.sort((p, q) => p[0] - q[0]);
}

/** An actor name without ACLED's regime years: "Police Forces of India (1998-2004)" -> "police forces of india". */
export function actorKey(name: string): string {
  return name
    .replace(/\s*\(\d{4}-(\d{4})?\)/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Cohen's kappa for two raters' yes/no labels (1 when they agree on everything, even with one class). */
export function cohensKappa(x: readonly boolean[], y: readonly boolean[]): number {
  const n = x.length;
  if (n === 0) return NaN;
  let agree = 0;
  let xYes = 0;
  let yYes = 0;
  for (let i = 0; i < n; i++) {
    if (x[i] === y[i]) agree++;
    if (x[i]) xYes++;
    if (y[i]) yYes++;
  }
  const po = agree / n;
  const pe = (xYes / n) * (yYes / n) + (1 - xYes / n) * (1 - yYes / n);
  if (pe === 1) return po === 1 ? 1 : 0;
  return (po - pe) / (1 - pe);
}

const ratio = (k: number, n: number): number => (n === 0 ? NaN : k / n);

/** Agreement figures over annotated pairs. `filter` restricts both sides' events (e.g. to news events). */
export function agreement(pairs: readonly AnnotatedPair[], filter: (e: GoldEvent) => boolean = () => true): { metrics: Record<string, number>; rows: string[] } {
  let nA = 0;
  let nB = 0;
  let m = 0;
  let sub = 0;
  let actor = 0;
  let inter = 0;
  let place = 0;
  let date = 0;
  let fat = 0;
  const rows: string[] = [];
  for (const p of pairs) {
    const a = p.a.filter(filter);
    const b = p.b.filter(filter);
    const match = matchEvents(a, b);
    nA += a.length;
    nB += b.length;
    m += match.length;
    for (const [i, j] of match) {
      const x = a[i]!;
      const y = b[j]!;
      if (x.subEventType === y.subEventType) sub++;
      if (actorKey(x.actor1.name) === actorKey(y.actor1.name)) actor++;
      if (x.actor1.inter === y.actor1.inter) inter++;
      if (x.place === null && y.place === null) place++;
      else if (x.place && y.place && haversineKm(x.place.lat, x.place.lon, y.place.lat, y.place.lon) <= 161) place++;
      if ((x.date?.value ?? null) === (y.date?.value ?? null)) date++;
      if (x.fatalities === y.fatalities) fat++;
    }
    rows.push(`| ${p.id} | ${a.length} | ${b.length} | ${match.length} | ${reportsConflict(p.a) ? 'yes' : 'no'} | ${reportsConflict(p.b) ? 'yes' : 'no'} |`);
  }
  return {
    metrics: {
      'events.A': nA,
      'events.B': nB,
      'events.matched': m,
      'event.precision': ratio(m, nB),
      'event.recall': ratio(m, nA),
      'event.f1': ratio(2 * m, nA + nB),
      'matched.subtype': ratio(sub, m),
      'matched.actor1': ratio(actor, m),
      'matched.actor1-inter': ratio(inter, m),
      'matched.place161': ratio(place, m),
      'matched.date': ratio(date, m),
      'matched.fatalities': ratio(fat, m),
      'conflict.kappa': cohensKappa(
        pairs.map((p) => reportsConflict(p.a)),
        pairs.map((p) => reportsConflict(p.b)),
      ),
      'conflict.agreement': ratio(pairs.filter((p) => reportsConflict(p.a) === reportsConflict(p.b)).length, pairs.length),
    },
    rows,
  };
}

/** Reads A's and B's annotations of every agreement article (each checked against the article text). */
export function loadAgreementPairs(shared: string, dir = newsGoldDir()): AnnotatedPair[] {
  const ids = readAgreementIds(dir);
  if (!ids.length) throw new NewsGoldError(`news agreement: no agreement articles listed in ${dir}/agreement-ids.txt`);
  const manifest = new Map(readManifest(dir).map((e) => [e.id, e]));
  const missing: string[] = [];
  const pairs: AnnotatedPair[] = [];
  for (const id of ids) {
    const entry = manifest.get(id);
    if (!entry) throw new NewsGoldError(`news agreement: ${id} is not in the manifest`);
    const text = articleText(shared, entry);
    const a = readAnnotation(dir, id, 'A', text);
    const b = readAnnotation(dir, id, 'B', text);
    if (!a || !b) {
      missing.push(`${id} (${!a ? 'A' : ''}${!a && !b ? ', ' : ''}${!b ? 'B' : ''})`);
      continue;
    }
    pairs.push({ id, a: a.events, b: b.events });
  }
  if (missing.length) throw new NewsGoldError(`news agreement: ${missing.length} of ${ids.length} agreement articles lack an annotation: ${missing.join('; ')}`);
  return pairs;
}

export function evaluateAgreement(shared = sharedRoot(), dir = newsGoldDir()): EvalScores {
  const pairs = loadAgreementPairs(shared, dir);
  const all = agreement(pairs);
  const news = agreement(pairs, (e) => !e.background);
  const metrics: Record<string, number> = { articles: pairs.length };
  for (const [k, v] of Object.entries(all.metrics)) metrics[`all.${k}`] = v;
  for (const [k, v] of Object.entries(news.metrics)) if (!k.startsWith('conflict.')) metrics[`news.${k}`] = v;
  const details = [
    '`all`: every annotated event; `news`: events not flagged background. Matching: same event type and overlapping evidence, one-to-one.',
    '',
    '| article | events A | events B | matched | conflict A | conflict B |',
    '|---|---|---|---|---|---|',
    ...all.rows,
  ].join('\n');
  return { name: 'news-agreement', metrics, details };
}

function main(): void {
  try {
    const scores = evaluateAgreement();
    if (process.argv.includes('--json')) process.stdout.write(JSON.stringify(scores, null, 2) + '\n');
    else process.stdout.write(`## ${scores.name}\n\n${formatScores(scores)}\n\n${scores.details}\n`);
  } catch (e) {
    if (!(e instanceof NewsGoldError)) throw e;
    process.stderr.write(e.message + '\n');
    process.exitCode = inCI() ? 1 : 2;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
