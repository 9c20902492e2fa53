// Events on news-style stories with externally assigned labels: the PLOVER synthetic stories
// (../shared/eval/events/plover/synthetic_stories.csv, 4,500 stories from ahalterman/NGEC, each with a
// document-level PLOVER `label` and `mode`). Each story's text runs through the real default pipeline
// (data/pipeline.json) with one fixed publication date (eval/data/plover-acled.json: the stories give none).
// eval/data/plover-acled.json maps every PLOVER label and mode to what an ACLED coder should produce: a violent
// event (ASSAULT), a demonstration (PROTEST), an arrest (COERCE ARREST), no violent event (withdrawals, mobilisation,
// agreements) or no event at all (talk, accusations, threats, sanctions). Scores per group:
//   <split>.<group>.detect  share of the stories with an event of the expected family (recall-like);
//   <split>.<group>.type    share with an event of the expected ACLED type (where the group names one);
//   <split>.nonevent.no_conflict  share of the 'none' and 'no-violent' stories WITHOUT a violent or demonstration
//                           event (1 - false-alarm rate; precision-like; higher is better, as every floor);
//   <split>.none.no_event   share of the 'none' stories without any event.
// Split (fixed): the stories come as 332 title templates (the same headline with other country names), so the split
// is by template, not by row: within each label|mode, templates in order of first appearance alternate between
// `dev` (even: read, rules written from them) and `heldout` (odd: only scored, their texts never read).
// The gate runs all 4,500 (about 40 s); --quick scores a fixed third (every 3rd story of each template).
// --show dev-fa|dev-miss [--group G] prints, for development stories only, the false alarms (events in stories
// expecting none) or the misses, with the evidence sentence, to stdout (never into the repository: the texts are
// ahalterman/NGEC's). --dump PATH writes one line per story (index, split, label, events' types) for comparing runs.
import { readFileSync, writeFileSync } from 'node:fs';
import { Analyzer } from '../src/api.js';
import type { ConflictEvent, DocJSON } from '../src/core/types.js';
import { packageRoot } from '../src/data/resources.js';
import { parseCsv } from './lib/csv.js';
import { sharedPath } from './lib/shared.js';
import { runEvaluationMain, type EvalScores, type Evaluation } from './lib/report.js';

type Expect = 'violent' | 'demonstration' | 'arrest' | 'violent-or-demonstration' | 'violent-or-strategic' | 'no-violent' | 'none';

interface Group {
  name: string;
  expect: Expect;
  type?: string;
  sub?: string;
  labels: string[];
  why: string;
}

interface Mapping {
  publication_date: string;
  groups: Group[];
}

export interface PloverStory {
  index: number;
  text: string;
  label: string;
  mode: string;
  title: string;
  split: 'dev' | 'heldout';
  /** Index of the story within its template (the same headline), in file order. */
  inTemplate: number;
  group: Group;
}

const VIOLENT = new Set(['Battles', 'Explosions/Remote violence', 'Violence against civilians']);
const DEMONSTRATION = new Set(['Protests', 'Riots']);

export function loadMapping(): Mapping {
  return JSON.parse(readFileSync(`${packageRoot()}/eval/data/plover-acled.json`, 'utf8')) as Mapping;
}

/** The stories with their split and mapping group (throws on a label|mode the mapping does not cover). */
export function loadPlover(mapping: Mapping = loadMapping()): PloverStory[] {
  const rows = parseCsv(readFileSync(sharedPath('eval', 'events', 'plover', 'synthetic_stories.csv'), 'utf8'));
  const groupOf = new Map<string, Group>();
  for (const g of mapping.groups) {
    for (const l of g.labels) {
      if (groupOf.has(l)) throw new Error(`eval/data/plover-acled.json: ${l} is in two groups`);
      groupOf.set(l, g);
    }
  }
  // Templates per label|mode, in order of first appearance; even ordinal -> dev, odd -> heldout.
  const templates = new Map<string, string[]>();
  const seen = new Map<string, number>();
  const stories: PloverStory[] = [];
  rows.forEach((r, index) => {
    const key = `${r['label']}|${r['mode']}`;
    const group = groupOf.get(key);
    if (!group) throw new Error(`eval/data/plover-acled.json: no group for PLOVER ${key}`);
    const title = r['title']!;
    const list = templates.get(key) ?? [];
    if (!list.includes(title)) list.push(title);
    templates.set(key, list);
    const ordinal = list.indexOf(title);
    const inTemplate = seen.get(title) ?? 0;
    seen.set(title, inTemplate + 1);
    stories.push({ index, text: r['text']!, label: r['label']!, mode: r['mode']!, title, split: ordinal % 2 === 0 ? 'dev' : 'heldout', inTemplate, group });
  });
  return stories;
}

