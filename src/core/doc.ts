// The Doc: one article's text and every layer of annotation over it, as spans with offsets.
// Components read the layers they declare in `requires` and write the ones in `assigns`.
import { OffsetMap } from './offsets.js';
import type {
  Actor,
  ConflictEvent,
  DateMention,
  DocJSON,
  Entity,
  PlaceMention,
  Removed,
  Span,
  TextSpan,
  Token,
  TokenJSON,
  Word,
} from './types.js';

/** A counted quantity of people or things ("thousands of civilians", "five children", "dozens killed"). */
export interface Quantity extends TextSpan {
  /** The figure as ACLED would code it (conservative; vague words mapped: "dozens" 12, "several" 3, ...); null if none. */
  value: number | null;
  /** True when the figure is vague ("hundreds", "at least 5", "more than 20"). */
  approximate: boolean;
  /** What was counted and what happened to it, e.g. "killed", "injured", "evacuated", "detained", "displaced", "people". */
  kind: string;
  /** The counted noun as written ("civilians", "militants"), when found. */
  head?: string;
  /** Added: part of a count given just before ("3 civilians including a child"), so not to be added to it. */
  subset?: boolean;
}

/** Every layer name a component may require or assign. */
export type LayerName =
  | 'text'
  | 'removed'
  | 'dateline'
  | 'sentences'
  | 'tokens'
  | 'words'
  | 'entities'
  | 'places'
  | 'dates'
  | 'actors'
  | 'quantities'
  | 'events';

export interface DocInit {
  id: string;
  text: string;
  title?: string | null;
  /** Publication date or timestamp as given: "YYYY-MM-DD" or a full ISO timestamp. */
  published?: string | null;
  url?: string | null;
  /** Set when `text` was already derived from a richer source (HTML): maps `text` back to that source. */
  sourceMap?: OffsetMap | null;
  /** What an upstream extractor already dropped (e.g. page chrome). */
  removed?: Removed[];
}

export class Doc {
  readonly id: string;
  title: string | null;
  /** "YYYY-MM-DD" or null. */
  published: string | null;
  /** The full publication timestamp when one was given (ISO 8601), else null. */
  publishedAt: string | null;
  url: string | null;

  /** The text as the pipeline received it. */
  readonly input: string;
  /** The analysed text; set by the clean stage (equal to `input` until then). */
  text: string;
  /** Maps `text` offsets back to `input` offsets. */
  inputMap: OffsetMap;
  /** Maps `input` offsets back to the original source (HTML) when the input was extracted from one. */
  sourceMap: OffsetMap | null;

  removed: Removed[] = [];
  dateline: Span | null = null;
  sentences: Span[] = [];
  tokens: Token[] = [];
  /** The syntax layer: UD words with tags, lemmas, features and dependency arcs (see Word). */
  words: Word[] = [];
  entities: Entity[] = [];
  places: PlaceMention[] = [];
  dates: DateMention[] = [];
  actors: Actor[] = [];
  quantities: Quantity[] = [];
  events: ConflictEvent[] = [];

  /** Which layers have been assigned so far, by which component. */
  readonly assigned = new Map<LayerName, string>();

  constructor(init: DocInit) {
    this.id = init.id;
    this.input = init.text;
    this.text = init.text;
    this.title = init.title ?? null;
    this.url = init.url ?? null;
    const pub = normalisePublished(init.published ?? null);
    this.published = pub.date;
    this.publishedAt = pub.timestamp;
    this.inputMap = OffsetMap.identity(init.text.length);
    this.sourceMap = init.sourceMap ?? null;
    if (init.removed) this.removed.push(...init.removed);
    this.assigned.set('text', 'input');
  }

  /** A TextSpan over `text`. */
  span(start: number, end: number): TextSpan {
    return { start, end, text: this.text.slice(start, end) };
  }

  /** Index of the sentence containing offset `pos`, or -1. */
  sentenceAt(pos: number): number {
    const s = this.sentences;
    let lo = 0;
    let hi = s.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const m = s[mid]!;
      if (pos < m.start) hi = mid - 1;
      else if (pos >= m.end) lo = mid + 1;
      else return mid;
    }
    return -1;
  }

  /** Tokens of sentence `i`. */
  sentenceTokens(i: number): Token[] {
    const out: Token[] = [];
    for (const t of this.tokens) if (t.sentence === i) out.push(t);
    return out;
  }

  /** The contract JSON (../shared/CONTRACT.md), with `text` in every span; `tokens` adds the syntax layer. */
  toJSON(options: { tokens?: boolean } = {}): DocJSON {
    return {
      version: 1,
      id: this.id,
      title: this.title,
      published: this.published,
      text: this.text,
      removed: this.removed.map((r) => ({ text: r.text, reason: r.reason })),
      sentences: this.sentences.map((s) => ({ start: s.start, end: s.end })),
      ...(options.tokens ? { tokens: this.words.map(tokenJSON) } : {}),
      entities: this.entities,
      places: this.places,
      dates: this.dates,
      actors: this.actors,
      events: this.events,
      dateline: this.dateline ? { start: this.dateline.start, end: this.dateline.end } : null,
      url: this.url,
      quantities: this.quantities,
    };
  }
}

function tokenJSON(w: Word): TokenJSON {
  const t: TokenJSON = { start: w.start, end: w.end, pos: w.upos, lemma: w.lemma, head: w.head, dep: w.deprel, xpos: w.xpos };
  if (w.feats !== '') t.feats = w.feats;
  return t;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Validates a publication date or timestamp; throws a readable Error when it is neither. */
export function normalisePublished(value: string | null): { date: string | null; timestamp: string | null } {
  if (value == null) return { date: null, timestamp: null };
  const v = value.trim();
  if (v === '') return { date: null, timestamp: null };
  let m = DATE_ONLY.exec(v);
  if (m) {
    checkYmd(v, m[1]!, m[2]!, m[3]!);
    return { date: v, timestamp: null };
  }
  m = TIMESTAMP.exec(v);
  if (m) {
    checkYmd(v, m[1]!, m[2]!, m[3]!);
    return { date: `${m[1]}-${m[2]}-${m[3]}`, timestamp: v };
  }
  throw new Error(`invalid publication date "${value}" (expected YYYY-MM-DD or an ISO 8601 timestamp)`);
}

function checkYmd(raw: string, y: string, mo: string, d: string): void {
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const dt = new Date(Date.UTC(year, month - 1, day));
  if (dt.getUTCFullYear() !== year || dt.getUTCMonth() !== month - 1 || dt.getUTCDate() !== day) {
    throw new Error(`invalid publication date "${raw}" (no such day)`);
  }
}
