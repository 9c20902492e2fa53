// The quantities layer: counted people ("thousands of civilians", "two QSD members", "a child", "dozens killed")
// with the figure ACLED would code (vague words mapped: dozens 12, several 3, tens 10, hundreds 100; ranges and
// "between 10 and 15" at their lowest) and what happened to them (killed, injured, evacuated, detained, ...).
import { defineComponent } from '../../core/component.js';
import type { Doc, Quantity } from '../../core/doc.js';
import { keyTokens, PhraseTrie, phraseKeys, type KeyToken } from '../actors/keys.js';
import { refineQuantities } from './quantities-syntax.js';

export const QUANTITIES_RESOURCE = 'events/quantities.json';
export const EVENTS_LEXICON_RESOURCE = 'events/lexicon.json';

interface QuantityFile {
  numberWords: Record<string, number>;
  vague: Record<string, number>;
  approximators: string[];
  persons: string[];
  singularDeterminers: string[];
  pronouns: Record<string, number>;
  things?: string[];
}

interface LexiconCasualty {
  casualtyWords: Record<string, string[]>;
}

const SKIP_AFTER_HEAD = new Set(['who', 'were', 'was', 'have', 'has', 'been', 'had', 'are', 'is', 'reportedly', 'also', 'later', 'all', 'being', 'got', 'allegedly', 'were', 'subsequently', 'eventually', 'seriously', 'critically', 'severely', 'fatally', 'slightly', 'then', 'left', 'in', 'the', 'attack', 'incident']);
const SKIP_BEFORE = new Set(['another', 'at', 'least', 'a', 'further', 'more', 'than', 'about', 'around', 'some', 'nearly', 'almost', 'over', 'up', 'to', 'an', 'estimated', 'additional', 'other', 'and', 'reportedly']);
const COORD = new Set(['and', ',', 'as', 'well', 'plus', 'including', 'along', 'with', 'also']);
const CLAUSE_BREAKS = new Set(['because', 'after', 'when', 'while', 'who', 'which', 'that', 'but', 'as', 'since', 'before', 'until', 'said', 'says', 'where', 'although', 'though', 'whereas']);
const NOT_COUNTS = new Set(['km', 'kilometres', 'kilometers', 'kilometre', 'kilometer', 'metres', 'meters', 'miles', 'mile', 'percent', 'per', 'cent', '%', 'years', 'year', 'months', 'month', 'days', 'day', 'hours', 'hour', 'minutes', 'weeks', 'week', 'dollars', 'euros', 'usd', 'tons', 'tonnes', 'kg', 'kilograms', 'am', 'pm', 'times', 'rounds', 'vehicles', 'houses', 'homes', 'shops', 'buildings', 'rockets', 'missiles', 'shells', 'drones', 'villages', 'points', 'cases', 'st', 'nd', 'rd', 'th', 'o', 'clock']);

const MULTIPLIERS: Record<string, number> = { hundred: 100, thousand: 1000, million: 1e6, billion: 1e9 };

export class QuantityFinder {
  private readonly numbers = new PhraseTrie<number>();
  private readonly vague = new PhraseTrie<number>();
  private readonly approx = new PhraseTrie<true>();
  private readonly persons = new PhraseTrie<string>();
  private readonly kinds = new PhraseTrie<string>();
  private readonly singular: Set<string>;
  private readonly pronouns: Map<string, number>;
  private readonly things: Set<string>;

  constructor(q: QuantityFile, lex: LexiconCasualty) {
    for (const [w, v] of Object.entries(q.numberWords)) this.numbers.add(w, v);
    for (const [w, v] of Object.entries(q.vague)) this.vague.add(w, v);
    for (const a of q.approximators) this.approx.add(a, true);
    for (const p of q.persons) this.persons.add(p, p);
    for (const [kind, words] of Object.entries(lex.casualtyWords)) for (const w of words) this.kinds.add(w, kind);
    this.singular = new Set(q.singularDeterminers.map((d) => phraseKeys(d).join(' ')));
    this.pronouns = new Map(Object.entries(q.pronouns));
    this.things = new Set(q.things ?? []);
  }

