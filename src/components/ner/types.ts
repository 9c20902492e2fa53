// The finer entity `type` next to the CoNLL label: NORP for nationalities, demonyms and religious or ethnic groups
// (labelled MISC, as CoNLL-2003 labels "German" or "Iraqis"), GPE for countries, first-level divisions and cities
// (labelled LOC), LOC for other locations (rivers, seas, regions). PER and ORG carry no finer type.
import type { Entity } from '../../core/types.js';
import { GAZ_LISTS, type Gazetteer } from './lexicon.js';

const bit = (l: (typeof GAZ_LISTS)[number]): number => 1 << GAZ_LISTS.indexOf(l);
const GPE = bit('country') | bit('region') | bit('city');
const NORP = bit('nationality');

export function fineType(label: Entity['label'], tokens: readonly string[], gaz: Gazetteer): string | undefined {
  const lower = tokens.map((t) => t.toLowerCase());
  let mask = gaz.lookup(lower);
  // "the United States" / "Iraq 's": look past a leading article.
  if (mask === 0 && lower.length > 1 && lower[0] === 'the') mask = gaz.lookup(lower.slice(1));
  if (label === 'MISC') return mask & NORP ? 'NORP' : undefined;
  if (label === 'LOC') return mask & GPE ? 'GPE' : 'LOC';
  return undefined;
}