function family(e: ConflictEvent): 'violent' | 'demonstration' | 'arrest' | 'strategic' {
  if (VIOLENT.has(e.eventType)) return 'violent';
  if (DEMONSTRATION.has(e.eventType)) return 'demonstration';
  return e.subEventType === 'Arrests' ? 'arrest' : 'strategic';
}

/** Whether the story has an event of its group's expected family. */
function detected(g: Group, events: ConflictEvent[]): boolean {
  const fams = new Set(events.map(family));
  switch (g.expect) {
    case 'violent':
    case 'demonstration':
    case 'arrest':
      return fams.has(g.expect);
    case 'violent-or-demonstration':
      return fams.has('violent') || fams.has('demonstration');
    case 'violent-or-strategic':
      return fams.has('violent') || fams.has('strategic') || fams.has('arrest');
    default:
      return false;
  }
}

const isFalseAlarm = (e: ConflictEvent): boolean => VIOLENT.has(e.eventType) || DEMONSTRATION.has(e.eventType);

interface Count {
  n: number;
  hit: number;
  typed: number;
  fa: number;
  any: number;
  events: number;
}

const ratio = (a: number, b: number): number => (b ? a / b : 0);

export const evaluate: Evaluation = async ({ log, quick }) => {
  const mapping = loadMapping();
  const all = loadPlover(mapping);
  // --quick (the gate): a fixed third of every template's stories.
  const stories = quick ? all.filter((s) => s.inTemplate % 3 === 0) : all;
  const analyzer = await Analyzer.create({ log });
  const started = Date.now();
  const counts = new Map<string, Count>();
  const bump = (key: string, f: (c: Count) => void): void => {
    const c = counts.get(key) ?? { n: 0, hit: 0, typed: 0, fa: 0, any: 0, events: 0 };
    f(c);
    counts.set(key, c);
  };
  const show = argAfter('--show');
  const showGroup = argAfter('--group');
  if (show && !/^dev-(?:fa|miss)$/.test(show)) throw new Error(`--show ${show}: only dev-fa or dev-miss (held-out texts are never shown)`);
  const shown: string[] = [];
  const dump: string[] = [];
  const groupOfRow = new Map<string, Group>();
  for (const s of stories) {
    const doc = analyzer.analyze({ id: `plover-${s.index}`, text: s.text, published: mapping.publication_date, detectHtml: false });
    const events = doc.events;
    const g = s.group;
    const label = s.mode ? `${s.label}|${s.mode}` : s.label;
    dump.push([s.index, s.split, label, events.map((e) => `${e.eventType}/${e.subEventType}`).join(';')].join('\t'));
    groupOfRow.set(g.expect === 'none' || g.expect === 'no-violent' ? s.label : label, g);
    const scored = g.expect === 'none' || g.expect === 'no-violent' ? ['nonevent', g.name, `label:${s.label}`] : [g.name, `label:${label}`];
    for (const k of scored) {
      bump(`${s.split}.${k}`, (c) => {
        c.n++;
        c.events += events.length;
        if (detected(g, events)) c.hit++;
        if (g.type && events.some((e) => e.eventType === g.type && (!g.sub || e.subEventType === g.sub))) c.typed++;
        if (events.some(isFalseAlarm)) c.fa++;
        if (events.length > 0) c.any++;
      });
    }
    if (show && s.split === 'dev' && (!showGroup || showGroup === g.name || showGroup === s.label || showGroup === label)) {
      if (show === 'dev-fa' && (g.expect === 'none' || g.expect === 'no-violent')) {
        const bad = events.filter((e) => isFalseAlarm(e) || g.expect === 'none');
        for (const e of bad) shown.push(eventLine(s, label, doc, e));
      }
      if (show === 'dev-miss' && g.expect !== 'none' && g.expect !== 'no-violent' && !detected(g, events)) {
        shown.push(`#${s.index} ${label} MISS: ${events.map((e) => e.subEventType).join('; ') || '(no event)'}\n  ${s.text.replace(/\s+/g, ' ').slice(0, 600)}`);
      }
    }
  }
  log(`plover: ${stories.length} stories${quick ? ' (quick subset: every 3rd story of each template)' : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (show) process.stdout.write(shown.join('\n') + '\n');
  const dumpAt = process.argv.indexOf('--dump');
  if (dumpAt >= 0 && process.argv[dumpAt + 1]) writeFileSync(process.argv[dumpAt + 1]!, dump.join('\n') + '\n');

  const metrics: Record<string, number> = {};
  for (const split of ['dev', 'heldout']) {
    for (const g of mapping.groups) {
      const c = counts.get(`${split}.${g.name}`);
      if (!c) continue;
      if (g.expect === 'none' || g.expect === 'no-violent') {
        metrics[`${split}.${g.name}.no_conflict`] = 1 - ratio(c.fa, c.n);
        if (g.expect === 'none') metrics[`${split}.${g.name}.no_event`] = 1 - ratio(c.any, c.n);
      } else {
        metrics[`${split}.${g.name}.detect`] = ratio(c.hit, c.n);
        if (g.type) metrics[`${split}.${g.name}.type`] = ratio(c.typed, c.n);
      }
    }
    const ne = counts.get(`${split}.nonevent`);
    if (ne) metrics[`${split}.nonevent.no_conflict`] = 1 - ratio(ne.fa, ne.n);
  }
  const rows: string[] = [];
  for (const [key, c] of [...counts.entries()].sort()) {
    if (!key.includes('label:')) continue;
    const [split, , lab] = /^(\w+)\.(label:)(.*)$/.exec(key)!.slice(1);
    const g = groupOfRow.get(lab!)!;
    const nonevent = g.expect === 'none' || g.expect === 'no-violent';
    rows.push(
      `| ${split} | ${lab} | ${g.name} | ${c.n} | ${nonevent ? '' : ratio(c.hit, c.n).toFixed(3)} | ${nonevent ? ratio(c.fa, c.n).toFixed(3) : ''} | ${ratio(c.any, c.n).toFixed(3)} | ${(c.events / c.n).toFixed(2)} |`,
    );
  }
  const scores: EvalScores = {
    name: 'plover',
    metrics,
    details: [
      `PLOVER synthetic stories (${stories.length}${quick ? ', quick subset' : ''}), per label (and mode for event labels); detect = expected ACLED family found; conflict FA = a violent or demonstration event in a story that expects neither; any = any event:`,
      '',
      '| split | label | group | n | detect | conflict FA | any event | events/story |',
      '|---|---|---|---:|---:|---:|---:|---:|',
      ...rows,
    ].join('\n'),
  };
  return scores;
};

function argAfter(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function eventLine(s: PloverStory, label: string, doc: DocJSON, e: ConflictEvent): string {
  const t = (e as { trace?: { trigger: { start: number; end: number } } }).trace?.trigger;
  const ev = e.evidence[0]!;
  const sent = doc.text.slice(ev.start, ev.end).replace(/\s+/g, ' ');
  const trig = t ? doc.text.slice(t.start, t.end) : '';
  return `#${s.index} ${label} -> ${e.subEventType} [${trig}] ${sent}`;
}

if (process.argv[1]?.endsWith('plover.js')) await runEvaluationMain(evaluate);
