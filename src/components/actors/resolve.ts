// Finds actor mentions in a document and merges them into canonical actors:
//   1. acronym definitions ("Syrian Democratic Forces (SDF)") add document aliases, or a new actor "SDF: ...";
//   2. one left-to-right pass, longest phrase first: dictionary aliases (a following "militants"/"fighters" is
//      absorbed), state forces with a country in front ("Russian forces", "Turkey's army"), descriptive references,
//      generic groups ("gunmen", "protesters", "villagers"), bare state forces ("troops", "police");
//   3. descriptive references ("the militant group", "the coalition") resolved to the nearest earlier compatible
//      actor; generic actors get the document's country ("Civilians (Syria)");
//   4. ORG entities (when the ner stage ran) with a militant-looking name become actors of their own.
import type { Doc } from '../../core/doc.js';
import type { Actor, Span } from '../../core/types.js';
import type { ActorDictionary, ActorEntry } from './dictionary.js';
import { keyTokens, PhraseTrie, type KeyToken } from './keys.js';

type Target =
  | { type: 'named'; entry: ActorEntry }
  | { type: 'state'; template: number; country: string | null; prefixed: boolean; alternatives?: string[] }
  | { type: 'group'; template: number }
  | { type: 'descriptor'; rule: number | null; entry: ActorEntry | null; fallbackGroup: number | null };

interface Mention extends Span {
  sentence: number;
  target: Target;
  /** Set once resolved: the canonical actor's key. */
  key?: string;
}

interface Canon {
  key: string;
  name: string;
  inter: number | null;
  kind: string;
  countryCode: string | null;
  tags: string[];
  mentions: Mention[];
}

const FUNCTION_WORDS = new Set(['of', 'for', 'the', 'and', 'de', 'del', 'al', 'el', 'la', 'des', 'du', 'in', 'to', 'on', 'at']);

/** An id from a name: lower-case ASCII words joined by dashes. */
export function actorId(name: string): string {
  return (
    name
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'actor'
  );
}

