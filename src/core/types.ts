// The data model of ../shared/CONTRACT.md (v1), plus the internal layers components pass between them.
// Everything here is plain data: no fs, network, database or clock.

/** A half-open range of UTF-16 code units in `Doc.text`. */
export interface Span {
  start: number;
  end: number;
}

/** A span that also carries its text; `doc.text.slice(start, end) === text` always holds. */
export interface TextSpan extends Span {
  text: string;
}

export type NerLabel = 'PER' | 'ORG' | 'LOC' | 'MISC';

export interface Token extends TextSpan {
  /** Index into `Doc.sentences`. */
  sentence: number;
}

/**
 * A word of the syntax layer (UD English tokenisation, which refines `tokens`: "US-backed" is three words), with
 * its part of speech, lemma, features and dependency arc. Printed as the contract's `tokens` layer with --tokens.
 */
export interface Word extends Span {
  /** Index into `Doc.tokens` of the token the word lies in. */
  token: number;
  /** Index into `Doc.sentences`. */
  sentence: number;
  /** Universal POS tag ("NOUN", "VERB", "PROPN", ...). */
  upos: string;
  /** Penn Treebank tag ("NNS", "VBD", ...). */
  xpos: string;
  lemma: string;
  /** UD features ("Tense=Past|VerbForm=Fin"), "" when none. */
  feats: string;
  /** Index into `Doc.words` of the head, -1 for the root of a sentence. */
  head: number;
  /** UD relation with its subtype ("nsubj", "obl:agent"). */
  deprel: string;
}

/** The contract's `tokens` layer entry (../shared/CONTRACT.md, printed with --tokens). */
export interface TokenJSON {
  start: number;
  end: number;
  pos: string;
  lemma?: string;
  feats?: string;
  head: number;
  dep: string;
  /** Added field: the Penn Treebank tag. */
  xpos?: string;
}

export interface Removed {
  text: string;
  reason: string;
  /** Where the removed text started in the input given to the clean stage (before normalisation). */
  inputStart?: number;
}

export interface Entity extends TextSpan {
  label: NerLabel;
  /** Finer type: NORP (nationalities, demonyms), GPE, LOC, FAC, ... */
  type?: string;
  /** Canonical actor id when the entity is a known actor. */
  actor?: string;
  /** Model score in 0..1 when the producer has one. */
  confidence?: number;
}

export interface PlaceMention extends TextSpan {
  name: string;
  geonameId: number | null;
  lat: number;
  lon: number;
  /** ISO 3166-1 alpha-2. */
  countryCode: string;
  admin1?: string;
  featureCode?: string;
  /** 0..1 */
  confidence: number;
  /** Added field: how an event located at this mention is coded, ACLED-style (a region is coded to its capital, precision 3). */
  eventPlace?: EventPlace;
  /**
   * Added field: what the mention is. "toponym": a place name used as one; "demonym": an adjective or demonym
   * ("Iraqi border", "Syrian forces") linked to its country or region; "embedded": a place name inside a longer name
   * ("Washington Post", "Syrian Democratic Forces"). Only toponyms and demonyms carry an eventPlace.
   */
  kind?: 'toponym' | 'demonym' | 'embedded';
}

export type TimexType = 'DATE' | 'TIME' | 'DURATION' | 'SET';

export interface DateMention extends TextSpan {
  type: TimexType;
  /** TIMEX3 value: "2019-03-01", "2018-09", "2014", "P4Y", "XXXX-02-12" when unresolvable. */
  value: string;
}

export interface Actor {
  id: string;
  name: string;
  aliases: string[];
  /** ACLED inter code 1..8, or null when unknown. */
  inter: number | null;
  mentions: Span[];
  /** Added field: what sort of actor ("named", "military", "police", "civilians", "protesters", "unidentified", ...). */
  kind?: string;
  /** Added field: the actor's country (ISO 3166-1 alpha-2) for state forces and country-bound groups, when known. */
  countryCode?: string | null;
}

export interface ActorRef {
  id: string;
  name: string;
  inter: number | null;
}

export interface EventPlace {
  name: string;
  geonameId: number | null;
  lat: number;
  lon: number;
  countryCode: string;
  admin1?: string;
  /** ACLED geo_precision: 1 the named town, 2 near it or part of a region, 3 a region coded to its capital. */
  precision: 1 | 2 | 3;
}

export interface EventDate {
  /** "YYYY-MM-DD" | "YYYY-MM" | "YYYY" */
  value: string;
  /** ACLED time_precision: 1 the day, 2 the week or a few days, 3 the month or longer. */
  precision: 1 | 2 | 3;
}

export interface ConflictEvent {
  id: string;
  /** ACLED event_type, verbatim. */
  eventType: string;
  /** ACLED sub_event_type, verbatim. */
  subEventType: string;
  actor1: ActorRef | null;
  actor2: ActorRef | null;
  place: EventPlace | null;
  date: EventDate | null;
  /** ACLED coding rules: the most conservative reported figure; null when unknown. */
  fatalities: number | null;
  /** The sentence(s) the event was read from. */
  evidence: Span[];
  confidence: number;
  /** Added field: the span each field was read from (trigger words, actor mentions, place, date, fatality figures). */
  trace?: { trigger: Span; triggers?: Span[]; actor1?: Span; actor2?: Span; place?: Span; date?: Span; fatalities?: Span[] };
  /** Added field: counted people the event names ("thousands of civilians" evacuated, "17" arrested), typed. */
  counts?: { kind: string; value: number | null; start: number; end: number }[];
}

/** The JSON document `sitrep analyze` prints, exactly as ../shared/CONTRACT.md defines it (plus added fields). */
export interface DocJSON {
  version: 1;
  id: string;
  title: string | null;
  published: string | null;
  text: string;
  removed: Removed[];
  sentences: Span[];
  /** Only with --tokens: the syntax layer (UD English words). */
  tokens?: TokenJSON[];
  entities: Entity[];
  places: PlaceMention[];
  dates: DateMention[];
  actors: Actor[];
  events: ConflictEvent[];
  /** Added field: the dateline at the head of the article ("Baghouz:"), when there is one. */
  dateline?: Span | null;
  /** Added field: where the input came from. */
  url?: string | null;
  /** Added field: counted people and things with their ACLED-coded figures (see Quantity in doc.ts). */
  quantities?: { start: number; end: number; text: string; value: number | null; approximate: boolean; kind: string; head?: string }[];
}

/** An error record for one input of a batch (the contract's `{"id", "error"}` line). */
export interface DocError {
  id: string;
  error: string;
}
