// Regression test for issue 6, country of the event place: the classes of wrong-country places found by the error
// analysis on ACLED dev (`node dist/eval/events-place-errors.js`), each checked on short reports written for this
// test, through the real default pipeline. Each case says which country the event must be placed in.
import { beforeAll, describe, expect, it } from 'vitest';
import { Analyzer } from '../src/api.js';

let analyzer: Analyzer;
const placeOf = (text: string, published = '2022-06-30'): { name: string; country: string } | null => {
  const doc = analyzer.analyze({ id: 'issue-6-country', text, published });
  const e = doc.events[0];
  return e?.place ? { name: e.place.name, country: e.place.countryCode } : null;
};

describe('issue 6: the event place is in the country the report is about', () => {
  beforeAll(async () => {
    analyzer = await Analyzer.create();
  }, 60_000);

  it('a village read abroad gives way to the region of another country its sentence names', () => {
    // "Tut" alone is a Turkish district seat; Jonglei is a South Sudanese state.
    expect(placeOf('On 4 May 2022, armed men looted cattle near Tut in Nyirol county of Jonglei state.')?.country).toBe('SS');
    // "Wano"/"Kami" read in Pakistan/Japan; a region's seat of another country in the sentence says where.
    expect(placeOf('On 20 April 2022, miners of Kami blocked the road to Cochabamba to demand repairs.')?.country).toBe('BO');
  });

  it('a capital or a region seat is not given away for a region abroad', () => {
    // "England" is read as the English region; Yangon stays (a first-level seat is too well known a name).
    expect(placeOf('On 11 January 2022, fighters opened fire on soldiers guarding a bridge in Yangon, England road.')?.country).toBe('MM');
  });

  it('an abbreviation read as a region abroad ("NC", a party) does not move the event', () => {
    expect(placeOf('On 13 May 2022, cadres of the NC and the UML clashed at a polling station in Baglung.')?.country).toBe('NP');
  });

  it('a name shown to be misread by its qualifiers is misread wherever it is repeated', () => {
    // The first "Djugu" has no qualifier; a later one is qualified by Ituri (DR Congo), so Djougou in Benin is wrong for all.
    expect(placeOf('On 17 March 2022, militiamen looted cows around Djugu, in a village of Djugu (Djugu, Ituri).')?.country).toBe('CD');
  });

  it('a generic qualifier read as a region abroad is the misread one', () => {
    // "East" read as Cameroon's East region must not move an event in Benghazi.
    expect(placeOf('On 27 January 2022, gunmen kidnapped a teacher from the Benghazi School for Girls in Benghazi (Benghazi, East).')).toEqual({ name: 'Benghazi', country: 'LY' });
  });

  it('"City - District": the district after the dash is a part of the city', () => {
    // "Delmas" alone is a South African town; once it is a part of Port-au-Prince, it is so wherever it is repeated.
    expect(placeOf('On 2 January 2022, in Port-au-Prince - Delmas, gunmen set fire to a house in Delmas and killed a man.')?.country).toBe('HT');
    expect(placeOf('On 2 January 2022, in Port-au-Prince - Delmas, Ouest, gunmen set fire to a house in Delmas 33.')?.country).toBe('HT');
  });

  it('"coded to X" is where the event is coded, when the sentence names no region that excludes it', () => {
    expect(placeOf('On 9 May 2022, students protested at a campus in Quezon City (coded to Manila).')?.name).toBe('Manila');
    // Jinfeng is read in another Chinese province than Ningxia: the region the sentence names wins.
    expect(placeOf('On 23 March 2022, workers protested in Yinchuan city, Ningxia (coded to Jinfeng) over unpaid wages.')?.name).toBe('Yinchuan');
  });

  it('"Location coded as X." after the report places it; fatalities coded to another event do not', () => {
    expect(placeOf('On 12 January 2022, police arrested two separatist leaders at a hotel in Kuala Lumpur. Location coded as Bangkok.')?.name).toBe('Bangkok');
    expect(placeOf('On 19 February 2022, rebels shelled army positions near Shyrokyne, Donetsk. Casualties unknown (fatalities coded to the Novotroitske event).')?.name).toBe('Donetsk');
  });

  it('a name after "al" is no tail of a longer name when the place read is the whole name', () => {
    expect(placeOf('On 26 March 2022, settlers attacked Palestinian houses with stones in Asirah al Qibliyah village (Nablus, West Bank).')?.name).toBe('‘Aşīrah al Qiblīyah');
  });

  it('"No. 2506" and "Molotov cocktails" are no places', () => {
    const doc = analyzer.analyze({ id: 'issue-6-country', text: 'On 23 February 2022, parents blocked the gate of school No. 2506 in Encarnacion (Itapua).', published: '2022-03-01' });
    expect(doc.places.map((p) => doc.text.slice(p.start, p.end))).not.toContain('No.');
    expect(placeOf('On 26 June 2022, youths threw Molotov cocktails at riot police in Exarchia, Athens.')?.country).toBe('GR');
  });
});