export function resolveActors(doc: Doc, dict: ActorDictionary): void {
  const tokens = keyTokens(doc.text);
  const sentenceOf = (t: KeyToken): number => (doc.sentences.length ? doc.sentenceAt(t.start) : 0);

  // 1. Acronym definitions.
  const docTrie = new PhraseTrie<ActorEntry>();
  const docEntries: ActorEntry[] = [];
  for (let k = 1; k + 2 < tokens.length; k++) {
    if (tokens[k]!.raw !== '(' || tokens[k + 2]!.raw !== ')') continue;
    const acr = tokens[k + 1]!.raw;
    if (!/^[A-Z][A-Za-z0-9&]{1,9}$/.test(acr) || (acr.match(/[A-Z]/g) ?? []).length < 2) continue;
    let a = k;
    while (a > 0 && k - a < 9) {
      const t = tokens[a - 1]!;
      if (t.punct || sentenceOf(t) !== sentenceOf(tokens[k]!)) break;
      if (!/^\p{Lu}/u.test(t.raw) && !FUNCTION_WORDS.has(t.key)) break;
      a--;
    }
    while (a < k && FUNCTION_WORDS.has(tokens[a]!.key)) a++;
    if (a >= k) continue;
    const longTokens = tokens.slice(a, k);
    if (!initialsMatch(acr, longTokens.map((t) => t.raw))) {
      // "... the Syrian Democratic Forces (SDF)": try shorter tails of the capitalised run.
      let b = a;
      while (b < k && (FUNCTION_WORDS.has(tokens[b]!.key) || !initialsMatch(acr, tokens.slice(b, k).map((t) => t.raw)))) b++;
      if (b >= k) continue;
      a = b;
    }
    const longForm = doc.text.slice(tokens[a]!.start, tokens[k - 1]!.end);
    let entry: ActorEntry | null = null;
    for (let s = a; s < k && !entry; s++) {
      const m = dict.named.matchesAt(tokens, s).find((x) => x.end === k);
      if (m) entry = dict.entries[m.value]!;
    }
    if (!entry) {
      entry = docEntries.find((e) => e.aliases.includes(acr)) ?? null;
      if (!entry) {
        entry = { name: `${acr}: ${longForm}`, inter: dict.guessInter(longForm), aliases: [acr, longForm] };
        docEntries.push(entry);
        docTrie.add(longForm, entry);
      }
    }
    docTrie.add(acr, entry);
  }

  // 2. Mentions, longest match first.
  const mentions: Mention[] = [];
  let i = 0;
  while (i < tokens.length) {
    const best = bestMatch(tokens, i, dict, docTrie);
    if (!best) {
      i++;
      continue;
    }
    let end = best.end;
    if (best.target.type === 'named') {
      const suffix = dict.suffixHeads.matchesAt(tokens, end)[0];
      mentions.push(mentionOf(tokens, i, end, best.target, sentenceOf));
      if (suffix) end = suffix.end;
    } else mentions.push(mentionOf(tokens, i, end, best.target, sentenceOf));
    i = end;
  }

  const covered = mentions.filter((m) => m.target.type === 'named' || m.target.type === 'state');
  const docCountry = documentCountry(doc, dict, tokens.filter((t) => !covered.some((m) => m.start <= t.start && t.end <= m.end)));

  // 3. Resolve to canonical actors.
  const canon = new Map<string, Canon>();
  const add = (m: Mention, c: Omit<Canon, 'mentions'>): void => {
    let x = canon.get(c.key);
    if (!x) {
      x = { ...c, mentions: [] };
      canon.set(c.key, x);
    }
    m.key = c.key;
    x.mentions.push(m);
  };
  const sentenceCues = cueSentences(doc, dict, tokens, sentenceOf);
  const resolved: Mention[] = [];
  for (const m of mentions) {
    const t = m.target;
    if (t.type === 'named') {
      const c = namedCanon(t.entry, doc.published);
      add(m, c);
    } else if (t.type === 'state') {
      const tpl = dict.state[t.template]!;
      // "Congolese army": a demonym of two countries names the one the document is about.
      const here = placeCountry(doc, m) ?? docCountry;
      const country = (here && t.alternatives?.includes(here) ? here : t.country) ?? here;
      add(m, stateCanon(dict, tpl, country, doc.published));
    } else if (t.type === 'group') {
      add(m, groupCanon(dict, t.template, m, sentenceCues, doc.text, placeCountry(doc, m) ?? docCountry));
    } else {
      const ante = antecedent(t, m, resolved, canon, dict, docCountry);
      if (ante) add(m, ante);
      else if (t.fallbackGroup != null) add(m, groupCanon(dict, t.fallbackGroup, m, sentenceCues, doc.text, placeCountry(doc, m) ?? docCountry));
      else continue;
    }
    resolved.push(m);
  }

  // 4. ORG entities not covered by a mention, with a name that says armed group.
  if (doc.assigned.has('entities')) {
    for (const e of doc.entities) {
      const m = resolved.find((x) => x.start < e.end && e.start < x.end);
      if (m) continue;
      if (e.label !== 'ORG') continue;
      const inter = dict.guessInter(e.text);
      if (inter == null) continue;
      const mention: Mention = { start: e.start, end: e.end, sentence: doc.sentenceAt(e.start), target: { type: 'named', entry: { name: e.text, inter, aliases: [e.text] } } };
      add(mention, { key: `named:${e.text.toLowerCase()}`, name: e.text, inter, kind: 'named', countryCode: null, tags: [] });
      resolved.push(mention);
    }
  }

  const actors: Actor[] = [];
  const usedIds = new Set<string>();
  for (const c of canon.values()) {
    let id = actorId(c.name);
    for (let n = 2; usedIds.has(id); n++) id = `${actorId(c.name)}-${n}`;
    usedIds.add(id);
    const ms = [...c.mentions].sort((a, b) => a.start - b.start);
    const actor: Actor = {
      id,
      name: c.name,
      aliases: [...new Set(ms.map((m) => doc.text.slice(m.start, m.end)))],
      inter: c.inter,
      mentions: ms.map((m) => ({ start: m.start, end: m.end })),
      kind: c.kind,
      countryCode: c.countryCode,
    };
    actors.push(actor);
  }
  actors.sort((a, b) => a.mentions[0]!.start - b.mentions[0]!.start);
  doc.actors = actors;
  if (doc.assigned.has('entities')) {
    for (const e of doc.entities) {
      const a = actors.find((x) => x.mentions.some((m) => m.start < e.end && e.start < m.end));
      if (a && (e.label === 'ORG' || e.label === 'MISC')) e.actor = a.id;
    }
  }
}

