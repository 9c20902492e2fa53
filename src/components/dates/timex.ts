// Temporal expressions -> TIMEX3 values, resolved against the publication date.
// chrono-node finds calendar dates, weekdays and casual references; our own patterns (from data/dates/lexicon.json)
// add what chrono misses or gets at the wrong grain: bare years ("in 2014"), durations ("four-year", "two weeks"),
// unit-relative dates at their grain ("last year" -> 2018, "last week" -> 2019-W08), quarters, seasons, decades,
// PRESENT_REF / PAST_REF / FUTURE_REF words and sets ("daily"). No clock: without a publication date anything
// relative stays unresolved ("XXXX-02-12", "XXXX-WXX-5", "XXXX-XX-XX").
import * as chrono from 'chrono-node';
import type { DateMention, TimexType } from '../../core/types.js';

export interface DateLexicon {
  stripPrefixes: string[];
  numberWords: Record<string, number>;
  vagueNumberWords: string[];
  units: Record<string, string>;
  partsOfDay: Record<string, string>;
  seasons: Record<string, string>;
  ordinals: Record<string, number>;
  presentRef: string[];
  pastRef: string[];
  futureRef: string[];
  sets: Record<string, string>;
  notAfterYear: string[];
  /** Words that make a sentence about the future, so an unanchored "Friday" or "March 3" is the next one. */
  futureMarkers: string[];
}

export function parseLexicon(json: string): DateLexicon {
  const raw = JSON.parse(json) as Partial<DateLexicon>;
  const need: (keyof DateLexicon)[] = ['stripPrefixes', 'numberWords', 'units', 'partsOfDay', 'seasons', 'ordinals', 'presentRef', 'pastRef', 'futureRef', 'sets', 'notAfterYear'];
  for (const k of need) if (raw[k] == null) throw new Error(`dates lexicon: missing "${k}"`);
  return { vagueNumberWords: [], futureMarkers: [], ...raw } as DateLexicon;
}

/** A date mention with what the events stage needs beyond the contract fields. */
export interface TimexMention extends DateMention {
  /** TIMEX3 value of the end of a range ("31 May - 2 June"), when the expression is a range. */
  until?: string;
  /** "around 1 June", "on or about": the day itself is uncertain. */
  approximate?: boolean;
}

interface Candidate extends TimexMention {
  priority: number;
}

interface Ymd {
  y: number;
  m: number;
  d: number;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
const alt = (words: Iterable<string>): string => [...words].sort((a, b) => b.length - a.length).map(esc).join('|');

function ymdString(v: Ymd): string {
  return `${pad(v.y, 4)}-${pad(v.m)}-${pad(v.d)}`;
}

function addDays(v: Ymd, days: number): Ymd {
  const dt = new Date(Date.UTC(v.y, v.m - 1, v.d + days));
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

function addMonths(v: Ymd, months: number): Ymd {
  const total = v.y * 12 + (v.m - 1) + months;
  return { y: Math.floor(total / 12), m: (total % 12) + 1, d: 1 };
}

/** ISO 8601 week of a day: "2019-W09". */
export function isoWeek(v: Ymd): string {
  const dt = new Date(Date.UTC(v.y, v.m - 1, v.d));
  const dow = dt.getUTCDay() || 7;
  dt.setUTCDate(dt.getUTCDate() + 4 - dow);
  const yearStart = Date.UTC(dt.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((dt.getTime() - yearStart) / 86400000 + 1) / 7);
  return `${dt.getUTCFullYear()}-W${pad(week)}`;
}

function parseYmd(s: string | null): Ymd | null {
  if (!s) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  return m ? { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) } : null;
}

/** Compiled patterns for one lexicon. */
export class TimexFinder {
  private readonly num: string;
  private readonly unit: string;
  private readonly patterns: { re: RegExp; make: (m: RegExpExecArray, ref: Ymd | null) => Omit<Candidate, 'start' | 'end' | 'text'> | null }[] = [];
  private readonly stripRe: RegExp;
  private readonly durationRe: RegExp;
  private readonly futureRe: RegExp;

