import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SharedCache, type Component } from '../../core/component.js';
import { Doc } from '../../core/doc.js';
import type { PlaceMention } from '../../core/types.js';
import { FileResources } from '../../data/resources.js';
import { missingShared, sharedPath } from '../../../eval/lib/shared.js';
import { registry } from '../registry.js';
import type { TracedEvent } from './extract.js';

const resources = new FileResources();
const ctx = { resources, shared: new SharedCache(), log: () => {} };
const stage = async (name: string): Promise<Component> => registry.get(name)!.create({ ...ctx, options: {} });
const [clean, segment, dates, actors, quantities] = await Promise.all(['clean', 'segment', 'dates', 'actors', 'quantities'].map(stage));
const events = await registry.get('events')!.create({ ...ctx, options: {} });
const rulesOnly = await registry.get('events')!.create({ ...ctx, options: { classifier: false } });

type Place = Omit<PlaceMention, 'start' | 'end' | 'text'> & { text: string; nth?: number };

/** Runs the real stages, with the places layer filled by hand (the places stage is another issue's). */
function analyse(text: string, published: string | null, places?: Place[], component = events): Doc {
  const doc = new Doc({ id: 't', text, published });
  const run = (c: Component): void => {
    c.process(doc);
    for (const a of c.assigns) doc.assigned.set(a, c.name);
  };
  run(clean!);
  run(segment!);
  if (places) {
    for (const p of places) {
      let at = -1;
      for (let k = 0; k <= (p.nth ?? 0); k++) at = doc.text.indexOf(p.text, at + 1);
      const { nth: _nth, text: t, ...rest } = p;
      doc.places.push({ ...rest, ...doc.span(at, at + t.length) });
    }
    doc.places.sort((a, b) => a.start - b.start);
    doc.assigned.set('places', 'test');
  }
  for (const c of [dates!, actors!, quantities!]) run(c);
  component.process(doc);
  return doc;
}
const ev = (doc: Doc): TracedEvent[] => doc.events as TracedEvent[];
const slice = (doc: Doc, s: { start: number; end: number } | undefined): string => (s ? doc.text.slice(s.start, s.end) : '');

const place = (text: string, name: string, lat: number, lon: number, countryCode: string, featureCode: string, nth = 0): Place => ({ text, name, lat, lon, countryCode, featureCode, geonameId: null, confidence: 0.9, nth });