function initialsMatch(acr: string, words: string[]): boolean {
  const letters = acr.replace(/[^A-Za-z]/g, '').toUpperCase();
  const caps = words.filter((w) => /^\p{Lu}/u.test(w)).map((w) => w[0]!.toUpperCase());
  if (caps.length === 0 || letters.length === 0) return false;
  if (caps[0] !== letters[0]) return false;
  // Every capitalised word's initial appears in order in the acronym (acronyms may skip none of the content words).
  let j = 0;
  for (const c of caps) {
    const at = letters.indexOf(c, j);
    if (at < 0) return false;
    j = at + 1;
  }
  return caps.length >= Math.min(2, letters.length) || letters.length <= 3;
}

function bestMatch(tokens: KeyToken[], i: number, dict: ActorDictionary, docTrie: PhraseTrie<ActorEntry>): { end: number; target: Target } | null {
  const cands: { end: number; target: Target; prio: number }[] = [];
  const docM = docTrie.matchesAt(tokens, i)[0];
  if (docM) cands.push({ end: docM.end, target: { type: 'named', entry: docM.value }, prio: 6 });
  const named = dict.named.matchesAt(tokens, i)[0];
  if (named) cands.push({ end: named.end, target: { type: 'named', entry: dict.entries[named.value]! }, prio: 5 });
  const countries = dict.countries.matchesAt(tokens, i);
  for (const c of countries) {
    let e = c.end;
    if (tokens[e]?.key === 's') e++;
    const h = dict.stateHeads.matchesAt(tokens, e)[0];
    if (h && !dict.notBeforeStateHead.has(tokens[h.end]?.key ?? '')) {
      const alternatives = countries.filter((x) => x.end === c.end).map((x) => x.value);
      cands.push({ end: h.end, target: { type: 'state', template: h.value, country: c.value, prefixed: true, alternatives }, prio: 4 });
      break;
    }
  }
  const d = dict.descriptors.matchesAt(tokens, i)[0];
  if (d) {
    const fallback = dict.groups.matchesAt(tokens, i).find((g) => g.end === d.end)?.value ?? null;
    const t: Target = 'rule' in d.value ? { type: 'descriptor', rule: d.value.rule, entry: null, fallbackGroup: fallback } : { type: 'descriptor', rule: null, entry: dict.entries[d.value.entry]!, fallbackGroup: fallback };
    cands.push({ end: d.end, target: t, prio: 3 });
  }
  const g = dict.groups.matchesAt(tokens, i)[0];
  if (g) cands.push({ end: g.end, target: { type: 'group', template: g.value }, prio: 2 });
  const b = dict.bareState.matchesAt(tokens, i)[0];
  if (b && !dict.notBeforeStateHead.has(tokens[b.end]?.key ?? '')) cands.push({ end: b.end, target: { type: 'state', template: b.value, country: null, prefixed: false }, prio: 1 });
  if (cands.length === 0) return null;
  cands.sort((x, y) => y.end - x.end || y.prio - x.prio);
  return cands[0]!;
}

function mentionOf(tokens: KeyToken[], i: number, end: number, target: Target, sentenceOf: (t: KeyToken) => number): Mention {
  return { start: tokens[i]!.start, end: tokens[end - 1]!.end, sentence: sentenceOf(tokens[i]!), target };
}

