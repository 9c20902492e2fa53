// The filter panel: text query, event type and sub-type, country, first-level division, actor, review state, date
// range, minimum fatalities. Every control is a native form control (keyboard-reachable, labelled); the panel
// reflects the app's filters and reports changes, it holds no state of its own.
import type { AggregateResponse, MetaResponse, ReviewState } from '../server/contract.js';
import { api, errorMessage } from './api.js';
import { announce, fill, h } from './dom.js';
import { typeColour, type Labels } from './format.js';
import { ALL_REVIEW_STATES, filterParams, normaliseReview, reviewStates, type Filters } from './query.js';

export interface FilterPanelOptions {
  meta: MetaResponse;
  labels: Labels;
  change: (patch: Partial<Filters>) => void;
  clear: () => void;
}

let uid = 0;
const id = (p: string): string => `${p}-${++uid}`;

function chip(label: string, remove: () => void, testid: string): HTMLElement {
  return h(
    'span',
    { class: 'chip', 'data-testid': testid },
    label,
    h('button', { type: 'button', class: 'chip-x', 'aria-label': `Remove filter ${label}`, title: 'Remove', onclick: remove }, '×'),
  );
}

export class FilterPanel {
  readonly el: HTMLElement;
  private f: Filters | null = null;
  private q: HTMLInputElement;
  private typeBoxes = new Map<string, { box: HTMLInputElement; count: HTMLElement }>();
  private subList: HTMLElement;
  private subSummary: HTMLElement;
  private countrySelect: HTMLSelectElement;
  private countryChips: HTMLElement;
  private admin1Select: HTMLSelectElement;
  private admin1Chips: HTMLElement;
  private actorInput: HTMLInputElement;
  private actorList: HTMLDataListElement;
  private actorChips: HTMLElement;
  private actorNames = new Map<string, string>();
  private reviewBoxes = new Map<ReviewState, HTMLInputElement>();
  private areaChip = h('div', { class: 'chips' });
  private from: HTMLInputElement;
  private to: HTMLInputElement;
  private minF: HTMLInputElement;
  private facetAbort: AbortController | null = null;
  private actorAbort: AbortController | null = null;
  private qTimer = 0;

