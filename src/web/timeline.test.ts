import { describe, expect, it } from 'vitest';
import { fillBuckets, unitFor } from './timeline.js';
import { labelPoint, unwrapAntimeridian } from './geo.js';

describe('timeline buckets', () => {
  it('picks days for months, weeks for years, months beyond', () => {
    expect(unitFor('2024-02-19', '2024-05-12')).toBe('day');
    expect(unitFor('2023-01-01', '2024-12-31')).toBe('week');
    expect(unitFor('2015-01-01', '2024-12-31')).toBe('month');
  });

  it('fills the gaps between days with zeros', () => {
    const b = fillBuckets('day', '2024-02-28', '2024-03-02', [{ key: '2024-02-29', label: '', events: 3, fatalities: 4 }]);
    expect(b.map((x) => [x.start, x.events])).toEqual([
      ['2024-02-28', 0],
      ['2024-02-29', 3],
      ['2024-03-01', 0],
      ['2024-03-02', 0],
    ]);
  });

  it('weeks start on the Monday the API keys them by and end on Sunday', () => {
    const b = fillBuckets('week', '2024-03-06', '2024-03-20', [{ key: '2024-03-11', label: '', events: 9, fatalities: 27 }]);
    expect(b.map((x) => [x.start, x.end, x.events])).toEqual([
      ['2024-03-04', '2024-03-10', 0],
      ['2024-03-11', '2024-03-17', 9],
      ['2024-03-18', '2024-03-24', 0],
    ]);
  });

  it('months run to their last day, across a year', () => {
    const b = fillBuckets('month', '2023-11-15', '2024-02-03', [{ key: '2024-02', label: '', events: 1, fatalities: 0 }]);
    expect(b.map((x) => [x.start, x.end, x.events])).toEqual([
      ['2023-11-01', '2023-11-30', 0],
      ['2023-12-01', '2023-12-31', 0],
      ['2024-01-01', '2024-01-31', 0],
      ['2024-02-01', '2024-02-29', 1],
    ]);
  });
});

describe('basemap geometry', () => {
  it('a ring crossing the antimeridian stays continuous (no line across the map)', () => {
    const g = { type: 'Polygon' as const, coordinates: [[[178, -16], [179.9, -16], [-179.5, -16.5], [-179.8, -17], [178, -17], [178, -16]]] };
    unwrapAntimeridian(g);
    const lons = g.coordinates[0]!.map((p) => p[0]!);
    for (let i = 1; i < lons.length; i++) expect(Math.abs(lons[i]! - lons[i - 1]!)).toBeLessThan(180);
    expect(lons[2]).toBeCloseTo(180.5);
  });

  it('a label goes at the centroid of the largest polygon', () => {
    const square = (x: number, y: number, s: number): number[][][] => [[[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]];
    const p = labelPoint({ type: 'MultiPolygon', coordinates: [square(0, 0, 1), square(10, 20, 4)] });
    expect(p).toEqual({ lat: 22, lon: 12, area: 16 });
    expect(labelPoint(null)).toBeNull();
  });
});
