// TimeML (.tml) files of TimeBank/AQUAINT: the plain text of <TEXT> (tags stripped, the five XML entities decoded)
// with its TIMEX3 spans, and the document creation time (DCT). Used by eval:dates and by the real-news gold
// (eval/lib/news-sources.ts), which indexes the same text.
export interface GoldTimex {
  start: number;
  end: number;
  type: string;
  value: string;
}

export interface TmlDoc {
  id: string;
  dct: string;
  text: string;
  timexes: GoldTimex[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Parses a TimeML file: the plain text of <TEXT> with its TIMEX3 spans, and the DCT. */
export function parseTml(id: string, xml: string): TmlDoc {
  const dct = /<DCT>\s*<TIMEX3[^>]*value="([^"]+)"/.exec(xml)?.[1] ?? '';
  const body = xml.slice(xml.indexOf('<TEXT>') + 6, xml.lastIndexOf('</TEXT>'));
  let text = '';
  const timexes: GoldTimex[] = [];
  const open: { start: number; type: string; value: string }[] = [];
  const re = /<(\/?)([A-Za-z0-9]+)([^>]*)>|&(\w+);|[^<&]+/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    if (m[2]) {
      if (m[2] !== 'TIMEX3') continue;
      if (m[1]) {
        const o = open.pop();
        if (o) timexes.push({ start: o.start, end: text.length, type: o.type, value: o.value });
      } else {
        const attrs = Object.fromEntries([...m[3]!.matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
        if (m[3]!.trim().endsWith('/')) continue;
        open.push({ start: text.length, type: attrs['type'] ?? 'DATE', value: attrs['value'] ?? '' });
      }
    } else if (m[4]) text += ENTITIES[m[4]] ?? m[0];
    else text += m[0];
  }
  return { id, dct: /^\d{4}-\d{2}-\d{2}/.exec(dct)?.[0] ?? dct, text, timexes };
}
