// sitrep's web UI: the analyst's map, timeline, filters, event list, totals, event view and review queue, over the
// workspace API. Routes: / (map and list), /events/{id} (one event), /review and /review/{id} (the queue); the
// filters live in the query string of every route, so any view can be bookmarked or shared.
import type { EventDetail, MetaResponse } from '../server/contract.js';
import { ApiFailure, api, download, errorMessage, takeTokenFromLocation, token } from './api.js';
import type { AppContext } from './context.js';
import { announce, fill, h } from './dom.js';
import { EventView } from './event-view.js';
import { FilterPanel } from './filters.js';
import { Labels } from './format.js';
import { EventList } from './list.js';
import { EventMap } from './map.js';
import { emptyFilters, filterParams, pageSearch, parseFilters, parseOrder, type Filters, type ListOrder } from './query.js';
import { ReviewQueue } from './review.js';
import { Timeline, fillBuckets, unitFor, type Unit } from './timeline.js';
import { Totals } from './totals.js';
import './style.css';

const REVIEWER_KEY = 'sitrep.reviewer';
/** Most events the map loads at once. */
const MAP_CAP = 30_000;

class App implements AppContext {
  filters: Filters;
  order: ListOrder;
  labels: Labels;
  private main = h('main', { id: 'main', tabindex: -1 });
  private views: { map?: MapPage; event?: EventView; review?: ReviewQueue } = {};
  private pending = h('span', { class: 'nav-count', 'data-testid': 'pending-count' });
  private nav: Record<'map' | 'review', HTMLAnchorElement>;
  private exports: HTMLAnchorElement[] = [];
  private who = h('span', { class: 'who', 'data-testid': 'reviewer-name' });
  private dialog: HTMLDialogElement;
  private dialogInput: HTMLInputElement;
  private route: { name: 'map' | 'event' | 'review'; id: number | null } = { name: 'map', id: null };

