// The web UI's build output (scripts/build-web.mjs, run by the global setup's build): the app bundle and the offline
// basemap, including the town names taken from the embedded gazetteer (once silently empty when its format changed).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const web = join(ROOT, 'dist', 'web');

describe('web build', () => {
  it('writes index.html pointing at its hashed bundle, and the country basemap', () => {
    const html = readFileSync(join(web, 'index.html'), 'utf8');
    const js = /src="\/?(app-[^"]+\.js)"/.exec(html)?.[1];
    expect(js).toBeDefined();
    expect(existsSync(join(web, js!))).toBe(true);
    const countries = JSON.parse(readFileSync(join(web, 'basemap', 'countries-50m.json'), 'utf8')) as { type: string };
    expect(countries.type).toBe('Topology');
  });

  it('writes the basemap town names from the embedded gazetteer', () => {
    const places = JSON.parse(readFileSync(join(web, 'basemap', 'places.json'), 'utf8')) as [string, number, number, number, number][];
    expect(places.length).toBeGreaterThan(3000);
    const damascus = places.find((p) => p[0] === 'Damascus');
    expect(damascus?.[4]).toBe(1);
    expect(Math.abs(damascus![1] - 33.51)).toBeLessThan(0.1);
  });
});
