import { beforeAll, describe, expect, it } from 'vitest';
import type { Word } from '../../core/types.js';
import { FileResources } from '../../data/resources.js';
import { analyseWords, loadSyntaxModel, type SyntaxModel } from './model.js';
import { DepGraph } from './tree.js';

/** Builds words from "form/UPOS/XPOS/head/deprel" rows (head: 1-based, 0 = root), as CoNLL-U writes them. */
function words(rows: string[], feats: Record<number, string> = {}): Word[] {
  let pos = 0;
  return rows.map((r, i) => {
    const [form, upos, xpos, head, deprel] = r.split('/');
    const w: Word = {
      start: pos,
      end: pos + form!.length,
      token: i,
      sentence: 0,
      upos: upos!,
      xpos: xpos!,
      lemma: form!.toLowerCase(),
      feats: feats[i] ?? '',
      head: Number(head) - 1,
      deprel: deprel!,
    };
    pos += form!.length + 1;
    return w;
  });
}

describe('DepGraph on hand-built trees', () => {
  // "the Turks bombed a position and killed 12 women"
  const bombed = words([
    'the/DET/DT/2/det',
    'Turks/PROPN/NNPS/3/nsubj',
    'bombed/VERB/VBD/0/root',
    'a/DET/DT/5/det',
    'position/NOUN/NN/3/obj',
    'and/CCONJ/CC/7/cc',
    'killed/VERB/VBD/3/conj',
    '12/NUM/CD/9/nummod',
    'women/NOUN/NNS/7/obj',
  ]);

  it('reads the agent of a conjoined verb from the first conjunct, and what a number counts', () => {
    const g = new DepGraph(bombed);
    expect(g.agent(6)).toBe(1);
    expect(g.patient(6)).toBe(8);
    expect(g.quantified(7)).toEqual({ noun: 8, age: false });
    expect(g.clauseHead(8)).toBe(6);
    expect(g.isPassive(6)).toBe(false);
  });

  it('reads a passive: the patient is the subject, the agent the by-phrase or nobody', () => {
    // "Men were taken into custody by police"
    const w = words(['Men/NOUN/NNS/3/nsubj:pass', 'were/AUX/VBD/3/aux:pass', 'taken/VERB/VBN/0/root', 'into/ADP/IN/5/case', 'custody/NOUN/NN/3/obl', 'by/ADP/IN/7/case', 'police/NOUN/NN/3/obl:agent']);
    const g = new DepGraph(w);
    expect(g.isPassive(2)).toBe(true);
    expect(g.patient(2)).toBe(0);
    expect(g.agent(2)).toBe(6);
    const noAgent = new DepGraph(w.slice(0, 5));
    expect(noAgent.agent(2)).toBe(-1);
  });

  it('tells an age from a count', () => {
    // "Jones , 15 , died"
    const g = new DepGraph(words(['Jones/PROPN/NNP/5/nsubj', ',/PUNCT/,/3/punct', '15/NUM/CD/1/appos', ',/PUNCT/,/3/punct', 'died/VERB/VBD/0/root']));
    expect(g.quantified(2)).toEqual({ noun: 0, age: true });
    // "a man , 34 , was shot": the parser made the number a nummod of "shot"; set off by commas it is still an age.
    const m = new DepGraph(
      words(['a/DET/DT/2/det', 'man/NOUN/NN/7/nsubj:pass', ',/PUNCT/,/4/punct', '34/NUM/CD/7/nummod', ',/PUNCT/,/4/punct', 'was/AUX/VBD/7/aux:pass', 'shot/VERB/VBN/0/root']),
    );
    expect(m.quantified(3)).toEqual({ noun: 1, age: true });
    // "in Kabul , 12 people died": a count, not an age.
    const k = new DepGraph(
      words(['in/ADP/IN/2/case', 'Kabul/PROPN/NNP/6/obl', ',/PUNCT/,/6/punct', '12/NUM/CD/5/nummod', 'people/NOUN/NNS/6/nsubj', 'died/VERB/VBD/0/root']),
    );
    expect(k.quantified(3)).toEqual({ noun: 4, age: false });
  });

  it('reads negation, modality and tense of a clause', () => {
    // "troops will not attack"
    const g = new DepGraph(
      words(['troops/NOUN/NNS/4/nsubj', 'will/AUX/MD/4/aux', 'not/PART/RB/4/advmod', 'attack/VERB/VB/0/root'], { 2: 'Polarity=Neg', 3: 'VerbForm=Inf' }),
    );
    const c = g.clause(0);
    expect(c.head).toBe(3);
    expect(c.negated).toBe(true);
    expect(c.modality).toEqual({ modal: 'will', future: true, hypothetical: false });
    expect(c.tense).toBe('Fut');
  });

  it('finds the head word of a character span and the word at an offset', () => {
    const g = new DepGraph(bombed);
    const start = bombed[7]!.start;
    const end = bombed[8]!.end;
    expect(g.headOfSpan(start, end)).toBe(8);
    expect(g.wordAt(bombed[2]!.start + 1)).toBe(2);
    expect(g.wordAt(bombed[2]!.end)).toBe(-1);
  });
});

describe('DepGraph on the trained model', () => {
  let model: SyntaxModel;
  beforeAll(async () => {
    model = await loadSyntaxModel(new FileResources());
  });

  const graph = (forms: string[]): DepGraph => {
    const a = analyseWords(model, forms);
    let pos = 0;
    return new DepGraph(
      a.map((x, i) => {
        const start = pos;
        pos += forms[i]!.length + 1;
        return { ...x, start, end: start + forms[i]!.length, token: i, sentence: 0 };
      }),
    );
  };

  it('issue #12: who killed whom in a conjoined clause', () => {
    const forms = 'The Turks bombed a YPJ position and killed 12 women .'.split(' ');
    const g = graph(forms);
    const killed = forms.indexOf('killed');
    expect(forms[g.agent(killed)]).toBe('Turks');
    expect(forms[g.patient(killed)]).toBe('women');
    expect(g.quantified(forms.indexOf('12'))?.noun).toBe(forms.indexOf('women'));
  });

  it('issue #12: a passive arrest names no arresting agent', () => {
    const forms = 'Men suspected of links to the militant group were taken into custody .'.split(' ');
    const g = graph(forms);
    const taken = forms.indexOf('taken');
    expect(g.isPassive(taken)).toBe(true);
    expect(g.agent(taken)).toBe(-1);
    expect(forms[g.patient(taken)]).toBe('Men');
  });
});
