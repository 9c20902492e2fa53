import { describe, expect, it } from 'vitest';
import type { ArticleDetail, Mention } from '../server/contract.js';
import { articleMarks, segment, type Mark } from './highlight.js';

const m = (start: number, end: number, kind: Mark['kind']): Mark => ({ start, end, kind, title: kind });

describe('segment', () => {
  it('cuts the text at every boundary; overlapping marks share a segment', () => {
    // "Troops clashed in Gao." evidence 0..22, actor 0..6, place 18..21
    const segs = segment(22, [m(0, 22, 'evidence'), m(0, 6, 'actor'), m(18, 21, 'place')]);
    expect(segs.map((s) => [s.start, s.end, s.marks.map((x) => x.kind).sort().join('+')])).toEqual([
      [0, 6, 'actor+evidence'],
      [6, 18, 'evidence'],
      [18, 21, 'evidence+place'],
      [21, 22, 'evidence'],
    ]);
  });

  it('covers the whole text exactly once, unmarked text included', () => {
    const segs = segment(30, [m(5, 10, 'date'), m(8, 20, 'evidence')]);
    expect(segs[0]).toEqual({ start: 0, end: 5, marks: [] });
    expect(segs.at(-1)).toEqual({ start: 20, end: 30, marks: [] });
    for (let i = 1; i < segs.length; i++) expect(segs[i]!.start).toBe(segs[i - 1]!.end);
  });

  it('drops marks that are empty, reversed, fractional or outside the text', () => {
    const segs = segment(10, [m(3, 3, 'actor'), m(6, 4, 'place'), m(-1, 4, 'date'), m(8, 12, 'figure'), m(1.5, 3, 'actor')]);
    expect(segs).toEqual([{ start: 0, end: 10, marks: [] }]);
    expect(segment(0, [])).toEqual([]);
  });
});

describe('articleMarks', () => {
  const text = 'Gao: Malian soldiers clashed with JNIM near Gao on Tuesday, killing four fighters.';
  const article = {
    id: 7,
    doc: {
      text,
      actors: [{ id: 'mil-ml', name: 'Military Forces of Mali', aliases: [], inter: 1, mentions: [{ start: 5, end: 20 }] }],
      places: [
        { start: 0, end: 3, text: 'Gao', name: 'Gao', geonameId: 2457163, lat: 16.27, lon: -0.04, countryCode: 'ML', confidence: 1, kind: 'toponym' },
        { start: 5, end: 11, text: 'Malian', name: 'Mali', geonameId: 2453866, lat: 17, lon: -4, countryCode: 'ML', confidence: 1, kind: 'embedded' },
      ],
      dates: [{ start: 51, end: 58, text: 'Tuesday', type: 'DATE', value: '2024-05-14' }],
      quantities: [{ start: 68, end: 81, text: 'four fighters', value: 4, approximate: false, kind: 'killed' }],
      events: [{ id: 'e1', trace: { trigger: { start: 21, end: 28 } } }],
    },
  } as unknown as ArticleDetail;
  const mention = { articleId: 7, docEventId: 'e1', eventType: 'Battles', subEventType: 'Armed clash', evidence: [{ start: 0, end: 82, text }] } as unknown as Mention;

  it('marks evidence and trigger of this article only, and every actor, place (not embedded), date and figure', () => {
    const other = { ...mention, articleId: 8, evidence: [{ start: 0, end: 3, text: 'Gao' }] } as Mention;
    const marks = articleMarks(article, [mention, other], (c) => (c === 1 ? 'State forces' : '?'));
    const by = (k: string): Mark[] => marks.filter((x) => x.kind === k);
    expect(by('evidence').map((x) => [x.start, x.end])).toEqual([[0, 82]]);
    expect(by('trigger').map((x) => text.slice(x.start, x.end))).toEqual(['clashed']);
    expect(by('actor')[0]!.title).toBe('actor: Military Forces of Mali (inter 1, State forces)');
    expect(by('place').map((x) => text.slice(x.start, x.end))).toEqual(['Gao']);
    expect(by('place')[0]!.title).toContain('GeoNames 2457163');
    expect(by('date')[0]!.title).toBe('date: DATE 2024-05-14');
    expect(by('figure')[0]!.title).toBe('figure: 4 killed');
  });
});
