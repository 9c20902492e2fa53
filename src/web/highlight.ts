// Highlighting an article: its text cut into segments at every span boundary, each segment carrying the marks
// (evidence, actor, place, date, trigger, figure) that cover it. Overlapping spans (a place inside an evidence
// sentence) simply give a segment several marks. Pure: the event view turns segments into text nodes.
import type { ArticleDetail, Mention } from '../server/contract.js';

export type MarkKind = 'evidence' | 'trigger' | 'actor' | 'place' | 'date' | 'figure';
export const MARK_KINDS: readonly MarkKind[] = ['evidence', 'trigger', 'actor', 'place', 'date', 'figure'];

export interface Mark {
  start: number;
  end: number;
  kind: MarkKind;
  /** What the span was read as (shown on hover). */
  title: string;
}

export interface Segment {
  start: number;
  end: number;
  marks: Mark[];
}

/** Cuts [0, length) at every mark boundary; marks outside the text or empty are dropped. */
export function segment(length: number, marks: readonly Mark[]): Segment[] {
  const valid = marks.filter((m) => Number.isInteger(m.start) && Number.isInteger(m.end) && m.start < m.end && m.start >= 0 && m.end <= length);
  const cuts = new Set<number>([0, length]);
  for (const m of valid) {
    cuts.add(m.start);
    cuts.add(m.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    if (start === end) continue;
    out.push({ start, end, marks: valid.filter((m) => m.start <= start && m.end >= end) });
  }
  return out;
}

const PLACE_PRECISION = ['', 'the named place', 'near the place / part of a region', 'a region coded to its capital'];

/**
 * The marks of an article for one event: the evidence sentences and triggers of the event's mentions in this
 * article, and every actor, place, date and figure the pipeline found in the article.
 */
export function articleMarks(article: ArticleDetail, mentions: readonly Mention[], interLabel: (code: number | null) => string): Mark[] {
  const doc = article.doc;
  const marks: Mark[] = [];
  for (const m of mentions) {
    if (m.articleId !== article.id) continue;
    for (const e of m.evidence) marks.push({ start: e.start, end: e.end, kind: 'evidence', title: `evidence of ${m.eventType}: ${m.subEventType}` });
    const docEvent = doc.events.find((e) => e.id === m.docEventId);
    const t = docEvent?.trace?.trigger;
    if (t) marks.push({ start: t.start, end: t.end, kind: 'trigger', title: `trigger: ${m.subEventType}` });
  }
  for (const a of doc.actors ?? []) {
    for (const sp of a.mentions) marks.push({ start: sp.start, end: sp.end, kind: 'actor', title: `actor: ${a.name}${a.inter ? ` (inter ${a.inter}, ${interLabel(a.inter)})` : ''}` });
  }
  for (const p of doc.places ?? []) {
    if (p.kind === 'embedded') continue;
    const coded = p.eventPlace && p.eventPlace.name !== p.name ? `; coded to ${p.eventPlace.name}, precision ${p.eventPlace.precision} (${PLACE_PRECISION[p.eventPlace.precision]})` : '';
    marks.push({ start: p.start, end: p.end, kind: 'place', title: `place: ${p.name}, ${p.countryCode}${p.geonameId ? ` (GeoNames ${p.geonameId})` : ''}, ${p.lat.toFixed(3)}, ${p.lon.toFixed(3)}${coded}` });
  }
  for (const d of doc.dates ?? []) marks.push({ start: d.start, end: d.end, kind: 'date', title: `date: ${d.type} ${d.value}` });
  for (const q of doc.quantities ?? []) {
    marks.push({ start: q.start, end: q.end, kind: 'figure', title: `figure: ${q.value ?? '?'} ${q.kind}${q.approximate ? ' (approximate)' : ''}` });
  }
  return marks;
}