  /** A word for people ("man", "teenager", "victim"; data/events/quantities.json persons). */
  isPerson(lemma: string): boolean {
    return this.persons.matchesAt(keyTokens(lemma), 0).length > 0;
  }

  /** The kind a single casualty word gives ("killed", "kill", "wounded"), or null. */
  kindOfWord(word: string): string | null {
    return this.kinds.matchesAt(keyTokens(word), 0)[0]?.value ?? null;
  }

  /** The kind word (killed, injured, ...) starting at token i, if any. */
  kindAt(tokens: readonly KeyToken[], i: number): { end: number; kind: string } | null {
    const m = this.kinds.matchesAt(tokens, i)[0];
    return m ? { end: m.end, kind: m.value } : null;
  }

  find(text: string, dateSpans: { start: number; end: number }[] = []): Quantity[] {
    const tokens = keyTokens(text);
    const out: Quantity[] = [];
    const inDate = (t: KeyToken): boolean => dateSpans.some((d) => d.start <= t.start && t.end <= d.end);
    let i = 0;
    let lastEnd = -1;
    while (i < tokens.length) {
      const q = this.readAt(text, tokens, i, inDate);
      if (q) {
        // "killing 3 soldiers and 2 rebels": a coordinated count shares the kind of the one before it.
        const prev = out[out.length - 1];
        if (q.quantity.kind === 'people' && prev && prev.kind !== 'people' && lastEnd >= 0 && i - lastEnd <= 3 && tokens.slice(lastEnd, i).every((t) => COORD.has(t.key))) {
          q.quantity.kind = prev.kind;
        }
        // "3 civilians including a child", "among them two women": a part of the count before, not more victims.
        const before = tokens.slice(Math.max(0, i - 3), i).map((t) => t.key).join(' ');
        if (prev && /\b(including|includes|among them|among whom|of whom|of them|incl)$/.test(before)) q.quantity.subset = true;
        // "a man was killed and his body was found": the body is the same victim.
        if (prev && /^(body|bodies|corpse|corpses)$/.test(q.quantity.head ?? '') && /^(the|his|her|their)\b/i.test(q.quantity.text)) q.quantity.subset = true;
        out.push(q.quantity);
        lastEnd = q.next;
        i = q.next;
      } else i++;
    }
    return out;
  }