function namedCanon(entry: ActorEntry, published: string | null): Omit<Canon, 'mentions'> {
  if (entry.until && entry.successor && published && published >= entry.until) {
    const s = entry.successor;
    return { key: `named:${s.name}`, name: s.name, inter: s.inter, kind: 'named', countryCode: s.country ?? null, tags: entry.tags ?? [] };
  }
  return { key: `named:${entry.name}`, name: entry.name, inter: entry.inter, kind: entry.inter === 1 ? 'state' : 'named', countryCode: entry.country ?? null, tags: entry.tags ?? [] };
}

function stateCanon(dict: ActorDictionary, tpl: { kind: string; name: string; inter: number }, iso: string | null, published: string | null): Omit<Canon, 'mentions'> {
  const c = dict.countryTable.get(iso);
  let name: string;
  const era = tpl.kind === 'military' && iso ? dict.militaryName(iso, published) : null;
  if (era) name = era;
  else name = c ? tpl.name.replace('{country}', c.withArticle) : tpl.name.replace(/ of \{country\}$/, '').replace(' ({country})', '');
  return { key: `state:${tpl.kind}:${iso ?? '?'}`, name, inter: tpl.inter, kind: tpl.kind, countryCode: iso, tags: [] };
}

function groupCanon(dict: ActorDictionary, template: number, m: Mention, cues: Map<number, { protest: boolean; riot: boolean }>, text: string, iso: string | null): Omit<Canon, 'mentions'> {
  let tpl = dict.groupTemplates[template]!;
  const cue = cues.get(m.sentence);
  const phrase = text.slice(m.start, m.end).toLowerCase();
  const collective = !/^(a|an|the|one)\s/.test(phrase);
  if (cue && tpl.kind === 'civilians' && collective) {
    const to = cue.protest ? 'protesters' : null;
    const t = to ? dict.groupTemplates.find((g) => g.kind === to) : undefined;
    if (t) tpl = t;
  }
  if (cue?.riot && !cue.protest && tpl.kind === 'protesters') tpl = dict.groupTemplates.find((g) => g.kind === 'rioters') ?? tpl;
  const c = dict.countryTable.get(iso);
  const name = c ? tpl.name.replace('{country}', c.name) : tpl.name.replace(/\s*\(\{country\}\)/, '');
  return { key: `group:${tpl.kind}:${iso ?? '?'}`, name, inter: tpl.inter, kind: tpl.kind, countryCode: iso, tags: [] };
}

function antecedent(
  t: Extract<Target, { type: 'descriptor' }>,
  m: Mention,
  earlier: Mention[],
  canon: Map<string, Canon>,
  dict: ActorDictionary,
  docCountry: string | null,
): Omit<Canon, 'mentions'> | null {
  if (t.entry) {
    const c = canon.get(`named:${t.entry.name}`);
    if (c) return c;
  }
  const rule = t.rule != null ? dict.rules[t.rule]! : null;
  if (rule) {
    if (rule.prefer) {
      for (let k = earlier.length - 1; k >= 0; k--) {
        const e = earlier[k]!;
        if (rule.window != null && m.sentence - e.sentence > rule.window) break;
        const c = canon.get(e.key!);
        if (c && c.tags.some((x) => rule.prefer!.includes(x)) && (!rule.inter || (c.inter != null && rule.inter.includes(c.inter)))) return c;
      }
    }
    for (let k = earlier.length - 1; k >= 0; k--) {
      const e = earlier[k]!;
      if (rule.window != null && m.sentence - e.sentence > rule.window) break;
      const c = canon.get(e.key!);
      if (!c || c.kind === 'civilians' || c.kind === 'protesters' || c.kind === 'rioters') continue;
      const interOk = rule.inter ? c.inter != null && rule.inter.includes(c.inter) : false;
      const tagOk = rule.tags ? rule.tags.some((x) => c.tags.includes(x)) : false;
      if (interOk || tagOk) return c;
    }
  }
  // A descriptor an actor owns ("the coalition") names it in its own countries even before it is mentioned.
  const phraseOwners = dict.entries.filter((e) => e.descriptors && e.countries && docCountry && e.countries.includes(docCountry));
  if (t.entry && docCountry && t.entry.countries?.includes(docCountry)) return namedCanon(t.entry, null);
  if (rule?.tags) {
    const owner = phraseOwners.find((e) => rule.tags!.some((x) => (e.tags ?? []).includes(x)));
    if (owner) return namedCanon(owner, null);
  }
  return null;
}