  constructor(private readonly lex: DateLexicon) {
    this.num = `(?:\\d+(?:\\.\\d+)?|${alt(Object.keys(lex.numberWords))})`;
    const vague = alt(lex.vagueNumberWords);
    this.unit = alt(Object.keys(lex.units));
    this.stripRe = new RegExp(`^(?:${alt(lex.stripPrefixes)})\\s+`, 'i');
    const NUM = this.num;
    const UNIT = this.unit;
    this.durationRe = new RegExp(`^(?:(?:within|in)\\s+)?(?:${NUM}|${vague})[\\s-]+(?:${UNIT})(?:\\s+(?:after|before))?$`, 'i');
    this.futureRe = new RegExp(`(?<![\\w'])(?:${alt(lex.futureMarkers)})(?![\\w])`, 'i');
    const season = alt(Object.keys(lex.seasons));
    const month = alt(MONTHS);
    const ordinal = alt(Object.keys(lex.ordinals));
    const P = (re: string, make: (m: RegExpExecArray, ref: Ymd | null) => Omit<Candidate, 'start' | 'end' | 'text'> | null): void => {
      this.patterns.push({ re: new RegExp(`(?<![\\w-])(?:${re})(?![\\w])`, 'gi'), make });
    };

    // N units ago / earlier / later: a date at the unit's grain.
    P(`(?:(?:about|almost|nearly|some|roughly|around|more\\s+than|less\\s+than|over)\\s+)?(${NUM}|${vague})[\\s-]+(${UNIT})\\s+(ago|earlier|later|from\\s+now|hence)`, (m, ref) => {
      const n = this.number(m[1]!);
      const u = lex.units[m[2]!.toLowerCase()]!;
      if (n == null) return { type: 'DATE', value: /ago|earlier/i.test(m[3]!) ? 'PAST_REF' : 'FUTURE_REF', priority: 3 };
      if (!Number.isInteger(n)) return null;
      const sign = /ago|earlier/i.test(m[3]!) ? -1 : 1;
      return { type: 'DATE', value: this.shift(ref, u, sign * n), priority: 3 };
    });
    // (earlier|later) this/last/next week|month|year|quarter|weekend|decade
    P(`(?:(early|earlier|late|later|mid)[\\s-]+)?(this|last|next|past|previous|coming|current|the\\s+same)\\s+(week|month|year|quarter|weekend|decade|century)`, (m, ref) => {
      const which = m[2]!.toLowerCase();
      const u = m[3]!.toLowerCase();
      // "the past/previous/coming week" without "the" is a date; "past week" alone reads as a duration in TimeML.
      if (which === 'past' || which === 'coming') return { type: 'DURATION', value: `P1${u === 'weekend' ? 'WE' : lex.units[u] ?? 'X'}`, priority: 2 };
      const k = which === 'last' || which === 'previous' ? -1 : which === 'next' ? 1 : 0;
      if (u === 'weekend') return { type: 'DATE', value: ref ? `${isoWeek(addDays(ref, 7 * k))}-WE` : 'XXXX-WXX-WE', priority: 3 };
      const code = u === 'week' ? 'W' : u === 'month' ? 'M' : u === 'year' ? 'Y' : u === 'quarter' ? 'Q' : u === 'decade' ? 'DE' : 'CE';
      return { type: 'DATE', value: this.shift(ref, code, k), priority: 3 };
    });
    // last/this/next <month>: the month at month grain
    P(`(last|this|next)\\s+(${month})`, (m, ref) => {
      const mo = MONTHS.indexOf(m[2]!.toLowerCase()) + 1;
      if (!ref) return { type: 'DATE', value: `XXXX-${pad(mo)}`, priority: 3 };
      const w = m[1]!.toLowerCase();
      let y = ref.y;
      if (w === 'last' && mo >= ref.m) y--;
      if (w === 'next' && mo <= ref.m) y++;
      return { type: 'DATE', value: `${y}-${pad(mo)}`, priority: 3 };
    });
    // "June last year", "March this year", "May next year"
    P(`(${month})\\s+(last|this|next)\\s+year`, (m, ref) => {
      const mo = MONTHS.indexOf(m[1]!.toLowerCase()) + 1;
      const k = /last/i.test(m[2]!) ? -1 : /next/i.test(m[2]!) ? 1 : 0;
      return { type: 'DATE', value: `${ref ? pad(ref.y + k, 4) : 'XXXX'}-${pad(mo)}`, priority: 3 };
    });
    // "the weekend", "over the weekend": the most recent weekend
    P(`the\\s+weekend`, (_m, ref) => {
      if (!ref) return { type: 'DATE', value: 'XXXX-WXX-WE', priority: 3 };
      const dow = new Date(Date.UTC(ref.y, ref.m - 1, ref.d)).getUTCDay();
      const back = dow === 6 ? 0 : dow === 0 ? 1 : dow + 1;
      return { type: 'DATE', value: `${isoWeek(addDays(ref, -back))}-WE`, priority: 3 };
    });
    // Seasons: "this summer", "last fall", "summer 2014", "the winter of 1998"
    P(`(?:(last|this|next|early|late)\\s+)?(${season})(?:\\s+(?:of\\s+)?(\\d{4}))?`, (m, ref) => {
      const code = lex.seasons[m[2]!.toLowerCase()]!;
      const w = m[1]?.toLowerCase();
      if (m[3]) return { type: 'DATE', value: `${m[3]}-${code}`, priority: 3 };
      if (!w || w === 'early' || w === 'late') {
        // A bare season word ("the fall of the regime") is too ambiguous unless it leads a time phrase.
        if (!w) return null;
      }
      const y = ref ? ref.y + (w === 'last' ? (ref.m >= 9 && code !== 'WI' ? 0 : -1) : w === 'next' ? 1 : 0) : null;
      return { type: 'DATE', value: `${y == null ? 'XXXX' : pad(y, 4)}-${code}`, priority: 3 };
    });
    // Quarters: "the third quarter", "third-quarter", "the first quarter of 1998", "Q3 2018"
    P(`(?:the\\s+)?(${ordinal})[\\s-]+quarter(?:\\s+of\\s+(\\d{4}))?`, (m, ref) => {
      const q = lex.ordinals[m[1]!.toLowerCase()]!;
      const y = m[2] ?? (ref ? String(ref.y) : 'XXXX');
      return { type: 'DATE', value: `${y}-Q${q}`, priority: 3 };
    });
    // Decades: "the 1990s", "the early 2000s", "the '90s"
    P(`(?:the\\s+)?(?:(?:early|late|mid)[\\s-]+)?(1[5-9]\\d0|20\\d0)'?s`, (m) => ({ type: 'DATE', value: m[1]!.slice(0, 3), priority: 2 }));
    // Durations: "four-year", "two weeks", "the past two months", "the first nine months", "several years", "years"
    P(
      `(?:the\\s+)?(?:(?:past|last|next|first|coming|previous|final)\\s+)?(?:(${NUM}|${vague})[\\s-]+)?(?:(?:and\\s+a\\s+half|full|more|straight|consecutive)[\\s-]+)?(${UNIT})(?:-long)?(?!-old)`,
      (m) => {
        const full = m[0]!.toLowerCase();
        const unitWord = m[2]!.toLowerCase();
        const code = lex.units[unitWord]!;
        const isPlural = /s$/.test(unitWord);
        let n: number | null = m[1] ? this.number(m[1]) : null;
        const hasQualifier = /^(?:the\s+)?(?:past|last|next|first|coming|previous|final)\b/.test(full);
        if (m[1] == null) {
          // A bare unit word is a duration only with a qualifier ("the past year") or in the plural ("for years").
          if (hasQualifier) n = isPlural ? null : 1;
          else if (isPlural && !/^the\s/.test(full)) n = null;
          else return null;
        }
        if (/half/.test(full) && n != null) n += 0.5;
        return { type: 'DURATION', value: this.duration(n, code), priority: 1 };
      },
    );
    // PRESENT_REF / PAST_REF / FUTURE_REF
    P(alt(lex.presentRef), () => ({ type: 'DATE', value: 'PRESENT_REF', priority: 1 }));
    P(alt(lex.pastRef), () => ({ type: 'DATE', value: 'PAST_REF', priority: 1 }));
    P(alt(lex.futureRef), () => ({ type: 'DATE', value: 'FUTURE_REF', priority: 1 }));
    // Sets
    P(alt(Object.keys(lex.sets)), (m) => ({ type: 'SET', value: lex.sets[m[0]!.toLowerCase().replace(/\s+/g, ' ')] ?? 'P1D', priority: 2 }));
    // Bare years and fiscal years: "in 2014", "fiscal 1989"
    const notAfter = alt(lex.notAfterYear);
    this.patterns.push({
      re: new RegExp(`(?<![\\w$£€.,:/-])(?:(?:fiscal|FY)\\s*)?(1[5-9]\\d\\d|20\\d\\d)(?![\\w%:/-]|[.,]\\d|\\s+(?:${notAfter})\\b)`, 'gi'),
      make: (m) => ({ type: 'DATE', value: m[1]!, priority: 0 }),
    });
  }

