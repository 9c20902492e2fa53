// Regression test for issue 6, news-style modality round: the classes of non-events found on the development half of
// the PLOVER synthetic stories (eval/plover.ts; docs/events.md "PLOVER synthetic stories"), each checked on short
// texts written for this test (none is taken from the stories), through the real default pipeline. Each case pairs
// the non-event with a report of an event in similar words that must stay.
import { beforeAll, describe, expect, it } from 'vitest';
import { Analyzer } from '../src/api.js';

let analyzer: Analyzer;
const types = (text: string, published = '2019-07-01'): string[] => analyzer.analyze({ id: 'issue-6-plover', text, published }).events.map((e) => e.subEventType);

describe('issue 6: threats, charges and other talk on news-style text are no events', () => {
  beforeAll(async () => {
    analyzer = await Analyzer.create();
  }, 60_000);

  it("a threat's own verb is no attack; threatening villagers with guns is", () => {
    expect(types('On Monday the interior minister threatened to ban the opposition party.')).toEqual([]);
    expect(types('Police threatened the organisers with arrest if the march went ahead.')).toEqual([]);
    expect(types('The president threatened that the rebels would pay a heavy price.')).toEqual([]);
    expect(types('Armed men threatened villagers with guns in Kidal on Monday.')).toEqual(['Attack']);
  });

  it('a charge, a conviction or a trial is not the killing it names; the killing reported is an event', () => {
    expect(types('A court in Nairobi on Tuesday convicted the former commander of the murder of two farmers.')).toEqual([]);
    expect(types('Prosecutors charged the mayor with the killing of a journalist.')).toEqual([]);
    expect(types('He was sentenced to life for the bombing of a market.')).toEqual([]);
    expect(types('Gunmen killed two farmers near Nyeri on Tuesday.')).toEqual(['Attack']);
  });

  it('a cyber attack is no attack; an attack on a power plant is', () => {
    expect(types('A cyber attack disabled the power plant in Kharkiv on Saturday.')).toEqual([]);
    expect(types('Hackers attacked the computer systems of the electricity company on Saturday.')).toEqual([]);
    expect(types('Gunmen attacked the power plant in Kharkiv on Saturday, killing two workers.')).toEqual(['Attack']);
  });

  it('a deal struck, a warning or a ban on protests, a press conference told to are no events', () => {
    expect(types('The opposition rejected the peace deal struck by the two governments on Friday.')).toEqual([]);
    expect(types('The governor issued a warning against further protests in the capital on Friday.')).toEqual([]);
    expect(types('The mayor announced a ban on demonstrations in the city centre.')).toEqual([]);
    expect(types('The minister told a press conference in Lagos on Friday that the talks would resume.')).toEqual([]);
    expect(types('Teachers held a press conference with banners outside the education ministry in Lagos on Friday.')).toEqual(['Peaceful protest']);
    expect(types('Hundreds of teachers protested outside the education ministry in Lagos on Friday.')).toEqual(['Peaceful protest']);
  });

  it('a crowd named as the object of praise or as planning something is no protest; a crowd marching is', () => {
    expect(types('The president congratulated the protesters on their courage.')).toEqual([]);
    expect(types('The government agreed to most of the demands of the protesters.')).toEqual([]);
    expect(types('The protesters threatened to disrupt the elections if the bill passed.')).toEqual([]);
    expect(types('Thousands of protesters marched through Minsk on Tuesday.')).toEqual(['Peaceful protest']);
  });

  it('investigations of claims, natural and accidental deaths, election wins are no violence', () => {
    expect(types('The government pledged to investigate claims that soldiers had tortured detainees.')).toEqual([]);
    expect(types('Cholera, a disease which has killed hundreds of people, is spreading in the camps.')).toEqual([]);
    expect(types('At least 40 people were killed in the accident on the highway on Sunday.')).toEqual([]);
    expect(types('The prime minister beat his rival, who won 15 percent of the vote.')).toEqual([]);
    expect(types('Soldiers tortured two detainees in Bamenda on Sunday, a rights group said.')).toEqual(['Attack']);
    expect(types('Police beat two students in Harare on Sunday.')).toEqual(['Attack']);
  });

  it('a fight that has gone on for months is a state of war; a fight on a day is an incident', () => {
    expect(types('Rival militias have battled for control of the port for months.')).toEqual([]);
    expect(types('Rival militias battled for control of the port in Misrata on Sunday.')).toEqual(['Armed clash']);
  });

  it('an event planned, awaited or a staged (faked) one is no event', () => {
    expect(types('Officials said the militants were planning more attacks on the police.')).toEqual([]);
    expect(types('The rally was to be the largest ever held by the opposition.')).toEqual([]);
    expect(types('He said the video showed another staged event.')).toEqual([]);
    expect(types('A militia that once fought the army handed over its weapons on Friday.')).not.toContain('Armed clash');
  });
});
