import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MorphModel } from './morph.js';
import { featsInTree, type TreeWord, type VerbFeatsModel } from './verb-feats.js';

const data = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../../data/syntax/${name}`, import.meta.url), 'utf8'));
const morph = data('morph.json') as MorphModel;
const verbs = data('verb-feats.json') as VerbFeatsModel;

// Invented parsed sentences: [form, UPOS, XPOS, head (1-based, 0 root), relation].
type Row = [string, string, string, number, string];
const tree = (rows: Row[]): TreeWord[] => rows.map(([form, upos, xpos, head, deprel]) => ({ form, upos, xpos, head: head - 1, deprel }));
const featsOfVerb = (rows: Row[], form: string): string => {
  const words = tree(rows);
  return featsInTree(morph, verbs, words)[words.findIndex((w) => w.form === form)]!;
};

describe('featsInTree (committed models)', () => {
  it('gives a finite verb the number and person of its subject', () => {
    const rows: Row[] = [
      ['Militants', 'NOUN', 'NNS', 2, 'nsubj'],
      ['attacked', 'VERB', 'VBD', 0, 'root'],
      ['and', 'CCONJ', 'CC', 4, 'cc'],
      ['burned', 'VERB', 'VBD', 2, 'conj'],
      ['homes', 'NOUN', 'NNS', 4, 'obj'],
    ];
    expect(featsOfVerb(rows, 'attacked')).toBe('Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin');
    // The coordinated verb shares the subject.
    expect(featsOfVerb(rows, 'burned')).toBe('Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin');
    expect(featsOfVerb([['I', 'PRON', 'PRP', 2, 'nsubj'], ['fled', 'VERB', 'VBD', 0, 'root']], 'fled')).toBe('Mood=Ind|Number=Sing|Person=1|Tense=Past|VerbForm=Fin');
  });

  it('marks a passive participle and gives its auxiliary the subject', () => {
    const rows: Row[] = [
      ['Two', 'NUM', 'CD', 2, 'nummod'],
      ['guards', 'NOUN', 'NNS', 4, 'nsubj:pass'],
      ['were', 'AUX', 'VBD', 4, 'aux:pass'],
      ['killed', 'VERB', 'VBN', 0, 'root'],
    ];
    expect(featsOfVerb(rows, 'killed')).toBe('Tense=Past|VerbForm=Part|Voice=Pass');
    expect(featsOfVerb(rows, 'were')).toBe('Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin');
  });

  it('tells an imperative from an infinitive and a gerund from a participle', () => {
    expect(featsOfVerb([['Leave', 'VERB', 'VB', 0, 'root'], ['now', 'ADV', 'RB', 1, 'advmod']], 'Leave')).toBe('Mood=Imp|VerbForm=Fin');
    const inf: Row[] = [['They', 'PRON', 'PRP', 2, 'nsubj'], ['want', 'VERB', 'VBP', 0, 'root'], ['to', 'PART', 'TO', 4, 'mark'], ['leave', 'VERB', 'VB', 2, 'xcomp']];
    expect(featsOfVerb(inf, 'leave')).toBe('VerbForm=Inf');
    const ger: Row[] = [['Killing', 'VERB', 'VBG', 3, 'csubj'], ['is', 'AUX', 'VBZ', 3, 'cop'], ['wrong', 'ADJ', 'JJ', 0, 'root']];
    expect(featsOfVerb(ger, 'Killing')).toBe('VerbForm=Ger');
    const part: Row[] = [['They', 'PRON', 'PRP', 3, 'nsubj'], ['were', 'AUX', 'VBD', 3, 'aux'], ['fleeing', 'VERB', 'VBG', 0, 'root']];
    expect(featsOfVerb(part, 'fleeing')).toBe('Tense=Pres|VerbForm=Part');
  });

  it('leaves other words to featsOf and survives odd trees', () => {
    const rows: Row[] = [['They', 'PRON', 'PRP', 2, 'nsubj'], ['left', 'VERB', 'VBD', 0, 'root']];
    expect(featsInTree(morph, verbs, tree(rows))[0]).toBe('Number=Plur|Person=3|PronType=Prs');
    // A head out of range and a verb with no known context still get an answer.
    const odd = featsInTree(morph, verbs, [{ form: 'went', upos: 'VERB', xpos: 'VBD', head: 7, deprel: 'weird' }]);
    expect(odd[0]).toContain('Tense=Past');
  });
});