  constructor(readonly meta: MetaResponse) {
    this.labels = new Labels(meta);
    this.filters = parseFilters(location.search);
    this.order = parseOrder(location.search);
    const link = (path: string, label: Node[] | string, testid: string): HTMLAnchorElement => {
      const a = h('a', { href: path, 'data-testid': testid }, label);
      a.addEventListener('click', (e) => {
        if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        this.navigate(path);
      });
      return a;
    };
    this.nav = { map: link('/', 'Map & list', 'nav-map'), review: link('/review', [document.createTextNode('Review queue '), this.pending], 'nav-review') };
    const formats: [string, string, string][] = [
      ['csv', 'CSV (ACLED)', 'ACLED-compatible CSV: the 31 ACLED columns'],
      ['geojson', 'GeoJSON', 'GeoJSON FeatureCollection of the events'],
      ['jsonl', 'JSON Lines', 'One event per line, with its articles and evidence'],
    ];
    this.exports = formats.map(([ext, label, title]) => {
      const a = h('a', { href: `/api/export/events.${ext}`, download: '', class: 'export', title, 'data-testid': `export-${ext}` }, label);
      // A link cannot carry the token, which a server bound beyond loopback wants for reads: with one, fetch with it.
      a.addEventListener('click', (e) => {
        if (!token()) return;
        e.preventDefault();
        download(a.href, `sitrep-events.${ext}`).catch((err: unknown) => {
          const msg = errorMessage(err);
          if (msg) announce(`The export failed: ${msg}`, 'error');
        });
      });
      return a;
    });
    const write = token()
      ? h('span', { class: 'write-ok', title: 'This tab holds the write token: review actions are possible', 'data-testid': 'write-state' }, 'can review')
      : h('span', { class: 'write-no', title: 'No write token: open the link printed by npm start to review', 'data-testid': 'write-state' }, 'read-only');
    const changeWho = h('button', { type: 'button', class: 'link-button small', onclick: () => void this.askReviewer(true) }, 'change');
    this.dialogInput = h('input', { type: 'text', id: 'reviewer-input', required: true, maxlength: 100, autocomplete: 'name', 'data-testid': 'reviewer-input' });
    this.dialog = h(
      'dialog',
      { class: 'reviewer-dialog', 'aria-labelledby': 'reviewer-title', 'data-testid': 'reviewer-dialog' },
      h(
        'form',
        { method: 'dialog' },
        h('h2', { id: 'reviewer-title' }, 'Who is reviewing?'),
        h('p', null, 'Your name or handle is recorded with every review action, with the time. You are asked once; it is kept in this browser.'),
        h('label', { for: 'reviewer-input' }, 'Name'),
        this.dialogInput,
        h('div', { class: 'form-buttons' }, h('button', { type: 'submit', value: 'ok', class: 'action accept', 'data-testid': 'reviewer-ok' }, 'Continue'), h('button', { type: 'submit', value: 'cancel', formnovalidate: true, class: 'action' }, 'Cancel')),
      ),
    );
    const header = h(
      'header',
      { class: 'topbar' },
      h('a', { href: '#main', class: 'skip' }, 'Skip to content'),
      h('span', { class: 'brand' }, 'sitrep'),
      h('nav', { 'aria-label': 'Views' }, this.nav.map, this.nav.review),
      h('span', { class: 'spacer' }),
      h('span', { class: 'exports', role: 'group', 'aria-label': 'Export the filtered events' }, h('span', { class: 'muted' }, 'Export'), this.exports),
      h('span', { class: 'account' }, write, ' ', this.who, changeWho),
    );
    const credits = h(
      'footer',
      { class: 'credits', 'data-testid': 'credits' },
      'Places from ',
      h('a', { href: 'https://www.geonames.org/', rel: 'noreferrer' }, 'GeoNames'),
      ' (CC BY 4.0). Parser and tagger trained on ',
      h('a', { href: 'https://universaldependencies.org/treebanks/en_ewt/', rel: 'noreferrer' }, 'UD English EWT'),
      ' (CC BY-SA 4.0) and ',
      h('a', { href: 'https://gucorpling.org/gum/', rel: 'noreferrer' }, 'GUM'),
      ' (CC BY 4.0).',
    );
    fill(document.getElementById('app')!, header, this.main, credits, h('div', { id: 'status', class: 'status', 'aria-live': 'polite' }), this.dialog);
    this.showWho();
    window.addEventListener('popstate', () => {
      const before = pageSearch(this.filters, this.order);
      this.filters = parseFilters(location.search);
      this.order = parseOrder(location.search);
      if (pageSearch(this.filters, this.order) !== before) this.views.map?.stale();
      void this.render();
    });
  }

  canWrite(): boolean {
    return token() !== null;
  }

  private showWho(): void {
    const name = localStorage.getItem(REVIEWER_KEY);
    this.who.textContent = name ? `reviewer: ${name}` : 'reviewer: not set';
  }

  async reviewer(): Promise<string | null> {
    return this.askReviewer(false);
  }

  private askReviewer(force: boolean): Promise<string | null> {
    const known = localStorage.getItem(REVIEWER_KEY);
    if (known && !force) return Promise.resolve(known);
    this.dialogInput.value = known ?? '';
    return new Promise((resolve) => {
      this.dialog.addEventListener(
        'close',
        () => {
          const name = this.dialogInput.value.trim();
          if (this.dialog.returnValue === 'ok' && name) {
            localStorage.setItem(REVIEWER_KEY, name);
            this.showWho();
            resolve(name);
          } else resolve(force ? known : null);
        },
        { once: true },
      );
      this.dialog.returnValue = '';
      this.dialog.showModal();
      this.dialogInput.focus();
    });
  }

  navigate(path: string): void {
    const url = path + pageSearch(this.filters, this.order);
    if (location.pathname + location.search !== url) history.pushState(null, '', url);
    void this.render();
  }

