// Unlabelled English text for learning word clusters: the CoNLL-2003 training text and the other shared corpora
// that are neither evaluation targets of the NER tagger (CoNLL dev, WikiGold, re3d are left out) nor lower-cased.
// Read from ../shared at training time; never copied into the repository.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvRows } from '../eval/lib/csv.js';
import { sharedPath } from '../eval/lib/shared.js';

export function csvColumn(path: string, column: string): string[] {
  if (!existsSync(path)) return [];
  const rows = parseCsvRows(readFileSync(path, 'utf8'));
  const idx = rows[0]?.indexOf(column) ?? -1;
  if (idx < 0) return [];
  return rows.slice(1).map((r) => r[idx] ?? '').filter((t) => t.length > 0);
}

export function files(dir: string, ext: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) files(p, ext, out);
    else if (name.endsWith(ext)) out.push(p);
  }
  return out;
}

export const stripTags = (s: string): string =>
  s
    .replace(/<(script|style)[^]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

export interface TextSource {
  name: string;
  texts: string[];
}

/** Raw-text sources (tokenised later with the pipeline's tokenizer). */
export function unlabelledSources(): TextSource[] {
  const ev = (...p: string[]): string => sharedPath('eval', ...p);
  return [
    { name: 'guardian-sdf', texts: csvColumn(sharedPath('corpora', 'guardian-sdf.csv'), 'text') },
    { name: 'acled-notes', texts: csvColumn(ev('events', 'acled', 'dev.csv'), 'notes') },
    { name: 'plover-synthetic', texts: csvColumn(ev('events', 'plover', 'synthetic_stories.csv'), 'text') },
    { name: 'timebank-aquaint', texts: files(ev('temporal', 'tbaq'), '.tml').map((f) => stripTags(readFileSync(f, 'utf8'))) },
    { name: 'geowebnews', texts: files(ev('geo', 'geowebnews', 'brat'), '.txt').map((f) => readFileSync(f, 'utf8')) },
    {
      name: 'tr-news',
      texts: [...(existsSync(ev('geo', 'tr-news', 'TR-News.xml')) ? readFileSync(ev('geo', 'tr-news', 'TR-News.xml'), 'utf8') : '').matchAll(/<text>([^]*?)<\/text>/g)].map((m) => stripTags(m[1]!)),
    },
    { name: 'l3s-gn1', texts: files(ev('boilerplate', 'l3s-gn1', 'GoldStandard'), '.txt').map((f) => stripTags(readFileSync(f, 'utf8'))) },
  ];
}