  number(s: string): number | null {
    const t = s.toLowerCase().replace(/\s+/g, ' ');
    if (/^\d/.test(t)) return Number(t);
    return this.lex.numberWords[t] ?? null;
  }

  duration(n: number | null, code: string): string {
    const q = n == null ? 'X' : Number.isInteger(n) ? String(n) : String(n);
    switch (code) {
      case 'TS':
        return `PT${q}S`;
      case 'TM':
        return `PT${q}M`;
      case 'TH':
        return `PT${q}H`;
      case '2W':
        return `P${n == null ? 'X' : 2 * n}W`;
      case 'DE':
        return n == null ? 'PXDE' : `P${10 * n}Y`;
      default:
        return `P${q}${code}`;
    }
  }

  /** The reference shifted by k units, at that unit's grain. */
  shift(ref: Ymd | null, code: string, k: number): string {
    if (!ref) {
      if (code === 'Y') return 'XXXX';
      if (code === 'M') return 'XXXX-XX';
      if (code === 'W') return 'XXXX-WXX';
      if (code === 'Q') return 'XXXX-QX';
      return 'XXXX-XX-XX';
    }
    switch (code) {
      case 'D':
        return ymdString(addDays(ref, k));
      case 'W':
      case '2W':
        return isoWeek(addDays(ref, 7 * k * (code === '2W' ? 2 : 1)));
      case 'M': {
        const v = addMonths(ref, k);
        return `${pad(v.y, 4)}-${pad(v.m)}`;
      }
      case 'Q': {
        const v = addMonths(ref, 3 * k);
        return `${pad(v.y, 4)}-Q${Math.floor((v.m - 1) / 3) + 1}`;
      }
      case 'Y':
        return pad(ref.y + k, 4);
      case 'DE':
        return String(Math.floor((ref.y + 10 * k) / 10));
      case 'CE':
        return String(Math.floor((ref.y + 100 * k) / 100));
      case 'TH':
      case 'TM':
      case 'TS':
        return ymdString(ref);
      default:
        return ymdString(ref);
    }
  }

