// Acceptance test of the foundation issue (#2): the seed article, ../shared/samples/baghouz.txt, published 2019-03-01,
// analyzed by the real bin/sitrep, must come out as the issue lists.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { missingShared, sharedPath } from '../eval/lib/shared.js';
import { spanProblems } from '../src/core/validate.js';
import type { DocJSON } from '../src/core/types.js';
import { jsonLines, runSitrep, schemaErrors } from './helpers.js';

const skip = missingShared('samples', 'baghouz.txt');

function km(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = (d: number): number => (d * Math.PI) / 180;
  const a = Math.sin(r(lat2 - lat1) / 2) ** 2 + Math.cos(r(lat1)) * Math.cos(r(lat2)) * Math.sin(r(lon2 - lon1) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(a));
}

describe.skipIf(skip)('seed article: baghouz.txt', () => {
  let doc: DocJSON;
  const sentenceOf = (s: { start: number }): string => {
    const sent = doc.sentences.find((x) => x.start <= s.start && s.start < x.end)!;
    return doc.text.slice(sent.start, sent.end);
  };
  const evidenceText = (e: DocJSON['events'][number]): string => e.evidence.map((s) => doc.text.slice(s.start, s.end)).join(' ');

  beforeAll(async () => {
    const meta = JSON.parse(readFileSync(sharedPath('samples', 'baghouz.meta.json'), 'utf8')) as { published: string };
    const r = await runSitrep(['analyze', '--published', meta.published, sharedPath('samples', 'baghouz.txt')]);
    expect(r.code, r.stderr).toBe(0);
    doc = jsonLines(r.stdout)[0]!;
  });

  it('is a valid Doc whose every span text equals text.slice(start, end)', () => {
    expect(schemaErrors(doc)).toEqual([]);
    expect(spanProblems(doc)).toEqual([]);
    expect(doc.published).toBe('2019-03-01');
  });

  it('drops both "Also Read:" lines and keeps the dateline', () => {
    expect(doc.removed.filter((r) => r.text.startsWith('Also Read:'))).toHaveLength(2);
    expect(doc.text).not.toContain('Also Read');
    expect(doc.text.startsWith('Baghouz: US-backed')).toBe(true);
    expect(doc.dateline && doc.text.slice(doc.dateline.start, doc.dateline.end)).toBe('Baghouz');
  });

  it('places: Syria, Iraq, Baghouz, Euphrates; Baghouz within 25 km of 34.46N 40.94E; no Venezuela or Victoria', () => {
    const texts = new Set(doc.places.map((p) => p.text));
    for (const t of ['Syria', 'Iraq', 'Baghouz', 'Euphrates']) expect(texts, t).toContain(t);
    const baghouz = doc.places.filter((p) => p.text === 'Baghouz');
    for (const b of baghouz) {
      expect(km(b.lat, b.lon, 34.46, 40.94)).toBeLessThan(25);
      expect(b.countryCode).toBe('SY');
    }
    expect(doc.places.find((p) => p.text === 'Syria')!.countryCode).toBe('SY');
    expect(doc.places.find((p) => p.text === 'Iraq')!.countryCode).toBe('IQ');
    for (const p of doc.places) {
      expect(p.name).not.toMatch(/Venezuela|Victoria/);
      expect(['VE', 'HK']).not.toContain(p.countryCode);
    }
    // Every toponym in the report (not demonyms such as "Indonesian") is in Syria or Iraq.
    for (const p of doc.places.filter((x) => /^(Syria|Iraq|Baghouz|Euphrates)$/.test(x.text))) expect(['SY', 'IQ']).toContain(p.countryCode);
  });

  it('entities: Indonesian is MISC/NORP; SDF and Syrian Democratic Forces are organisations', () => {
    const indo = doc.entities.find((e) => e.text === 'Indonesian');
    expect(indo?.label).toBe('MISC');
    expect(indo?.type).toBe('NORP');
    expect(doc.entities.find((e) => e.text === 'Syrian Democratic Forces')?.label).toBe('ORG');
    expect(doc.entities.find((e) => e.text === 'SDF')?.label).toBe('ORG');
  });

  it('actors: one for SDF / Syrian Democratic Forces / US-backed Syrian forces, one for IS / Islamic State group / the militant group', () => {
    const mentionTexts = (a: DocJSON['actors'][number]): string[] => a.mentions.map((m) => doc.text.slice(m.start, m.end));
    const sdf = doc.actors.filter((a) => mentionTexts(a).some((t) => t.includes('SDF')));
    expect(sdf).toHaveLength(1);
    const sdfMentions = mentionTexts(sdf[0]!).join(' | ');
    expect(sdfMentions).toContain('Syrian Democratic Forces');
    expect(sdfMentions).toContain('US-backed Syrian forces');
    const is = doc.actors.filter((a) => mentionTexts(a).some((t) => /^IS$/.test(t)));
    expect(is).toHaveLength(1);
    const isMentions = mentionTexts(is[0]!).join(' | ').toLowerCase();
    expect(isMentions).toContain('islamic state group');
    expect(isMentions).toContain('the militant group');
    expect(sdf[0]!.id).not.toBe(is[0]!.id);
    expect(sdf[0]!.inter).not.toBeNull();
    expect(is[0]!.inter).toBe(2);
  });

  it('dates: on Friday, February 12, in September and 2014 resolved against the publication date', () => {
    const byText = (re: RegExp): DocJSON['dates'][number] | undefined => doc.dates.find((d) => re.test(d.text));
    expect(byText(/Friday/)?.value).toBe('2019-03-01');
    expect(byText(/February 12/)?.value).toBe('2019-02-12');
    expect(byText(/September/)?.value).toBe('2018-09');
    expect(byText(/^(in )?2014$/)?.value).toBe('2014');
  });

  it('events: operations resumed at Baghouz on 2019-03-01 as Battles', () => {
    const e = doc.events.find((x) => x.eventType === 'Battles' && evidenceText(x).includes('resumed military operations'));
    expect(e).toBeDefined();
    expect(e!.date?.value).toBe('2019-03-01');
    expect(e!.place && km(e!.place.lat, e!.place.lon, 34.46, 40.94)).toBeLessThan(25);
    expect(e!.actor1?.name ?? '').toMatch(/SDF|Syrian Democratic Forces/);
  });

  it('events: civilians evacuated', () => {
    expect(doc.events.some((x) => /evacuat/.test(evidenceText(x)))).toBe(true);
  });

  it('events: an airstrike that injured a girl, as Explosions/Remote violence, Air/drone strike', () => {
    const e = doc.events.find((x) => x.subEventType === 'Air/drone strike');
    expect(e?.eventType).toBe('Explosions/Remote violence');
    expect(evidenceText(e!)).toContain('airstrike');
    expect(e!.fatalities === null || e!.fatalities === 0).toBe(true);
  });

  it('events: men taken into custody, as Strategic developments, Arrests', () => {
    const e = doc.events.find((x) => x.subEventType === 'Arrests');
    expect(e?.eventType).toBe('Strategic developments');
    expect(evidenceText(e!)).toContain('taken into custody');
  });

  it('events: the halt on 2019-02-12', () => {
    const e = doc.events.find((x) => evidenceText(x).includes('halted'));
    expect(e?.date?.value).toBe('2019-02-12');
  });

  it('events: none from hypothetical or future statements', () => {
    for (const e of doc.events) {
      for (const s of e.evidence) {
        const t = sentenceOf(s);
        expect(t).not.toContain('would mark the end');
        expect(t).not.toContain('will likely fight');
      }
    }
  });
});
