// Issue 13: events an analyst can trust in real news. Regression cases from the issue, on the default pipeline
// (syntax included): an age is no toll, "shot and killed" is a death, one incident told in several sentences is
// one event, and the learned detector stays opt-in.
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../src/api.js';

const an = await Analyzer.create();
const withDetector = await Analyzer.create({ detector: true });
const events = (text: string) => an.analyzeDoc({ id: 't', text, published: '2015-06-02', detectHtml: false }).events;

describe('issue 13: real-news events', () => {
  it('"Demontez Jones, 15, died" is one death, not fifteen', () => {
    const e = events('Demontez Jones, 15, died when he was shot outside a store on Monday night in Memphis, police said.');
    expect(e).toHaveLength(1);
    expect(e[0]!.fatalities).toBe(1);
  });

  it('"a man was shot and killed" is a toll of one; "fatally shot" and "pronounced dead" are deaths', () => {
    expect(events('A man was shot and killed Sunday night in Flint, police said.')[0]?.fatalities).toBe(1);
    const e = events('CHICAGO — A 30-year-old man was fatally shot and three others were injured during a drive-by shooting at a lounge early Sunday. He was later pronounced dead, said Officer Ana Pacheco.');
    expect(e.map((x) => x.fatalities)).toEqual([1]);
  });

  it('one shooting told in three sentences is one event', () => {
    const e = events(
      'A man was shot and killed Sunday night in Flint, police said. The victim was found on the porch of a home on Maple Street. Officers said the gunman shot him several times before fleeing on foot.',
    );
    expect(e.filter((x) => x.eventType === 'Violence against civilians' || x.eventType === 'Battles')).toHaveLength(1);
  });

  it('an arrest and a withdrawal in one article stay two events', () => {
    const e = events('Police arrested two journalists in Kampala on Monday. Separately, troops withdrew from the town of Gulu on Monday.');
    expect(e.map((x) => x.subEventType).sort()).toEqual(['Arrests', 'Non-violent transfer of territory']);
  });

  it('the learned detector is opt-in, leaves short texts to the rules, and keeps only what it believes', () => {
    const short = 'Police arrested two journalists in Kampala on Monday.';
    const strip = (x: { confidence: number }[]) => x.map((e) => ({ ...e, confidence: 0 }));
    expect(strip(withDetector.analyzeDoc({ id: 's', text: short, published: '2015-06-02', detectHtml: false }).events)).toEqual(strip(events(short)));
    const article = [
      'Police fired tear gas at protesters in Nairobi on Monday.',
      'Two people were killed.',
      'The march was organised by opposition parties.',
      'Officers arrested 40 people.',
      'The government said it would investigate.',
    ].join(' ');
    const rules = events(article);
    const kept = withDetector.analyzeDoc({ id: 'a', text: article, published: '2015-06-02', detectHtml: false }).events;
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThanOrEqual(rules.length + 1);
    for (const e of kept) expect(e.confidence).toBeGreaterThanOrEqual(0.15);
  });
});
