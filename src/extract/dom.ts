// A light HTML tree that remembers where every node came from in the source string, so extracted text can be mapped
// back to the HTML character by character. Built from htmlparser2's tokenizer (forgiving, fast, no DOM emulation).
// Text nodes keep their raw source range; entities are decoded only when text is emitted (see TextEmitter).
import { Parser } from 'htmlparser2';
import { decodeHTML, decodeHTMLAttribute } from 'entities';
import { OffsetMapBuilder, type OffsetMap } from '../core/offsets.js';

export interface HElement {
  kind: 'el';
  tag: string;
  attrs: Record<string, string>;
  children: HNode[];
  parent: HElement | null;
  /** Source offset of the start tag's "<". */
  start: number;
  /** Source offset just past the end tag (or of the last child when the end tag is implied). */
  end: number;
}

export interface HText {
  kind: 'text';
  parent: HElement;
  /** Raw source range (entities not decoded). */
  start: number;
  end: number;
}

export type HNode = HElement | HText;

export interface HDocument {
  source: string;
  root: HElement;
}

/** Parses HTML into an HDocument. Never throws on malformed markup. */
export function parseHtml(source: string): HDocument {
  const root: HElement = { kind: 'el', tag: '#root', attrs: {}, children: [], parent: null, start: 0, end: source.length };
  let cur = root;
  const stack: HElement[] = [root];
  const flattened = new Map<string, number>();
  // Browsers close <head> at the first thing that cannot live in it; htmlparser2 does not, so do it here.
  const leaveHead = (): void => {
    const i = stack.findIndex((e) => e.tag === 'head');
    if (i > 0) {
      stack.length = i;
      cur = stack[i - 1]!;
    }
  };
  const parser: Parser = new Parser(
    {
      onopentag(name, attribs) {
        if (cur.tag === 'head' && !HEAD_CONTENT.has(name)) leaveHead();
        const attrs: Record<string, string> = {};
        for (const k in attribs) attrs[k] = attribs[k]!.includes('&') ? decodeHTMLAttribute(attribs[k]!) : attribs[k]!;
        const el: HElement = { kind: 'el', tag: name, attrs, children: [], parent: cur, start: parser.startIndex, end: parser.endIndex + 1 };
        cur.children.push(el);
        if (stack.length >= MAX_DEPTH) {
          // Pathologically deep markup is flattened, so no walk over the tree can overflow the stack.
          flattened.set(name, (flattened.get(name) ?? 0) + 1);
          return;
        }
        stack.push(el);
        cur = el;
      },
      onclosetag(name) {
        const f = flattened.get(name);
        if (f) {
          flattened.set(name, f - 1);
          return;
        }
        // Pop to the nearest open element of that name; a stray end tag is ignored.
        let i = stack.length - 1;
        while (i > 0 && stack[i]!.tag !== name) i--;
        if (i === 0) return;
        const end = parser.endIndex + 1;
        for (let j = stack.length - 1; j >= i; j--) stack[j]!.end = Math.max(stack[j]!.end, end);
        stack.length = i;
        cur = stack[i - 1]!;
      },
      ontext() {
        const start = parser.startIndex;
        const end = parser.endIndex + 1;
        if (cur.tag === 'head' && /\S/.test(source.slice(start, end))) leaveHead();
        const last = cur.children[cur.children.length - 1];
        if (last && last.kind === 'text' && last.end === start) last.end = end;
        else cur.children.push({ kind: 'text', parent: cur, start, end });
      },
    },
    { decodeEntities: false, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeCDATA: false },
  );
  parser.end(source);
  return { source, root };
}

const MAX_DEPTH = 256;

const HEAD_CONTENT = new Set(['title', 'meta', 'link', 'style', 'script', 'base', 'noscript', 'template', 'object', 'param', 'basefont', 'bgsound']);

/** Elements whose content never counts as visible article text. */
export const NON_CONTENT = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas', 'video', 'audio',
  'select', 'option', 'button', 'input', 'textarea', 'head', 'title', 'meta', 'link', 'map', 'area', 'frameset', 'frame',
  'applet', 'picture', 'source', 'track', 'datalist', 'dialog',
]);

/** Elements that start a new block of text. */
export const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'dir', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'li',
  'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr',
  'ul', 'caption', 'legend', 'noframes', '#root',
]);

export function isHidden(el: HElement): boolean {
  const a = el.attrs;
  if ('hidden' in a) return true;
  if (a['aria-hidden'] === 'true' && el.tag !== 'body' && el.tag !== 'html') return true;
  const style = a['style'];
  if (style && /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i.test(style)) return true;
  return false;
}

