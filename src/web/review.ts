// The review queue: pending events matching the filters, least confident first, beside the event view with the
// review actions. A decision moves on to the next event. Keys: j/k next/previous, a accept, x reject, e edit.
import type { EventDetail, EventSummary, ReviewResponse } from '../server/contract.js';
import { api, errorMessage } from './api.js';
import type { AppContext } from './context.js';
import { fill, h } from './dom.js';
import { EventView } from './event-view.js';
import { eventRow } from './list.js';
import { describeFilters, filterParams, type Filters } from './query.js';

export class ReviewQueue {
  readonly el: HTMLElement;
  private list = h('ol', { class: 'ev-list queue-list', 'data-testid': 'queue-list' });
  private count = h('span', { class: 'list-count', 'data-testid': 'queue-count', 'aria-live': 'polite' });
  private scope = h('p', { class: 'queue-scope small', 'data-testid': 'queue-scope' });
  private more: HTMLButtonElement;
  private detail = h('div', { class: 'queue-detail' });
  private view: EventView;
  private items: EventSummary[] = [];
  private next: string | null = null;
  private total = 0;
  private selected: number | null = null;
  private filters: Filters | null = null;
  private abort: AbortController | null = null;

  constructor(private ctx: AppContext) {
    this.view = new EventView({ ctx, inQueue: true, changed: (ev, res) => this.decided(ev, res) });
    this.more = h('button', { type: 'button', class: 'small-button', onclick: () => void this.fetch(true) }, 'Load more');
    this.el = h(
      'section',
      { class: 'review-view', 'aria-label': 'Review queue', 'data-testid': 'review-queue' },
      h(
        'aside',
        { class: 'queue' },
        h('div', { class: 'list-head' }, h('h1', null, 'Review queue'), this.count),
        h('p', { class: 'muted small' }, 'Pending events matching the filters, least confident first. Keys: ', h('kbd', null, 'j'), '/', h('kbd', null, 'k'), ' next/previous, ', h('kbd', null, 'a'), ' accept, ', h('kbd', null, 'x'), ' reject, ', h('kbd', null, 'e'), ' edit.'),
        this.scope,
        this.list,
        h('div', { class: 'pager' }, this.more),
      ),
      this.detail,
    );
    fill(this.detail, this.view.el);
    document.addEventListener('keydown', (e) => this.key(e));
  }

  private active(): boolean {
    return this.el.isConnected && !this.el.closest('[hidden]');
  }

  async load(f: Filters, select: number | null): Promise<void> {
    this.filters = f;
    const words = describeFilters({ ...f, review: null }, { country: (c) => this.ctx.labels.country(c), admin1: (a) => this.ctx.labels.admin1Label(a) });
    fill(
      this.scope,
      words.length
        ? [
            h('strong', null, 'Filtered: '),
            words.join('; '),
            ' ',
            h('button', { type: 'button', class: 'link-button', onclick: () => this.ctx.clearFilters(), 'data-testid': 'queue-clear' }, 'show all'),
          ]
        : 'All pending events (set filters on the map page to narrow the queue).',
    );
    this.selected = select;
    await this.fetch(false);
    const target = select ?? this.items[0]?.id ?? null;
    if (target !== null) await this.select(target, false);
    else if (this.items.length === 0) fill(this.detail, h('p', { class: 'empty' }, 'Nothing to review: no pending event matches the filters.'));
  }

  private async fetch(append: boolean): Promise<void> {
    if (!this.filters) return;
    this.abort?.abort();
    const ac = (this.abort = new AbortController());
    const p = filterParams(this.filters, { review: ['pending'] });
    p.set('sort', 'confidence');
    p.set('order', 'asc');
    p.set('limit', '50');
    p.set('total', 'true');
    if (append && this.next) p.set('cursor', this.next);
    try {
      const page = await api.events(p, ac.signal);
      this.items = append ? [...this.items, ...page.items] : page.items;
      this.next = page.nextCursor;
      if (page.total !== undefined) this.total = page.total;
      this.renderList();
    } catch (e) {
      const m = errorMessage(e);
      if (m) fill(this.list, h('li', { class: 'error' }, m));
    }
  }

  private renderList(): void {
    this.count.textContent = `${this.total.toLocaleString('en')} pending`;
    fill(
      this.list,
      this.items.map((e) => {
        const li = eventRow(e, this.ctx.labels, (id) => void this.select(id, true), h('span', { class: 'muted small', title: 'confidence' }, e.confidence.toFixed(2)));
        if (e.id === this.selected) li.classList.add('selected');
        li.setAttribute('aria-current', String(e.id === this.selected));
        return li;
      }),
    );
    this.more.hidden = !this.next;
  }

  private async select(id: number, push: boolean): Promise<void> {
    this.selected = id;
    if (this.view.el.parentElement !== this.detail) fill(this.detail, this.view.el);
    for (const li of this.list.querySelectorAll<HTMLElement>('.ev-row')) {
      const on = li.dataset['eventId'] === String(id);
      li.classList.toggle('selected', on);
      li.setAttribute('aria-current', String(on));
      if (on) li.scrollIntoView({ block: 'nearest' });
    }
    if (push) this.ctx.navigate(`/review/${id}`);
    await this.view.load(id);
  }

  /** After a decision the event leaves the queue (unless reopened) and the next one opens. */
  private decided(ev: EventDetail, res: ReviewResponse): void {
    if (res.removed.length) {
      // merged into this event: they are gone
      this.items = this.items.filter((x) => !res.removed.includes(x.id));
      this.total = Math.max(0, this.total - res.removed.length);
      this.renderList();
    }
    if (ev.review === 'pending') return;
    const i = this.items.findIndex((x) => x.id === ev.id);
    if (i < 0) return;
    this.items.splice(i, 1);
    this.total = Math.max(0, this.total - 1);
    const next = this.items[i] ?? this.items[i - 1];
    this.renderList();
    // stay on the decided event briefly visible in the detail; the list moves on
    if (next) {
      this.selected = next.id;
      void this.select(next.id, true);
    }
  }

  private key(e: KeyboardEvent): void {
    if (!this.active() || e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target as HTMLElement | null;
    if (t && (t.closest('input, textarea, select, [contenteditable=true]') || document.querySelector('dialog[open]'))) return;
    const i = this.items.findIndex((x) => x.id === this.selected);
    if (e.key === 'j' || e.key === 'k') {
      const n = this.items[e.key === 'j' ? i + 1 : i - 1];
      if (n) void this.select(n.id, true);
    } else if (e.key === 'a') this.view.focusAction('action-accept');
    else if (e.key === 'x') this.view.focusAction('action-reject');
    else if (e.key === 'e') this.view.focusAction('action-edit');
    else return;
    e.preventDefault();
  }
}
