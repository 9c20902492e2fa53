// CSV (RFC 4180: quoted fields, doubled quotes, newlines inside quotes, CRLF) as article records, streamed row by
// row. A column mapping says which column holds what (`--columns text=body,published=date`); without one, common
// header names are recognised (text/body/content/article, html, id/guid, date/published, url/link/source, title/headline).
import type { InputItem, InputRecord } from './inputs.js';

export type CsvField = 'id' | 'text' | 'html' | 'published' | 'url' | 'title';
export type ColumnMapping = Partial<Record<CsvField, string>>;

const GUESS: Record<CsvField, RegExp> = {
  id: /^(id|guid|uid|doc_?id|article_?id|key)$/i,
  text: /^(text|body|content|article|article_?text|full_?text|story|maintext|description)$/i,
  html: /^(html|raw_?html|page|source_?html)$/i,
  published: /^(published|date|pub_?date|publish_?date|published_?(at|date|time)|date_?published|datetime|timestamp|time)$/i,
  url: /^(url|link|href|source|source_?url|uri)$/i,
  title: /^(title|headline|heading)$/i,
};

/** Parses "text=body,published=date" into a mapping; throws Error on a bad entry. */
export function parseColumnMapping(spec: string): ColumnMapping {
  const out: ColumnMapping = {};
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(id|text|html|published|url|title)\s*=\s*(.+)$/.exec(part);
    if (!m) throw new Error(`bad column mapping "${part}" (expected FIELD=COLUMN, FIELD one of id, text, html, published, url, title)`);
    out[m[1] as CsvField] = m[2]!.trim();
  }
  if (!out.text && !out.html) throw new Error('the column mapping names no text or html column');
  return out;
}

/** Streaming RFC 4180 parser: yields rows (arrays of fields) with the line number each row started on. */
export async function* csvRows(chunks: AsyncIterable<Buffer | string>, delimiter = ','): AsyncGenerator<{ row: string[]; line: number; unterminated?: boolean }> {
  const dec = new TextDecoder('utf-8');
  let field = '';
  let row: string[] = [];
  let quoted = false;
  let afterQuote = false;
  let line = 1;
  let rowLine = 1;
  let first = true;
  for await (const chunk of chunks) {
    let s = typeof chunk === 'string' ? chunk : dec.decode(chunk, { stream: true });
    if (first) {
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
      first = false;
    }
    for (let i = 0; i < s.length; i++) {
      const c = s[i]!;
      if (quoted) {
        if (c === '"') {
          quoted = false;
          afterQuote = true;
        } else {
          if (c === '\n') line++;
          field += c;
        }
        continue;
      }
      if (c === '"') {
        if (afterQuote) field += '"'; // a doubled quote inside a quoted field
        quoted = true;
        afterQuote = false;
        continue;
      }
      afterQuote = false;
      if (c === delimiter) {
        row.push(field);
        field = '';
      } else if (c === '\n') {
        row.push(field);
        yield { row, line: rowLine };
        row = [];
        field = '';
        line++;
        rowLine = line;
      } else if (c !== '\r') field += c;
    }
  }
  if (field !== '' || row.length > 0 || quoted) {
    row.push(field);
    yield quoted ? { row, line: rowLine, unterminated: true } : { row, line: rowLine };
  }
}

export function guessDelimiter(headerLine: string, path: string): string {
  if (/\.tsv(\.gz)?$/i.test(path)) return '\t';
  const counts = [',', '\t', ';', '|'].map((d) => ({ d, n: headerLine.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0]!.n > 0 ? counts[0]!.d : ',';
}

/** Resolves a mapping against the header row (column names, or 1-based column numbers). */
export function resolveColumns(header: string[], mapping: ColumnMapping | undefined): { ok: true; index: Partial<Record<CsvField, number>> } | { ok: false; error: string } {
  const index: Partial<Record<CsvField, number>> = {};
  const find = (col: string): number => {
    const exact = header.indexOf(col);
    if (exact >= 0) return exact;
    const ci = header.findIndex((h) => h.trim().toLowerCase() === col.trim().toLowerCase());
    if (ci >= 0) return ci;
    if (/^\d+$/.test(col) && Number(col) >= 1 && Number(col) <= header.length) return Number(col) - 1;
    return -1;
  };
  if (mapping) {
    for (const [f, col] of Object.entries(mapping) as [CsvField, string][]) {
      const i = find(col);
      if (i < 0) return { ok: false, error: `no column "${col}" for ${f} (columns: ${header.map((h) => JSON.stringify(h)).join(', ')})` };
      index[f] = i;
    }
    return { ok: true, index };
  }
  for (const f of Object.keys(GUESS) as CsvField[]) {
    const i = header.findIndex((h) => GUESS[f].test(h.trim()));
    if (i >= 0 && !Object.values(index).includes(i)) index[f] = i;
  }
  if (index.text === undefined && index.html === undefined) {
    return { ok: false, error: `cannot tell which column holds the article (columns: ${header.map((h) => JSON.stringify(h)).join(', ')}); give --columns text=COLUMN` };
  }
  return { ok: true, index };
}

export function csvRecord(row: string[], index: Partial<Record<CsvField, number>>, origin: string, fallbackId: string): InputItem {
  const get = (f: CsvField): string | undefined => {
    const i = index[f];
    return i === undefined ? undefined : row[i];
  };
  const id = get('id')?.trim() || fallbackId;
  const text = get('text');
  const html = get('html');
  const body = html !== undefined && html.trim() !== '' ? { html } : { text: text ?? '' };
  if ((body.html ?? body.text ?? '').trim() === '') return { failure: { id, origin, error: 'empty article text in this row' } };
  const rec: InputRecord = {
    id,
    origin,
    ...body,
    published: get('published')?.trim() || null,
    url: get('url')?.trim() || null,
    title: get('title')?.trim() || null,
    format: 'csv',
  };
  return { record: rec };
}