describe('events', () => {
  it.skipIf(missingShared('samples', 'baghouz.txt'))('codes the seed article with its places (issue #2), the Battles event at Baghouz', () => {
    const text = readFileSync(sharedPath('samples', 'baghouz.txt'), 'utf8');
    const doc = analyse(text, '2019-03-01', [
      place('Baghouz', 'Al Baghuz Fawqani', 34.4603, 40.9339, 'SY', 'PPL'),
      place('Syria', 'Syria', 35, 38, 'SY', 'PCLI'),
      place('Baghouz', 'Al Baghuz Fawqani', 34.4603, 40.9339, 'SY', 'PPL', 1),
      place('Euphrates', 'Euphrates', 34.5, 40.9, 'SY', 'STM'),
    ]);
    const battle = ev(doc).find((e) => e.eventType === 'Battles')!;
    expect(slice(doc, battle.trace.trigger)).toBe('resumed military operations');
    expect(battle.place).toMatchObject({ name: 'Al Baghuz Fawqani', countryCode: 'SY', precision: 1 });
    expect(battle.date).toEqual({ value: '2019-03-01', precision: 1 });
    expect(battle.actor1?.name).toBe('QSD: Syrian Democratic Forces');
    expect(battle.actor2?.name).toBe('Islamic State');
    expect(ev(doc).find((e) => e.subEventType === 'Air/drone strike')?.fatalities).toBeNull();
    expect(ev(doc).find((e) => slice(doc, e.trace.trigger) === 'halted')?.date).toEqual({ value: '2019-02-12', precision: 1 });
    // every traced span is inside the event's evidence or the text before it
    for (const e of ev(doc)) {
      expect(e.evidence.some((s) => s.start <= e.trace.trigger.start && e.trace.trigger.end <= s.end)).toBe(true);
      for (const k of ['actor1', 'actor2', 'place', 'date'] as const) if (e.trace[k]) expect(e.trace[k]!.end).toBeLessThanOrEqual(doc.text.length);
    }
  });

  it('codes no event from hypothetical, future, negated, denied, alleged or background statements', () => {
    for (const t of [
      'Rebels will attack the town next week.',
      'Officials said the militants would likely fight till the end.',
      'The army did not shell the village.',
      'The group denied that it attacked the convoy.',
      'She accused the coalition of killing many women and children.',
      'At the height of its power in 2014, the group killed thousands of people.',
      'If the talks fail, the army could launch an offensive.',
      'The capture of the last pocket would mark the end of the campaign.',
      'The main responsibility for eight years of mass killing lies with the regime.',
      'Airstrikes and torture remain the hallmarks of the war.',
    ]) {
      expect(ev(analyse(t, '2019-03-01')), t).toEqual([]);
    }
  });

  it('codes fatalities by ACLED rules: vague figures, injured are not dead, unknown is null, none is 0', () => {
    const fat = (t: string): (number | null)[] => ev(analyse(t, '2022-03-10', undefined, rulesOnly)).map((e) => e.fatalities);
    expect(fat('On 8 March 2022, gunmen killed dozens of villagers in an attack.')).toEqual([12]);
    expect(fat('On 8 March 2022, several soldiers were killed when militants attacked an army post.')).toEqual([3]);
    expect(fat('On 8 March 2022, militants clashed with soldiers. Hundreds were killed.')).toEqual([100]);
    expect(fat('On 8 March 2022, Russian forces shelled the town. Two people were injured.')).toEqual([null]);
    expect(fat('On 8 March 2022, Russian forces shelled the town. There were no casualties.')).toEqual([0]);
    expect(fat('On 8 March 2022, soldiers clashed with rebels, killing 3 soldiers and 2 rebels.')).toEqual([5]);
    expect(fat('On 8 March 2022, rebels attacked a base. 4 fatalities.')).toEqual([4]);
  });

  it('types protests with intervention and names protesters by the place country; counts detained people', () => {
    const doc = analyse('On 6 March 2022, hundreds of students protested in Dhaka. Police fired tear gas and arrested 17 protesters.', '2022-03-10', [
      place('Dhaka', 'Dhaka', 23.71, 90.41, 'BD', 'PPLC'),
    ]);
    const [e] = ev(doc);
    expect(e).toMatchObject({ eventType: 'Protests', subEventType: 'Protest with intervention', fatalities: 0 });
    expect(e!.actor1).toMatchObject({ name: 'Protesters (Bangladesh)', inter: 6 });
    expect(e!.place).toMatchObject({ name: 'Dhaka', precision: 1 });
    expect(doc.quantities.find((q) => q.kind === 'detained')).toMatchObject({ text: '17 protesters', value: 17 });
  });

  it('codes a state force acting abroad as external (inter 8), and "near X" at precision 2', () => {
    const doc = analyse('On 3 February 2022, Turkish forces shelled villages near Tal Tamr.', '2022-02-05', [place('Tal Tamr', 'Tall Tamr', 36.65, 40.37, 'SY', 'PPL')]);
    const [e] = ev(doc);
    expect(e).toMatchObject({ eventType: 'Explosions/Remote violence', subEventType: 'Shelling/artillery/missile attack' });
    expect(e!.actor1).toMatchObject({ name: 'Military Forces of Turkey (2016-)', inter: 8 });
    expect(e!.place?.precision).toBe(2);
  });

  it("uses the places stage's eventPlace, and the dateline's town when the sentence names only the country", () => {
    const region: Place = {
      ...place('Donetsk Oblast', 'Donetsk Oblast', 48.0, 37.8, 'UA', 'ADM1'),
      eventPlace: { name: 'Donetsk', geonameId: 709717, lat: 48.023, lon: 37.802, countryCode: 'UA', admin1: 'Donetsk', precision: 3 },
    };
    const [e] = ev(analyse('On 5 May 2022, Russian forces shelled villages in Donetsk Oblast.', '2022-05-06', [region]));
    expect(e!.place).toEqual({ name: 'Donetsk', geonameId: 709717, lat: 48.023, lon: 37.802, countryCode: 'UA', admin1: 'Donetsk', precision: 3 });
    expect(e!.actor1?.inter).toBe(8);
    const doc = analyse('Kidal: Officials said the town was tense. On Monday gunmen attacked an army post in Mali, killing two soldiers.', '2022-05-06', [
      place('Kidal', 'Kidal', 18.44, 1.41, 'ML', 'PPLA'),
      place('Mali', 'Mali', 17, -4, 'ML', 'PCLI'),
    ]);
    doc.dateline = { start: 0, end: 5 };
    events.process(doc);
    expect(ev(doc)[0]!.place).toMatchObject({ name: 'Kidal', precision: 1 });
    expect(ev(doc)[0]!.fatalities).toBe(2);
  });

  it('takes the date of its own sentence, else the sentences before it, else the publication date; none without one', () => {
    const doc = analyse('On Monday, gunmen attacked a village. Later, soldiers clashed with the gunmen.', '2022-03-10');
    expect(ev(doc).map((e) => e.date?.value)).toEqual(['2022-03-07', '2022-03-07']);
    expect(ev(analyse('Gunmen attacked a village.', '2022-03-10'))[0]!.date).toEqual({ value: '2022-03-10', precision: 2 });
    expect(ev(analyse('Gunmen attacked a village.', null))[0]!.date).toBeNull();
    expect(ev(analyse('On Monday, gunmen attacked a village.', null))[0]!.date).toBeNull();
  });

  it('types generic violence from its actors: armed against armed is a battle, against civilians an attack, by a mob mob violence', () => {
    const types = (t: string): string[] => ev(analyse(t, '2022-03-10', undefined, rulesOnly)).map((e) => `${e.eventType}/${e.subEventType}`);
    expect(types('Al Shabaab militants attacked Somali soldiers at a checkpoint.')).toEqual(['Battles/Armed clash']);
    expect(types('Unidentified gunmen shot and killed a farmer.')).toEqual(['Violence against civilians/Attack']);
    expect(types('A mob beat a man suspected of theft.')).toEqual(['Riots/Mob violence']);
    expect(types('Police arrested two journalists.')).toEqual(['Strategic developments/Arrests']);
    expect(types('ISWAP fighters abducted ten farmers.')).toEqual(['Violence against civilians/Abduction/forced disappearance']);
  });

  it('finds the agent after "in police firing" and reads all-lower-case reports unit by unit', () => {
    const [e] = ev(analyse('on 2 march 2002, three men were killed in police firing in the old city.', '2002-03-05', undefined, rulesOnly));
    expect(e!.actor1?.name).toMatch(/^Police Forces/);
    expect(e!.fatalities).toBe(3);
    const long =
      'this story is from march 7, 2002. ayodhya: hundreds of activists held a protest march on tuesday against the ban on the programme in the city and shouted slogans for hours. ' +
      'about 35 persons were arrested in this connection. the protesters were later released by the police after the district magistrate intervened in the matter late in the evening.';
    const doc = analyse(long, '2002-03-07', undefined, rulesOnly);
    expect(ev(doc).map((x) => x.subEventType)).toEqual(expect.arrayContaining(['Arrests']));
  });
});

