// The real-news gold (issue 13): the validator's rules on invented events, the sentence splitter annotators read
// with, and, with the shared folder present, the whole gold: every manifest article's checksum, every annotation
// file against the schema, the ACLED taxonomy and the article's text, the conflict flags, the splits and the
// agreement list.
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingShared, sharedRoot } from './shared.js';
import { articleText, loadNewsGold, newsGoldDir, readAgreementIds, readManifest, reportsConflict, validateAnnotation, validateEvent, NewsGoldError, type GoldEvent } from './news-gold.js';
import { splitSentences } from './news-sentences.js';
import { dateInUrl } from './news-sources.js';
import { checkNewsGold } from '../../scripts/news-gold-check.js';

const TEXT = 'Police fired tear gas at marchers in the town on Monday. Two people were hurt. The mayor condemned it.';

function event(over: Partial<GoldEvent> = {}): GoldEvent {
  return {
    eventType: 'Protests',
    subEventType: 'Protest with intervention',
    actor1: { name: 'Protesters (India)', inter: 6 },
    actor2: { name: 'Police Forces of India (1998-2004)', inter: 1 },
    place: { name: 'Vadodara', countryCode: 'IN', admin1: 'Gujarat', lat: 22.3, lon: 73.2, precision: 1 },
    date: { value: '2002-03-04', precision: 1 },
    fatalities: null,
    evidence: [
      { start: 0, end: 56 },
      { start: 57, end: 78 },
    ],
    background: false,
    scope: 'political',
    note: null,
    ...over,
  };
}

describe('news gold validator', () => {
  it('accepts a well-formed event', () => {
    expect(TEXT.slice(0, 56)).toBe('Police fired tear gas at marchers in the town on Monday.');
    expect(validateEvent(event(), TEXT)).toEqual([]);
  });

  it('rejects a sub-type of another event type and an unknown type', () => {
    expect(validateEvent(event({ subEventType: 'Armed clash' }), TEXT).join()).toMatch(/not a sub-event type of "Protests"/);
    expect(validateEvent(event({ eventType: 'Terrorism' }), TEXT).join()).toMatch(/not an ACLED event type/);
  });

  it("enforces the codebook's actor rules", () => {
    expect(validateEvent(event({ actor1: { name: 'Rioters (India)', inter: 5 } }), TEXT).join()).toMatch(/protesters \(inter 6\) as actor1/);
    const vac = event({ eventType: 'Violence against civilians', subEventType: 'Attack', actor1: { name: 'Unidentified Armed Group (India)', inter: 3 }, actor2: { name: 'Police Forces of India (1998-2004)', inter: 1 } });
    expect(validateEvent(vac, TEXT).join()).toMatch(/civilians \(inter 7\) as actor2/);
    expect(validateEvent({ ...vac, actor2: { name: 'Civilians (India)', inter: 7 } }, TEXT)).toEqual([]);
    expect(validateEvent(event({ subEventType: 'Peaceful protest' }), TEXT).join()).toMatch(/no armed actor2/);
    expect(validateEvent(event({ actor1: { name: 'Protesters (India)', inter: 9 } }), TEXT).join()).toMatch(/inter: 1\.\.8/);
  });

  it('checks evidence spans against the text', () => {
    expect(validateEvent(event({ evidence: [{ start: 57, end: 500 }] }), TEXT).join()).toMatch(/ends after the text/);
    expect(validateEvent(event({ evidence: [{ start: 56, end: 78 }] }), TEXT).join()).toMatch(/white space/);
    expect(validateEvent(event({ evidence: [{ start: 0, end: 56 }, { start: 40, end: 78 }] }), TEXT).join()).toMatch(/overlap/);
    expect(validateEvent(event({ evidence: [] }), TEXT).join()).toMatch(/at least one span/);
  });

  it('checks dates, places, tolls and flags', () => {
    expect(validateEvent(event({ date: { value: '2002-02-30', precision: 1 } }), TEXT).join()).toMatch(/date must be/);
    expect(validateEvent(event({ place: { name: 'X', countryCode: 'India', admin1: null, lat: 1, lon: 1, precision: 1 } }), TEXT).join()).toMatch(/alpha-2/);
    expect(validateEvent(event({ fatalities: 1.5 }), TEXT).join()).toMatch(/non-negative integer/);
    expect(validateEvent({ ...event(), scope: 'terror' }, TEXT).join()).toMatch(/scope/);
    expect(validateEvent({ ...event(), extra: 1 }, TEXT).join()).toMatch(/unknown field "extra"/);
  });

  it('validates a whole annotation file, including an article with no event', () => {
    expect(validateAnnotation({ id: 'gwn-1', annotator: 'A', events: [] }, 'gwn-1', TEXT)).toEqual([]);
    expect(validateAnnotation({ id: 'gwn-2', annotator: 'A', events: [] }, 'gwn-1', TEXT).join()).toMatch(/expected "gwn-1"/);
    expect(validateAnnotation({ id: 'gwn-1', annotator: 'C', events: {} }, 'gwn-1', TEXT)).toHaveLength(2);
  });

  it('derives the conflict flag from news political-violence and demonstration events only', () => {
    expect(reportsConflict([event()])).toBe(true);
    expect(reportsConflict([event({ background: true })])).toBe(false);
    expect(reportsConflict([event({ scope: 'criminal' })])).toBe(false);
    expect(reportsConflict([event({ eventType: 'Strategic developments', subEventType: 'Arrests', actor1: { name: 'Police Forces of India (1998-2004)', inter: 1 }, actor2: null })])).toBe(false);
  });
});

