// Bytes -> text: UTF-8 (with or without BOM, UTF-16 with BOM), falling back to windows-1252 for legacy pages.
const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface Decoded {
  text: string;
  encoding: string;
}

export function decodeBytes(bytes: Uint8Array, declared?: string | null): Decoded {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const body = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const want = declared?.trim().toLowerCase();
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
    return { text: new TextDecoder('windows-1252').decode(body), encoding: 'windows-1252' };
  }
}

/** The charset an HTML document declares in its first 2 KiB (<meta charset> or http-equiv), if any. */
export function sniffHtmlCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  return m ? m[1]! : null;
}
