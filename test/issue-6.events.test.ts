// Regression test for issue 6 (events on wire-style news): the error classes found on the demo corpus, each checked
// on a short report through the real default pipeline. The texts are written for this test (like data/demo, they
// describe invented events at real places).
import { beforeAll, describe, expect, it } from 'vitest';
import { Analyzer } from '../src/api.js';
import type { DocJSON } from '../src/core/types.js';

let analyzer: Analyzer;
const run = (text: string, published: string): DocJSON => analyzer.analyze({ id: 'issue-6', text, published });
const brief = (d: DocJSON): string[] => d.events.map((e) => `${e.eventType}/${e.subEventType} | ${e.actor1?.name ?? '-'} [${e.actor1?.inter ?? ''}] | ${e.actor2?.name ?? '-'} | ${e.place?.name ?? '-'} | ${e.fatalities}`);

describe('issue 6: events on wire-style news', () => {
  beforeAll(async () => {
    analyzer = await Analyzer.create();
  }, 60_000);

  it('agent and patient: the target of a bomb, the gangs that attack a police station, the army that retakes a town', () => {
    const ied = run('Gao: A roadside bomb struck a Malian army convoy near Gao on Monday, killing three soldiers, military sources said.', '2024-03-12');
    expect(brief(ied)).toEqual(['Explosions/Remote violence/Remote explosive/landmine/IED | Unidentified Armed Group (Mali) [3] | Military Forces of Mali (2021-) | Gao | 3']);
    const gangs = run('Port-au-Prince: Armed gangs attacked a police station in Port-au-Prince on Sunday. Two police officers were killed in the attack.', '2024-03-11');
    expect(brief(gangs)).toEqual(['Battles/Armed clash | Unidentified Gang (Haiti) [3] | Police Forces of Haiti | Port-au-Prince | 2']);
    const retake = run('Somali government forces recaptured the town of Jowhar from al-Shabaab on Sunday after heavy fighting, officials said.', '2024-04-08');
    expect(retake.events[0]).toMatchObject({ subEventType: 'Government regains territory', actor1: { name: 'Military Forces of Somalia (2022-)' }, actor2: { name: 'Al Shabaab' } });
  });

  it("a state's weapons name its forces; a missile strike is no labour strike; the victims are the place's civilians", () => {
    for (const text of ['Two people were killed when Russian missiles struck Kharkiv on Sunday, emergency services said.', 'Kharkiv: A Russian missile strike hit an industrial area of Kharkiv on Sunday, killing two people.']) {
      const d = run(text, '2024-05-13');
      expect(brief(d)).toEqual(['Explosions/Remote violence/Shelling/artillery/missile attack | Military Forces of Russia (2000-) [8] | Civilians (Ukraine) | Kharkiv | 2']);
      expect(d.actors.map((a) => a.name)).not.toContain('Protesters (Ukraine)');
    }
  });

  it("state forces carry ACLED's era of the publication date, and 'Congolese army' in Goma is the DRC's", () => {
    const text = 'Somali troops clashed with al-Shabaab fighters near Afgooye on Sunday.';
    expect(run(text, '2024-04-08').events[0]?.actor1?.name).toBe('Military Forces of Somalia (2022-)');
    expect(run(text, '2022-03-08').events[0]?.actor1?.name).toBe('Military Forces of Somalia (2017-2022)');
    const goma = run('Goma: Fighting broke out between the Congolese army and M23 rebels west of Goma on Tuesday.', '2024-02-28');
    expect(goma.events[0]?.actor1).toMatchObject({ name: 'Military Forces of the Democratic Republic of Congo (2019-)', inter: 1 });
  });

  it('no event from a claim, a background sentence, wounded people, a call for a protest; riot police are police', () => {
    const gao = run('Gao: A roadside bomb struck an army convoy near Gao on Monday, killing three soldiers. No group claimed the attack, but JNIM fighters are active in the area.', '2024-03-12');
    expect(gao.events).toHaveLength(1);
    const claimed = run('Mogadishu: A suicide bomber blew himself up at a checkpoint in Mogadishu on Thursday, killing five people, police said. Al-Shabaab said it carried out the attack. Ambulances took at least ten wounded people to hospital.', '2024-03-15');
    expect(brief(claimed)).toHaveLength(1);
    expect(claimed.events[0]).toMatchObject({ subEventType: 'Suicide bomb', actor1: { name: 'Al Shabaab' }, fatalities: 5 });
    const background = run('Khartoum: Artillery shells fired by the Rapid Support Forces hit a market in Omdurman on Wednesday, killing nine civilians. The army and the RSF have fought for control of the capital for almost a year.', '2024-03-21');
    expect(background.events).toHaveLength(1);
    const call = run('Ouagadougou: Police arrested four members of a civil society group in Ouagadougou on Saturday after they called for a protest.', '2024-04-15');
    expect(call.events.map((e) => e.subEventType)).toEqual(['Arrests']);
    const riotPolice = run('Riot police broke up a protest against new taxes in Nairobi on May 7, using tear gas and water cannon.', '2024-05-08');
    expect(riotPolice.events.map((e) => e.subEventType)).toEqual(['Protest with intervention']);
  });

  it('the region named in the clause beats the dateline town', () => {
    const d = run('Niamey: Gunmen on motorbikes attacked a weekly market in the Tillaberi region of Niger on Friday, killing at least 9 civilians, a local official said.', '2024-03-30');
    expect(d.events[0]?.place).toMatchObject({ countryCode: 'NE', precision: 3 });
    expect(d.events[0]?.place?.name).toMatch(/^Tillab/);
  });

  it('"at least 9" is 9: the source of a report is not one more victim; other victims in a later sentence add up', () => {
    const d = run('Niamey: Gunmen attacked a market in the Tillaberi region on Friday, killing at least 9 civilians, a local official said.', '2024-03-30');
    expect(d.events[0]?.fatalities).toBe(9);
    const sum = run('Two Nigerian soldiers died when ISWAP militants stormed a base in Konduga on March 3. The army said at least ten attackers were killed.', '2024-03-05');
    expect(sum.events[0]?.fatalities).toBe(12);
  });
});
