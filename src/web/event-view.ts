// The event view: every field of the event (type, sub-type, actors with inter codes, place and date with their
// precision, fatalities), its sources and each one's reading, the review history, the review actions, and the
// article text with the evidence sentences, actors, places, dates and figures highlighted. Article text goes into
// the page only as text nodes: nothing from an article is ever parsed as HTML.
import type { ArticleDetail, EditableFields, EventDetail, EventPlace, EventSummary, Mention, ReviewResponse } from '../server/contract.js';
import { api, errorMessage } from './api.js';
import type { AppContext } from './context.js';
import { announce, fill, h, safeHref } from './dom.js';
import { GEO_PRECISION, TIME_PRECISION, typeColour } from './format.js';
import { MARK_KINDS, articleMarks, segment, type MarkKind } from './highlight.js';
import { eventRow } from './list.js';
import { addDays } from './query.js';

const KIND_LABELS: Record<MarkKind, string> = {
  evidence: 'Evidence sentence',
  trigger: 'Trigger',
  actor: 'Actor',
  place: 'Place',
  date: 'Date',
  figure: 'Figure',
};

export interface EventViewOptions {
  ctx: AppContext;
  /** Called after a review action with the event as it now is. */
  changed?: (ev: EventDetail, res: ReviewResponse) => void;
  /** Inside the review queue: no "back" link. */
  inQueue?: boolean;
}

/** Renders an article's text with the marks as text nodes inside spans (never innerHTML). */
export function renderHighlighted(text: string, marks: ReturnType<typeof articleMarks>): DocumentFragment {
  const frag = document.createDocumentFragment();
  for (const seg of segment(text.length, marks)) {
    const slice = text.slice(seg.start, seg.end);
    if (seg.marks.length === 0) {
      frag.appendChild(document.createTextNode(slice));
      continue;
    }
    const kinds = [...new Set(seg.marks.map((m) => m.kind))];
    const el = document.createElement(kinds.includes('evidence') ? 'mark' : 'span');
    el.className = ['hl', ...kinds.map((k) => `hl-${k}`)].join(' ');
    el.dataset['kinds'] = kinds.join(' ');
    el.title = [...new Set(seg.marks.map((m) => m.title))].join('\n');
    el.textContent = slice;
    frag.appendChild(el);
  }
  return frag;
}

function placeText(p: EventPlace | null, ctx: AppContext): string {
  return p ? ctx.labels.placeLabel(p) : 'no place';
}

function fieldValue(field: keyof EditableFields, ev: Partial<EditableFields>, ctx: AppContext): string {
  const v = ev[field];
  if (v === null || v === undefined) return field === 'fatalities' ? 'unknown' : '—';
  switch (field) {
    case 'actor1':
    case 'actor2': {
      const a = v as EditableFields['actor1'];
      return a ? `${a.name} (inter ${a.inter ?? '?'})` : '—';
    }
    case 'date': {
      const d = v as EditableFields['date'];
      return d ? `${d.value} (precision ${d.precision})` : '—';
    }
    case 'place':
      return placeText(v as EventPlace, ctx);
    default:
      return String(v);
  }
}

export class EventView {
  readonly el: HTMLElement;
  private ev: EventDetail | null = null;
  private articles = new Map<number, ArticleDetail>();
  private current = 0;
  private left = h('div', { class: 'ev-col-left' });
  private right = h('div', { class: 'ev-col-right' });
  private panel = h('div', { class: 'action-panel' });
  private tabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Source articles' });
  private articleHead = h('div', { class: 'article-head' });
  private text = h('div', { class: 'article-text', 'data-testid': 'article-text', tabindex: 0, 'aria-label': 'Article text' });
  private others = h('div', { class: 'article-others', 'data-testid': 'article-others' });
  private hidden = new Set<MarkKind>();
  private abort: AbortController | null = null;

