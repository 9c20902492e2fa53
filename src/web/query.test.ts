import { describe, expect, it } from 'vitest';
import { addDays, bboxOf, daysBetween, describeFilters, emptyFilters, filterParams, isFiltered, normaliseReview, pageSearch, parseFilters, parseOrder, reviewStates } from './query.js';

describe('filters in the query string', () => {
  it('round-trips every filter with the API parameter names', () => {
    const search =
      '?type=Battles&type=Riots&subType=Armed+clash&country=ng&country=SY&admin1=NG.27&actor=Boko+Haram&q=%22air+strike%22&review=pending&review=rejected&from=2024-03-01&to=2024-03-31&minFatalities=5';
    const f = parseFilters(search);
    expect(f).toEqual({
      types: ['Battles', 'Riots'],
      subTypes: ['Armed clash'],
      countries: ['NG', 'SY'],
      admin1: ['NG.27'],
      actors: ['Boko Haram'],
      q: '"air strike"',
      review: ['pending', 'rejected'],
      from: '2024-03-01',
      to: '2024-03-31',
      minFatalities: '5',
      bbox: '',
    });
    expect(parseFilters(filterParams(f))).toEqual(f);
    const p = filterParams(f);
    expect(p.getAll('type')).toEqual(['Battles', 'Riots']);
    expect(p.get('q')).toBe('"air strike"');
  });

  it('drops values the API would refuse instead of sending them', () => {
    const f = parseFilters('?from=yesterday&to=2024-13&minFatalities=-3&country=Nigeria&review=maybe');
    expect(f).toEqual(emptyFilters());
    expect(isFiltered(f)).toBe(false);
    expect(filterParams(f).toString()).toBe('');
  });

  it('swaps a reversed date range', () => {
    expect(parseFilters('?from=2024-05-01&to=2024-04-01')).toMatchObject({ from: '2024-04-01', to: '2024-05-01' });
  });

  it('review states: the default set is no parameter; all four is "all"', () => {
    expect(normaliseReview(['pending', 'accepted', 'edited'])).toBeNull();
    expect(normaliseReview(['rejected', 'edited', 'accepted', 'pending'])).toBe('all');
    expect(normaliseReview(['rejected'])).toEqual(['rejected']);
    expect(parseFilters('?review=all').review).toBe('all');
    expect(parseFilters('?review=pending,accepted,edited').review).toBeNull();
    expect(reviewStates(emptyFilters())).toEqual(['pending', 'accepted', 'edited']);
    expect(filterParams({ ...emptyFilters(), review: 'all' }).get('review')).toBe('all');
  });

  it('the timeline leaves the dates out; the queue replaces the review filter', () => {
    const f = parseFilters('?type=Protests&from=2024-03-01&to=2024-03-31&review=accepted');
    const p = filterParams(f, { dates: false, review: ['pending'] });
    expect(p.has('from')).toBe(false);
    expect(p.has('to')).toBe(false);
    expect(p.getAll('review')).toEqual(['pending']);
    expect(p.get('type')).toBe('Protests');
  });

  it('the list order is kept in the page URL only when it is not the default', () => {
    expect(parseOrder('?sort=fatalities&order=asc')).toEqual({ sort: 'fatalities', order: 'asc' });
    expect(parseOrder('?sort=drop+table')).toEqual({ sort: 'date', order: 'desc' });
    expect(pageSearch(emptyFilters(), { sort: 'date', order: 'desc' })).toBe('');
    expect(pageSearch({ ...emptyFilters(), types: ['Riots'] }, { sort: 'fatalities', order: 'desc' })).toBe('?type=Riots&sort=fatalities');
  });

  it('the map-view box: validated, wrapped at the antimeridian, left out for the map itself', () => {
    expect(parseFilters('?bbox=-10,5,20,30').bbox).toBe('-10,5,20,30');
    for (const bad of ['1,2,3', '-10,5,20,x', '-190,0,10,10', '0,50,10,40', '0,,1,2']) expect(parseFilters(`?bbox=${bad}`).bbox, bad).toBe('');
    expect(bboxOf(-10.12345, 5, 20, 30)).toBe('-10.123,5,20,30');
    expect(bboxOf(-250, -80, 250, 80)).toBe('');
    expect(bboxOf(170, -20, 190, -10)).toBe('170,-20,-170,-10');
    expect(bboxOf(-200, 0, -170, 10)).toBe('160,0,-170,10');
    const f = { ...emptyFilters(), bbox: '-10,5,20,30' };
    expect(filterParams(f).get('bbox')).toBe('-10,5,20,30');
    expect(filterParams(f, { bbox: false }).has('bbox')).toBe(false);
  });

  it('describes the filters in words', () => {
    const f = parseFilters('?type=Battles&type=Riots&country=ML&admin1=ML.09&from=2024-03-01&minFatalities=2&q=drone');
    expect(describeFilters(f, { country: (c) => (c === 'ML' ? 'Mali' : c), admin1: (a) => (a === 'ML.09' ? 'Gao, Mali' : a) })).toEqual([
      'Battles or Riots',
      'Mali',
      'Gao, Mali',
      'text drone',
      'from 2024-03-01',
      'at least 2 fatalities',
    ]);
    expect(describeFilters(emptyFilters(), { country: String, admin1: String })).toEqual([]);
  });

  it('day arithmetic in UTC', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-31', -31)).toBe('2024-02-29');
  });
});
