// The web UI in a real Chromium (Debian's chromium, driven by playwright-core), against the real server started as
// a user starts it (`sitrep serve --demo`, which ingests the bundled demo corpus into a real SQLite file in a temp
// dir) and opened at the link it prints (with the write token in the fragment). One browser and one database for
// the whole file. Outside CI the tests skip when Chromium is missing; with SITREP_CI=1 they fail instead.
// Screenshots of the main views go to $SITREP_SCREENSHOTS (e.g. docs/screenshots; `npm run screenshots`), else a
// temp dir.
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsvRows } from '../eval/lib/csv.js';
import { inCI } from '../eval/lib/shared.js';
import { ACLED_COLUMNS, type EventDetail, type EventFeatureCollection, type EventPage, type NewArticleResponse } from '../src/server/contract.js';
import { ROOT, startServe } from './helpers.js';

const CHROMIUM = process.env['SITREP_CHROMIUM'] ?? '/usr/bin/chromium';

function missingChromium(): string | false {
  if (existsSync(CHROMIUM)) return false;
  if (inCI()) throw new Error(`Chromium is missing in CI (${CHROMIUM}): .ci/run installs it with apt-get install chromium`);
  const reason = `skipped: the web UI tests need Chromium at ${CHROMIUM} (apt-get install chromium, or set SITREP_CHROMIUM)`;
  process.stderr.write(reason + '\n');
  return reason;
}

const SHOTS = process.env['SITREP_SCREENSHOTS'] ? resolve(ROOT, process.env['SITREP_SCREENSHOTS']) : mkdtempSync(join(tmpdir(), 'sitrep-shots-'));
const dir = mkdtempSync(join(tmpdir(), 'sitrep-webui-'));
const DB = join(dir, 'sitrep.db');

let server: { base: string; link: string; token: string; stop: () => Promise<number> };
let browser: Browser;
let context: BrowserContext;
let page: Page;
const outside: string[] = [];
const pageErrors: string[] = [];

async function startDemoServer(): Promise<typeof server> {
  const env = { ...process.env };
  delete env['SITREP_TOKEN'];
  delete env['SITREP_DB'];
  const s = await startServe(['--demo', '--db', DB, '--port', '0', '--quiet'], { env, timeoutMs: 90_000 });
  const token = /#token=(\S+)/.exec(s.stdout)![1]!;
  return { base: s.url.replace(/\/$/, ''), link: `${s.url}#token=${token}`, token, stop: s.stop };
}

async function api<T>(path: string): Promise<T> {
  const r = await fetch(server.base + path);
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

async function total(query: string): Promise<number> {
  return (await api<EventPage>(`/api/events?total=true&limit=1${query ? `&${query}` : ''}`)).total!;
}

async function placed(query: string): Promise<number> {
  const fc = await api<EventFeatureCollection>(`/api/export/events.geojson${query ? `?${query}` : ''}`);
  return fc.features.filter((f) => f.geometry !== null).length;
}

async function ready(p: Page = page): Promise<void> {
  await p.waitForSelector('body[data-ready=true]', { timeout: 30_000 });
}

/** Waits until the list's heading says how many events match (after a filter change). */
async function listTotal(p: Page = page): Promise<number> {
  await p.waitForFunction(() => !document.querySelector('[data-testid=event-list]')?.closest('.loading'));
  const text = (await p.textContent('[data-testid=list-count]')) ?? '';
  const m = /of ([\d,]+)/.exec(text);
  return m ? Number(m[1]!.replace(/,/g, '')) : /No events/.test(text) ? 0 : NaN;
}

async function waitListTotal(n: number, p: Page = page): Promise<void> {
  await p.waitForFunction(
    (want) => {
      const t = document.querySelector('[data-testid=list-count]')?.textContent ?? '';
      const m = /of ([\d,]+)/.exec(t);
      return (m ? Number(m[1]!.replace(/,/g, '')) : /No events/.test(t) ? 0 : -1) === want;
    },
    n,
    { timeout: 15_000 },
  );
}

async function waitMapEvents(n: number, p: Page = page): Promise<void> {
  await p.waitForFunction((want) => document.querySelector('[data-testid=map]')?.getAttribute('data-events') === String(want), n, { timeout: 15_000 });
}

/** Events drawn on the map: single markers plus the counts written in the cluster icons. */
async function markersOnMap(p: Page = page): Promise<number> {
  return p.evaluate(() => {
    const singles = document.querySelectorAll('.leaflet-marker-pane .event-marker').length;
    const clustered = [...document.querySelectorAll('.leaflet-marker-pane .event-cluster .cluster-count')].reduce((a, el) => a + Number(el.textContent), 0);
    return singles + clustered;
  });
}

async function shot(name: string, p: Page = page): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await p.waitForTimeout(400); // let marker animations settle
  await p.screenshot({ path: join(SHOTS, `${name}.png`) });
}

