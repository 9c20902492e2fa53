// The timeline: events (or fatalities) per day, week or month as an SVG histogram, with a brush. Dragging across
// it (or clicking one bar, or the arrow keys when it has focus) selects a date range, which filters everything
// else; Escape or "All dates" clears it. The histogram itself ignores the date filter, so the whole period stays
// visible with the selection drawn over it.
import type { AggregateBucket } from '../server/contract.js';
import { h, s } from './dom.js';
import { addDays, daysBetween } from './query.js';

export type Unit = 'day' | 'week' | 'month';
export type Metric = 'events' | 'fatalities';

export interface Bucket {
  start: string;
  end: string;
  events: number;
  fatalities: number;
}

/** The unit that gives a readable number of bars for a period. */
export function unitFor(from: string, to: string): Unit {
  const days = daysBetween(from, to);
  return days <= 200 ? 'day' : days <= 3 * 366 ? 'week' : 'month';
}

function mondayOf(day: string): string {
  const dow = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(day, -dow);
}

function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** Every bucket from `from` to `to` (gaps filled with zeros), in order. */
export function fillBuckets(unit: Unit, from: string, to: string, data: readonly AggregateBucket[]): Bucket[] {
  const byKey = new Map(data.map((b) => [b.key, b]));
  const out: Bucket[] = [];
  if (unit === 'month') {
    let [y, m] = from.slice(0, 7).split('-').map(Number) as [number, number];
    const last = to.slice(0, 7);
    for (let guard = 0; guard < 2400; guard++) {
      const key = `${y}-${String(m).padStart(2, '0')}`;
      const b = byKey.get(key);
      out.push({ start: `${key}-01`, end: monthEnd(key), events: b?.events ?? 0, fatalities: b?.fatalities ?? 0 });
      if (key >= last) break;
      m++;
      if (m > 12) [y, m] = [y + 1, 1];
    }
    return out;
  }
  const step = unit === 'week' ? 7 : 1;
  let day = unit === 'week' ? mondayOf(from) : from;
  for (let guard = 0; guard < 20000 && day <= to; guard++) {
    const b = byKey.get(day);
    out.push({ start: day, end: addDays(day, step - 1), events: b?.events ?? 0, fatalities: b?.fatalities ?? 0 });
    day = addDays(day, step);
  }
  return out;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const HEIGHT = 112;
const M = { left: 36, right: 10, top: 8, bottom: 20 };

export class Timeline {
  readonly el: HTMLElement;
  private svg: SVGSVGElement;
  private buckets: Bucket[] = [];
  private unit: Unit = 'day';
  private metric: Metric = 'events';
  private sel: { from: string; to: string } | null = null;
  private drag: { a: number; b: number; moved: boolean } | null = null;
  private summary = h('span', { class: 'timeline-summary', 'data-testid': 'timeline-summary' });
  private clearButton: HTMLButtonElement;
  private metricButtons: HTMLButtonElement[];

  constructor(private onSelect: (range: { from: string; to: string } | null) => void) {
    this.svg = s('svg', {
      class: 'timeline-svg',
      tabindex: 0,
      role: 'group',
      'aria-label': 'Timeline: drag across the bars, or use the arrow keys, to select a date range. Escape clears it.',
      'data-testid': 'timeline',
    });
    this.clearButton = h('button', { type: 'button', class: 'link-button', onclick: () => this.commit(null) }, 'All dates');
    this.metricButtons = (['events', 'fatalities'] as const).map((m) =>
      h('button', { type: 'button', class: 'seg', 'aria-pressed': String(m === this.metric), onclick: () => this.setMetric(m) }, m === 'events' ? 'Events' : 'Fatalities'),
    );
    this.el = h(
      'section',
      { class: 'timeline', 'aria-label': 'Timeline' },
      h('div', { class: 'timeline-head' }, h('h2', null, 'Timeline'), this.summary, h('span', { class: 'spacer' }), h('span', { class: 'segmented', role: 'group', 'aria-label': 'Bar height' }, this.metricButtons), this.clearButton),
      this.svg,
    );
    this.svg.addEventListener('pointerdown', (e) => this.pointerDown(e));
    this.svg.addEventListener('pointermove', (e) => this.pointerMove(e));
    this.svg.addEventListener('pointerup', (e) => this.pointerUp(e));
    this.svg.addEventListener('keydown', (e) => this.key(e));
    new ResizeObserver(() => this.render()).observe(this.el);
  }

  setData(unit: Unit, buckets: Bucket[]): void {
    this.unit = unit;
    this.buckets = buckets;
    this.render();
  }

  setSelection(from: string, to: string): void {
    this.sel = from || to ? { from: from || this.buckets[0]?.start || from || to, to: to || this.buckets.at(-1)?.end || to || from } : null;
    this.render();
  }

  private setMetric(m: Metric): void {
    this.metric = m;
    this.metricButtons.forEach((b, i) => b.setAttribute('aria-pressed', String((['events', 'fatalities'] as const)[i] === m)));
    this.render();
  }

  private width(): number {
    return Math.max(200, this.svg.clientWidth || this.el.clientWidth || 600);
  }

  private barWidth(): number {
    return (this.width() - M.left - M.right) / Math.max(1, this.buckets.length);
  }

  private indexAt(clientX: number): number {
    const r = this.svg.getBoundingClientRect();
    const i = Math.floor((clientX - r.left - M.left) / this.barWidth());
    return Math.max(0, Math.min(this.buckets.length - 1, i));
  }

  private selectedIndices(): [number, number] | null {
    if (this.drag) return [Math.min(this.drag.a, this.drag.b), Math.max(this.drag.a, this.drag.b)];
    if (!this.sel || this.buckets.length === 0) return null;
    let a = this.buckets.findIndex((b) => b.end >= this.sel!.from);
    let b = -1;
    for (let i = this.buckets.length - 1; i >= 0; i--) if (this.buckets[i]!.start <= this.sel.to) { b = i; break; }
    if (a < 0) a = this.buckets.length - 1;
    if (b < 0) b = 0;
    return a <= b ? [a, b] : null;
  }

  private pointerDown(e: PointerEvent): void {
    if (this.buckets.length === 0 || e.button !== 0) return;
    this.svg.setPointerCapture(e.pointerId);
    const i = this.indexAt(e.clientX);
    this.drag = { a: i, b: i, moved: false };
    this.render();
  }

  private pointerMove(e: PointerEvent): void {
    if (!this.drag) return;
    const i = this.indexAt(e.clientX);
    if (i !== this.drag.b) {
      this.drag.b = i;
      this.drag.moved = true;
      this.render();
    }
  }

  private pointerUp(e: PointerEvent): void {
    if (!this.drag) return;
    this.drag.b = this.indexAt(e.clientX);
    const [a, b] = [Math.min(this.drag.a, this.drag.b), Math.max(this.drag.a, this.drag.b)];
    this.drag = null;
    this.commit({ from: this.buckets[a]!.start, to: this.buckets[b]!.end });
  }

  private key(e: KeyboardEvent): void {
    if (this.buckets.length === 0) return;
    const n = this.buckets.length;
    const cur = this.selectedIndices();
    let next: [number, number] | null = null;
    if (e.key === 'Escape') {
      if (this.sel) this.commit(null);
      return;
    }
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      const d = e.key === 'ArrowLeft' ? -1 : 1;
      if (!cur) next = [n - 1, n - 1];
      else if (e.shiftKey) next = [cur[0], Math.max(cur[0], Math.min(n - 1, cur[1] + d))];
      else {
        const width = cur[1] - cur[0];
        const a = Math.max(0, Math.min(n - 1 - width, cur[0] + d));
        next = [a, a + width];
      }
    } else if (e.key === 'Home') next = cur ? [0, cur[1] - cur[0]] : [0, 0];
    else if (e.key === 'End') next = cur ? [n - 1 - (cur[1] - cur[0]), n - 1] : [n - 1, n - 1];
    if (!next) return;
    e.preventDefault();
    this.commit({ from: this.buckets[next[0]]!.start, to: this.buckets[next[1]]!.end });
  }

  private commit(range: { from: string; to: string } | null): void {
    this.sel = range;
    this.render();
    this.onSelect(range);
  }

  private label(b: Bucket): string {
    if (this.unit === 'month') return `${MONTHS[Number(b.start.slice(5, 7)) - 1]} ${b.start.slice(0, 4)}`;
    if (this.unit === 'week') return `week of ${b.start}`;
    return b.start;
  }

  private render(): void {
    const w = this.width();
    const n = this.buckets.length;
    this.svg.setAttribute('viewBox', `0 0 ${w} ${HEIGHT}`);
    this.svg.setAttribute('width', String(w));
    this.svg.setAttribute('height', String(HEIGHT));
    this.svg.replaceChildren();
    const total = this.buckets.reduce((a, b) => a + b.events, 0);
    const deaths = this.buckets.reduce((a, b) => a + b.fatalities, 0);
    const sel = this.selectedIndices();
    this.clearButton.disabled = !this.sel;
    if (n === 0) {
      this.summary.textContent = 'no dated events match the filters';
      return;
    }
    const values = this.buckets.map((b) => (this.metric === 'events' ? b.events : b.fatalities));
    const max = Math.max(1, ...values);
    const bw = this.barWidth();
    const plotH = HEIGHT - M.top - M.bottom;
    const y = (v: number): number => M.top + plotH - (v / max) * plotH;
    // axis and grid
    for (const v of [0, Math.round(max / 2), max]) {
      if (v === Math.round(max / 2) && (v === 0 || v === max)) continue;
      this.svg.append(
        s('line', { x1: M.left, x2: w - M.right, y1: y(v), y2: y(v), class: v === 0 ? 'axis' : 'grid' }),
        s('text', { x: M.left - 5, y: y(v) + 3.5, class: 'tick', 'text-anchor': 'end' }, String(v)),
      );
    }
    if (sel) {
      this.svg.append(s('rect', { x: M.left + sel[0] * bw, y: M.top - 4, width: (sel[1] - sel[0] + 1) * bw, height: plotH + 4, class: 'brush', 'data-testid': 'timeline-brush' }));
    }
    const gap = bw > 4 ? 1 : 0;
    this.buckets.forEach((b, i) => {
      const v = values[i]!;
      const inSel = !sel || (i >= sel[0] && i <= sel[1]);
      const bar = s('rect', {
        x: M.left + i * bw + gap / 2,
        y: y(v),
        width: Math.max(0.5, bw - gap),
        height: Math.max(0, M.top + plotH - y(v)),
        class: `bar${inSel ? '' : ' bar-out'}`,
        'data-start': b.start,
      });
      bar.append(s('title', null, `${this.label(b)}: ${b.events} event${b.events === 1 ? '' : 's'}, ${b.fatalities} fatalit${b.fatalities === 1 ? 'y' : 'ies'}`));
      this.svg.append(bar);
    });
    // x labels at month starts (days, weeks) or years (months), thinned to fit
    const ticks: { i: number; text: string }[] = [];
    this.buckets.forEach((b, i) => {
      const prev = this.buckets[i - 1];
      if (this.unit === 'month') {
        if (i === 0 || b.start.slice(0, 4) !== prev!.start.slice(0, 4)) ticks.push({ i, text: b.start.slice(0, 4) });
      } else if (i === 0 || b.start.slice(0, 7) !== prev!.start.slice(0, 7)) {
        ticks.push({ i, text: `${MONTHS[Number(b.start.slice(5, 7)) - 1]}${b.start.slice(5, 7) === '01' || i === 0 ? ` ${b.start.slice(0, 4)}` : ''}` });
      }
    });
    let lastX = -Infinity;
    for (const t of ticks) {
      const x = M.left + t.i * bw;
      if (x - lastX < 56) continue;
      lastX = x;
      this.svg.append(s('line', { x1: x, x2: x, y1: M.top + plotH, y2: M.top + plotH + 4, class: 'axis' }), s('text', { x: x + 2, y: HEIGHT - 5, class: 'tick' }, t.text));
    }
    const unitName = this.unit === 'day' ? 'day' : this.unit;
    let text = `${total.toLocaleString('en')} events, ${deaths.toLocaleString('en')} fatalities, per ${unitName}`;
    if (sel) {
      const inSel = this.buckets.slice(sel[0], sel[1] + 1);
      const n = inSel.reduce((a, b) => a + b.events, 0);
      text = `${this.buckets[sel[0]]!.start} – ${this.buckets[sel[1]]!.end}: ${n.toLocaleString('en')} of ${text}`;
    }
    this.summary.textContent = text;
    this.summary.title = text;
  }
}
