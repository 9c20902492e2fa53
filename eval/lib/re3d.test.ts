// The re3d -> CoNLL mapping and split (issue 4), on hand-built annotations (no re3d text needed).
import { describe, expect, it } from 'vitest';
import { fnv1a, loadRe3d, mapRe3dEntities, withoutIgnored } from './re3d.js';
import { missingShared } from './shared.js';

const lists = { countries: new Set(['iraq', 'united states']), nationalities: new Set(['iraqi', 'iraqis', 'kurdish']) };

function ann(text: string, value: string, type: string, from = 0, confidence = 1): { begin: number; end: number; type: string; confidence: number } {
  const begin = text.indexOf(value, from);
  if (begin < 0) throw new Error(`no ${value}`);
  return { begin, end: begin + value.length, type, confidence };
}

describe('re3d mapping to CoNLL names (issue 4)', () => {
  const text =
    'Iraqi President Fuad Masum said Iraqi security forces and the Islamic State group fought near Mosul. ' +
    'Iraq condemned the attack; the Iraqis mourned. Secretary of State John Kerry spoke. They left on Tuesday.';
  const raw = [
    ann(text, 'Iraqi President Fuad Masum', 'Person'),
    ann(text, 'Iraqi security forces', 'Organisation'),
    ann(text, 'Iraqi', 'Nationality', 30),
    ann(text, 'the Islamic State group', 'Organisation'),
    ann(text, 'Islamic State', 'Organisation'),
    ann(text, 'Islamic', 'Nationality', 60),
    ann(text, 'Mosul', 'Location'),
    ann(text, 'Mosul', 'Person', 0, 0),
    ann(text, 'Iraq', 'Organisation', 100),
    ann(text, 'Iraqis', 'Organisation'),
    ann(text, 'Secretary of State', 'Person'),
    ann(text, 'John Kerry', 'Person'),
    ann(text, 'They', 'Organisation'),
    ann(text, 'Tuesday', 'Temporal'),
  ];
  const { gold, ignore } = mapRe3dEntities(text, raw, lists);
  const names = gold.map((g) => `${text.slice(g.start, g.end)}/${g.label}`);
  it('trims titles and keeps names, with the country as LOC and the demonym as MISC', () => {
    expect(names).toEqual(['Fuad Masum/PER', 'Iraqi/MISC', 'Islamic State/ORG', 'Mosul/LOC', 'Iraq/LOC', 'Iraqis/MISC', 'John Kerry/PER']);
  });
  it('turns descriptions, roles and pronouns into ignore regions', () => {
    const ig = ignore.map((r) => text.slice(r.start, r.end));
    expect(ig).toContain('Iraqi security forces');
    expect(ig).toContain('Islamic State group');
    expect(ig).toContain('Secretary of State');
    expect(ig).toContain('They');
  });
  it('does not count a prediction inside an ignore region as a false positive, but does count a wrong name', () => {
    const at = (v: string, label: string): { start: number; end: number; label: string } => {
      const s = text.indexOf(v);
      return { start: s, end: s + v.length, label };
    };
    const kept = withoutIgnored({ gold, ignore }, [at('security forces', 'ORG'), at('Islamic State group', 'ORG'), at('Masum', 'PER')]);
    expect(kept.map((k) => text.slice(k.start, k.end))).toEqual(['Islamic State group', 'Masum']);
  });
  it('splits by a fixed hash', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
  });
});

describe.skipIf(missingShared('eval', 'ner', 're3d'))('re3d split on the shared data (issue 4)', () => {
  it('puts every document in exactly one part, half and half within each source', () => {
    const all = loadRe3d(lists);
    const adapt = loadRe3d(lists, 'adapt');
    const held = loadRe3d(lists, 'heldout');
    const a = new Set(adapt.map((d) => d.id));
    expect(held.some((d) => a.has(d.id))).toBe(false);
    expect(adapt.length + held.length).toBe(all.length);
    expect(held.length).toBeGreaterThan(0);
    for (const src of new Set(all.map((d) => d.source))) {
      const n = (docs: typeof all): number => docs.filter((d) => d.source === src).length;
      expect(n(adapt) - n(held)).toBeGreaterThanOrEqual(0);
      expect(n(adapt) - n(held)).toBeLessThanOrEqual(1);
    }
  });
});