  constructor(private o: EventViewOptions) {
    const toggles = MARK_KINDS.map((k) => {
      const box = h('input', { type: 'checkbox', id: `hl-toggle-${k}`, checked: true });
      box.addEventListener('change', () => {
        if (box.checked) this.hidden.delete(k);
        else this.hidden.add(k);
        this.text.classList.toggle(`hide-${k}`, !box.checked);
      });
      return h('label', { class: `hl-key hl-key-${k}`, for: box.id }, box, h('span', { class: `hl hl-${k}` }, KIND_LABELS[k]));
    });
    fill(this.right, this.tabs, this.articleHead, h('div', { class: 'hl-legend', role: 'group', 'aria-label': 'Highlights' }, toggles), this.text, this.others);
    this.el = h('article', { class: 'event-view', 'data-testid': 'event-view' }, this.left, this.right);
  }

  get event(): EventDetail | null {
    return this.ev;
  }

  async load(id: number): Promise<void> {
    this.abort?.abort();
    const ac = (this.abort = new AbortController());
    fill(this.left, h('p', { class: 'muted' }, `Loading event ${id}…`));
    this.text.replaceChildren();
    try {
      const ev = await api.event(id, ac.signal);
      this.show(ev);
      await this.loadArticles(ev, ac.signal);
    } catch (e) {
      const m = errorMessage(e);
      if (m) fill(this.left, h('p', { class: 'error', role: 'alert' }, m));
    }
  }

  /** Fetches the event's source articles not seen yet, then shows the text. */
  private async loadArticles(ev: EventDetail, signal?: AbortSignal): Promise<void> {
    const ids = ev.articles.map((a) => a.id).filter((a) => !this.articles.has(a));
    const loaded = await Promise.all(ids.map((a) => api.article(a, signal)));
    for (const a of loaded) this.articles.set(a.id, a);
    if (this.ev === ev) this.showArticles();
  }