  /** Every temporal expression in `text`, resolved against `published` ("YYYY-MM-DD") when given. */
  find(text: string, published: string | null): TimexMention[] {
    const ref = parseYmd(published);
    const cands: Candidate[] = [];
    for (const p of this.patterns) {
      p.re.lastIndex = 0;
      for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
        const made = p.make(m, ref);
        if (made) cands.push({ ...made, start: m.index, end: m.index + m[0].length, text: m[0] });
      }
    }
    cands.push(...this.chronoCandidates(text, ref));
    const chosen = select(cands);
    // "On 1 February 2022, in the afternoon": a bare part of the day belongs to the date just before it.
    for (let k = 1; k < chosen.length; k++) {
      const c = chosen[k]!;
      const p = chosen[k - 1]!;
      const part = /^(?:the\s+)?(?:early\s+|late\s+)?(morning|afternoon|evening|night|overnight|midday|noon)$/i.exec(c.text);
      if (part && c.type === 'TIME' && /^\d{4}-\d{2}-\d{2}$/.test(p.value) && c.start - p.end <= 20 && !/[.!?]/.test(text.slice(p.end, c.start))) {
        c.value = `${p.value}T${this.lex.partsOfDay[part[1]!.toLowerCase()] ?? 'MI'}`;
      }
    }
    // "late November", "mid-March", "early 2014": the modifier belongs to the expression (the value keeps its grain).
    for (const c of chosen) {
      if (c.type !== 'DATE' || !/^(\d{4}|XXXX)(-\d{2})?$/.test(c.value)) continue;
      const m = /\b(early|late|mid)[\s-]+$/i.exec(text.slice(Math.max(0, c.start - 8), c.start));
      if (m && !chosen.some((o) => o !== c && o.end > c.start - m[0].length && o.start < c.start)) {
        c.start -= m[0].length;
        c.text = text.slice(c.start, c.end);
      }
    }
    return chosen.map((c) => {
      const out: TimexMention = { start: c.start, end: c.end, text: text.slice(c.start, c.end), type: c.type, value: c.value };
      if (c.until) out.until = c.until;
      if (c.approximate) out.approximate = true;
      return out;
    });
  }