describe.skipIf(missingChromium())('web UI in Chromium (issue 7)', () => {
  beforeAll(async () => {
    server = await startDemoServer();
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
    });
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true, locale: 'en-GB' });
    page = await context.newPage();
    context.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith(server.base + '/') && !u.startsWith('data:') && !u.startsWith('blob:')) outside.push(u);
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // a blocked resource or a CSP violation shows up as a console error
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`);
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the map shows the demo events on an offline basemap, with a legend and the attributions', async () => {
    await page.goto(server.link);
    await ready();
    // the token moved from the address bar into the tab's session storage
    expect(page.url()).not.toContain('token=');
    expect(await page.textContent('[data-testid=write-state]')).toBe('can review');
    const all = await total('');
    expect(all).toBeGreaterThan(30);
    expect(await listTotal()).toBe(all);
    const onMap = await placed('');
    expect(onMap).toBeGreaterThan(30);
    await waitMapEvents(onMap);
    await page.waitForFunction(() => document.querySelectorAll('.leaflet-basemap-pane path').length > 0, null, { timeout: 15_000 });
    expect(await markersOnMap()).toBe(onMap);
    // the basemap: Natural Earth country shapes and names, drawn from the bundled TopoJSON
    expect(await page.locator('.leaflet-basemap-pane path').count()).toBeGreaterThan(0);
    expect(await page.locator('.country-label', { hasText: 'Nigeria' }).count()).toBe(1);
    const legend = (await page.textContent('[data-testid=map-legend]')) ?? '';
    for (const t of ['Battles', 'Explosions/Remote violence', 'Violence against civilians', 'Protests', 'Riots', 'Strategic developments', 'Fatalities']) expect(legend).toContain(t);
    const attribution = (await page.textContent('.leaflet-control-attribution')) ?? '';
    expect(attribution).toMatch(/GeoNames.*CC BY 4\.0/);
    expect(attribution).toMatch(/Natural Earth/);
    // markers are coloured by type: a Battles marker has the Battles colour of the legend
    const colours = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.event-dot')].map((d) => d.style.background));
    expect(colours.length + (await page.locator('.event-cluster').count())).toBeGreaterThan(0);
    expect(await page.textContent('[data-testid=timeline-summary]')).toMatch(new RegExp(`^${all} events`));
    await shot('map-timeline-list');
    // the totals tab: events and fatalities by area and period
    await page.click('[data-testid=tab-totals]');
    await page.waitForSelector('[data-testid=totals-country] tbody tr');
    expect(await page.textContent('[data-testid=totals-all]')).toContain(`${all} events`);
    expect(await page.locator('[data-testid=totals-admin1] tbody tr').count()).toBeGreaterThan(3);
    expect(await page.locator('[data-testid=totals-period] tbody tr').count()).toBeGreaterThan(3);
    await shot('totals');
    await page.click('[data-testid=tab-events]');
    expect(outside).toEqual([]);
  });

  it('a type filter changes the list, the map and the URL', async () => {
    const want = await total('type=Protests');
    expect(want).toBeGreaterThan(0);
    expect(want).toBeLessThan(await total(''));
    await page.check('[data-testid="filter-type-Protests"]');
    await waitListTotal(want);
    expect(page.url()).toContain('type=Protests');
    const titles = await page.locator('[data-testid=event-row] .ev-title').allTextContents();
    expect(titles.length).toBe(want);
    for (const t of titles) expect(t).toMatch(/^Protests · /);
    await waitMapEvents(await placed('type=Protests'));
    expect(await markersOnMap()).toBe(await placed('type=Protests'));
    // the exports follow the filters
    expect(await page.getAttribute('[data-testid=export-csv]', 'href')).toContain('type=Protests');
    // a shared link restores the view
    const again = await context.newPage();
    await again.goto(page.url());
    await ready(again);
    expect(await listTotal(again)).toBe(want);
    expect(await again.isChecked('[data-testid="filter-type-Protests"]')).toBe(true);
    await again.close();
    await page.uncheck('[data-testid="filter-type-Protests"]');
    await waitListTotal(await total(''));
  });

  it('a timeline brush selects a date range that filters the list and the map', async () => {
    const all = await total('');
    const box = (await page.locator('[data-testid=timeline]').boundingBox())!;
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + 36 + (box.width - 46) * 0.3, y);
    await page.mouse.down();
    await page.mouse.move(box.x + 36 + (box.width - 46) * 0.45, y, { steps: 5 });
    await page.mouse.move(box.x + 36 + (box.width - 46) * 0.6, y, { steps: 5 });
    await page.mouse.up();
    await page.waitForFunction(() => /from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/.test(location.search));
    const q = new URL(page.url()).searchParams;
    const from = q.get('from')!;
    const to = q.get('to')!;
    expect(from < to).toBe(true);
    const want = await total(`from=${from}&to=${to}`);
    expect(want).toBeGreaterThan(0);
    expect(want).toBeLessThan(all);
    await waitListTotal(want);
    await waitMapEvents(await placed(`from=${from}&to=${to}`));
    const dates = await page.locator('[data-testid=event-row] .ev-meta').allTextContents();
    for (const d of dates) {
      const day = d.slice(0, 10);
      expect(day >= from && day <= to, `${day} in ${from}..${to}`).toBe(true);
    }
    expect(await page.inputValue('[data-testid=filter-from]')).toBe(from);
    expect(await page.locator('[data-testid=timeline-brush]').count()).toBe(1);
    await shot('timeline-brush');
    // the keyboard moves the selection; Escape clears it
    await page.focus('[data-testid=timeline]');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((f) => new URL(location.href).searchParams.get('from') !== f, from);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !location.search.includes('from='));
    await waitListTotal(all);
  });

  it('"List only the events in view" filters the list by the map\'s box; the map keeps every event', async () => {
    const bbox = '-20,-5,30,25';
    const want = await total(`bbox=${bbox}`);
    expect(want).toBeGreaterThan(0);
    expect(want).toBeLessThan(await total(''));
    await page.goto(`${server.base}/?bbox=${bbox}`);
    await ready();
    expect(await listTotal()).toBe(want);
    expect(await page.isChecked('[data-testid=map-area]')).toBe(true);
    await page.waitForTimeout(600); // the map showing the shared box does not replace it
    expect(new URL(page.url()).searchParams.get('bbox')).toBe(bbox);
    expect(await page.getAttribute('[data-testid=map]', 'data-events')).toBe(String(await placed('')));
    expect(await page.getAttribute('[data-testid=export-csv]', 'href')).toContain('bbox=');
    // panning updates the box; unticking removes it
    await page.click('[data-testid=chip-bbox] button');
    await waitListTotal(await total(''));
    expect(await page.isChecked('[data-testid=map-area]')).toBe(false);
    await page.check('[data-testid=map-area]');
    await page.waitForFunction(() => new URL(location.href).searchParams.has('bbox'));
    const view = new URL(page.url()).searchParams.get('bbox')!;
    await waitListTotal(await total(`bbox=${view}`));
    await page.uncheck('[data-testid=map-area]');
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('bbox'));
    await waitListTotal(await total(''));
  });

  it('an event opens with its evidence, actors, places and dates highlighted', async () => {
    const first = page.locator('[data-testid=event-row] .ev-title').first();
    const href = (await first.getAttribute('href'))!;
    const id = Number(/\/events\/(\d+)/.exec(href)![1]);
    await first.click();
    await page.waitForSelector('[data-testid=article-text] .hl-evidence');
    expect(new URL(page.url()).pathname).toBe(`/events/${id}`);
    const ev = await api<EventDetail>(`/api/events/${id}`);
    expect(await page.textContent('[data-testid=field-type]')).toBe(ev.eventType);
    expect(await page.textContent('[data-testid=field-subtype]')).toBe(ev.subEventType);
    const fields = (await page.textContent('[data-testid=event-fields]')) ?? '';
    if (ev.actor1) expect(fields).toContain(`inter ${ev.actor1.inter ?? '?'}`);
    if (ev.place) expect(fields).toContain(`geo precision ${ev.place.precision}`);
    if (ev.date) expect(fields).toContain(`time precision ${ev.date.precision}`);
    // the evidence sentences of the shown article, exactly
    const articleId = Number(await page.getAttribute('[data-testid=article-text]', 'data-article-id'));
    const evidence = ev.mentions.filter((m) => m.articleId === articleId).flatMap((m) => m.evidence.map((e) => e.text));
    expect(evidence.length).toBeGreaterThan(0);
    const marked = await page.evaluate(() => {
      // consecutive evidence segments joined back into sentences
      const out: string[] = [];
      let cur = '';
      for (const node of document.querySelector('[data-testid=article-text]')!.childNodes) {
        const isEv = node instanceof HTMLElement && node.classList.contains('hl-evidence');
        if (isEv) cur += node.textContent;
        else if (cur) {
          out.push(cur);
          cur = '';
        }
      }
      if (cur) out.push(cur);
      return out.join(' ');
    });
    for (const e of evidence) expect(marked).toContain(e);
    for (const kind of ['actor', 'place', 'date']) expect(await page.locator(`[data-testid=article-text] .hl-${kind}`).count(), kind).toBeGreaterThan(0);
    // the article's other events are listed
    const art = await api<{ eventIds: Record<string, number> }>(`/api/articles/${articleId}`);
    const others = new Set(Object.values(art.eventIds).filter((x) => x !== id));
    expect(await page.locator('[data-testid=article-others] li').count()).toBe(others.size);
    // hovering tells what a span was read as
    expect(await page.getAttribute('[data-testid=article-text] .hl-place >> nth=0', 'title')).toMatch(/(^|\n)place: /);
    await shot('event-view');
    // and back to the map, with the event's popup open
    if (ev.place) {
      await page.click('[data-testid=show-on-map]');
      await page.waitForSelector(`.leaflet-popup [data-event-id="${id}"]`);
      expect(new URL(page.url()).pathname).toBe('/');
      await page.goBack();
      await page.waitForSelector('[data-testid=article-text] .hl-evidence');
    }
  });

  it('a review edit persists across a reload, with who and when', async () => {
    const id = Number(/\/events\/(\d+)/.exec(page.url())![1]);
    const before = await api<EventDetail>(`/api/events/${id}`);
    const fatalities = (before.fatalities ?? 0) + 3;
    await page.click('[data-testid=action-edit]');
    await page.fill('[data-testid=edit-fatalities]', String(fatalities));
    await page.fill('[data-testid=edit-note]', 'second report gives a higher toll');
    await shot('event-edit');
    await page.click('[data-testid=edit-save]');
    // the reviewer's name is asked once
    await page.waitForSelector('[data-testid=reviewer-dialog][open]');
    await page.fill('[data-testid=reviewer-input]', 'Test Analyst');
    await page.click('[data-testid=reviewer-ok]');
    await page.waitForFunction((f) => document.querySelector('[data-testid=field-fatalities]')?.textContent === String(f), fatalities);
    expect(await page.textContent('[data-testid=event-review-state]')).toBe('edited');
    await page.reload();
    await ready();
    await page.waitForSelector('[data-testid=field-fatalities]');
    expect(await page.textContent('[data-testid=field-fatalities]')).toBe(String(fatalities));
    expect(await page.textContent('[data-testid=event-review-state]')).toBe('edited');
    expect(await page.textContent('[data-testid=review-history]')).toContain('edit by Test Analyst');
    expect(await page.textContent('[data-testid=event-fields]')).toContain(`machine: ${before.fatalities ?? 'unknown'}`);
    expect(await page.textContent('[data-testid=write-state]')).toBe('can review');
    const after = await api<EventDetail>(`/api/events/${id}`);
    expect(after.fatalities).toBe(fatalities);
    expect(after.reviews[0]).toMatchObject({ action: 'edit', reviewer: 'Test Analyst', note: 'second report gives a higher toll' });
    expect(after.machine.fatalities).toBe(before.fatalities);
  });

  it('the review queue: least confident first; a key accepts and moves on; the name is not asked again', async () => {
    const pending = await total('review=pending');
    await page.click('[data-testid=nav-review]');
    await page.waitForSelector('[data-testid=queue-list] [data-testid=event-row]');
    await page.waitForSelector('[data-testid=review-queue] [data-testid=field-type]');
    expect(await page.textContent('[data-testid=queue-count]')).toBe(`${pending} pending`);
    const queue = await api<EventPage>('/api/events?review=pending&sort=confidence&order=asc&limit=50');
    const firstId = queue.items[0]!.id;
    expect(await page.getAttribute('[data-testid=queue-list] [data-testid=event-row] >> nth=0', 'data-event-id')).toBe(String(firstId));
    await shot('review-queue');
    await page.locator('[data-testid=queue-list]').click({ position: { x: 5, y: 5 } }); // focus the page, not an input
    await page.keyboard.press('a');
    await page.waitForFunction((n) => document.querySelector('[data-testid=queue-count]')?.textContent === `${n} pending`, pending - 1);
    expect(await page.locator('[data-testid=reviewer-dialog][open]').count()).toBe(0);
    const accepted = await api<EventDetail>(`/api/events/${firstId}`);
    expect(accepted.review).toBe('accepted');
    expect(accepted.reviews[0]).toMatchObject({ action: 'accept', reviewer: 'Test Analyst' });
    // the next event is open
    await page.waitForFunction((id) => location.pathname.startsWith('/review/') && location.pathname !== `/review/${id}`, firstId);
    // reject with the button
    const nextId = Number(/\/review\/(\d+)/.exec(page.url())![1]);
    await page.waitForSelector('[data-testid=review-queue] [data-testid=action-reject]:not([disabled])');
    await page.click('[data-testid=review-queue] [data-testid=action-reject]');
    await page.waitForFunction((n) => document.querySelector('[data-testid=queue-count]')?.textContent === `${n} pending`, pending - 2);
    expect((await api<EventDetail>(`/api/events/${nextId}`)).review).toBe('rejected');
    // a rejected event leaves the default map and list
    expect(await total('')).toBe((await total('review=all')) - 1);
    // the queue follows the filters, and says which
    await page.goto(`${server.base}/review?type=Protests`);
    await ready();
    const protests = await total('type=Protests&review=pending');
    await page.waitForFunction((n) => document.querySelector('[data-testid=queue-count]')?.textContent === `${n} pending`, protests);
    expect(await page.textContent('[data-testid=queue-scope]')).toContain('Filtered: Protests');
    expect(await page.locator('[data-testid=queue-list] [data-testid=event-row]').count()).toBe(protests);
    await page.click('[data-testid=queue-clear]');
    await page.waitForFunction((n) => document.querySelector('[data-testid=queue-count]')?.textContent === `${n} pending`, pending - 2);
  });

  it('merge and split from the event view', async () => {
    // two pending events in one country: fold the second into the first, then split it out again
    const page1 = await api<EventPage>('/api/events?review=pending&limit=200');
    const byCountry = new Map<string, number[]>();
    for (const e of page1.items) if (e.place) byCountry.set(e.place.countryCode, [...(byCountry.get(e.place.countryCode) ?? []), e.id]);
    const pair = [...byCountry.values()].find((ids) => ids.length >= 2)!;
    expect(pair).toBeTruthy();
    const [keep, fold] = pair as [number, number];
    await page.goto(`${server.base}/events/${keep}`);
    await ready();
    await page.click('[data-testid=action-merge]');
    await page.fill('[data-testid=merge-ids]', String(fold));
    await page.click('[data-testid=merge-submit]');
    await page.waitForFunction(() => /Split…/.test(document.querySelector('[data-testid=action-split]')?.textContent ?? '') && !(document.querySelector('[data-testid=action-split]') as HTMLButtonElement).disabled);
    const merged = await api<EventDetail>(`/api/events/${keep}`);
    expect(merged.mentionCount).toBeGreaterThanOrEqual(2);
    expect((await fetch(`${server.base}/api/events/${fold}`)).status).toBe(404);
    await page.click('[data-testid=action-split]');
    const moved = merged.mentions.find((m) => m.articleId !== merged.mentions[0]!.articleId) ?? merged.mentions[1]!;
    await page.check(`#split-${moved.id}`);
    await page.click('[data-testid=split-submit]');
    await page.waitForFunction(() => (document.querySelector('[data-testid=action-split]') as HTMLButtonElement | null)?.disabled === true);
    const after = await api<EventDetail>(`/api/events/${keep}`);
    expect(after.mentions.map((m) => m.id)).not.toContain(moved.id);
    expect(after.reviews.map((r) => r.action).slice(-2)).toEqual(['merge', 'split']);
  });

  it('the export buttons download valid ACLED CSV (31 columns) and GeoJSON for the current filters', async () => {
    await page.goto(`${server.base}/?type=Battles`);
    await ready();
    const want = await total('type=Battles');
    await waitListTotal(want);
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-csv]')]);
    const csv = readFileSync((await csvDownload.path())!, 'utf8');
    expect(csvDownload.suggestedFilename()).toMatch(/^sitrep-events-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = parseCsvRows(csv).filter((r) => r.length > 1 || r[0] !== '');
    expect(rows[0]).toEqual([...ACLED_COLUMNS]);
    expect(rows.length - 1).toBe(want);
    const col = (name: string): number => rows[0]!.indexOf(name);
    for (const r of rows.slice(1)) {
      expect(r).toHaveLength(31);
      expect(r[col('event_type')]).toBe('Battles');
      expect(r[col('event_date')]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    const [geoDownload] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-geojson]')]);
    const fc = JSON.parse(readFileSync((await geoDownload.path())!, 'utf8')) as EventFeatureCollection;
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(want);
    for (const f of fc.features) {
      expect(f.properties.eventType).toBe('Battles');
      if (f.geometry) {
        expect(f.geometry.type).toBe('Point');
        const [lon, lat] = f.geometry.coordinates;
        expect(Math.abs(lon) <= 180 && Math.abs(lat) <= 90).toBe(true);
      }
    }
    const [jsonl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-jsonl]')]);
    expect(readFileSync((await jsonl.path())!, 'utf8').trim().split('\n')).toHaveLength(want);
  });

  it('text from an article is shown as text: <script> and <img onerror> in a report never run or render', async () => {
    const title = 'Clashes <img src=x onerror="window.__xss=1"> in Gao';
    const text =
      'Gao: Malian soldiers clashed with JNIM fighters near Gao on Tuesday, killing four fighters, the army said. ' +
      'A resident wrote <script>window.__xss=2</script> and <img src=y onerror="window.__xss=3"> on a wall.';
    const res = await fetch(`${server.base}/api/articles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title, text, published: '2024-05-14', source: 'xss-test.example' }),
    });
    expect(res.status).toBe(201);
    const posted = (await res.json()) as NewArticleResponse;
    expect(posted.eventIds.length).toBeGreaterThan(0);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${server.base}/events/${posted.eventIds[0]}`);
    await ready();
    await page.waitForSelector('[data-testid=article-text] .hl-evidence');
    expect(await page.textContent('[data-testid=article-title]')).toBe(title);
    const shown = (await page.textContent('[data-testid=article-text]')) ?? '';
    expect(shown).toContain('<script>window.__xss=2</script>');
    expect(shown).toContain('<img src=y onerror="window.__xss=3">');
    expect(await page.locator('#app img').count()).toBe(0);
    expect(await page.locator('#app script').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    // the list and the map popup show the title and actors as text too
    await page.goto(`${server.base}/?from=2024-05-14&to=2024-05-14`);
    await ready();
    expect(await page.locator('#app img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(outside).toEqual([]);
  });

  it('keyboard: every filter, the map controls, the timeline and the list are reachable with Tab; Enter opens an event', async () => {
    await page.goto(server.base + '/');
    await ready();
    const seen: string[] = [];
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      const id = await page.evaluate(() => {
        const e = document.activeElement as HTMLElement | null;
        return e?.dataset['testid'] ?? (e?.classList.contains('ev-title') ? 'event-title' : e?.tagName.toLowerCase() ?? '');
      });
      seen.push(id);
      if (id === 'event-title') break;
    }
    for (const want of ['nav-review', 'export-csv', 'filter-q', 'filter-type-Battles', 'filter-country', 'filter-admin1', 'filter-actor', 'filter-review-rejected', 'filter-from', 'filter-minf', 'map-area', 'timeline', 'event-title']) {
      expect(seen, want).toContain(want);
    }
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=article-text] .hl-evidence');
    expect(new URL(page.url()).pathname).toMatch(/^\/events\/\d+$/);
  });

  it('without the token the UI is read-only and says how to get write access', async () => {
    const ro = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const p = await ro.newPage();
    const ev = (await api<EventPage>('/api/events?limit=1')).items[0]!;
    await p.goto(`${server.base}/events/${ev.id}`);
    await ready(p);
    expect(await p.textContent('[data-testid=write-state]')).toBe('read-only');
    expect(await p.textContent('[data-testid=readonly-note]')).toContain('npm start');
    expect(await p.locator('[data-testid=action-accept]').count()).toBe(0);
    await ro.close();
  });

  it('a wrong token: the server refuses the review, the UI says so and becomes read-only', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await ctx.addInitScript(() => localStorage.setItem('sitrep.reviewer', 'Someone'));
    const p = await ctx.newPage();
    const ev = (await api<EventPage>('/api/events?review=pending&limit=1')).items[0]!;
    await p.goto(`${server.base}/events/${ev.id}#token=not-the-token`);
    await ready(p);
    expect(await p.textContent('[data-testid=write-state]')).toBe('can review');
    await p.click('[data-testid=action-accept]');
    await p.waitForSelector('.toast-error');
    expect(await p.textContent('.toast-error')).toMatch(/refused the write token/);
    expect((await api<EventDetail>(`/api/events/${ev.id}`)).review).toBe('pending');
    await p.reload();
    await ready(p);
    expect(await p.textContent('[data-testid=write-state]')).toBe('read-only');
    await ctx.close();
  });
});
