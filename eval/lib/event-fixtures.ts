// Golden event fixtures (test/fixtures/events/<case>/): regression cases written by the project from short wire-style
// reports, each with the events an ACLED coder would code from it. NOT an accuracy measurement (we wrote both the
// texts and the answers): accuracy is measured on ACLED dev and on hand-judged real news (docs/events.md).
//
// A case folder holds
//   input.json     {"demo": "<id in data/demo/reports.jsonl>"} or {"text": "...", "published": "YYYY-MM-DD"}
//   expected.json  {"_why": "...", "events": [ExpectedEvent, ...]}   (an empty list: the text codes no event)
// A field of an expected event may list alternatives as {"anyOf": [...]}, when the codebook allows more than one
// coding (an attributed but unclaimed attack) or the embedded gazetteer lacks the town and its region is the coding
// ACLED's own rule gives (the smallest known area holding it). "actorsUnordered": true accepts the two actors either
// way round (a clash neither side started). "optional": true marks an event a careful coder may or may not code
// separately: it is not required, and a predicted event matching it is not an extra.
// "known_failure": "reason" in expected.json marks a case the pipeline still gets wrong (the test asserts that the
// failing cases are exactly the known ones, so both a fix and a regression show up).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConflictEvent, DocJSON } from '../../src/core/types.js';

export interface ExpectedActor {
  name: string;
  inter: number;
}
export interface ExpectedPlace {
  name: string;
  precision: 1 | 2 | 3;
  country: string;
}
type Alt<T> = T | { anyOf: T[] };

export interface ExpectedEvent {
  eventType: string;
  subEventType: string;
  actor1: Alt<ExpectedActor | null>;
  actor2: Alt<ExpectedActor | null>;
  actorsUnordered?: boolean;
  place: Alt<ExpectedPlace | null>;
  date: { value: string; precision: 1 | 2 | 3 } | null;
  /** null: not reported (compared as 0, as ACLED writes it). */
  fatalities: number | null;
  optional?: boolean;
}

export interface FixtureInput {
  id: string;
  text: string;
  published: string | null;
  title?: string | null;
}

export interface FixtureCase {
  name: string;
  input: FixtureInput;
  why: string;
  /** Why the pipeline still gets this case wrong, or null when it is expected to pass. */
  knownFailure: string | null;
  events: ExpectedEvent[];
}

export const FIELDS = ['type', 'subType', 'actor1', 'inter1', 'actor2', 'inter2', 'place', 'geoPrecision', 'date', 'fatalities'] as const;
export type Field = (typeof FIELDS)[number];