describe("issue 6: the event's place", () => {
  const where = (text: string, places: Place[]): TracedEvent => ev(analyse(text, '2022-06-01', places, rulesOnly))[0]!;
  const withKind = (p: Place, kind: 'toponym' | 'demonym' | 'embedded'): Place => ({ ...p, kind });

  it('the town the report is about, not a neighbourhood of it read as a namesake elsewhere', () => {
    const e = where('On 6 May 2022, in Santarem (Para), a drug trafficker was shot and killed in the Floresta neighborhood by an armed individual.', [
      place('Santarem', 'Santarém', -2.44, -54.71, 'BR', 'PPLA2'),
      { ...place('Para', 'Pará', -3.5, -52.0, 'BR', 'ADM1'), admin1: '16' },
      place('Floresta', 'Floresta', -8.6, -38.57, 'BR', 'PPL'),
    ]);
    expect(e.place?.name).toBe('Santarém');
    expect(e.place?.precision).toBe(1);
  });

  it('a name read in another country than its own qualifiers gives way to them (Djugu, Ituri)', () => {
    const e = where('On 24 February 2022, CODECO militants killed a civilian in Ukareba village (Djugu, Ituri).', [
      place('Djugu', 'Djougou', 9.71, 1.67, 'BJ', 'PPLA'),
      place('Ituri', 'Ituri', 1.6, 29.4, 'CD', 'ADM1'),
    ]);
    expect(e.place?.countryCode).toBe('CD');
    expect(e.place?.precision).toBe(3);
  });

  it('never a place inside a longer name, an actor, a weapon or a demonym while a town is named', () => {
    const e = where('On 15 April 2022, Russian forces fired artillery and Grad missiles at Liutivka, Kharkiv.', [
      withKind(place('Russian', 'Russia', 60, 100, 'RU', 'PCLI'), 'demonym'),
      place('Grad', 'Grad', 46.1, 15.1, 'SI', 'PPLA'),
      place('Kharkiv', 'Kharkiv', 49.98, 36.25, 'UA', 'PPLA'),
    ]);
    expect(e.place?.name).toBe('Kharkiv');
    const v = where('On 1 May 2022, workers marched through the Vila Isabel neighborhood of Rio de Janeiro.', [
      withKind(place('Vila', 'Port-Vila', -17.7, 168.3, 'VU', 'PPLC'), 'embedded'),
      place('Rio de Janeiro', 'Rio de Janeiro', -22.9, -43.2, 'BR', 'PPLA'),
    ]);
    expect(v.place?.countryCode).toBe('BR');
  });

  it("a protest's place is where it gathered, not what it was against", () => {
    const e = where('On 26 February 2022, Ukrainians gathered in Gloucester to protest against the Russian invasion of Ukraine.', [
      withKind(place('Ukrainians', 'Ukraine', 49, 32, 'UA', 'PCLI'), 'demonym'),
      place('Gloucester', 'Gloucester', 51.86, -2.24, 'GB', 'PPLA2'),
      withKind(place('Russian', 'Russia', 60, 100, 'RU', 'PCLI'), 'demonym'),
      place('Ukraine', 'Ukraine', 49, 32, 'UA', 'PCLI'),
    ]);
    expect(e.place?.name).toBe('Gloucester');
  });

  it('"near X" is precision 2', () => {
    const e = where('On 3 May 2022, gunmen killed two farmers near Gwoza.', [place('Gwoza', 'Gwoza', 11.08, 13.69, 'NG', 'PPLA2')]);
    expect(e.place).toMatchObject({ name: 'Gwoza', precision: 2 });
  });
});

describe('issue 6: rival reports of one toll', () => {
  const fat = (text: string): number | null => ev(analyse(text, '2022-06-01', undefined, rulesOnly))[0]!.fatalities;
  it('takes the most conservative of conflicting figures in one sentence, and still adds up different victims', () => {
    expect(fat('On 3 May 2022, gunmen attacked a village; police said 5 people were killed, while residents said 8 people died.')).toBe(5);
    expect(fat('On 3 May 2022, police said 7 people were killed in the attack, while residents put the toll at 12.')).toBe(7);
    expect(fat('On 3 May 2022, militants ambushed a patrol, killing 3 soldiers and 2 policemen.')).toBe(5);
  });
});