  private show(ev: EventDetail): void {
    this.ev = ev;
    const ctx = this.o.ctx;
    const machine = (f: keyof EditableFields): Node | null =>
      f in ev.machine ? h('div', { class: 'machine' }, 'machine: ', fieldValue(f, ev.machine, ctx)) : null;
    const actor = (a: EventDetail['actor1']): (Node | string)[] =>
      a ? [h('span', { class: 'actor-name' }, a.name), h('span', { class: 'inter' }, `inter ${a.inter ?? '?'}: ${ctx.labels.interLabel(a.inter)}`)] : ['—'];
    const p = ev.place;
    const d = ev.date;
    const row = (label: string, ...v: (Node | string | null)[]): HTMLElement[] => [h('dt', null, label), h('dd', null, ...v)];
    const fields = h(
      'dl',
      { class: 'fields', 'data-testid': 'event-fields' },
      row('Type', h('span', { class: 'swatch', style: `background:${typeColour(ev.eventType)}` }), h('span', { 'data-testid': 'field-type' }, ev.eventType), machine('eventType')),
      row('Sub-type', h('span', { 'data-testid': 'field-subtype' }, ev.subEventType), machine('subEventType')),
      row('Actor 1', ...actor(ev.actor1), machine('actor1')),
      row('Actor 2', ...actor(ev.actor2), machine('actor2')),
      row(
        'Date',
        h('span', { 'data-testid': 'field-date' }, d ? d.value : 'unknown'),
        d ? h('span', { class: 'precision' }, `time precision ${d.precision}: ${TIME_PRECISION[d.precision]}`) : null,
        machine('date'),
      ),
      row(
        'Place',
        h('span', { 'data-testid': 'field-place' }, placeText(p, ctx)),
        p ? h('span', { class: 'precision' }, `geo precision ${p.precision}: ${GEO_PRECISION[p.precision]}`) : null,
        p ? h('span', { class: 'coords' }, `${p.lat.toFixed(4)}, ${p.lon.toFixed(4)}${p.geonameId ? ` · GeoNames ${p.geonameId}` : ''}`) : null,
        machine('place'),
      ),
      row('Fatalities', h('span', { 'data-testid': 'field-fatalities' }, ev.fatalities === null ? 'unknown' : String(ev.fatalities)), machine('fatalities')),
      row('Confidence', ev.confidence.toFixed(2)),
      row('Sources', `${ev.sourceCount} article${ev.sourceCount === 1 ? '' : 's'}, ${ev.mentionCount} reading${ev.mentionCount === 1 ? '' : 's'}`),
      ev.note ? row('Note', ev.note) : [],
    );

    const actions = this.actions(ev);
    const mentions = h(
      'section',
      { class: 'mentions' },
      h('h2', null, `Sources (${ev.articles.length})`),
      h(
        'ol',
        { class: 'source-list' },
        ev.articles.map((a) => {
          const url = safeHref(a.url);
          const readings = ev.mentions.filter((m) => m.articleId === a.id);
          const show = h('button', { type: 'button', class: 'link-button source-title', onclick: () => this.showArticle(a.id) }, a.title ?? `Article ${a.id}`);
          return h(
            'li',
            { 'data-article-id': a.id },
            show,
            h('div', { class: 'muted small' }, [a.source ?? 'unknown source', a.published ? ` · ${a.published}` : '', a.dupGroup !== a.id ? ` · near-duplicate of article ${a.dupGroup}` : '']),
            url ? h('div', { class: 'small' }, h('a', { href: url, rel: 'noreferrer noopener', target: '_blank', class: 'ext' }, url)) : null,
            readings.map((m) => this.reading(m, ev)),
          );
        }),
      ),
    );
    const history = h(
      'section',
      { class: 'history' },
      h('h2', null, 'Review history'),
      ev.reviews.length === 0
        ? h('p', { class: 'muted' }, 'Not reviewed yet.')
        : h(
            'ol',
            { class: 'history-list', 'data-testid': 'review-history' },
            ev.reviews.map((r) =>
              h(
                'li',
                null,
                h('strong', null, r.action),
                ` by ${r.reviewer}, ${new Date(r.at).toLocaleString('en-GB')}`,
                r.fields ? h('div', { class: 'muted small' }, Object.keys(r.fields).join(', ')) : null,
                r.note ? h('div', { class: 'small' }, `“${r.note}”`) : null,
              ),
            ),
          ),
    );
    const head = h(
      'header',
      { class: 'ev-head' },
      this.o.inQueue
        ? null
        : h('a', { href: '/', class: 'back', onclick: (e: Event) => { e.preventDefault(); ctx.navigate('/'); } }, '← Back to the map and list'),
      h(
        'h1',
        null,
        h('span', { class: 'swatch big', style: `background:${typeColour(ev.eventType)}` }),
        h('span', null, `Event ${ev.id}: ${ev.subEventType}`),
        ' ',
        h('span', { class: `badge review-${ev.review}`, 'data-testid': 'event-review-state' }, ev.review),
      ),
      ev.edited.length ? h('p', { class: 'muted small' }, `Edited by a reviewer: ${ev.edited.join(', ')}`) : null,
      ev.place && !this.o.inQueue
        ? h('button', { type: 'button', class: 'link-button small', 'data-testid': 'show-on-map', onclick: () => ctx.showOnMap(ev.id) }, 'Show on the map')
        : null,
    );
    fill(this.left, head, actions, this.panel, fields, mentions, history);
    this.panel.replaceChildren();
    if (this.articles.size > 0) this.showArticles();
  }

  private reading(m: Mention, ev: EventDetail): HTMLElement {
    const differs: string[] = [];
    if (m.eventType !== ev.eventType || m.subEventType !== ev.subEventType) differs.push(`${m.eventType}: ${m.subEventType}`);
    if ((m.date?.value ?? null) !== (ev.date?.value ?? null)) differs.push(`date ${m.date?.value ?? 'unknown'}`);
    if ((m.place?.name ?? null) !== (ev.place?.name ?? null)) differs.push(`place ${m.place?.name ?? 'unknown'}`);
    if (m.fatalities !== ev.fatalities) differs.push(`fatalities ${m.fatalities ?? 'unknown'}`);
    return h(
      'div',
      { class: 'reading', 'data-mention-id': m.id },
      differs.length ? h('div', { class: 'muted small' }, `This report reads: ${differs.join('; ')}`) : null,
      m.carried ? h('div', { class: 'muted small' }, 'kept from an earlier model version (a reviewer had decided on it)') : null,
      h('ul', { class: 'evidence-quotes' }, m.evidence.map((e) => h('li', null, h('q', null, e.text)))),
    );
  }

  // ------------------------------------------------------------------ article text