  showOnMap(id: number): void {
    this.navigate('/');
    void this.views.map?.ready.then(() => this.views.map?.locate(id));
  }

  changed(): void {
    void this.refreshCounts();
    this.views.map?.stale();
  }

  async refreshCounts(): Promise<void> {
    try {
      const m = await api.meta();
      this.pending.textContent = `(${m.counts.pendingReview.toLocaleString('en')})`;
    } catch (e) {
      const msg = errorMessage(e);
      if (msg) announce(msg, 'error');
    }
  }

  clearFilters(): void {
    this.setFilters(emptyFilters());
  }

  setFilters(patch: Partial<Filters>): void {
    this.filters = { ...this.filters, ...patch };
    this.syncUrl();
    this.views.map?.filtersChanged();
    if (this.route.name === 'review') void this.views.review?.load(this.filters, null);
  }

  setOrder(o: ListOrder): void {
    this.order = o;
    this.syncUrl();
    this.views.map?.orderChanged();
  }

  private syncUrl(): void {
    history.replaceState(null, '', location.pathname + pageSearch(this.filters, this.order));
    const p = filterParams(this.filters);
    p.set('sort', this.order.sort);
    p.set('order', this.order.order);
    const formats = ['csv', 'geojson', 'jsonl'];
    this.exports.forEach((a, i) => a.setAttribute('href', `/api/export/events.${formats[i]}?${p}`));
  }

  async render(): Promise<void> {
    const path = location.pathname;
    let m: RegExpExecArray | null;
    if ((m = /^\/events\/(\d+)\/?$/.exec(path))) this.route = { name: 'event', id: Number(m[1]) };
    else if ((m = /^\/review(?:\/(\d+))?\/?$/.exec(path))) this.route = { name: 'review', id: m[1] ? Number(m[1]) : null };
    else this.route = { name: 'map', id: null };
    this.syncUrl();
    for (const [k, a] of Object.entries(this.nav)) a.setAttribute('aria-current', String(k === this.route.name || (k === 'map' && this.route.name === 'event')));
    for (const c of this.main.children) (c as HTMLElement).hidden = true;
    if (this.route.name === 'map') {
      const v = (this.views.map ??= new MapPage(this));
      if (!v.el.isConnected) this.main.append(v.el);
      v.el.hidden = false;
      document.title = 'sitrep: map';
      await v.shown();
    } else if (this.route.name === 'event') {
      const v = (this.views.event ??= new EventView({ ctx: this, changed: (ev: EventDetail) => (document.title = `sitrep: event ${ev.id}`) }));
      if (!v.el.isConnected) this.main.append(v.el);
      v.el.hidden = false;
      document.title = `sitrep: event ${this.route.id}`;
      await v.load(this.route.id!);
    } else {
      const v = (this.views.review ??= new ReviewQueue(this));
      if (!v.el.isConnected) this.main.append(v.el);
      v.el.hidden = false;
      document.title = 'sitrep: review queue';
      await v.load(this.filters, this.route.id);
    }
  }
}

/** The map page: filters | map over timeline | list and totals. */
class MapPage {
  readonly el: HTMLElement;
  private map: EventMap | null = null;
  private mapBox = h('div', { class: 'map', 'data-testid': 'map', role: 'region', 'aria-label': 'Map of the events' });
  private panel: FilterPanel;
  private timeline: Timeline;
  private list: EventList;
  private totals: Totals;
  private tabButtons: HTMLButtonElement[];
  private tabBodies: HTMLElement[];
  private dirty = true;
  private orderDirty = false;
  private timer = 0;
  private abortMap: AbortController | null = null;
  private abortTimeline: AbortController | null = null;
  private range: { from: string; to: string } | null;
  private unit: Unit;
  private mapKey: string | null = null;
  private mapWhere: string | null = null;
  private timelineKey: string | null = null;
  /** Set after a review: the same filters may now give other events. */
  private forceReload = false;

