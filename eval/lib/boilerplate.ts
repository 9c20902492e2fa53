// Loaders for the boilerplate-removal dev sets in ../shared/eval/boilerplate (read at evaluation time, never copied):
// L3S-GN1 (gold = text under x-nc-sel1 headline and x-nc-sel2 full-text spans of the annotated page) and
// CleanEval dev (gold = the cleaned text file, its URL line and <p>/<h>/<l> markers removed).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { decodeBytes, sniffHtmlCharset } from '../../src/adapters/decode.js';
import { NON_CONTENT, parseHtml, decodeRaw, type HNode } from '../../src/extract/dom.js';
import { sharedPath } from './shared.js';

export interface GoldPage {
  id: string;
  html: string;
  gold: string;
  /** L3S only: the gold article is one run in document order (little non-content text inside it) and >= 150 words. */
  clean?: boolean;
  /** "dev" or "heldout": a fixed split by a hash of the page id (tuning looks at dev only). */
  split: 'dev' | 'heldout';
}

export function readHtmlFile(path: string): string {
  const bytes = readFileSync(path);
  return decodeBytes(bytes, sniffHtmlCharset(bytes)).text;
}

/** FNV-1a of the id; even -> dev, odd -> held out. Fixed, so the split never moves. */
export function splitOf(id: string): 'dev' | 'heldout' {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % 2 === 0 ? 'dev' : 'heldout';
}

export function l3sAvailable(): boolean {
  return existsSync(sharedPath('eval', 'boilerplate', 'l3s-gn1', 'input'));
}

export function loadL3S(limit = Infinity): GoldPage[] {
  const dir = sharedPath('eval', 'boilerplate', 'l3s-gn1');
  const ids = readdirSync(join(dir, 'input'))
    .filter((f) => f.endsWith('.html'))
    .map((f) => f.slice(0, -5))
    .sort()
    .slice(0, limit);
  return ids.map((id) => {
    const html = readHtmlFile(join(dir, 'input', `${id}.html`));
    const annotated = readHtmlFile(join(dir, 'GoldStandard', `${id}.txt`));
    const { gold, clean } = l3sGold(annotated);
    return { id, html, gold, clean, split: splitOf(id) };
  });
}

/** Gold text of an annotated L3S page: each text node takes the label of its innermost x-nc-sel ancestor. */
export function l3sGold(annotated: string): { gold: string; clean: boolean } {
  const doc = parseHtml(annotated);
  const runs: { label: number; text: string }[] = [];
  const walk = (n: HNode, label: number): void => {
    if (n.kind === 'text') {
      const t = decodeRaw(annotated.slice(n.start, n.end)).replace(/\s+/g, ' ');
      if (t.trim()) runs.push({ label, text: t });
      return;
    }
    if (NON_CONTENT.has(n.tag)) return;
    const cls = n.attrs['class'] ?? '';
    if (/\bx-nc-invisible\b/.test(cls)) return;
    const m = /\bx-nc-sel(\d)\b/.exec(cls);
    const l = m ? Number(m[1]) : label;
    const block = m !== null || /^(p|div|br|li|h\d|td|tr|table|ul|ol|blockquote)$/.test(n.tag);
    if (block) runs.push({ label: l, text: '\n' });
    for (const c of n.children) walk(c, l);
    if (block) runs.push({ label: l, text: '\n' });
  };
  walk(doc.root, 0);
  const gold = runs
    .filter((r) => r.label === 1 || r.label === 2 || r.text === '\n')
    .map((r) => r.text)
    .join('')
    .replace(/[ \t]*\n[\s]*/g, '\n')
    .trim();
  // "Clean": between the first and last full-text run, at most 25 words of anything else; at least 150 words.
  const words = (s: string): number => (s.match(/[\p{L}\p{N}]+/gu) ?? []).length;
  const content = runs.filter((r) => r.text !== '\n');
  const first = content.findIndex((r) => r.label === 2);
  let last = content.length - 1;
  while (last >= 0 && content[last]!.label !== 2) last--;
  let inside = 0;
  for (let i = first; first >= 0 && i <= last; i++) if (content[i]!.label !== 2 && content[i]!.label !== 1) inside += words(content[i]!.text);
  return { gold, clean: first >= 0 && inside <= 25 && words(gold) >= 150 };
}

export function cleanevalAvailable(): boolean {
  return existsSync(sharedPath('eval', 'boilerplate', 'cleaneval-dev', 'input'));
}

export function loadCleanEval(): GoldPage[] {
  const dir = sharedPath('eval', 'boilerplate', 'cleaneval-dev');
  const ids = readdirSync(join(dir, 'input'))
    .filter((f) => f.endsWith('.html'))
    .map((f) => f.slice(0, -5))
    .sort((a, b) => Number(a) - Number(b));
  return ids.map((id) => {
    const html = readHtmlFile(join(dir, 'input', `${id}.html`));
    const raw = readHtmlFile(join(dir, 'GoldStandard', `${id}.txt`));
    const gold = raw
      .replace(/^\s*URL:[^\n]*\n/, '')
      .replace(/^\s*<(?:p|h|l)>/gm, '')
      .trim();
    return { id: `cleaneval-${id}`, html, gold, split: splitOf(`cleaneval-${id}`) };
  });
}