/** Depth-first elements under (and including) `el`. */
export function* elements(el: HElement): Generator<HElement> {
  yield el;
  for (const c of el.children) if (c.kind === 'el') yield* elements(c);
}

export function findFirst(el: HElement, pred: (e: HElement) => boolean): HElement | null {
  for (const e of elements(el)) if (pred(e)) return e;
  return null;
}

export function findAll(el: HElement, pred: (e: HElement) => boolean): HElement[] {
  const out: HElement[] = [];
  for (const e of elements(el)) if (pred(e)) out.push(e);
  return out;
}

/** Decoded, whitespace-collapsed text of a subtree (for metadata; not mapped). */
export function textOf(doc: HDocument, el: HNode, skipNonContent = true): string {
  const parts: string[] = [];
  const walk = (n: HNode): void => {
    if (n.kind === 'text') parts.push(decodeRaw(doc.source.slice(n.start, n.end)));
    else {
      if (skipNonContent && NON_CONTENT.has(n.tag) && n !== el) return;
      if (n.tag === 'br' || BLOCK.has(n.tag)) parts.push(' ');
      for (const c of n.children) walk(c);
      if (BLOCK.has(n.tag)) parts.push(' ');
    }
  };
  walk(el);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

const ENTITY = /&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};?)/g;

export function decodeRaw(raw: string): string {
  return raw.includes('&') ? decodeHTML(raw) : raw;
}

const WS = /[ \t\n\r\f\u00a0\u2000-\u200a\u202f\u205f\u3000\u1680]/;

/**
 * Writes visible text to an output string with an offset map into the HTML source: entities decoded, whitespace
 * runs collapsed to one space, blocks separated by one newline. Every output character maps to the source range it
 * came from (a decoded entity maps to the whole entity; an inserted break to the position of the text after it).
 */
export class TextEmitter {
  private readonly b: OffsetMapBuilder;
  /** Source range of whitespace waiting to be written as one space (only if more text follows in the block). */
  private pendingSpace: [number, number] | null = null;
  private pendingBreak = false;

  constructor(private readonly source: string) {
    this.b = new OffsetMapBuilder(source);
  }

  get length(): number {
    return this.b.length;
  }

  /** Ends the current block: the next text starts on a new line. */
  breakBlock(): void {
    if (this.b.length > 0) this.pendingBreak = true;
    this.pendingSpace = null;
  }

  /** Appends the raw source range [start, end) as visible text. */
  text(start: number, end: number): void {
    const src = this.source;
    ENTITY.lastIndex = start;
    let i = start;
    while (i < end) {
      const c = src[i]!;
      if (WS.test(c)) {
        let j = i + 1;
        while (j < end && WS.test(src[j]!)) j++;
        if (this.b.length > 0 && !this.pendingBreak) this.pendingSpace = this.pendingSpace ? [this.pendingSpace[0], j] : [i, j];
        i = j;
        continue;
      }
      if (c === '&') {
        ENTITY.lastIndex = i;
        const m = ENTITY.exec(src);
        if (m && m.index === i && i + m[0].length <= end) {
          const decoded = decodeHTML(m[0]);
          if (decoded !== m[0]) {
            if (/^\s+$/.test(decoded)) {
              if (this.b.length > 0 && !this.pendingBreak) this.pendingSpace = this.pendingSpace ? [this.pendingSpace[0], i + m[0].length] : [i, i + m[0].length];
            } else {
              this.flushPending(i);
              this.b.replace(i, i + m[0].length, decoded);
            }
            i += m[0].length;
            continue;
          }
        }
      }
      // A run of ordinary characters, copied as they are.
      let j = i + 1;
      while (j < end && src[j] !== '&' && !WS.test(src[j]!)) j++;
      this.flushPending(i);
      this.b.copy(i, j);
      i = j;
    }
  }

  private flushPending(at: number): void {
    if (this.pendingBreak) {
      this.b.replace(at, at, '\n');
      this.pendingBreak = false;
      this.pendingSpace = null;
    } else if (this.pendingSpace) {
      const [s, e] = this.pendingSpace;
      if (e - s === 1 && this.source[s] === ' ') this.b.copy(s, e);
      else this.b.replace(s, e, ' ');
      this.pendingSpace = null;
    }
  }

  build(): { text: string; map: OffsetMap } {
    return this.b.build();
  }
}
