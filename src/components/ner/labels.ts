// The tag set: BILOU (Begin, Inside, Last, Outside, Unit) over the CoNLL-2003 labels. Ratinov & Roth (2009) found
// BILOU better than BIO for NER; the decoder only allows well-formed sequences.
import type { NerLabel } from '../../core/types.js';

export const ENTITY_LABELS: readonly NerLabel[] = ['PER', 'ORG', 'LOC', 'MISC'];
const PARTS = ['B', 'I', 'L', 'U'] as const;

/** Tag index 0 is O; then B,I,L,U for each entity label in ENTITY_LABELS order. */
export const TAGS: readonly string[] = ['O', ...ENTITY_LABELS.flatMap((l) => PARTS.map((p) => `${p}-${l}`))];
export const NUM_TAGS = TAGS.length;

export function tagIndex(part: 'B' | 'I' | 'L' | 'U', label: NerLabel): number {
  return 1 + ENTITY_LABELS.indexOf(label) * 4 + PARTS.indexOf(part);
}

export function tagPart(tag: number): 'O' | 'B' | 'I' | 'L' | 'U' {
  return tag === 0 ? 'O' : PARTS[(tag - 1) % 4]!;
}

export function tagLabel(tag: number): NerLabel | null {
  return tag === 0 ? null : ENTITY_LABELS[Math.floor((tag - 1) / 4)]!;
}

/** A labelled token range [start, end) within a sentence. */
export interface TokenSpan {
  start: number;
  end: number;
  label: NerLabel;
}

/** Encodes spans over `n` tokens as BILOU tag indexes. */
export function encodeBilou(n: number, spans: readonly TokenSpan[]): Uint8Array {
  const tags = new Uint8Array(n);
  for (const s of spans) {
    if (s.end - s.start === 1) tags[s.start] = tagIndex('U', s.label);
    else {
      tags[s.start] = tagIndex('B', s.label);
      for (let i = s.start + 1; i < s.end - 1; i++) tags[i] = tagIndex('I', s.label);
      tags[s.end - 1] = tagIndex('L', s.label);
    }
  }
  return tags;
}

/** Decodes BILOU tags into spans (tolerant: a broken sequence still yields spans). */
export function decodeBilou(tags: ArrayLike<number>): TokenSpan[] {
  const out: TokenSpan[] = [];
  let open: { start: number; label: NerLabel } | null = null;
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i]!;
    const part = tagPart(t);
    const label = tagLabel(t);
    if (open && (part === 'O' || part === 'B' || part === 'U' || label !== open.label)) {
      out.push({ start: open.start, end: i, label: open.label });
      open = null;
    }
    if (part === 'U') out.push({ start: i, end: i + 1, label: label! });
    else if (part === 'B' || ((part === 'I' || part === 'L') && !open)) open = { start: i, label: label! };
    if (part === 'L' && open) {
      out.push({ start: open.start, end: i + 1, label: open.label });
      open = null;
    }
  }
  if (open) out.push({ start: open.start, end: tags.length, label: open.label });
  return out;
}

/** allowed[prev * NUM_TAGS + next]: whether tag `next` may follow tag `prev` (prev = NUM_TAGS means sentence start). */
export const ALLOWED: Uint8Array = (() => {
  const a = new Uint8Array((NUM_TAGS + 1) * NUM_TAGS);
  const inside = (t: number): boolean => t !== 0 && (tagPart(t) === 'B' || tagPart(t) === 'I');
  for (let p = 0; p <= NUM_TAGS; p++) {
    for (let n = 0; n < NUM_TAGS; n++) {
      const pOpen = p < NUM_TAGS && inside(p);
      const np = tagPart(n);
      let ok: boolean;
      if (pOpen) ok = (np === 'I' || np === 'L') && tagLabel(n) === tagLabel(p);
      else ok = np === 'O' || np === 'B' || np === 'U';
      a[p * NUM_TAGS + n] = ok ? 1 : 0;
    }
  }
  return a;
})();

/** Whether a tag may end a sentence. */
export function canEnd(tag: number): boolean {
  const p = tagPart(tag);
  return p === 'O' || p === 'L' || p === 'U';
}
