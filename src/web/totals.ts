// Totals of events and fatalities by area (country, first-level division) and by period (month, or week for a
// short range), for the current filters. A row's name filters on it.
import type { AggregateBucket } from '../server/contract.js';
import { api, errorMessage } from './api.js';
import { fill, h } from './dom.js';
import type { Labels } from './format.js';
import { daysBetween, filterParams, type Filters } from './query.js';

export interface TotalsOptions {
  labels: Labels;
  change: (patch: Partial<Filters>) => void;
}

function table(caption: string, rows: AggregateBucket[], act: ((b: AggregateBucket) => void) | null, testid: string, limit = 12): HTMLElement {
  const shown = rows.slice(0, limit);
  const rest = rows.slice(limit);
  const restEvents = rest.reduce((a, b) => a + b.events, 0);
  const restDeaths = rest.reduce((a, b) => a + b.fatalities, 0);
  return h(
    'table',
    { class: 'totals-table', 'data-testid': testid },
    h('caption', null, caption),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, ''), h('th', { scope: 'col', class: 'num' }, 'Events'), h('th', { scope: 'col', class: 'num' }, 'Fatalities'))),
    h(
      'tbody',
      null,
      shown.map((b) =>
        h(
          'tr',
          null,
          h('th', { scope: 'row' }, act ? h('button', { type: 'button', class: 'link-button', title: `Filter on ${b.label}`, onclick: () => act(b) }, b.label) : b.label),
          h('td', { class: 'num' }, b.events.toLocaleString('en')),
          h('td', { class: 'num' }, b.fatalities.toLocaleString('en')),
        ),
      ),
      rest.length
        ? h('tr', { class: 'muted' }, h('th', { scope: 'row' }, `${rest.length} more`), h('td', { class: 'num' }, restEvents.toLocaleString('en')), h('td', { class: 'num' }, restDeaths.toLocaleString('en')))
        : null,
      rows.length === 0 ? h('tr', null, h('td', { colspan: 3, class: 'muted' }, 'none')) : null,
    ),
  );
}

export class Totals {
  readonly el: HTMLElement;
  private body = h('div', { class: 'totals-body' });
  private abort: AbortController | null = null;

  constructor(private o: TotalsOptions) {
    this.el = h('section', { class: 'totals', 'aria-label': 'Totals', 'data-testid': 'totals' }, this.body);
  }

  async load(f: Filters, range: { from: string; to: string } | null): Promise<void> {
    this.abort?.abort();
    const ac = (this.abort = new AbortController());
    const p = filterParams(f);
    const from = f.from || range?.from;
    const to = f.to || range?.to;
    const period = from && to && daysBetween(from, to) <= 120 ? 'week' : 'month';
    try {
      const [country, admin1, time] = await Promise.all([
        api.aggregates('country', p, ac.signal),
        api.aggregates('admin1', p, ac.signal),
        api.aggregates(period, p, ac.signal),
      ]);
      const periods = [...time.buckets].sort((a, b) => a.key.localeCompare(b.key));
      fill(
        this.body,
        h(
          'p',
          { class: 'totals-all', 'data-testid': 'totals-all' },
          h('strong', null, country.totals.events.toLocaleString('en')),
          ' events, ',
          h('strong', null, country.totals.fatalities.toLocaleString('en')),
          ' fatalities match the filters',
        ),
        table('By country', country.buckets, (b) => (f.countries.includes(b.key) ? undefined : this.o.change({ countries: [...f.countries, b.key], admin1: [] })), 'totals-country'),
        table('By first-level division', admin1.buckets, (b) => (f.admin1.includes(b.key) ? undefined : this.o.change({ admin1: [...f.admin1, b.key] })), 'totals-admin1'),
        table(
          period === 'week' ? 'By week (from Monday)' : 'By month',
          periods,
          (b) => {
            if (period === 'week') {
              const end = new Date(Date.parse(`${b.key}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
              this.o.change({ from: b.key, to: end });
            } else {
              const [y, m] = b.key.split('-').map(Number) as [number, number];
              this.o.change({ from: `${b.key}-01`, to: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) });
            }
          },
          'totals-period',
          60,
        ),
      );
    } catch (e) {
      const m = errorMessage(e);
      if (m) fill(this.body, h('p', { class: 'error' }, m));
    }
  }
}