  private readAt(text: string, tokens: KeyToken[], i: number, inDate: (t: KeyToken) => boolean): { quantity: Quantity; next: number } | null {
    let j = i;
    let approximate = false;
    const ap = this.approx.matchesAt(tokens, j)[0];
    if (ap) {
      approximate = true;
      j = ap.end;
    }
    let value: number | null = null;
    let numEnd = j;
    const between = tokens[j]?.key === 'between';
    if (between) j++;
    const n = this.readNumber(tokens, j);
    if (n) {
      value = n.value;
      numEnd = n.end;
      if (n.vague) approximate = true;
      // ranges: "10-15", "10 to 15", "between 10 and 15" -> the lowest
      const sep = tokens[numEnd]?.key;
      const second = sep === 'to' || sep === 'and' || sep === 'or' ? this.readNumber(tokens, numEnd + 1) : this.readNumber(tokens, numEnd);
      if (second && !second.vague && (between || sep === 'to' || sep === 'or' || /^\d/.test(tokens[numEnd]?.raw ?? '')) && second.value >= value) {
        numEnd = second.end;
        approximate = true;
      }
    } else if (this.singular.has(tokens[j]?.key ?? '') && !ap) {
      // "a child", "one soldier", "another civilian": one person
      let k = j + 1;
      while (k < tokens.length && k <= j + 3 && !this.persons.matchesAt(tokens, k)[0] && !tokens[k]!.punct) k++;
      const head = this.persons.matchesAt(tokens, k)[0];
      if (!head) return null;
      const headWord = tokens[head.end - 1]!.key;
      if (tokens[j]!.key === 'the' || /^(its|his|her|their)$/.test(tokens[j]!.key)) {
        // "the victim" counts only as a victim: one person; "the soldiers" is not a count
        if (!/^(victim|body|corpse|man|woman|boy|girl|child|driver|resident|civilian|farmer|student)$/.test(headWord)) return null;
      }
      if (/(s|men|people|children|police|personnel|staff)$/.test(headWord) && !/^(police officer|boss|press)$/.test(headWord)) return null;
      // "..., a local official said", "according to a military source": the report's source, not a count.
      if (/^(?:said|says|told|tells|reported|reports|added|stated|confirmed|claimed|noted)$/.test(tokens[head.end]?.key ?? '') || /^according to$/.test(tokens.slice(Math.max(0, i - 2), i).map((t) => t.key).join(' '))) return null;
      return this.finish(text, tokens, i, j + 1, head.end, 1, approximate, head.value);
    } else {
      const pr = this.pronouns.get(tokens[j]?.key ?? '');
      if (pr != null && j > 0 && this.kinds.matchesAt(tokens, j - 1)[0]) {
        const kind = this.kinds.matchesAt(tokens, j - 1)[0]!.value;
        const t = tokens[j]!;
        return { quantity: { start: t.start, end: t.end, text: t.raw, value: pr, approximate: false, kind, head: t.raw }, next: j + 1 };
      }
      return null;
    }
    const first = tokens[i]!;
    if (inDate(first) || inDate(tokens[numEnd - 1]!)) return null;
    const after = tokens[numEnd];
    if (after && (NOT_COUNTS.has(after.key) || after.raw === ':' || after.raw === '/')) return null;
    const before = tokens[i - 1];
    if (before && (/^[$€£]$/.test(before.raw) || before.key === 'no' || before.key === 'number')) return null;
    // The counted noun: a person word within three tokens ("five Ukrainian soldiers", "two QSD members").
    let k = numEnd;
    if (tokens[k]?.key === 'of') k++;
    let head: { end: number; value: string } | undefined;
    for (let s = k; s < Math.min(tokens.length, k + 4); s++) {
      if (tokens[s]!.punct || this.kinds.matchesAt(tokens, s)[0]) break;
      // "8 according to residents": the source of the figure, not what was counted.
      if (/^(according|said|says|say|per|reported)$/.test(tokens[s]!.key)) break;
      head = this.persons.matchesAt(tokens, s)[0];
      if (head) break;
    }
    // "killed a dozen of their livestock": things, not people.
    for (let s = k; s < Math.min(tokens.length, k + 3); s++) if (this.things.has(tokens[s]!.key)) return null;
    return this.finish(text, tokens, i, numEnd, head?.end ?? numEnd, value, approximate, head?.value);
  }

  private finish(text: string, tokens: KeyToken[], i: number, numEnd: number, headEnd: number, value: number | null, approximate: boolean, head?: string): { quantity: Quantity; next: number } | null {
    const kind = this.kindFor(tokens, i, headEnd, head, value === 1 && !/^(1|one)$/i.test(tokens[i]!.raw));
    if (!head && kind === 'people') return null; // a bare number with nothing counted is not a quantity of people
    const start = tokens[i]!.start;
    const end = tokens[headEnd - 1]!.end;
    const q: Quantity = { start, end, text: text.slice(start, end), value, approximate, kind };
    if (head) q.head = head;
    return { quantity: q, next: Math.max(numEnd, headEnd) };
  }