  private showArticles(): void {
    const ev = this.ev;
    if (!ev) return;
    fill(
      this.tabs,
      ev.articles.map((a, i) =>
        h(
          'button',
          {
            type: 'button',
            role: 'tab',
            id: `tab-${a.id}`,
            'aria-selected': String(this.current === a.id || (i === 0 && !ev.articles.some((x) => x.id === this.current))),
            onclick: () => this.showArticle(a.id),
          },
          a.source ?? `article ${a.id}`,
        ),
      ),
    );
    const id = ev.articles.some((a) => a.id === this.current) ? this.current : ev.articles[0]?.id;
    if (id !== undefined) this.showArticle(id);
    else fill(this.text, h('p', { class: 'muted' }, 'No source article.'));
  }

  private showArticle(id: number): void {
    const ev = this.ev;
    const a = this.articles.get(id);
    if (!ev || !a) return;
    this.current = id;
    for (const b of this.tabs.querySelectorAll('[role=tab]')) b.setAttribute('aria-selected', String(b.id === `tab-${id}`));
    const url = safeHref(a.url);
    fill(
      this.articleHead,
      h('h2', { class: 'article-title', 'data-testid': 'article-title' }, a.title ?? `Article ${a.id}`),
      h(
        'p',
        { class: 'muted small' },
        [a.source ?? 'unknown source', a.published ? ` · published ${a.published}` : '', ` · article ${a.id}`, a.duplicates.length ? ` · ${a.duplicates.length} near-duplicate(s): ${a.duplicates.map((d) => d.source ?? d.id).join(', ')}` : ''],
        url ? [' · ', h('a', { href: url, rel: 'noreferrer noopener', target: '_blank' }, 'original')] : null,
      ),
    );
    const marks = articleMarks(a, ev.mentions, this.o.ctx.labels.interLabel);
    this.text.replaceChildren(renderHighlighted(a.doc.text, marks));
    this.text.setAttribute('data-article-id', String(a.id));
    // the other events read from this article, a click away
    const seen = new Set<number>([ev.id]);
    const others = a.doc.events.flatMap((de) => {
      const target = a.eventIds[de.id];
      if (target === undefined || seen.has(target)) return [];
      seen.add(target);
      const link = h('a', { href: `/events/${target}` }, `event ${target}: ${de.eventType} · ${de.subEventType}`);
      link.addEventListener('click', (e) => {
        if (e.ctrlKey || e.metaKey || e.shiftKey) return;
        e.preventDefault();
        this.o.ctx.navigate(`/events/${target}`);
      });
      return [h('li', null, h('span', { class: 'swatch', style: `background:${typeColour(de.eventType)}` }), link)];
    });
    fill(this.others, others.length ? [h('h3', null, 'Also read from this article'), h('ul', null, others)] : null);
    const first = this.text.querySelector<HTMLElement>('.hl-evidence');
    if (first) this.text.scrollTop = Math.max(0, first.offsetTop - this.text.offsetTop - 60);
  }

  // ------------------------------------------------------------------ review actions

