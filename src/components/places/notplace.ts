// Names that are not places in their context, whichever spotter found them (the entity layer or the rules). Each
// test is a kind of word or a kind of context, not a list of errors (issue 17):
// - months and weekdays ("in August", "Aug. 5", "Friday"), unless a region qualifies them ("August, Georgia");
// - titles and abbreviations of words ("Sen.", "Rev.", "Det.", "No.", "A.M."), contractions ("I've", "We'd");
// - short capitals that are no known abbreviation of a country or region ("EMS", "DHS", "EST"): agencies, services,
//   time zones; a dateline's capitals ("LODI --") stay;
// - a compass word alone ("North", "Northeast"), unless it closes a qualifier after a place ("Bamenda (Mezam,
//   North-West)"): a direction, not the Cameroonian region;
// - a name inside a street address ("the 3100 block of North 25th Street", "Algiers Drive", "(450 West)");
// - a person's name: the surname or given name of a person the document names in full ("Marquis D. Hinton ... Hinton
//   turned himself in"), or a name followed by an age ("Hinton, 18,"), unless a locative word precedes it.
import type { Doc } from '../../core/doc.js';
import type { SpottedMention } from './spot.js';

const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';
const MONTH_ABBR = 'Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec';
const WEEKDAYS = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday';
const CALENDAR = new RegExp(`^(?:(?:${MONTHS}|${WEEKDAYS})|(?:${MONTH_ABBR})\\.?)$`, 'i');
/** Abbreviated titles and words that are never a place on their own. */
const WORD_ABBR = /^(?:(?:Sen|Rep|Rev|Dr|Gov|Capt|Cpl|Col|Gen|Atty|Supt|Insp|Ofc|Dep|Cmdr|Prof|St|Ste|No|Nos|Vol|Art|Fig|Inc|Co|Corp|Ltd|Ave|Blvd|Rd|Hwy|Dept|Univ)\.|(?:Sr|Jr|Mr|Mrs|Ms|Lt|Sgt|Det)\.?|[AaPp]\.[Mm]\.?)$/;
const CONTRACTION = /^(?:I|We|You|They|He|She|It|That|There|Who|What|Here|Let)['’]\p{Ll}+$/iu;
const COMPASS = /^(?:North|South|East|West|Northeast|Northwest|Southeast|Southwest|North-?East|North-?West|South-?East|South-?West|Central|Northern|Southern|Eastern|Western|Midwest|Upper|Lower)$/i;
const STREET_WORD = '(?:Street|St|Avenue|Ave|Road|Rd|Drive|Dr|Boulevard|Blvd|Lane|Ln|Place|Pl|Court|Ct|Way|Parkway|Pkwy|Highway|Hwy|Circle|Cir|Terrace|Ter|Trail|Trl|Pike|Expressway|Freeway|Turnpike|Row|Alley|Plaza|Square)';
/** After the name: an ordinal or number and a street word, or a street word ("North 15th Street", "Algiers Drive", "Chester Avenues"). */
const STREET_AFTER = new RegExp(`^(?:\\s+\\d+(?:st|nd|rd|th)?)?(?:\\s+(?:and|&)\\s+[\\p{Lu}\\d][\\p{L}\\d]*)?\\s+${STREET_WORD}s?\\b\\.?`, 'u');
/** Before the name: a house number or "block of" ("1311 Northwest 2nd Avenue", "the 400 block of North Garvin"). */
const NUMBER_BEFORE = /(?:\b\d+[A-Z]?|\bblock of|\bN\.|\bS\.|\bE\.|\bW\.)\s+$/;
/** A compass word right after a number, or before an ordinal ("500 West", "West 50th"). */
const GRID = /^\s+\d+(?:st|nd|rd|th)\b/;
const LOCATIVE_BEFORE = /\b(?:in|at|near|outside|from|to|into|toward|towards)\s+(?:the\s+)?$/i;

function isAllCapsWord(s: string): boolean {
  return /^[A-Z]{2,4}$/.test(s);
}

/** A "Name, 18," age after a name: the name is a person's. */
const AGE_AFTER = /^,\s*\d{1,3},/;

/** The parts of the names of persons the document names in full (two words or more). */
function personParts(doc: Doc): Set<string> {
  const out = new Set<string>();
  for (const e of doc.entities) {
    if (e.label !== 'PER') continue;
    const words = doc.text.slice(e.start, e.end).split(/\s+/).filter((w) => /^\p{Lu}[\p{L}'’-]+$/u.test(w));
    if (words.length < 2) continue;
    out.add(words[0]!);
    out.add(words[words.length - 1]!);
  }
  return out;
}

export interface NotPlaceOptions {
  /** Is this surface a country, first-level region or known abbreviation by its very name ("Ohio", "US", "EU")? */
  strongPlace: (surface: string) => boolean;
  /** Is it a known abbreviation of a country or region exactly as written ("U.S.", "Fla."), or a demonym ("EU")? */
  abbreviation: (surface: string) => boolean;
}

/** The mentions that name something other than a place in their context (see the header). */
export function dropNonPlaces(doc: Doc, mentions: SpottedMention[], opts: NotPlaceOptions): SpottedMention[] {
  const text = doc.text;
  let persons: Set<string> | null = null;
  const inDateline = (m: SpottedMention): boolean => !!doc.dateline && m.start >= doc.dateline.start && m.end <= doc.dateline.end;
  return mentions.filter((m, i) => {
    if (m.kind === 'demonym') return true;
    const surface = text.slice(m.start, m.end);
    const before = text.slice(Math.max(0, m.start - 30), m.start);
    const after = text.slice(m.end, m.end + 40);
    const prev = mentions[i - 1];
    const next = mentions[i + 1];
    // Closing a qualifier after a place: "X, North-West", "X (Y, East)".
    const qualifierSlot = prev !== undefined && /^\s*[,(]\s*(?:[^(),]{1,40},\s*)?$/.test(text.slice(prev.end, m.start));
    const qualifiedBy = next !== undefined && /^\s*,\s*$/.test(text.slice(m.end, next.start));
    if (CALENDAR.test(surface.replace(/\.$/, '').trim()) || CALENDAR.test(surface.trim())) return qualifiedBy;
    if (WORD_ABBR.test(surface)) return false;
    if (CONTRACTION.test(surface)) return false;
    if (isAllCapsWord(surface) && !opts.abbreviation(surface) && !opts.strongPlace(surface) && !inDateline(m)) {
      // Three capitals or fewer are an acronym here; four only right after a capitalised name ("Collier EMS").
      if (surface.length <= 3 || /\p{Lu}[\p{Ll}]+\s+$/u.test(before)) return false;
    }
    const bare = surface.replace(/\s+(?:County|Side|End|Region|Area)$/i, '');
    // A compass word alone: not before another name ("Central American", "Southern California": a longer name the
    // span cut), not "the West", not closing a qualifier.
    if (COMPASS.test(bare) && !qualifierSlot && !/^\s+\p{Lu}/u.test(after) && !/\bthe\s+$/i.test(before)) return false;
    if (STREET_AFTER.test(after)) return false;
    if (NUMBER_BEFORE.test(before) && (COMPASS.test(surface) || /^\s+\d/.test(after) || STREET_AFTER.test(after))) return false;
    if (COMPASS.test(surface) && (GRID.test(after) || /\d\s+$/.test(before))) return false;
    if (!opts.strongPlace(surface) && !LOCATIVE_BEFORE.test(before)) {
      if (AGE_AFTER.test(after)) return false;
      if (m.kind === 'toponym' && !/\s/.test(surface)) {
        persons ??= personParts(doc);
        // A bare name that is part of a person's full name elsewhere, and not inside that person's mention here.
        if (persons.has(surface) && !doc.entities.some((e) => e.label !== 'PER' && e.start <= m.start && m.end <= e.end && e.end - e.start > surface.length)) return false;
      }
    }
    return true;
  });
}
