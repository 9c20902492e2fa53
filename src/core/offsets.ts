// An offset map from a derived text (cleaned, normalised) back to the text it was derived from.
// Built while the derived text is written: copied runs map one-to-one, replaced runs map to their source range.

export interface OffsetSegment {
  /** Start in the derived text. */
  outStart: number;
  /** Length in the derived text. */
  outLength: number;
  /** Start in the source text. */
  inStart: number;
  /** Length in the source text (equals outLength for copied runs). */
  inLength: number;
}

export class OffsetMap {
  private readonly segments: OffsetSegment[];

  constructor(segments: OffsetSegment[]) {
    this.segments = segments;
  }

  static identity(length: number): OffsetMap {
    return new OffsetMap([{ outStart: 0, outLength: length, inStart: 0, inLength: length }]);
  }

  get parts(): readonly OffsetSegment[] {
    return this.segments;
  }

  /** Source position of a derived-text position (a boundary: `end` positions map as ends). */
  toSource(pos: number, asEnd = false): number {
    const segs = this.segments;
    if (segs.length === 0) return 0;
    let lo = 0;
    let hi = segs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      const s = segs[mid]!;
      if (s.outStart < pos || (s.outStart === pos && !asEnd)) lo = mid;
      else hi = mid - 1;
    }
    const s = segs[lo]!;
    const off = Math.min(Math.max(pos - s.outStart, 0), s.outLength);
    if (s.inLength === s.outLength) return s.inStart + off;
    // A replaced run: its start maps to the source start, anything after it to the source end.
    return off === 0 ? s.inStart : s.inStart + s.inLength;
  }

  /** Compose: this maps C->B, `inner` maps B->A; the result maps C->A. Copied runs are split at inner boundaries. */
  compose(inner: OffsetMap): OffsetMap {
    const out: OffsetSegment[] = [];
    for (const s of this.segments) {
      if (s.inLength !== s.outLength) {
        const a = inner.toSource(s.inStart);
        const b = inner.toSource(s.inStart + s.inLength, true);
        out.push({ outStart: s.outStart, outLength: s.outLength, inStart: a, inLength: Math.max(0, b - a) });
        continue;
      }
      const from = s.inStart;
      const to = s.inStart + s.inLength;
      let covered = from;
      for (const t of inner.segments) {
        const lo = Math.max(from, t.outStart);
        const hi = Math.min(to, t.outStart + t.outLength);
        if (hi <= lo) continue;
        const outStart = s.outStart + (lo - from);
        if (t.inLength === t.outLength) {
          out.push({ outStart, outLength: hi - lo, inStart: t.inStart + (lo - t.outStart), inLength: hi - lo });
        } else {
          out.push({ outStart, outLength: hi - lo, inStart: t.inStart, inLength: t.inLength });
        }
        covered = hi;
      }
      if (covered < to) {
        const a = inner.toSource(covered);
        out.push({ outStart: s.outStart + (covered - from), outLength: to - covered, inStart: a, inLength: to - covered });
      }
    }
    return new OffsetMap(out);
  }
}

/**
 * Writes a derived text piece by piece and records where each piece came from.
 * `copy` appends source text unchanged; `replace` appends new text standing for a source range; `skip` drops source text.
 */
export class OffsetMapBuilder {
  private out = '';
  private readonly segments: OffsetSegment[] = [];

  constructor(private readonly source: string) {}

  get length(): number {
    return this.out.length;
  }

  get text(): string {
    return this.out;
  }

  copy(inStart: number, inEnd: number): void {
    if (inEnd <= inStart) return;
    const len = inEnd - inStart;
    const last = this.segments[this.segments.length - 1];
    if (last && last.inLength === last.outLength && last.outStart + last.outLength === this.out.length && last.inStart + last.inLength === inStart) {
      last.outLength += len;
      last.inLength += len;
    } else {
      this.segments.push({ outStart: this.out.length, outLength: len, inStart, inLength: len });
    }
    this.out += this.source.slice(inStart, inEnd);
  }

  replace(inStart: number, inEnd: number, text: string): void {
    if (text.length === 0) return;
    if (text.length === inEnd - inStart && text === this.source.slice(inStart, inEnd)) {
      this.copy(inStart, inEnd);
      return;
    }
    this.segments.push({ outStart: this.out.length, outLength: text.length, inStart, inLength: inEnd - inStart });
    this.out += text;
  }

  /** Drop trailing characters of the output written so far (e.g. trailing whitespace). */
  trimEnd(): void {
    let n = this.out.length;
    while (n > 0 && /\s/.test(this.out[n - 1]!)) n--;
    if (n === this.out.length) return;
    this.out = this.out.slice(0, n);
    while (this.segments.length > 0) {
      const last = this.segments[this.segments.length - 1]!;
      if (last.outStart >= n) {
        this.segments.pop();
        continue;
      }
      const over = last.outStart + last.outLength - n;
      if (over > 0) {
        last.outLength -= over;
        if (last.inLength === last.outLength + over) last.inLength -= over;
      }
      break;
    }
  }

  build(): { text: string; map: OffsetMap } {
    return { text: this.out, map: new OffsetMap(this.segments.slice()) };
  }
}
