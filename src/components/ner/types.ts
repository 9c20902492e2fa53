// The finer entity `type` next to the CoNLL label: NORP for nationalities, demonyms and religious or ethnic groups
// (labelled MISC, as CoNLL-2003 labels "German" or "Iraqis"), GPE for countries, first-level divisions and cities
// (labelled LOC), LOC for natural features and regions (rivers, seas, "Middle East"); a LOC the lists do not know
// gets no finer type (the places stage resolves it). PER and ORG carry no finer type.
import type { Entity } from '../../core/types.js';
import { GAZ_LISTS, type NerLexicon } from './lexicon.js';

const bit = (l: (typeof GAZ_LISTS)[number]): number => 1 << GAZ_LISTS.indexOf(l);
const GPE = bit('country') | bit('region') | bit('city');
const NORP = bit('nationality');

export function fineType(label: Entity['label'], tokens: readonly string[], lex: NerLexicon): string | undefined {
  let lower = tokens.map((t) => t.toLowerCase());
  // "the United States": look past a leading article.
  if (lower.length > 1 && lower[0] === 'the') lower = lower.slice(1);
  const mask = lex.gazetteer.lookup(lower);
  if (label === 'MISC') return mask & NORP ? 'NORP' : undefined;
  if (label !== 'LOC') return undefined;
  if (lex.natural?.has(lower.join(' ')) || (lower.length > 1 && lex.naturalWords?.has(lower[lower.length - 1]!))) return 'LOC';
  return mask & GPE ? 'GPE' : undefined;
}