/** Reads every case folder under `dir`; demo pointers are looked up in `demoFile`. */
export function loadFixtures(dir: string, demoFile: string): FixtureCase[] {
  const demo = new Map<string, FixtureInput>();
  if (existsSync(demoFile)) {
    for (const line of readFileSync(demoFile, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const r = JSON.parse(line) as { id: string; text: string; published: string; title?: string };
      demo.set(r.id, { id: r.id, text: r.text, published: r.published, title: r.title ?? null });
    }
  }
  const out: FixtureCase[] = [];
  for (const name of readdirSync(dir).sort()) {
    const folder = join(dir, name);
    if (!existsSync(join(folder, 'expected.json'))) continue;
    const raw = JSON.parse(readFileSync(join(folder, 'input.json'), 'utf8')) as { demo?: string; text?: string; published?: string | null };
    let input: FixtureInput;
    if (raw.demo) {
      const d = demo.get(raw.demo);
      if (!d) throw new Error(`${folder}/input.json: no report "${raw.demo}" in ${demoFile}`);
      input = d;
    } else if (typeof raw.text === 'string') input = { id: name, text: raw.text, published: raw.published ?? null };
    else throw new Error(`${folder}/input.json: neither "demo" nor "text"`);
    const exp = JSON.parse(readFileSync(join(folder, 'expected.json'), 'utf8')) as { _why?: string; known_failure?: string; events: ExpectedEvent[] };
    if (!Array.isArray(exp.events)) throw new Error(`${folder}/expected.json: no "events" list`);
    out.push({ name, input, why: exp._why ?? '', knownFailure: exp.known_failure ?? null, events: exp.events });
  }
  return out;
}

const alts = <T>(x: Alt<T>): T[] => (x !== null && typeof x === 'object' && 'anyOf' in (x as object) ? (x as { anyOf: T[] }).anyOf : [x as T]);

/** Place names compared without accents, case, punctuation or an administrative word ("Tillabéri Region" = "Tillaberi"). */
export function placeKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/\b(?:region|province|state|governorate|district|territory|oblast|krai|department|prefecture|county|city)\b/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function actorOk(exp: Alt<ExpectedActor | null>, got: ConflictEvent['actor1'], what: 'name' | 'inter'): boolean {
  return alts(exp).some((a) => (a === null ? got === null : got !== null && (what === 'name' ? a.name === got.name : a.inter === got.inter)));
}

/** Which fields of a predicted event agree with an expected one. */
export function agreement(exp: ExpectedEvent, got: ConflictEvent): Record<Field, boolean> {
  const straight = {
    actor1: actorOk(exp.actor1, got.actor1, 'name'),
    inter1: actorOk(exp.actor1, got.actor1, 'inter'),
    actor2: actorOk(exp.actor2, got.actor2, 'name'),
    inter2: actorOk(exp.actor2, got.actor2, 'inter'),
  };
  let actors = straight;
  if (exp.actorsUnordered) {
    const swapped = {
      actor1: actorOk(exp.actor2, got.actor1, 'name'),
      inter1: actorOk(exp.actor2, got.actor1, 'inter'),
      actor2: actorOk(exp.actor1, got.actor2, 'name'),
      inter2: actorOk(exp.actor1, got.actor2, 'inter'),
    };
    const n = (x: typeof straight): number => Object.values(x).filter(Boolean).length;
    if (n(swapped) > n(straight)) actors = swapped;
  }
  const places = alts(exp.place);
  const placeOk = places.some((p) => (p === null ? got.place === null : got.place !== null && placeKey(p.name) === placeKey(got.place.name) && p.country === got.place.countryCode));
  const precisionOk = places.some((p) => (p === null ? got.place === null : got.place !== null && p.precision === got.place.precision && placeKey(p.name) === placeKey(got.place.name)));
  return {
    type: exp.eventType === got.eventType,
    subType: exp.subEventType === got.subEventType,
    ...actors,
    place: placeOk,
    geoPrecision: precisionOk,
    date: exp.date === null ? got.date === null : got.date !== null && got.date.value === exp.date.value && got.date.precision === exp.date.precision,
    fatalities: (exp.fatalities ?? 0) === (got.fatalities ?? 0),
  };
}

export interface CaseResult {
  name: string;
  /** Per expected event: the predicted event paired with it (or null) and its field agreement. */
  pairs: { expected: ExpectedEvent; got: ConflictEvent | null; fields: Record<Field, boolean> }[];
  /** Predicted events paired with no expected event. */
  extra: ConflictEvent[];
}

const NONE = Object.fromEntries(FIELDS.map((f) => [f, false])) as Record<Field, boolean>;
/** A predicted event is the same incident as an expected one when at least this many fields agree. */
const PAIR_MIN = 5;

/** Pairs expected and predicted events, the best-agreeing pairs first. */
export function compareCase(c: FixtureCase, doc: Pick<DocJSON, 'events'>): CaseResult {
  const cand: { i: number; j: number; score: number; fields: Record<Field, boolean> }[] = [];
  c.events.forEach((e, i) =>
    doc.events.forEach((g, j) => {
      const fields = agreement(e, g);
      // The type counts twice: an event of the wrong family is rarely the same incident.
      const score = Object.values(fields).filter(Boolean).length + (fields.type ? 1 : 0);
      if (score >= PAIR_MIN) cand.push({ i, j, score, fields });
    }),
  );
  cand.sort((a, b) => b.score - a.score || a.i - b.i || a.j - b.j);
  const usedE = new Set<number>();
  const usedG = new Set<number>();
  const pairs: CaseResult['pairs'] = c.events.map((expected) => ({ expected, got: null, fields: NONE }));
  for (const x of cand) {
    if (usedE.has(x.i) || usedG.has(x.j)) continue;
    usedE.add(x.i);
    usedG.add(x.j);
    pairs[x.i] = { expected: c.events[x.i]!, got: doc.events[x.j]!, fields: x.fields };
  }
  return { name: c.name, pairs, extra: doc.events.filter((_, j) => !usedG.has(j)) };
}

/** A case passes when every required expected event is found with every field agreeing, and nothing extra. */
export function casePasses(r: CaseResult): boolean {
  return r.extra.length === 0 && r.pairs.every((p) => p.expected.optional || (p.got !== null && FIELDS.every((f) => p.fields[f])));
}

export interface Summary {
  cases: number;
  expectedEvents: number;
  predictedEvents: number;
  found: number;
  extra: number;
  /** Cases whose every expected event is found with every field agreeing, and no extra event. */
  exactCases: number;
  /** Per field: agreeing expected events / expected events (a missed event disagrees on every field). */
  fields: Record<Field, number>;
}

export function summarise(results: CaseResult[]): Summary {
  const req = (r: CaseResult): CaseResult['pairs'] => r.pairs.filter((p) => !p.expected.optional);
  const n = results.reduce((s, r) => s + req(r).length, 0);
  const fields = Object.fromEntries(FIELDS.map((f) => [f, results.reduce((s, r) => s + req(r).filter((p) => p.fields[f]).length, 0) / Math.max(1, n)])) as Record<Field, number>;
  return {
    cases: results.length,
    expectedEvents: n,
    predictedEvents: results.reduce((s, r) => s + r.pairs.filter((p) => p.got).length + r.extra.length, 0),
    found: results.reduce((s, r) => s + req(r).filter((p) => p.got).length, 0),
    extra: results.reduce((s, r) => s + r.extra.length, 0),
    exactCases: results.filter(casePasses).length,
    fields,
  };
}

const showActor = (a: ConflictEvent['actor1']): string => (a ? `${a.name} [${a.inter}]` : '-');
const showExp = (a: Alt<ExpectedActor | null>): string =>
  alts(a)
    .map((x) => (x ? `${x.name} [${x.inter}]` : '-'))
    .join(' | ');

/** One line per disagreement, for reading a run. */
export function describeDisagreements(r: CaseResult): string[] {
  const out: string[] = [];
  for (const p of r.pairs) {
    const e = p.expected;
    if (!p.got) {
      if (e.optional) continue;
      out.push(`${r.name}: MISSED ${e.eventType}/${e.subEventType} ${showExp(e.actor1)} vs ${showExp(e.actor2)}`);
      continue;
    }
    const g = p.got;
    const bad = FIELDS.filter((f) => !p.fields[f]);
    if (bad.length === 0) continue;
    const what: Record<Field, string> = {
      type: `${g.eventType} (want ${e.eventType})`,
      subType: `${g.subEventType} (want ${e.subEventType})`,
      actor1: `${showActor(g.actor1)} (want ${showExp(e.actor1)})`,
      inter1: '',
      actor2: `${showActor(g.actor2)} (want ${showExp(e.actor2)})`,
      inter2: '',
      place: `${g.place ? `${g.place.name} ${g.place.countryCode} p${g.place.precision}` : '-'} (want ${alts(e.place)
        .map((x) => (x ? `${x.name} ${x.country} p${x.precision}` : '-'))
        .join(' | ')})`,
      geoPrecision: '',
      date: `${g.date ? `${g.date.value} p${g.date.precision}` : '-'} (want ${e.date ? `${e.date.value} p${e.date.precision}` : '-'})`,
      fatalities: `${g.fatalities} (want ${e.fatalities})`,
    };
    const shown = bad.filter((f) => what[f] !== '' || !bad.includes(f === 'inter1' ? 'actor1' : f === 'inter2' ? 'actor2' : 'place'));
    out.push(`${r.name}: ${shown.map((f) => `${f} ${what[f] || 'differs'}`).join('; ')}`);
  }
  for (const g of r.extra) out.push(`${r.name}: EXTRA ${g.eventType}/${g.subEventType} ${showActor(g.actor1)} vs ${showActor(g.actor2)}${g.place ? ` at ${g.place.name}` : ''}`);
  return out;
}

export function formatSummary(s: Summary): string {
  const rows = FIELDS.map((f) => `| ${f} | ${s.fields[f].toFixed(3)} |`);
  return [
    `cases ${s.cases}, expected events ${s.expectedEvents}, found ${s.found}, predicted ${s.predictedEvents}, extra ${s.extra}, cases exactly right ${s.exactCases}`,
    '',
    '| field | agreement |',
    '|---|---:|',
    ...rows,
  ].join('\n');
}
