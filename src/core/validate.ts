// Structural checks on a Doc's JSON: every span inside the text, its `text` equal to the slice, layers sorted.
import type { DocJSON, Span } from './types.js';

export function spanProblems(doc: DocJSON): string[] {
  const problems: string[] = [];
  const n = doc.text.length;
  const check = (layer: string, i: number, s: Span & { text?: string }): void => {
    if (!Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < 0 || s.end > n || s.start > s.end) {
      problems.push(`${layer}[${i}]: bad offsets ${s.start}..${s.end} (text length ${n})`);
      return;
    }
    if (s.text !== undefined && doc.text.slice(s.start, s.end) !== s.text) {
      problems.push(`${layer}[${i}]: text ${JSON.stringify(s.text)} != slice ${JSON.stringify(doc.text.slice(s.start, s.end))}`);
    }
  };
  doc.sentences.forEach((s, i) => check('sentences', i, s));
  doc.entities.forEach((s, i) => check('entities', i, s));
  doc.places.forEach((s, i) => check('places', i, s));
  doc.dates.forEach((s, i) => check('dates', i, s));
  doc.actors.forEach((a, i) => a.mentions.forEach((m, j) => check(`actors[${i}].mentions`, j, m)));
  doc.events.forEach((e, i) => {
    e.evidence.forEach((m, j) => check(`events[${i}].evidence`, j, m));
    if (e.trace) {
      for (const [k, v] of Object.entries(e.trace)) {
        if (Array.isArray(v)) v.forEach((m, j) => check(`events[${i}].trace.${k}`, j, m));
        else if (v) check(`events[${i}].trace.${k}`, 0, v);
      }
    }
    (e.counts ?? []).forEach((m, j) => check(`events[${i}].counts`, j, m));
  });
  (doc.quantities ?? []).forEach((q, i) => check('quantities', i, q));
  if (doc.dateline) check('dateline', 0, doc.dateline);
  for (let i = 1; i < doc.sentences.length; i++) {
    if (doc.sentences[i]!.start < doc.sentences[i - 1]!.end) problems.push(`sentences[${i}] overlaps the previous sentence`);
  }
  for (let i = 1; i < doc.entities.length; i++) {
    if (doc.entities[i]!.start < doc.entities[i - 1]!.end) problems.push(`entities[${i}] overlaps or precedes the previous entity`);
  }
  return problems;
}
