// The event list: the events matching the filters, sorted, a page at a time with the API's cursor (a stack of
// cursors makes "previous" possible), with the total. Each row links to the event view.
import type { EventPage, EventSort, EventSummary, SortOrder } from '../server/contract.js';
import { api, errorMessage } from './api.js';
import { fill, h, s } from './dom.js';
import { formatDate, typeColour, type Labels } from './format.js';
import { filterParams, type Filters, type ListOrder } from './query.js';

export const PAGE_SIZE = 50;

export interface ListOptions {
  labels: Labels;
  open: (id: number) => void;
  locate: (id: number) => void;
  orderChange: (o: ListOrder) => void;
}

const SORT_LABELS: [EventSort, string][] = [
  ['date', 'Date'],
  ['fatalities', 'Fatalities'],
  ['confidence', 'Confidence'],
  ['sources', 'Sources'],
  ['updated', 'Last change'],
];

export function eventRow(e: EventSummary, labels: Labels, open: (id: number) => void, extra?: Node | null): HTMLLIElement {
  const title = h('a', { href: `/events/${e.id}`, class: 'ev-title' }, e.eventType, h('span', { class: 'muted' }, ` · ${e.subEventType}`));
  title.addEventListener('click', (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.button !== 0) return;
    ev.preventDefault();
    open(e.id);
  });
  const actors = [e.actor1?.name, e.actor2?.name].filter(Boolean).join(' vs ');
  return h(
    'li',
    { class: 'ev-row', 'data-event-id': e.id, 'data-testid': 'event-row' },
    h('span', { class: 'dot', style: `background:${typeColour(e.eventType)}`, 'aria-hidden': 'true' }),
    h(
      'div',
      { class: 'ev-main' },
      title,
      h('div', { class: 'ev-meta' }, formatDate(e.date), ' · ', labels.placeLabel(e.place)),
      h('div', { class: 'ev-actors' }, actors || 'no actor'),
    ),
    h(
      'div',
      { class: 'ev-side' },
      h('span', { class: 'fatal', title: 'fatalities' }, e.fatalities === null ? '–' : String(e.fatalities), h('span', { class: 'unit' }, ' dead')),
      h('span', { class: `badge review-${e.review}`, title: e.edited.length ? `edited: ${e.edited.join(', ')}` : `review: ${e.review}` }, e.review),
      h('span', { class: 'muted small', title: 'source articles' }, `${e.sourceCount} src`),
      extra ?? null,
    ),
  );
}

/** A map-pin icon (drawn, so it needs no icon font). */
function pinIcon(): SVGSVGElement {
  return s(
    'svg',
    { viewBox: '0 0 24 24', width: 14, height: 14, 'aria-hidden': 'true' },
    s('path', { d: 'M12 2a7 7 0 0 0-7 7c0 5.2 7 13 7 13s7-7.8 7-13a7 7 0 0 0-7-7zm0 9.5A2.5 2.5 0 1 1 12 6.5a2.5 2.5 0 0 1 0 5z', fill: 'currentColor' }),
  );
}

export class EventList {
  readonly el: HTMLElement;
  private items = h('ol', { class: 'ev-list', 'data-testid': 'event-list' });
  private head = h('span', { class: 'list-count', 'data-testid': 'list-count', 'aria-live': 'polite' });
  private sort: HTMLSelectElement;
  private orderButton: HTMLButtonElement;
  private prev: HTMLButtonElement;
  private next: HTMLButtonElement;
  private cursors: (string | null)[] = [null];
  private page: EventPage | null = null;
  private params = new URLSearchParams();
  private order: ListOrder = { sort: 'date', order: 'desc' };
  private abort: AbortController | null = null;

  constructor(private o: ListOptions) {
    this.sort = h('select', { 'aria-label': 'Sort by', 'data-testid': 'list-sort' }, SORT_LABELS.map(([v, l]) => h('option', { value: v }, l)));
    this.sort.addEventListener('change', () => this.o.orderChange({ ...this.order, sort: this.sort.value as EventSort }));
    this.orderButton = h('button', { type: 'button', class: 'small-button', 'data-testid': 'list-order' });
    this.orderButton.addEventListener('click', () => this.o.orderChange({ ...this.order, order: (this.order.order === 'desc' ? 'asc' : 'desc') as SortOrder }));
    this.prev = h('button', { type: 'button', class: 'small-button', onclick: () => void this.go(-1), 'data-testid': 'list-prev' }, '← Previous');
    this.next = h('button', { type: 'button', class: 'small-button', onclick: () => void this.go(1), 'data-testid': 'list-next' }, 'Next →');
    this.el = h(
      'section',
      { class: 'list-panel', 'aria-label': 'Events' },
      h('div', { class: 'list-head' }, this.head, h('label', { class: 'muted small sort-label' }, 'sort ', this.sort), this.orderButton),
      this.items,
      h('div', { class: 'pager' }, this.prev, this.next),
    );
  }

  async load(f: Filters, order: ListOrder): Promise<void> {
    this.order = order;
    this.sort.value = order.sort;
    this.orderButton.textContent = order.order === 'desc' ? '↓' : '↑';
    this.orderButton.title = order.order === 'desc' ? 'Descending (click for ascending)' : 'Ascending (click for descending)';
    this.orderButton.setAttribute('aria-label', `Order: ${order.order === 'desc' ? 'descending' : 'ascending'} (click to reverse)`);
    const p = filterParams(f);
    p.set('sort', order.sort);
    p.set('order', order.order);
    p.set('limit', String(PAGE_SIZE));
    p.set('total', 'true');
    this.params = p;
    this.cursors = [null];
    await this.fetchPage();
  }

  private async go(d: number): Promise<void> {
    if (d > 0 && this.page?.nextCursor) this.cursors.push(this.page.nextCursor);
    else if (d < 0 && this.cursors.length > 1) this.cursors.pop();
    else return;
    await this.fetchPage();
    this.items.scrollTop = 0;
    (this.items.querySelector('a') as HTMLElement | null)?.focus();
  }

  private total = 0;

  private async fetchPage(): Promise<void> {
    this.abort?.abort();
    const ac = (this.abort = new AbortController());
    const p = new URLSearchParams(this.params);
    const cursor = this.cursors.at(-1);
    if (cursor) p.set('cursor', cursor);
    this.el.classList.add('loading');
    try {
      const page = await api.events(p, ac.signal);
      this.page = page;
      if (page.total !== undefined) this.total = page.total;
      const first = (this.cursors.length - 1) * PAGE_SIZE;
      this.head.textContent =
        page.items.length === 0 ? 'No events match the filters' : `Events ${first + 1}–${first + page.items.length} of ${this.total.toLocaleString('en')}`;
      fill(
        this.items,
        page.items.map((e) =>
          eventRow(
            e,
            this.o.labels,
            this.o.open,
            e.place
              ? h('button', { type: 'button', class: 'icon-button', title: 'Show on the map', 'aria-label': `Show event ${e.id} on the map`, onclick: () => this.o.locate(e.id) }, pinIcon())
              : null,
          ),
        ),
      );
      this.prev.disabled = this.cursors.length <= 1;
      this.next.disabled = !page.nextCursor;
    } catch (e) {
      const m = errorMessage(e);
      if (m) fill(this.items, h('li', { class: 'error' }, m));
    } finally {
      if (this.abort === ac) this.el.classList.remove('loading');
    }
  }
}
