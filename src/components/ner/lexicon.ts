// The lexical resources the tagger's features read: word clusters learned from unlabelled text (a bit-string path
// per word, as Brown clusters give) and gazetteer lists matched over token sequences. Both load from data/ner/.

/** Gazetteer list names, in bit order. The mask of a phrase says which lists it is in. */
export const GAZ_LISTS = [
  'country',
  'nationality',
  'city',
  'region',
  'place',
  'firstname',
  'lastname',
  'org',
  'orgword',
  'actor',
  'title',
  'misc',
  // Natural features and regions (curated.json `natural`): appended last so the other lists keep their bits.
  'natural',
] as const;
export type GazList = (typeof GAZ_LISTS)[number];

const PREFIX_FLAG = 0x40000000;

/** Phrases keyed by their lower-cased tokens joined with single spaces; matched longest-first over a sentence. */
export class Gazetteer {
  /** phrase -> list mask, | PREFIX_FLAG when the phrase also begins a longer entry. */
  private readonly phrases = new Map<string, number>();
  maxLen = 0;

  add(tokens: readonly string[], list: GazList): void {
    const bit = 1 << GAZ_LISTS.indexOf(list);
    if (tokens.length === 0) return;
    let key = '';
    for (let i = 0; i < tokens.length; i++) {
      key = i === 0 ? tokens[0]!.toLowerCase() : `${key} ${tokens[i]!.toLowerCase()}`;
      const prev = this.phrases.get(key) ?? 0;
      this.phrases.set(key, i === tokens.length - 1 ? prev | bit : prev | PREFIX_FLAG);
    }
    if (tokens.length > this.maxLen) this.maxLen = tokens.length;
  }

  /** The list mask of an exact phrase (0 when absent). */
  lookup(lowerTokens: readonly string[]): number {
    return (this.phrases.get(lowerTokens.join(' ')) ?? 0) & ~PREFIX_FLAG;
  }

  get size(): number {
    return this.phrases.size;
  }

  /**
   * Every match starting at each position: calls `found(start, end, mask)` for each phrase of the gazetteer that
   * the lower-cased tokens [start, end) spell.
   */
  matches(lower: readonly string[], found: (start: number, end: number, mask: number) => void): void {
    const n = lower.length;
    for (let i = 0; i < n; i++) {
      let key = lower[i]!;
      let v = this.phrases.get(key);
      let j = i + 1;
      while (v !== undefined) {
        const mask = v & ~PREFIX_FLAG;
        if (mask !== 0) found(i, j, mask);
        if ((v & PREFIX_FLAG) === 0 || j >= n) break;
        key = `${key} ${lower[j]!}`;
        j++;
        v = this.phrases.get(key);
      }
    }
  }
}

export interface NerLexicon {
  /** word form -> cluster path (a string of 0/1). Looked up by exact form, then lower case. */
  clusters: Map<string, string>;
  /** A second clustering of the same text (another random start); empty when the model has none. */
  clusters2?: Map<string, string>;
  gazetteer: Gazetteer;
  /** Lower-cased names of natural features and regions, tokens joined by spaces. */
  natural?: Set<string>;
  /** Lower-cased words that end a natural feature's name. */
  naturalWords?: Set<string>;
}

/** Parses clusters.tsv: one "path<TAB>word" per line (Brown clusters' output format). */
export function parseClusters(tsv: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of tsv.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab <= 0) continue;
    const word = line.slice(tab + 1);
    if (!m.has(word)) m.set(word, line.slice(0, tab));
  }
  return m;
}

/** gazetteer.json: { lists: { <list>: ["phrase with tokens separated by spaces", ...] } } (already tokenised). */
export interface GazetteerFile {
  _source?: string;
  lists: Partial<Record<GazList, string[]>>;
  /** Names of natural features and regions (for the LOC type, not features). */
  natural?: string[];
  /** Last words that make a natural feature ("River", "Mountains"). */
  naturalWords?: string[];
}

export function buildGazetteer(file: GazetteerFile): Gazetteer {
  const g = new Gazetteer();
  for (const list of GAZ_LISTS) {
    for (const phrase of file.lists[list] ?? []) g.add(phrase.split(' '), list);
  }
  return g;
}