/** Per sentence: does it speak of a protest, a riot? */
function cueSentences(doc: Doc, dict: ActorDictionary, tokens: KeyToken[], sentenceOf: (t: KeyToken) => number): Map<number, { protest: boolean; riot: boolean }> {
  const out = new Map<number, { protest: boolean; riot: boolean }>();
  const dates = doc.assigned.has('dates') ? doc.dates : [];
  for (let i = 0; i < tokens.length; i++) {
    // "on 2 march 2002": a month is not a march.
    if (dates.some((d) => d.start <= tokens[i]!.start && tokens[i]!.end <= d.end)) continue;
    for (const n of [3, 2, 1]) {
      if (i + n > tokens.length) continue;
      const k = tokens
        .slice(i, i + n)
        .map((t) => t.key)
        .join(' ');
      // "a missile strike", "an air strike": a weapon's strike is no labour strike.
      // "after they called for a protest": a call, not a protest.
      const called = /\b(?:called for|calling for|call for|calls for|urged|urging)$/.test(tokens.slice(Math.max(0, i - 3), i).map((t) => t.key).join(' ').replace(/ (?:a|an|the|new|general|mass)$/, ''));
      const p = dict.protestCues.has(k) && !called && !(/^strik/.test(k) && dict.notProtestStrikeAfter.has(tokens[i - 1]?.key ?? ''));
      const r = dict.riotCues.has(k);
      if (!p && !r) continue;
      const s = sentenceOf(tokens[i]!);
      const x = out.get(s) ?? { protest: false, riot: false };
      x.protest ||= p;
      x.riot ||= r;
      out.set(s, x);
    }
  }
  return out;
}

/** The country of a resolved place in the mention's sentence, when the places stage ran. */
function placeCountry(doc: Doc, m: Mention): string | null {
  if (!doc.assigned.has('places')) return null;
  // A demonym ("Russian missiles struck Kharkiv") names whose forces, not where: Kharkiv's civilians are Ukraine's.
  const inSentence = doc.places.filter((x) => doc.sentenceAt(x.start) === m.sentence && x.countryCode);
  const p = inSentence.find((x) => x.kind !== 'demonym') ?? inSentence[0];
  return p?.countryCode ?? null;
}

/**
 * The document's country: the dateline's or most frequent country among resolved places when the places stage ran;
 * otherwise the first country named in the text (a demonym counts only when it is not in front of a state-force head).
 */
export function documentCountry(doc: Doc, dict: ActorDictionary, tokens?: KeyToken[]): string | null {
  if (doc.assigned.has('places') && doc.places.length > 0) {
    if (doc.dateline) {
      const d = doc.places.find((p) => p.start >= doc.dateline!.start && p.end <= doc.dateline!.end);
      if (d?.countryCode) return d.countryCode;
    }
    const counts = new Map<string, number>();
    for (const p of doc.places) if (p.countryCode) counts.set(p.countryCode, (counts.get(p.countryCode) ?? 0) + 1);
    const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
    if (best) return best[0];
  }
  const toks = tokens ?? keyTokens(doc.text);
  let demonym: string | null = null;
  for (let i = 0; i < toks.length; i++) {
    const c = dict.countries.matchesAt(toks, i)[0];
    if (!c) continue;
    const country = dict.countryTable.get(c.value);
    const written = doc.text.slice(toks[i]!.start, toks[c.end - 1]!.end);
    if (country?.names.some((n) => n.toLowerCase() === written.toLowerCase())) return c.value;
    let e = c.end;
    if (toks[e]?.key === 's') e++;
    const compound = /^[-‐‑]/.test(doc.text.slice(toks[c.end - 1]!.end)) && /^(backed|led|based|trained|funded|made|allied|sponsored|supported|brokered)$/.test(toks[c.end]?.key ?? '');
    if (!demonym && !compound && !dict.stateHeads.matchesAt(toks, e)[0]) demonym = c.value;
    i = c.end - 1;
  }
  return demonym;
}