  constructor(private o: FilterPanelOptions) {
    const qId = id('q');
    this.q = h('input', { id: qId, type: 'search', placeholder: 'words, "a phrase", prefix*', autocomplete: 'off', 'data-testid': 'filter-q' });
    this.q.addEventListener('input', () => {
      clearTimeout(this.qTimer);
      this.qTimer = window.setTimeout(() => this.commitQuery(), 450);
    });
    this.q.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        clearTimeout(this.qTimer);
        this.commitQuery();
      }
    });

    const types = o.meta.taxonomy.map((t) => {
      const bid = id('type');
      const box = h('input', { type: 'checkbox', id: bid, value: t.eventType, 'data-testid': `filter-type-${t.eventType}` });
      box.addEventListener('change', () => this.toggleType(t.eventType, box.checked));
      const count = h('span', { class: 'count' });
      this.typeBoxes.set(t.eventType, { box, count });
      return h('li', null, box, h('label', { for: bid }, h('span', { class: 'swatch', style: `background:${typeColour(t.eventType)}` }), t.eventType), count);
    });

    this.subSummary = h('span', { class: 'muted' });
    this.subList = h('div', { class: 'sub-list' });

    this.countrySelect = h('select', { id: id('country'), 'data-testid': 'filter-country' });
    this.countrySelect.addEventListener('change', () => {
      const v = this.countrySelect.value;
      if (v && this.f && !this.f.countries.includes(v)) this.o.change({ countries: [...this.f.countries, v], admin1: [] });
      this.countrySelect.value = '';
    });
    fill(this.countrySelect, h('option', { value: '' }, 'Add a country…'), o.meta.countries.map((c) => h('option', { value: c.code }, `${c.name} (${c.events})`)));
    this.countryChips = h('div', { class: 'chips' });

    this.admin1Select = h('select', { id: id('admin1'), 'data-testid': 'filter-admin1' });
    this.admin1Select.addEventListener('change', () => {
      const v = this.admin1Select.value;
      if (v && this.f && !this.f.admin1.includes(v)) this.o.change({ admin1: [...this.f.admin1, v] });
      this.admin1Select.value = '';
    });
    this.admin1Chips = h('div', { class: 'chips' });

    const actorListId = id('actors');
    this.actorList = h('datalist', { id: actorListId });
    this.actorInput = h('input', { id: id('actor'), type: 'text', list: actorListId, placeholder: 'name, then Enter', autocomplete: 'off', 'data-testid': 'filter-actor' });
    this.actorInput.addEventListener('input', () => void this.suggestActors());
    this.actorInput.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        this.addActor();
      }
    });
    this.actorInput.addEventListener('change', () => {
      // picking a suggestion from the list
      if (this.actorNames.has(this.actorInput.value)) this.addActor();
    });
    this.actorChips = h('div', { class: 'chips' });

    const reviews = ALL_REVIEW_STATES.map((r) => {
      const rid = id('review');
      const box = h('input', { type: 'checkbox', id: rid, value: r, 'data-testid': `filter-review-${r}` });
      box.addEventListener('change', () => {
        const states = ALL_REVIEW_STATES.filter((s) => this.reviewBoxes.get(s)!.checked);
        this.o.change({ review: states.length === 0 ? null : normaliseReview(states) });
      });
      this.reviewBoxes.set(r, box);
      return h('li', null, box, h('label', { for: rid }, h('span', { class: `badge review-${r}` }, r)));
    });

    this.from = h('input', { type: 'date', id: id('from'), 'data-testid': 'filter-from' });
    this.to = h('input', { type: 'date', id: id('to'), 'data-testid': 'filter-to' });
    this.from.addEventListener('change', () => this.o.change({ from: this.from.value }));
    this.to.addEventListener('change', () => this.o.change({ to: this.to.value }));
    this.minF = h('input', { type: 'number', min: 0, step: 1, id: id('minf'), inputmode: 'numeric', 'data-testid': 'filter-minf' });
    this.minF.addEventListener('change', () => this.o.change({ minFatalities: /^\d+$/.test(this.minF.value) ? String(Number(this.minF.value)) : '' }));

    const group = (title: string, forId: string | null, ...body: (Node | string)[]): HTMLElement =>
      h('div', { class: 'fgroup' }, forId ? h('label', { class: 'fgroup-title', for: forId }, title) : h('h3', { class: 'fgroup-title' }, title), ...body);

    this.el = h(
      'aside',
      { class: 'filters', 'aria-label': 'Filters' },
      h('div', { class: 'filters-head' }, h('h2', null, 'Filters'), h('button', { type: 'button', class: 'link-button', onclick: () => this.o.clear(), 'data-testid': 'filter-clear' }, 'Clear all')),
      this.areaChip,
      group('Search the evidence', qId, this.q),
      h('fieldset', { class: 'fgroup' }, h('legend', { class: 'fgroup-title' }, 'Event type'), h('ul', { class: 'checks' }, types)),
      h('details', { class: 'fgroup sub-types' }, h('summary', { class: 'fgroup-title' }, 'Sub-event type ', this.subSummary), this.subList),
      group('Country', this.countrySelect.id, this.countryChips, this.countrySelect),
      group('First-level division (region)', this.admin1Select.id, this.admin1Chips, this.admin1Select),
      group('Actor (either side)', this.actorInput.id, this.actorChips, this.actorInput, this.actorList),
      h('fieldset', { class: 'fgroup' }, h('legend', { class: 'fgroup-title' }, 'Review state'), h('ul', { class: 'checks checks-inline' }, reviews)),
      h('fieldset', { class: 'fgroup dates' }, h('legend', { class: 'fgroup-title' }, 'Date range'), h('label', { for: this.from.id }, 'from'), this.from, h('label', { for: this.to.id }, 'to'), this.to),
      group('At least this many fatalities', this.minF.id, this.minF),
    );
  }

  private commitQuery(): void {
    const v = this.q.value.trim();
    if (this.f && v !== this.f.q) this.o.change({ q: v });
  }

  private toggleType(t: string, on: boolean): void {
    if (!this.f) return;
    const types = on ? [...this.f.types, t] : this.f.types.filter((x) => x !== t);
    const allowed = new Set(this.o.meta.taxonomy.filter((e) => types.length === 0 || types.includes(e.eventType)).flatMap((e) => e.subEventTypes));
    this.o.change({ types, subTypes: this.f.subTypes.filter((s) => allowed.has(s)) });
  }

  private addActor(): void {
    const v = this.actorInput.value.trim();
    if (!v || !this.f) return;
    const value = this.actorNames.get(v) ?? v;
    this.actorInput.value = '';
    if (!this.f.actors.includes(value)) this.o.change({ actors: [...this.f.actors, value] });
  }

  private async suggestActors(): Promise<void> {
    const q = this.actorInput.value.trim();
    this.actorAbort?.abort();
    if (q.length < 2 || !/[\p{L}\p{N}]/u.test(q)) return;
    const ac = (this.actorAbort = new AbortController());
    try {
      const page = await api.actors(q, ac.signal);
      fill(this.actorList, page.items.map((a) => h('option', { value: a.name }, `${a.events} event(s)`)));
      for (const a of page.items) this.actorNames.set(a.name, a.id);
    } catch (e) {
      const m = errorMessage(e);
      if (m && !(e instanceof Error && e.name === 'ApiFailure')) announce(m, 'error');
    }
  }

  /** Reflects the filters (and refreshes the facet counts and region list). */
  update(f: Filters): void {
    this.f = f;
    if (document.activeElement !== this.q) this.q.value = f.q;
    for (const [t, { box }] of this.typeBoxes) box.checked = f.types.includes(t);
    // sub-types of the selected types (all when none is selected), grouped by type
    const groups = this.o.meta.taxonomy.filter((t) => f.types.length === 0 || f.types.includes(t.eventType));
    fill(
      this.subList,
      groups.map((t) =>
        h(
          'fieldset',
          { class: 'sub-group' },
          h('legend', null, t.eventType),
          h(
            'ul',
            { class: 'checks' },
            t.subEventTypes.map((st) => {
              const sid = id('sub');
              const box = h('input', { type: 'checkbox', id: sid, value: st, 'data-testid': `filter-sub-${st}` });
              box.checked = f.subTypes.includes(st);
              box.addEventListener('change', () => this.o.change({ subTypes: box.checked ? [...f.subTypes, st] : f.subTypes.filter((x) => x !== st) }));
              return h('li', null, box, h('label', { for: sid }, st));
            }),
          ),
        ),
      ),
    );
    this.subSummary.textContent = f.subTypes.length ? `(${f.subTypes.length} selected)` : '(any)';
    fill(this.countryChips, f.countries.map((c) => chip(this.o.labels.country(c), () => this.o.change({ countries: f.countries.filter((x) => x !== c), admin1: [] }), `chip-country-${c}`)));
    fill(this.admin1Chips, f.admin1.map((a) => chip(this.o.labels.admin1Label(a), () => this.o.change({ admin1: f.admin1.filter((x) => x !== a) }), `chip-admin1-${a}`)));
    fill(
      this.actorChips,
      f.actors.map((a) => chip([...this.actorNames].find(([, v]) => v === a)?.[0] ?? a, () => this.o.change({ actors: f.actors.filter((x) => x !== a) }), `chip-actor-${a}`)),
    );
    fill(this.areaChip, f.bbox ? chip('Only the map view', () => this.o.change({ bbox: '' }), 'chip-bbox') : null);
    const states = reviewStates(f);
    for (const [r, box] of this.reviewBoxes) box.checked = states.includes(r);
    this.from.value = f.from;
    this.to.value = f.to;
    this.minF.value = f.minFatalities;
    void this.refreshFacets(f);
  }

  private async refreshFacets(f: Filters): Promise<void> {
    this.facetAbort?.abort();
    const ac = (this.facetAbort = new AbortController());
    try {
      const [byType, byAdmin1] = await Promise.all([
        api.aggregates('type', filterParams({ ...f, types: [], subTypes: [] }), ac.signal),
        api.aggregates('admin1', filterParams({ ...f, admin1: [] }), ac.signal),
      ]);
      this.showTypeCounts(byType);
      for (const b of byAdmin1.buckets) this.o.labels.admin1.set(b.key, b.label);
      fill(
        this.admin1Select,
        h('option', { value: '' }, byAdmin1.buckets.length ? 'Add a region…' : 'no regions for these filters'),
        byAdmin1.buckets
          .filter((b) => !f.admin1.includes(b.key))
          .sort((a, b) => a.label.localeCompare(b.label))
          .map((b) => h('option', { value: b.key }, `${b.label} (${b.events})`)),
      );
      fill(this.admin1Chips, f.admin1.map((a) => chip(this.o.labels.admin1Label(a), () => this.o.change({ admin1: f.admin1.filter((x) => x !== a) }), `chip-admin1-${a}`)));
    } catch (e) {
      const m = errorMessage(e);
      if (m) announce(m, 'error');
    }
  }

  private showTypeCounts(r: AggregateResponse): void {
    const counts = new Map(r.buckets.map((b) => [b.key, b.events]));
    for (const [t, { count }] of this.typeBoxes) count.textContent = String(counts.get(t) ?? 0);
  }
}