  private chronoCandidates(text: string, ref: Ymd | null): Candidate[] {
    const refA = ref ?? { y: 2001, m: 6, d: 15 };
    const a = chrono.casual.parse(text, { instant: new Date(Date.UTC(refA.y, refA.m - 1, refA.d, 12)), timezone: 0 });
    // Without a publication date, parse again against a second reference: what changes with the reference was
    // inferred from it (a year, a weekday's date), so it stays unresolved.
    const b = ref ? null : chrono.casual.parse(text, { instant: new Date(Date.UTC(2013, 1, 20, 12)), timezone: 0 });
    const out: Candidate[] = [];
    for (const r of a) {
      let start = r.index;
      let t = r.text;
      for (let s = this.stripRe.exec(t); s; s = this.stripRe.exec(t)) {
        start += s[0].length;
        t = t.slice(s[0].length);
      }
      t = t.replace(/[\s,;:]+$/, '');
      const lead = /^[(["'“‘\s]+/.exec(t)?.[0].length ?? 0;
      start += lead;
      t = t.slice(lead);
      if (t.length === 0) continue;
      const low = t.toLowerCase();
      if (/^(now|right now|may|march|sat|sun|mon|wed|second|sec|min|the weekend|weekend)$/.test(low)) continue;
      // Numbers chrono reads as times or dates ("625 a", "7/8", "2.50 a"): a date needs a word or a full numeric date.
      if (!/[a-z]{3,}/i.test(t) && !/\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}|\d:\d\d|\d\s*[ap]\.?m\b/i.test(t)) continue;
      // "ten years", "in a week", "a month after": durations, which our own patterns read.
      if (this.durationRe.test(t)) continue;
      const other = b?.find((x) => x.index === r.index && x.text === r.text) ?? null;
      const future = this.futureRe.test(clauseBefore(text, r.index)) || /\\b(next|coming)\\b/i.test(r.text);
      const value = this.chronoValue(r.start, other?.start ?? null, ref, low, future);
      if (!value) continue;
      const cand: Candidate = { start, end: start + t.length, text: t, type: value.type, value: value.value, priority: 2 };
      if (r.end) {
        const e = this.chronoValue(r.end, b?.find((x) => x.index === r.index)?.end ?? null, ref, low, future);
        if (e && e.value !== value.value) cand.until = e.value;
      }
      const before = text.slice(Math.max(0, r.index - 14), r.index).toLowerCase();
      if (/(around|about|approximately|on or about|circa)\s*$/.test(before) || /^(around|about)\b/.test(low)) cand.approximate = true;
      out.push(cand);
    }
    return out;
  }

  private chronoValue(c: chrono.ParsedComponents, other: chrono.ParsedComponents | null, ref: Ymd | null, low: string, future: boolean): { type: TimexType; value: string } | null {
    const differs = (k: chrono.Component): boolean => other != null && other.get(k) !== c.get(k);
    const tags = [...c.tags()].join(' ');
    let y = c.get('year');
    let mo = c.get('month');
    let d = c.get('day');
    if (y == null || mo == null || d == null) return null;
    const relative = /casualReference|relative|TimeUnit/i.test(tags);
    const dayKnown = c.isCertain('day') || c.isCertain('weekday') || relative;
    const monthKnown = c.isCertain('month') || dayKnown;
    // An unanchored weekday or month (no year, no "last"/"next"): news reports mostly look back, so take the most
    // recent one, unless the sentence speaks of the future.
    if (ref && !c.isCertain('year') && !relative && !/\b(last|next|this|coming|past|previous)\b/.test(low)) {
      const r = Date.UTC(ref.y, ref.m - 1, ref.d);
      // The nearest candidate, where a later one counts as 1.5 times as far (or 1/1.5 in a sentence about the future).
      const pick = (cands: number[]): number => {
        const cost = (x: number): number => (x <= r ? (r - x) * (future ? 1.5 : 1) : (x - r) * (future ? 1 : 1.5));
        return [...cands].sort((p, q) => cost(p) - cost(q))[0]!;
      };
      let t: number | null = null;
      if (c.isCertain('weekday') && !c.isCertain('day') && !c.isCertain('month')) {
        // A bare weekday: the last one (today included) unless the sentence speaks of the future.
        const wd = c.get('weekday') ?? 0;
        const dow = new Date(r).getUTCDay();
        const back = (dow - wd + 7) % 7;
        t = future && back !== 0 ? r + ((wd - dow + 7) % 7) * 86400000 : r - back * 86400000;
      } else if (c.isCertain('month')) {
        const day = c.isCertain('day') ? d : 1;
        t = pick([-1, 0, 1].map((k) => Date.UTC(ref.y + k, mo! - 1, day)));
      }
      if (t != null) {
        const dt = new Date(t);
        y = dt.getUTCFullYear();
        mo = dt.getUTCMonth() + 1;
        d = dt.getUTCDate();
      }
    }
    let date: string;
    if (!ref) {
      const Y = differs('year') ? 'XXXX' : pad(y, 4);
      if (differs('month') || differs('day')) {
        const wd = c.get('weekday');
        date = c.isCertain('weekday') && !c.isCertain('day') && wd != null ? `XXXX-WXX-${wd === 0 ? 7 : wd}` : `${Y}-XX-XX`;
        if (!dayKnown) date = `${Y}-XX`;
      } else date = dayKnown ? `${Y}-${pad(mo)}-${pad(d)}` : monthKnown ? `${Y}-${pad(mo)}` : Y;
    } else {
      date = dayKnown ? `${pad(y, 4)}-${pad(mo)}-${pad(d)}` : monthKnown ? `${pad(y, 4)}-${pad(mo)}` : pad(y, 4);
    }
    const part = /\b(morning|afternoon|evening|night|tonight|overnight|noon|midday|midnight)\b/.exec(low)?.[1];
    if (c.isCertain('hour') && !/X/.test(date) && dayKnown && !(part && !/\d/.test(low))) {
      return { type: 'TIME', value: `${date}T${pad(c.get('hour') ?? 0)}:${pad(c.get('minute') ?? 0)}` };
    }
    if (part && dayKnown) {
      const code = this.lex.partsOfDay[part] ?? (part === 'midnight' ? 'NI' : 'MI');
      return { type: 'TIME', value: `${date}T${code}` };
    }
    return { type: 'DATE', value: date };
  }
}

/** Up to 60 characters of the same sentence before `pos`: where "will meet ... on Friday" says the future. */
function clauseBefore(text: string, pos: number): string {
  let a = pos;
  while (a > 0 && pos - a < 60 && !/[.!?\n]/.test(text[a - 1]!)) a--;
  return text.slice(a, pos);
}

/** Keeps the longest of overlapping candidates (then the higher priority, then the earlier). */
function select(cands: Candidate[]): Candidate[] {
  const sorted = [...cands].sort((a, b) => b.end - b.start - (a.end - a.start) || b.priority - a.priority || a.start - b.start);
  const chosen: Candidate[] = [];
  for (const c of sorted) {
    if (chosen.some((o) => c.start < o.end && o.start < c.end)) continue;
    chosen.push(c);
  }
  return chosen.sort((a, b) => a.start - b.start);
}
