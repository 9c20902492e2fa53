// A small RFC 4180 CSV reader (quoted fields, doubled quotes, newlines inside quotes) for the evaluation data,
// benchmarks, scripts and tests. (The input adapter, src/adapters/csv.ts, streams; this reads a string whole.)

/** The rows of a CSV text, each a list of fields; a final line break adds no empty row. */
export function parseCsvRows(raw: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let q = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (q) {
      if (c === '"' && raw[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') q = false;
      else field += c;
    } else if (c === '"') q = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** The records of a CSV text keyed by its header; rows of another length than the header are left out. */
export function parseCsv(raw: string): Record<string, string>[] {
  const [head, ...body] = parseCsvRows(raw);
  if (!head) return [];
  return body.filter((r) => r.length === head.length).map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]!])));
}
