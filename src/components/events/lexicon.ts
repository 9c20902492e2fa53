// The events stage's cue lexicon (data/events/lexicon.json), compiled into phrase tries.
import { PhraseTrie, phraseKeys } from '../actors/keys.js';

export interface TriggerClass {
  class: string;
  weight: number;
  /** ACLED event type and sub-event type, verbatim. */
  fixed?: [string, string];
  /** Typed from the actors around the trigger. */
  byActors?: boolean;
  /** Reports victims only. */
  casualty?: boolean;
  protest?: boolean;
  riot?: boolean;
  territory?: boolean;
  phrases: string[];
}

interface LexiconFile {
  triggers: TriggerClass[];
  modality: Record<Modality, string[]>;
  protestModifiers: Record<'intervention' | 'violent' | 'excessive', string[]>;
  noFatalities: string[];
  unknownFatalities: string[];
  precedence: string[];
  strongClash: string[];
  armedTargets: string[];
  armedVictimHeads: string;
  motiveMarkers: string[];
  notProtestStrikeAfter?: string[];
  crowdOnlyProtestCues?: string[];
}

/** 'charge': a court's or a prosecutor's words ("charged with murder", "convicted of the killings"): what follows is the case, not an event reported. */
export type Modality = 'negation' | 'hypothetical' | 'future' | 'denial' | 'allegation' | 'charge' | 'background';

export class EventLexicon {
  readonly classes: TriggerClass[];
  readonly triggers = new PhraseTrie<number>();
  readonly modality = new PhraseTrie<Modality>();
  readonly protestModifiers = new PhraseTrie<'intervention' | 'violent' | 'excessive'>();
  readonly noFatalities = new PhraseTrie<true>();
  readonly unknownFatalities = new PhraseTrie<true>();
  /** Class name -> rank among violent classes (0 leads). */
  readonly precedence: Map<string, number>;
  readonly strongClash: Set<string>;
  /** Targets that make an attack a battle ("attacked an army base"). */
  readonly armedTargets = new PhraseTrie<true>();
  /** Victims that make a killing a battle ("a drug trafficker was shot"). */
  readonly armedVictimHeads: RegExp;
  /** Words after which a protest sentence states its motive ("against the suicide attack"). */
  readonly motiveMarkers = new PhraseTrie<true>();
  /** "artillery strikes", "drone strike": a strike after these words is not a labour strike. */
  readonly notProtestStrikeAfter: Set<string>;
  /** Protest cues officials use too ("demanded", "condemned"): a protest only when a crowd is named. */
  readonly crowdOnlyProtestCues: Set<string>;

  constructor(raw: LexiconFile) {
    this.classes = raw.triggers;
    raw.triggers.forEach((t, i) => {
      for (const p of t.phrases) this.triggers.add(p, i);
    });
    for (const [kind, words] of Object.entries(raw.modality) as [Modality, string[]][]) for (const w of words) this.modality.add(w, kind);
    for (const [kind, words] of Object.entries(raw.protestModifiers) as ['intervention' | 'violent' | 'excessive', string[]][]) {
      for (const w of words) this.protestModifiers.add(w, kind);
    }
    for (const w of raw.noFatalities) this.noFatalities.add(w, true);
    for (const w of raw.unknownFatalities) this.unknownFatalities.add(w, true);
    this.precedence = new Map(raw.precedence.map((c, i) => [c, i]));
    this.strongClash = new Set(raw.strongClash.map((p) => phraseKeys(p).join(' ')));
    for (const t of raw.armedTargets) this.armedTargets.add(t, true);
    this.armedVictimHeads = new RegExp(raw.armedVictimHeads, 'i');
    for (const m of raw.motiveMarkers ?? []) this.motiveMarkers.add(m, true);
    this.notProtestStrikeAfter = new Set(raw.notProtestStrikeAfter ?? []);
    this.crowdOnlyProtestCues = new Set((raw.crowdOnlyProtestCues ?? []).map((p) => phraseKeys(p).join(' ')));
  }
}

export function parseEventLexicon(json: string): EventLexicon {
  const raw = JSON.parse(json) as LexiconFile;
  if (!Array.isArray(raw.triggers) || !raw.modality || !raw.precedence) throw new Error('events lexicon: missing "triggers", "modality" or "precedence"');
  for (const t of raw.triggers) {
    if (!t.fixed && !t.byActors && !t.territory) throw new Error(`events lexicon: trigger class "${t.class}" has neither "fixed", "byActors" nor "territory"`);
  }
  return new EventLexicon(raw);
}