  private kindFor(tokens: KeyToken[], i: number, headEnd: number, head: string | undefined, singular: boolean): string {
    if (head && /^(dead|fatalit|death|bod|corpse)/.test(head)) return 'killed';
    if (head && /^(wounded|injured|casualt)/.test(head)) return 'injured';
    // 1. right after the head: "two soldiers were killed", "3 dead"
    let k = headEnd;
    while (k < tokens.length && k < headEnd + 4 && SKIP_AFTER_HEAD.has(tokens[k]!.key)) k++;
    const a = tokens[k] && !tokens[k]!.punct ? this.kinds.matchesAt(tokens, k)[0] : undefined;
    if (a) return a.value;
    // 2. right before the number: "killing two", "wounding another 12", "arrested 17"
    let b = i - 1;
    while (b >= 0 && i - b <= 4 && SKIP_BEFORE.has(tokens[b]!.key)) b--;
    if (b >= 0) {
      for (let s = Math.max(0, b - 2); s <= b; s++) {
        const m = this.kinds.matchesAt(tokens, s)[0];
        if (m && m.end === b + 1) return m.value;
      }
    }
    // 3. later in the clause: "3 soldiers and 2 militants were killed" (not for "a man ...", mostly a subject)
    if (singular) return 'people';
    for (let s = headEnd; s < Math.min(tokens.length, headEnd + 9); s++) {
      const t = tokens[s]!;
      if ((t.punct && t.raw !== ',') || CLAUSE_BREAKS.has(t.key)) break;
      const m = this.kinds.matchesAt(tokens, s)[0];
      if (m) return m.value;
    }
    return 'people';
  }

  private readNumber(tokens: KeyToken[], j: number): { value: number; end: number; vague: boolean } | null {
    const t = tokens[j];
    if (!t) return null;
    const vg = this.vague.matchesAt(tokens, j)[0];
    if (/^\d/.test(t.raw)) {
      if (!/^\d{1,3}(,\d{3})*$|^\d+$|^\d+\.\d+$/.test(t.raw)) return null;
      let v = Number(t.raw.replace(/,/g, ''));
      let end = j + 1;
      const mult = MULTIPLIERS[tokens[end]?.key ?? ''];
      if (mult !== undefined) {
        v = Math.round(v * mult);
        end++;
      }
      // "3.6 people" is not a head count (and "3.6 billion" without its multiplier would be read as 3.6).
      if (!Number.isInteger(v)) return null;
      return { value: v, end, vague: false };
    }
    if (vg) return { value: vg.value, end: vg.end, vague: true };
    const w = this.numbers.matchesAt(tokens, j)[0];
    if (!w) return null;
    let v = w.value;
    let end = w.end;
    // "twenty-three", "two hundred", "one thousand"
    const next = this.numbers.matchesAt(tokens, end)[0];
    if (next) {
      if (v >= 20 && v < 100 && next.value < 10) {
        v += next.value;
        end = next.end;
      } else if (next.value >= 100 && v < 100) {
        v *= next.value;
        end = next.end;
      }
    }
    return { value: v, end, vague: false };
  }
}

export function parseQuantityFinder(quantitiesJson: string, lexiconJson: string): QuantityFinder {
  return new QuantityFinder(JSON.parse(quantitiesJson) as QuantityFile, JSON.parse(lexiconJson) as LexiconCasualty);
}

export function quantitiesDoc(doc: Doc, finder: QuantityFinder): void {
  const dates = doc.assigned.has('dates') ? doc.dates : [];
  doc.quantities = finder.find(doc.text, dates);
  refineQuantities(doc, (w) => finder.kindOfWord(w), (lemma) => finder.isPerson(lemma));
}

export const quantitiesFactory = defineComponent({
  name: 'quantities',
  requires: ['sentences', 'tokens'],
  uses: ['dates', 'words', 'entities'],
  assigns: ['quantities'],
  async setup(ctx) {
    const finder = await ctx.shared.get('events.quantities', async () =>
      parseQuantityFinder(await ctx.resources.text(QUANTITIES_RESOURCE), await ctx.resources.text(EVENTS_LEXICON_RESOURCE)),
    );
    return (doc) => quantitiesDoc(doc, finder);
  },
});
