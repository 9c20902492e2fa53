// Bytes -> text: UTF-8 (with or without BOM, UTF-16 with BOM), falling back to windows-1252 for legacy pages.
const utf8 = new TextDecoder('utf-8', { fatal: true });

// windows-1252's 0x80..0x9F (WHATWG: the labels latin1, iso-8859-1, ascii and us-ascii all mean windows-1252).
// Written out because Node's TextDecoder('windows-1252') decodes these bytes as ISO-8859-1 C1 controls.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];
const CP1252_LABELS = new Set(['windows-1252', 'cp1252', 'x-cp1252', 'latin1', 'iso-8859-1', 'iso8859-1', 'iso_8859-1', 'l1', 'ascii', 'us-ascii', 'iso-ir-100', 'ibm819', 'cp819', 'csisolatin1', 'iso_8859-1:1987', 'x-user-defined-latin1']);

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const end = Math.min(bytes.length, i + CHUNK);
    const codes = new Array<number>(end - i);
    for (let j = i; j < end; j++) {
      const b = bytes[j]!;
      codes[j - i] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b;
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}

export interface Decoded {
  text: string;
  encoding: string;
}

export function decodeBytes(bytes: Uint8Array, declared?: string | null): Decoded {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const body = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const want = declared?.trim().toLowerCase();
  if (want && CP1252_LABELS.has(want)) return { text: decodeWindows1252(body), encoding: 'windows-1252' };
  if (want && want !== 'utf-8' && want !== 'utf8') {
    try {
      return { text: new TextDecoder(want).decode(body), encoding: want };
    } catch {
      // unknown label: fall through to detection
    }
  }
  try {
    return { text: utf8.decode(body), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(body), encoding: 'windows-1252' };
  }
}

/** The charset an HTML document declares in its first 2 KiB (<meta charset> or http-equiv), if any. */
export function sniffHtmlCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  return m ? m[1]! : null;
}