  private actions(ev: EventDetail): HTMLElement {
    const ctx = this.o.ctx;
    const note = h('input', { type: 'text', class: 'note', placeholder: 'note (optional)', 'aria-label': 'Review note (optional)', 'data-testid': 'review-note' });
    const btn = (label: string, cls: string, testid: string, onclick: () => void, title: string, disabled = false): HTMLButtonElement =>
      h('button', { type: 'button', class: `action ${cls}`, 'data-testid': testid, title, disabled, onclick }, label);
    const decide = (kind: 'accept' | 'reject' | 'reopen') => () =>
      void this.run(async (reviewer) => {
        const r = { reviewer, ...(note.value.trim() ? { note: note.value.trim() } : {}) };
        return kind === 'accept' ? api.accept(ev.id, r) : kind === 'reject' ? api.reject(ev.id, r) : api.reopen(ev.id, r);
      }, kind === 'accept' ? 'Accepted' : kind === 'reject' ? 'Rejected' : 'Reopened');
    const bar = h(
      'div',
      { class: 'actions', role: 'toolbar', 'aria-label': 'Review actions' },
      btn('Accept', 'accept', 'action-accept', decide('accept'), 'The event is right as it is (a)', ev.review === 'accepted'),
      btn('Edit…', 'edit', 'action-edit', () => this.editForm(ev), 'Correct fields (e)'),
      btn('Reject', 'reject', 'action-reject', decide('reject'), 'Not an event, or wrongly read (x)', ev.review === 'rejected'),
      ev.review !== 'pending' ? btn('Reopen', 'reopen', 'action-reopen', decide('reopen'), 'Back to pending') : null,
      btn('Merge…', 'merge', 'action-merge', () => void this.mergeForm(ev), 'Fold other events (the same real event) into this one'),
      btn('Split…', 'split', 'action-split', () => this.splitForm(ev), ev.mentionCount > 1 ? 'Move some readings to a new event' : 'Only one reading: nothing to split', ev.mentionCount < 2),
      note,
    );
    if (!ctx.canWrite()) {
      return h(
        'div',
        { class: 'readonly-note', 'data-testid': 'readonly-note' },
        'Read-only: open the link printed by ',
        h('code', null, 'npm start'),
        ' (it carries the write token) to review events.',
      );
    }
    return bar;
  }

  /** Runs a review action: asks for the reviewer's name once, shows the result or the server's message. */
  private async run(action: (reviewer: string) => Promise<ReviewResponse>, done: string): Promise<boolean> {
    const reviewer = await this.o.ctx.reviewer();
    if (!reviewer) return false;
    try {
      const res = await action(reviewer);
      announce(`${done}: event ${res.event.id}${res.created ? `; new event ${res.created.id}` : ''}${res.removed.length ? `; merged ${res.removed.join(', ')}` : ''}`);
      this.show(res.event);
      void this.loadArticles(res.event).catch((e: unknown) => {
        const m = errorMessage(e);
        if (m) announce(m, 'error');
      });
      this.o.ctx.changed();
      this.o.changed?.(res.event, res);
      return true;
    } catch (e) {
      const m = errorMessage(e);
      if (m) announce(m, 'error');
      return false;
    }
  }

  focusAction(testid: string): void {
    this.el.querySelector<HTMLButtonElement>(`[data-testid="${testid}"]`)?.click();
  }