describe('news gold tools', () => {
  it('splits sentences for reading, keeping titles, initials and quotations whole', () => {
    const t = 'Mr. Smith met Gen. Jones in the U.S. Embassy. "Stop! Now!" he said.\nNext line.The end';
    const s = splitSentences(t).map((x) => t.slice(x.start, x.end));
    expect(s).toEqual(['Mr. Smith met Gen. Jones in the U.S. Embassy.', '"Stop! Now!" he said.', 'Next line.', 'The end']);
  });

  it('reads a full date from an article link', () => {
    expect(dateInUrl('http://x.com/2018/04/05/story')).toBe('2018-04-05');
    expect(dateInUrl('https://x.com/news/20180401-270851')).toBe('2018-04-01');
    expect(dateInUrl('https://x.com/2018/04/story')).toBeNull();
    expect(dateInUrl('https://x.com/article/12026986')).toBeNull();
  });
});

describe.skipIf(missingShared('eval', 'events', 'india-police-events'))('issue #13: the real-news gold set', () => {
  it('is complete and valid: checksums, spans, taxonomy, conflict flags, agreement list', () => {
    const r = checkNewsGold({ shared: sharedRoot(), complete: true });
    expect(r.problems).toEqual([]);
    expect(r.textChecked).toBe(true);
    expect(r.articles).toBeGreaterThanOrEqual(120);
    expect(r.annotated.A).toBe(r.articles);
  });

  it('has at least three sources, about half conflict, and stratified dev/test halves', () => {
    const m = readManifest();
    expect(new Set(m.map((e) => e.source)).size).toBeGreaterThanOrEqual(3);
    const conflict = m.filter((e) => e.conflict).length / m.length;
    expect(conflict).toBeGreaterThan(0.4);
    expect(conflict).toBeLessThan(0.6);
    for (const source of new Set(m.map((e) => e.source)))
      for (const c of [true, false]) {
        const cell = m.filter((e) => e.source === source && e.conflict === c);
        const dev = cell.filter((e) => e.split === 'dev').length;
        expect(Math.abs(dev - (cell.length - dev))).toBeLessThanOrEqual(1);
      }
    const agree = readAgreementIds();
    expect(agree).toHaveLength(20);
  });

  it('loads each split with its text and events', () => {
    const dev = loadNewsGold({ shared: sharedRoot(), split: 'dev' });
    const test = loadNewsGold({ shared: sharedRoot(), split: 'test' });
    expect(dev.length + test.length).toBe(readManifest().length);
    for (const a of dev) for (const e of a.events) for (const s of e.evidence) expect(a.text.slice(s.start, s.end).trim().length).toBe(s.end - s.start);
  });

  it('fails with a message naming the article when its text has drifted', () => {
    const entry = readManifest()[0]!;
    expect(() => articleText(sharedRoot(), { ...entry, sha1: '0000000000000000' })).toThrow(new RegExp(`article ${entry.id}: its text .* has changed`));
    const dir = mkdtempSync(join(tmpdir(), 'news-gold-'));
    writeFileSync(join(dir, 'manifest.jsonl'), JSON.stringify({ ...entry, chars: entry.chars + 1 }) + '\n');
    mkdirSync(join(dir, 'annotations', 'A'), { recursive: true });
    writeFileSync(join(dir, 'annotations', 'A', `${entry.id}.json`), readFileSync(join(newsGoldDir(), 'annotations', 'A', `${entry.id}.json`)));
    expect(() => loadNewsGold({ shared: sharedRoot(), dir })).toThrow(NewsGoldError);
  });
});