  constructor(private app: App) {
    this.range = app.meta.dateRange;
    this.unit = this.range ? unitFor(this.range.from, this.range.to) : 'day';
    this.panel = new FilterPanel({ meta: app.meta, labels: app.labels, change: (p) => app.setFilters(p), clear: () => app.setFilters(emptyFilters()) });
    this.timeline = new Timeline((r) => app.setFilters({ from: r?.from ?? '', to: r?.to ?? '' }));
    this.list = new EventList({ labels: app.labels, open: (id) => app.navigate(`/events/${id}`), locate: (id) => this.locate(id), orderChange: (o) => app.setOrder(o) });
    this.totals = new Totals({ labels: app.labels, change: (p) => app.setFilters(p) });
    this.tabBodies = [this.list.el, this.totals.el];
    this.tabButtons = ['Events', 'Totals'].map((label, i) =>
      h('button', { type: 'button', role: 'tab', id: `side-tab-${i}`, 'aria-selected': String(i === 0), 'aria-controls': `side-panel-${i}`, 'data-testid': `tab-${label.toLowerCase()}`, onclick: () => this.tab(i) }, label),
    );
    this.tabBodies.forEach((b, i) => {
      b.id = `side-panel-${i}`;
      b.setAttribute('role', 'tabpanel');
      b.setAttribute('aria-labelledby', `side-tab-${i}`);
      b.hidden = i !== 0;
    });
    this.el = h(
      'div',
      { class: 'map-page', 'data-testid': 'map-page' },
      this.panel.el,
      h('div', { class: 'center' }, this.mapBox, this.timeline.el),
      h('div', { class: 'side' }, h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Events and totals' }, this.tabButtons), ...this.tabBodies),
    );
  }

  private tab(i: number): void {
    this.tabButtons.forEach((b, j) => b.setAttribute('aria-selected', String(i === j)));
    this.tabBodies.forEach((b, j) => (b.hidden = i !== j));
  }

  /** Settles when the page has shown its data (after each refresh). */
  ready: Promise<void> = Promise.resolve();

  async shown(): Promise<void> {
    if (!this.map) {
      this.map = new EventMap(this.mapBox, {
        labels: this.app.labels,
        open: (id) => this.app.navigate(`/events/${id}`),
        area: (bbox) => this.app.setFilters({ bbox }),
      });
      this.map.setArea(this.app.filters.bbox);
      this.map.basemapReady.catch((e: unknown) => announce(`The basemap could not be loaded: ${errorMessage(e)}`, 'error'));
    } else this.map.invalidate();
    if (this.dirty) await (this.ready = this.refresh());
    else if (this.orderDirty) await this.list.load(this.app.filters, this.app.order);
  }

  /** A review elsewhere changed events: refresh when shown next. */
  stale(): void {
    this.dirty = true;
    this.forceReload = true;
  }

  filtersChanged(): void {
    this.dirty = true;
    clearTimeout(this.timer);
    if (this.el.hidden) return;
    this.timer = window.setTimeout(() => void this.refresh(), 120);
  }

  orderChanged(): void {
    this.orderDirty = true;
    if (!this.el.hidden) void this.list.load(this.app.filters, this.app.order).then(() => (this.orderDirty = false));
  }

  locate(id: number): void {
    if (!this.map?.show(id)) announce(`Event ${id} has no place on the map.`);
    else this.mapBox.scrollIntoView({ block: 'nearest' });
  }

  async refresh(): Promise<void> {
    this.dirty = false;
    this.orderDirty = false;
    const f = this.app.filters;
    const force = this.forceReload;
    this.panel.update(f);
    this.map?.setArea(f.bbox);
    this.timeline.setSelection(f.from, f.to);
    await Promise.all([this.list.load(f, this.app.order), this.loadMap(f), this.loadTimeline(f), this.totals.load(f, this.range)]);
    if (force) this.forceReload = false;
  }

  private async loadMap(f: Filters): Promise<void> {
    // the map shows everything that matches, whatever the view; it reloads only when that changes
    const key = filterParams(f, { bbox: false }).toString();
    if (key === this.mapKey && !this.forceReload) return;
    this.mapKey = key;
    this.abortMap?.abort();
    const ac = (this.abortMap = new AbortController());
    this.mapBox.classList.add('loading');
    try {
      // a browser draws tens of thousands of markers well, not hundreds of thousands: past the cap, ask to narrow
      const count = await api.events(new URLSearchParams([...filterParams(f, { bbox: false }), ['limit', '1'], ['total', 'true']]), ac.signal);
      if ((count.total ?? 0) > MAP_CAP) {
        this.map?.setEvents({ type: 'FeatureCollection', features: [] }, `${count.total!.toLocaleString('en')} events match: the map draws at most ${MAP_CAP.toLocaleString('en')}. Narrow the dates or the area to see them.`);
        this.mapBox.setAttribute('data-events', '0');
        return;
      }
      const fc = await api.geojson(filterParams(f, { bbox: false }), ac.signal);
      const where = `${f.countries.join(',')}|${f.admin1.join(',')}`;
      this.map?.setEvents(fc);
      // a new country or region filter shows its events; other filters (dates, types) keep the view
      if (this.mapWhere !== null && where !== this.mapWhere && !f.bbox) this.map?.fit();
      this.mapWhere = where;
      this.mapBox.setAttribute('data-events', String(this.map?.count ?? 0));
    } catch (e) {
      const m = errorMessage(e);
      if (m) announce(m, 'error');
    } finally {
      if (this.abortMap === ac) this.mapBox.classList.remove('loading');
    }
  }

  private async loadTimeline(f: Filters): Promise<void> {
    // the histogram ignores the date filter (the brush draws it); it reloads only when the other filters change
    const key = filterParams(f, { dates: false }).toString();
    if (key === this.timelineKey && !this.forceReload) return;
    this.timelineKey = key;
    this.abortTimeline?.abort();
    const ac = (this.abortTimeline = new AbortController());
    try {
      const agg = await api.aggregates(this.unit, filterParams(f, { dates: false }), ac.signal);
      const keys = agg.buckets.map((b) => (this.unit === 'month' ? `${b.key}-01` : b.key)).sort();
      let from = this.range?.from ?? keys[0];
      let to = this.range?.to ?? keys.at(-1);
      if (keys[0] && (!from || keys[0] < from)) from = keys[0];
      if (keys.at(-1) && (!to || keys.at(-1)! > to)) to = keys.at(-1);
      if (f.from && from && f.from < from) from = f.from;
      if (f.to && to && f.to > to) to = f.to;
      this.timeline.setData(this.unit, from && to ? fillBuckets(this.unit, from, to, agg.buckets) : []);
      this.timeline.setSelection(f.from, f.to);
    } catch (e) {
      const m = errorMessage(e);
      if (m) announce(m, 'error');
    }
  }
}

async function boot(): Promise<void> {
  takeTokenFromLocation();
  const root = document.getElementById('app')!;
  let meta: MetaResponse;
  try {
    meta = await api.meta();
  } catch (e) {
    // 401 here: the server is bound beyond loopback and wants its token for reads too (the message says so).
    const text =
      e instanceof ApiFailure && e.status === 401
        ? (errorMessage(e) ?? 'unauthorized')
        : `The sitrep server did not answer: ${errorMessage(e) ?? 'unknown error'}. Is "npm start" running?`;
    fill(root, h('p', { class: 'error boot-error', role: 'alert' }, text));
    return;
  }
  const app = new App(meta);
  try {
    const admin1 = await api.aggregates('admin1', new URLSearchParams({ review: 'all' }));
    for (const b of admin1.buckets) app.labels.admin1.set(b.key, b.label);
  } catch {
    // labels fall back to codes
  }
  void app.refreshCounts();
  await app.render();
  document.body.dataset['ready'] = 'true';
}

void boot();