  private editForm(ev: EventDetail): void {
    const ctx = this.o.ctx;
    const tax = ctx.meta.taxonomy;
    const type = h('select', { name: 'eventType', 'data-testid': 'edit-type' }, tax.map((t) => h('option', { value: t.eventType }, t.eventType)));
    type.value = ev.eventType;
    const sub = h('select', { name: 'subEventType', 'data-testid': 'edit-subtype' });
    const fillSubs = (keep: string): void => {
      const subs = tax.find((t) => t.eventType === type.value)?.subEventTypes ?? [];
      fill(sub, subs.map((s) => h('option', { value: s }, s)));
      sub.value = subs.includes(keep) ? keep : subs[0] ?? '';
    };
    fillSubs(ev.subEventType);
    type.addEventListener('change', () => fillSubs(sub.value));
    const inter = (v: number | null, label: string): HTMLSelectElement => {
      const sel = h('select', { 'aria-label': label }, h('option', { value: '' }, 'inter ?'), ctx.meta.interCodes.map((c) => h('option', { value: String(c.code) }, `${c.code} ${c.label}`)));
      sel.value = v === null ? '' : String(v);
      return sel;
    };
    const a1 = h('input', { type: 'text', value: ev.actor1?.name ?? '', required: true, 'aria-label': 'Actor 1 name', 'data-testid': 'edit-actor1' });
    const i1 = inter(ev.actor1?.inter ?? null, 'Actor 1 inter code');
    const a2 = h('input', { type: 'text', value: ev.actor2?.name ?? '', placeholder: 'none', 'aria-label': 'Actor 2 name', 'data-testid': 'edit-actor2' });
    const i2 = inter(ev.actor2?.inter ?? null, 'Actor 2 inter code');
    const date = h('input', { type: 'text', value: ev.date?.value ?? '', placeholder: 'YYYY-MM-DD, YYYY-MM or YYYY', pattern: '\\d{4}(-\\d{2}(-\\d{2})?)?', 'aria-label': 'Date', 'data-testid': 'edit-date' });
    const tprec = h('select', { 'aria-label': 'Time precision' }, [1, 2, 3].map((n) => h('option', { value: String(n) }, `${n}: ${TIME_PRECISION[n]}`)));
    tprec.value = String(ev.date?.precision ?? 1);
    const fatal = h('input', { type: 'number', min: 0, step: 1, value: ev.fatalities === null ? '' : String(ev.fatalities), placeholder: 'unknown', 'aria-label': 'Fatalities', 'data-testid': 'edit-fatalities' });
    // place: pick one the articles mention, or type it
    const pname = h('input', { type: 'text', value: ev.place?.name ?? '', 'aria-label': 'Place name', 'data-testid': 'edit-place-name' });
    const plat = h('input', { type: 'number', step: 'any', min: -90, max: 90, value: ev.place ? String(ev.place.lat) : '', 'aria-label': 'Latitude' });
    const plon = h('input', { type: 'number', step: 'any', min: -180, max: 180, value: ev.place ? String(ev.place.lon) : '', 'aria-label': 'Longitude' });
    const pcc = h('input', { type: 'text', class: 'cc', value: ev.place?.countryCode ?? '', maxlength: 2, size: 3, 'aria-label': 'Country code (ISO alpha-2)', title: 'Country code (ISO alpha-2)' });
    const pprec = h('select', { 'aria-label': 'Geo precision' }, [1, 2, 3].map((n) => h('option', { value: String(n) }, `${n}: ${GEO_PRECISION[n]}`)));
    pprec.value = String(ev.place?.precision ?? 1);
    let pick: EventPlace | null = ev.place;
    const candidates: EventPlace[] = [];
    const seen = new Set<string>();
    for (const a of ev.articles) {
      for (const pm of this.articles.get(a.id)?.doc.places ?? []) {
        const ep = pm.eventPlace;
        if (!ep) continue;
        const key = `${ep.name}|${ep.lat}|${ep.lon}|${ep.precision}`;
        if (seen.has(key)) continue;
        seen.add(key);
        candidates.push(ep);
      }
    }
    const pickSel = h(
      'select',
      { 'aria-label': 'Use a place the articles mention', 'data-testid': 'edit-place-pick' },
      h('option', { value: '' }, candidates.length ? 'Use a place from the articles…' : 'no places found in the articles'),
      candidates.map((c, i) => h('option', { value: String(i) }, `${ctx.labels.placeLabel(c)} (precision ${c.precision})`)),
    );
    pickSel.addEventListener('change', () => {
      const c = candidates[Number(pickSel.value)];
      if (!pickSel.value || !c) return;
      pick = c;
      pname.value = c.name;
      plat.value = String(c.lat);
      plon.value = String(c.lon);
      pcc.value = c.countryCode;
      pprec.value = String(c.precision);
    });
    const clearPlace = h('input', { type: 'checkbox', id: 'edit-no-place' });
    const enote = h('input', { type: 'text', placeholder: 'why (optional)', 'aria-label': 'Note', 'data-testid': 'edit-note' });
    const error = h('p', { class: 'error', role: 'alert' });
    const row = (label: string, ...c: Node[]): HTMLElement => h('div', { class: 'form-row' }, h('span', { class: 'form-label' }, label), ...c);
    const form = h(
      'form',
      { class: 'edit-form', 'data-testid': 'edit-form', 'aria-label': `Edit event ${ev.id}` },
      h('h2', null, 'Edit fields'),
      row('Type', type),
      row('Sub-type', sub),
      row('Actor 1', a1, i1),
      row('Actor 2', a2, i2),
      row('Date', date, tprec),
      row('Place', pickSel),
      row('', pname, pcc),
      row('Lat, lon', plat, plon),
      row('Precision', pprec),
      row('', clearPlace, h('label', { for: clearPlace.id }, 'no place (clear it)')),
      row('Fatalities', fatal),
      row('Note', enote),
      error,
      h('div', { class: 'form-buttons' }, h('button', { type: 'submit', class: 'action accept', 'data-testid': 'edit-save' }, 'Save changes'), h('button', { type: 'button', class: 'action', onclick: () => this.panel.replaceChildren() }, 'Cancel')),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      error.textContent = '';
      const fields: Partial<EditableFields> = {};
      if (type.value !== ev.eventType) fields.eventType = type.value;
      if (sub.value !== ev.subEventType || fields.eventType) fields.subEventType = sub.value;
      const actorOf = (name: HTMLInputElement, code: HTMLSelectElement, old: EventDetail['actor1']): EditableFields['actor1'] | undefined => {
        const n = name.value.trim();
        const c = code.value === '' ? null : Number(code.value);
        if (!n) return old === null ? undefined : null;
        if (old && old.name === n && old.inter === c) return undefined;
        return { name: n, inter: c, ...(old && old.name === n ? { id: old.id } : {}) };
      };
      const na1 = actorOf(a1, i1, ev.actor1);
      if (na1 === null) {
        error.textContent = 'An event needs actor 1.';
        return;
      }
      if (na1 !== undefined) fields.actor1 = na1;
      const na2 = actorOf(a2, i2, ev.actor2);
      if (na2 !== undefined) fields.actor2 = na2;
      const dv = date.value.trim();
      const dp = Number(tprec.value) as 1 | 2 | 3;
      if (!dv) {
        if (ev.date) fields.date = null;
      } else if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(dv)) {
        error.textContent = 'Date: YYYY-MM-DD, YYYY-MM or YYYY.';
        return;
      } else if (dv !== ev.date?.value || dp !== ev.date?.precision) fields.date = { value: dv, precision: dp };
      if (clearPlace.checked) {
        if (ev.place) fields.place = null;
      } else if (pname.value.trim()) {
        const lat = Number(plat.value);
        const lon = Number(plon.value);
        if (plat.value === '' || plon.value === '' || !Number.isFinite(lat) || !Number.isFinite(lon)) {
          error.textContent = 'Place: give a latitude and a longitude (or pick a place from the articles).';
          return;
        }
        if (!/^[A-Za-z]{2}$/.test(pcc.value.trim())) {
          error.textContent = 'Place: the country is a two-letter ISO code (e.g. NG).';
          return;
        }
        const np: EventPlace = {
          name: pname.value.trim(),
          lat,
          lon,
          countryCode: pcc.value.trim().toUpperCase(),
          precision: Number(pprec.value) as 1 | 2 | 3,
          geonameId: pick && pick.name === pname.value.trim() && pick.lat === lat && pick.lon === lon ? pick.geonameId : null,
        };
        if (pick && np.geonameId !== null && pick.admin1) np.admin1 = pick.admin1;
        const o = ev.place;
        if (!o || o.name !== np.name || o.lat !== np.lat || o.lon !== np.lon || o.countryCode !== np.countryCode || o.precision !== np.precision) fields.place = np;
      }
      const fv = fatal.value.trim();
      const nf = fv === '' ? null : Number(fv);
      if (nf !== null && (!Number.isInteger(nf) || nf < 0)) {
        error.textContent = 'Fatalities: a whole number, or empty for unknown.';
        return;
      }
      if (nf !== ev.fatalities) fields.fatalities = nf;
      if (Object.keys(fields).length === 0) {
        error.textContent = 'Nothing changed.';
        return;
      }
      void this.run((reviewer) => api.edit(ev.id, fields, { reviewer, ...(enote.value.trim() ? { note: enote.value.trim() } : {}) }), `Saved ${Object.keys(fields).join(', ')}`);
    });
    fill(this.panel, form);
    type.focus();
  }

  private async mergeForm(ev: EventDetail): Promise<void> {
    const ctx = this.o.ctx;
    const list = h('ul', { class: 'merge-candidates' }, h('li', { class: 'muted' }, 'Looking for similar events…'));
    const ids = h('input', { type: 'text', placeholder: 'other event ids, e.g. 14, 15', 'aria-label': 'Event ids to merge', 'data-testid': 'merge-ids' });
    const error = h('p', { class: 'error', role: 'alert' });
    const form = h(
      'form',
      { class: 'merge-form', 'data-testid': 'merge-form' },
      h('h2', null, `Merge into event ${ev.id}`),
      h('p', { class: 'muted small' }, 'Events reported as the same real-world event: their sources and evidence join this one. Candidates: same type and country, within a week.'),
      list,
      h('div', { class: 'form-row' }, h('label', { class: 'form-label', for: 'merge-ids' }, 'Also ids'), ids),
      error,
      h('div', { class: 'form-buttons' }, h('button', { type: 'submit', class: 'action accept', 'data-testid': 'merge-submit' }, 'Merge'), h('button', { type: 'button', class: 'action', onclick: () => this.panel.replaceChildren() }, 'Cancel')),
    );
    ids.id = 'merge-ids';
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const chosen = [...list.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')].map((b) => Number(b.value));
      const typed = ids.value.split(/[\s,;]+/).filter(Boolean);
      if (typed.some((t) => !/^\d+$/.test(t))) {
        error.textContent = 'Ids are whole numbers, separated by commas.';
        return;
      }
      const all = [...new Set([...chosen, ...typed.map(Number)])].filter((x) => x !== ev.id);
      if (all.length === 0) {
        error.textContent = 'Choose at least one event to merge.';
        return;
      }
      void this.run((reviewer) => api.merge(ev.id, all, { reviewer }), 'Merged');
    });
    fill(this.panel, form);
    ids.focus();
    const p = new URLSearchParams({ type: ev.eventType, limit: '20', sort: 'date' });
    if (ev.place) p.set('country', ev.place.countryCode);
    if (ev.date) {
      const day = ev.date.value.length === 10 ? ev.date.value : `${ev.date.value.slice(0, 7)}-01`.slice(0, 10);
      p.set('from', addDays(day.length === 10 ? day : `${day}-01`, -7));
      p.set('to', addDays(day.length === 10 ? day : `${day}-01`, 7));
    }
    try {
      const page = await api.events(p);
      const others: EventSummary[] = page.items.filter((x) => x.id !== ev.id);
      fill(
        list,
        others.length === 0
          ? h('li', { class: 'muted' }, 'No similar event found; give ids below.')
          : others.map((x) => {
              const box = h('input', { type: 'checkbox', value: String(x.id), id: `merge-${x.id}`, 'aria-label': `Merge event ${x.id}` });
              const li = eventRow(x, ctx.labels, (id) => window.open(`/events/${id}`, '_blank', 'noopener'));
              li.prepend(box);
              return li;
            }),
      );
    } catch (e) {
      const m = errorMessage(e);
      if (m) fill(list, h('li', { class: 'error' }, m));
    }
  }

  private splitForm(ev: EventDetail): void {
    const error = h('p', { class: 'error', role: 'alert' });
    const boxes = ev.mentions.map((m) => {
      const a = ev.articles.find((x) => x.id === m.articleId);
      const box = h('input', { type: 'checkbox', value: String(m.id), id: `split-${m.id}` });
      return h(
        'li',
        null,
        box,
        h('label', { for: box.id }, h('strong', null, a?.source ?? `article ${m.articleId}`), ` — ${m.subEventType}, ${m.date?.value ?? 'no date'}, ${m.place?.name ?? 'no place'}: `, h('q', null, m.evidence[0]?.text ?? '')),
      );
    });
    const form = h(
      'form',
      { class: 'split-form', 'data-testid': 'split-form' },
      h('h2', null, `Split event ${ev.id}`),
      h('p', { class: 'muted small' }, 'The readings you tick become a new event (they were merged wrongly).'),
      h('ul', { class: 'split-list' }, boxes),
      error,
      h('div', { class: 'form-buttons' }, h('button', { type: 'submit', class: 'action accept', 'data-testid': 'split-submit' }, 'Split off'), h('button', { type: 'button', class: 'action', onclick: () => this.panel.replaceChildren() }, 'Cancel')),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const chosen = [...form.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')].map((b) => Number(b.value));
      if (chosen.length === 0 || chosen.length === ev.mentions.length) {
        error.textContent = 'Tick some readings, but not all of them.';
        return;
      }
      void this.run((reviewer) => api.split(ev.id, chosen, { reviewer }), 'Split');
    });
    fill(this.panel, form);
  }
}
