// Geometry helpers for the basemap (pure, unit-tested): label points of countries and rings that cross the
// antimeridian.
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';

export function ringArea(ring: Position[]): { area: number; cx: number; cy: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j] as [number, number];
    const [x1, y1] = ring[i] as [number, number];
    const f = x0 * y1 - x1 * y0;
    a += f;
    cx += (x0 + x1) * f;
    cy += (y0 + y1) * f;
  }
  if (a === 0) return { area: 0, cx: ring[0]?.[0] ?? 0, cy: ring[0]?.[1] ?? 0 };
  return { area: Math.abs(a / 2), cx: cx / (3 * a), cy: cy / (3 * a) };
}

/** Where a country's name goes: the centroid of its largest polygon, and that polygon's area in square degrees. */
export function labelPoint(g: Geometry | null): { lat: number; lon: number; area: number } | null {
  const r = largest(g);
  return r ? { lat: r.cy, lon: r.cx, area: r.area } : null;
}

export function largest(g: Geometry | null): { area: number; cx: number; cy: number } | null {
  if (!g) return null;
  const polys: Position[][][] = g.type === 'Polygon' ? [(g as Polygon).coordinates] : g.type === 'MultiPolygon' ? (g as MultiPolygon).coordinates : [];
  let best: { area: number; cx: number; cy: number } | null = null;
  for (const p of polys) {
    const outer = p[0];
    if (!outer || outer.length < 3) continue;
    const r = ringArea(outer);
    if (!best || r.area > best.area) best = r;
  }
  return best;
}

/**
 * Rings that cross the antimeridian (Russia's far east, Fiji) jump from +180 to -180 between two points, which a
 * flat map draws as a line across the world: each point is shifted by 360 degrees to stay next to the previous one
 * (the ring then extends past 180, drawn where it belongs).
 */
export function unwrapAntimeridian(g: Geometry | null): void {
  if (!g) return;
  const polys: Position[][][] = g.type === 'Polygon' ? [(g as Polygon).coordinates] : g.type === 'MultiPolygon' ? (g as MultiPolygon).coordinates : [];
  for (const poly of polys) {
    for (const ring of poly) {
      for (let i = 1; i < ring.length; i++) {
        const prev = ring[i - 1]![0]!;
        const p = ring[i]!;
        while (p[0]! - prev > 180) p[0] = p[0]! - 360;
        while (p[0]! - prev < -180) p[0] = p[0]! + 360;
      }
    }
  }
}

