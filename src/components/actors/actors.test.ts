import { describe, expect, it } from 'vitest';
import { SharedCache } from '../../core/component.js';
import { Doc } from '../../core/doc.js';
import { FileResources } from '../../data/resources.js';
import { segmentDoc, loadAbbreviations } from '../segment/index.js';
import { loadActorDictionary, resolveActors } from './index.js';

const resources = new FileResources();
const dict = await loadActorDictionary({ resources, shared: new SharedCache() });
const abbr = await loadAbbreviations(await resources.text('segment/abbreviations.json'));

function analyse(text: string, published: string | null = '2022-03-01', prepare?: (d: Doc) => void): Doc {
  const doc = new Doc({ id: 't', text, published });
  segmentDoc(doc, abbr);
  prepare?.(doc);
  resolveActors(doc, dict);
  return doc;
}
const summary = (doc: Doc): string[] => doc.actors.map((a) => `${a.name} [${a.inter}]: ${a.mentions.map((m) => doc.text.slice(m.start, m.end)).join(' | ')}`);

describe('actors', () => {
  it('merges aliases, acronym definitions and descriptive references (issue #2 seed)', () => {
    const doc = analyse(
      'US-backed Syrian forces attacked the last territory held by the Islamic State group, a spokesman for the Syrian Democratic Forces (SDF) said. ' +
        'The SDF said ISIS fighters remain in Syria. Men linked to the militant group were detained. The coalition struck IS positions.',
      '2019-03-01',
    );
    expect(summary(doc)).toEqual([
      'QSD: Syrian Democratic Forces [2]: US-backed Syrian forces | Syrian Democratic Forces | SDF | SDF',
      'Islamic State [2]: Islamic State group | ISIS | the militant group | IS',
      'Civilians (Syria) [7]: Men',
      'Global Coalition Against Daesh [8]: The coalition',
    ]);
  });

  it('makes a new actor from an unknown acronym definition and finds the acronym again', () => {
    const doc = analyse('Fighters of the Mountain Liberation Front (MLF) attacked a post. Later the MLF withdrew.');
    const a = doc.actors.find((x) => x.name === 'MLF: Mountain Liberation Front');
    expect(a?.inter).toBe(2);
    expect(a?.mentions.map((m) => doc.text.slice(m.start, m.end))).toEqual(['Mountain Liberation Front', 'MLF', 'MLF']);
  });

  it('names state forces by the country in front of them, and bare ones by the document country', () => {
    const doc = analyse("Russian forces shelled the town. Ukraine's army said police in Kharkiv, Ukraine, arrested two men.");
    expect(doc.actors.map((a) => [a.name, a.inter, a.countryCode])).toEqual([
      ['Military Forces of Russia (2000-)', 1, 'RU'],
      ['Military Forces of Ukraine (2019-)', 1, 'UA'],
      ['Police Forces of Ukraine', 1, 'UA'],
      ['Civilians (Ukraine)', 7, 'UA'],
    ]);
  });

  it('takes the country of resolved places when the places stage ran', () => {
    const doc = analyse('Police arrested students who gathered to protest in Lahore.', '2022-03-01', (d) => {
      d.places = [{ ...d.span(46, 52), name: 'Lahore', geonameId: 1172451, lat: 31.55, lon: 74.34, countryCode: 'PK', confidence: 0.9 }];
      d.assigned.set('places', 'test');
    });
    expect(doc.actors.map((a) => a.name)).toEqual(['Police Forces of Pakistan', 'Protesters (Pakistan)']);
  });

  it('does not read "military operations" as an actor, nor a lower-case "is" as IS', () => {
    const doc = analyse('The military operation is over and it is calm.');
    expect(doc.actors).toEqual([]);
  });

  it('follows ACLED renaming: the Taliban are state forces from 15 August 2021', () => {
    expect(analyse('The Taliban attacked a checkpoint.', '2020-05-01').actors[0]).toMatchObject({ name: 'Taliban', inter: 2 });
    expect(analyse('The Taliban attacked a checkpoint.', '2022-05-01').actors[0]).toMatchObject({ name: 'Military Forces of Afghanistan (2021-)', inter: 1 });
  });

  it('links entities to actors and turns militant-looking ORG entities into actors', () => {
    const text = 'The Karoo Resistance Brigade claimed the attack, Reuters reported.';
    const doc = analyse(text, '2022-03-01', (d) => {
      d.entities = [
        { ...d.span(4, 28), label: 'ORG' },
        { ...d.span(text.indexOf('Reuters'), text.indexOf('Reuters') + 7), label: 'ORG' },
      ];
      d.assigned.set('entities', 'test');
    });
    expect(doc.actors.map((a) => [a.name, a.inter])).toEqual([['Karoo Resistance Brigade', 2]]);
    expect(doc.entities[0]!.actor).toBe('karoo-resistance-brigade');
    expect(doc.entities[1]!.actor).toBeUndefined();
  });
});
