// Reads CoNLL-format NER files (CoNLL-2003 IOB2, WikiGold IOB1): one "token ... tag" per line, blank lines between
// sentences, -DOCSTART- between documents. Both B- and I- after O or another label start an entity.
import type { NerLabel } from '../../core/types.js';
import type { TokenSpan } from './labels.js';

export interface LabelledSentence {
  words: string[];
  spans: TokenSpan[];
  /**
   * Partial annotation (training only): per token, 0 = its tag is the one `spans` gives (O outside them), 1 = O or
   * any MISC tag, 2 = any tag. The trainer takes the best labelling the current weights allow within these limits
   * as the target (latent-variable perceptron). Absent: every tag is given.
   */
  free?: Uint8Array;
}

export interface LabelledDoc {
  sentences: LabelledSentence[];
  /** How much a training mistake on this document moves the weights (default 1). */
  weight?: number;
}

const LABELS = new Set(['PER', 'ORG', 'LOC', 'MISC']);

export function parseConll(text: string): LabelledDoc[] {
  const docs: LabelledDoc[] = [];
  let doc: LabelledDoc = { sentences: [] };
  let words: string[] = [];
  let tags: string[] = [];
  const endSentence = (): void => {
    if (words.length > 0) doc.sentences.push({ words, spans: tagsToSpans(tags) });
    words = [];
    tags = [];
  };
  const endDoc = (): void => {
    endSentence();
    if (doc.sentences.length > 0) docs.push(doc);
    doc = { sentences: [] };
  };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') {
      endSentence();
      continue;
    }
    const parts = line.split(/\s+/);
    if (parts[0] === '-DOCSTART-') {
      endDoc();
      continue;
    }
    words.push(parts[0]!);
    tags.push(parts[parts.length - 1]!);
  }
  endDoc();
  return docs;
}

/** IOB1 or IOB2 tags to spans. */
export function tagsToSpans(tags: readonly string[]): TokenSpan[] {
  const out: TokenSpan[] = [];
  let open: { start: number; label: NerLabel } | null = null;
  const close = (i: number): void => {
    if (open) out.push({ start: open.start, end: i, label: open.label });
    open = null;
  };
  tags.forEach((tag, i) => {
    if (tag === 'O' || tag.length < 3) {
      close(i);
      return;
    }
    const bio = tag[0];
    const label = tag.slice(2);
    if (!LABELS.has(label)) {
      close(i);
      return;
    }
    if (bio === 'B' || !open || open.label !== label) {
      close(i);
      open = { start: i, label: label as NerLabel };
    }
  });
  close(tags.length);
  return out;
}
