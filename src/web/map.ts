// The map: an offline basemap of Natural Earth countries (world-atlas TopoJSON, served with the UI; no tiles, no
// network), country names, and the events as clustered markers coloured by type and sized by fatalities.
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { EventFeature, EventFeatureCollection } from '../server/contract.js';
import { h } from './dom.js';
import { GEO_PRECISION, TYPE_COLOURS, markerSize, plural, typeColour, type Labels } from './format.js';
import { labelPoint, unwrapAntimeridian } from './geo.js';
import { bboxOf, parseBbox } from './query.js';
import { L, type Leaflet } from './leaflet.js';

export const BASEMAP_URL = '/basemap/countries-50m.json';
/** Capitals, first-level capitals and large cities from the GeoNames gazetteer: [name, lat, lon, minZoom, capital]. */
export const PLACES_URL = '/basemap/places.json';

interface Town {
  name: string;
  lat: number;
  lon: number;
  minZoom: number;
  capital: boolean;
  marker?: Leaflet.Marker;
}

interface CountryLabel {
  name: string;
  at: Leaflet.LatLngExpression;
  /** Area of the largest polygon in square degrees (decides from which zoom the name shows). */
  area: number;
}

export interface MapOptions {
  labels: Labels;
  /** Opens an event (the popup's link). */
  open: (id: number) => void;
  /** "Only the events in view" was switched on (the view's bbox) or off (''), or the view moved while on. */
  area: (bbox: string) => void;
}

export class EventMap {
  readonly map: Leaflet.Map;
  private cluster: Leaflet.MarkerClusterGroup;
  private markers = new Map<number, Leaflet.Marker>();
  private props = new WeakMap<Leaflet.Layer, EventFeature['properties']>();
  private countryLabels: { label: CountryLabel; marker: Leaflet.Marker }[] = [];
  private labelLayer: Leaflet.LayerGroup;
  private townLayer: Leaflet.LayerGroup;
  private towns: Town[] = [];
  private bounds: Leaflet.LatLngBounds | null = null;
  private unplaced = h('p', { class: 'legend-note', 'data-testid': 'map-unplaced' });
  private notice = h('div', { class: 'map-notice', role: 'status', hidden: true, 'data-testid': 'map-notice' });
  private fittedOnce = false;
  private areaBox = h('input', { type: 'checkbox', id: 'map-area', 'data-testid': 'map-area' });
  private areaTimer = 0;
  private area = '';
  private keepArea = false;
  basemapReady: Promise<void>;

  constructor(
    container: HTMLElement,
    private opts: MapOptions,
  ) {
    this.map = L.map(container, {
      center: [15, 20],
      zoom: 2,
      minZoom: 1,
      maxZoom: 13,
      zoomSnap: 0.5,
      worldCopyJump: false,
      maxBounds: [
        [-85, -240],
        [85, 240],
      ],
      attributionControl: false,
      keyboard: true,
    });
    L.control
      .attribution({ prefix: '<a href="https://leafletjs.com/" rel="noreferrer">Leaflet</a>' })
      .addAttribution('Basemap: <a href="https://www.naturalearthdata.com/" rel="noreferrer">Natural Earth</a> (public domain), via world-atlas')
      .addAttribution('Places: <a href="https://www.geonames.org/" rel="noreferrer">GeoNames</a> (CC BY 4.0)')
      .addTo(this.map);
    L.control.scale({ imperial: false, position: 'bottomleft' }).addTo(this.map);
    const labels = this.map.createPane('labels');
    labels.style.zIndex = '350';
    labels.style.pointerEvents = 'none';
    this.labelLayer = L.layerGroup().addTo(this.map);
    this.townLayer = L.layerGroup().addTo(this.map);
    // Markers and clusters are left out of the tab order (thousands of them would stand between the filters and the
    // list): keyboard users reach an event from the list, whose "show on the map" opens its popup, focused.
    (L as unknown as { MarkerCluster: { mergeOptions: (o: object) => void } }).MarkerCluster.mergeOptions({ keyboard: false });
    this.cluster = L.markerClusterGroup({
      showCoverageOnHover: false,
      maxClusterRadius: 44,
      spiderfyOnMaxZoom: true,
      chunkedLoading: true,
      iconCreateFunction: (c) => this.clusterIcon(c),
    });
    this.cluster.addTo(this.map);
    this.addLegend();
    this.addFitControl();
    this.addAreaControl();
    this.map.on('zoomend', () => this.updateLabels());
    this.map.on('moveend', () => this.updateTowns());
    this.map.on('moveend', () => {
      if (this.keepArea) {
        // the view was set from a shared link's box: keep that box until the analyst moves the map
        this.keepArea = false;
        return;
      }
      if (!this.areaBox.checked) return;
      clearTimeout(this.areaTimer);
      this.areaTimer = window.setTimeout(() => {
        const b = this.viewBbox();
        if (b !== this.area) this.opts.area(b);
      }, 250);
    });
    container.append(this.notice);
    this.basemapReady = this.loadBasemap();
    void this.loadTowns();
  }

  private async loadTowns(): Promise<void> {
    try {
      const res = await fetch(PLACES_URL);
      if (!res.ok) return;
      const rows = (await res.json()) as [string, number, number, number, number][];
      this.towns = rows.map(([name, lat, lon, minZoom, capital]) => ({ name, lat, lon, minZoom, capital: capital === 1 }));
      this.updateTowns();
    } catch {
      // town names are a convenience: the map works without them
    }
  }

  /** Shows the towns in view whose size suits the zoom (capitals first, then larger cities, then regional capitals). */
  private updateTowns(): void {
    const z = this.map.getZoom();
    const view = this.map.getBounds().pad(0.1);
    // towns come most important first; a name that would overlap one already placed is left out
    const placed: { x0: number; y0: number; x1: number; y1: number }[] = [];
    for (const t of this.towns) {
      let show = z >= t.minZoom && view.contains([t.lat, t.lon]);
      if (show) {
        const p = this.map.latLngToContainerPoint([t.lat, t.lon]);
        const box = { x0: p.x - 4, y0: p.y - 9, x1: p.x + 8 + t.name.length * 6.2, y1: p.y + 6 };
        show = !placed.some((b) => box.x0 < b.x1 && box.x1 > b.x0 && box.y0 < b.y1 && box.y1 > b.y0);
        if (show) placed.push(box);
      }
      if (show && !t.marker) {
        const el = h('span', null, t.name);
        t.marker = L.marker([t.lat, t.lon], {
          icon: L.divIcon({ className: `town-label${t.capital ? ' capital' : ''}`, html: el, iconSize: [0, 0] }),
          interactive: false,
          keyboard: false,
          pane: 'labels',
        });
      }
      if (!t.marker) continue;
      if (show && !this.townLayer.hasLayer(t.marker)) this.townLayer.addLayer(t.marker);
      else if (!show && this.townLayer.hasLayer(t.marker)) this.townLayer.removeLayer(t.marker);
    }
  }

  private async loadBasemap(): Promise<void> {
    const res = await fetch(BASEMAP_URL);
    if (!res.ok) throw new Error(`basemap: HTTP ${res.status}`);
    const topo = (await res.json()) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
    const countries = feature(topo, topo.objects.countries) as FeatureCollection<Geometry, { name: string }>;
    for (const f of countries.features) unwrapAntimeridian(f.geometry);
    const pane = this.map.createPane('basemap');
    pane.style.zIndex = '200';
    L.geoJSON(countries, {
      pane: 'basemap',
      interactive: false,
      style: () => ({ color: '#8c9399', weight: 0.8, fillColor: '#f4f1ea', fillOpacity: 1 }),
    }).addTo(this.map);
    for (const f of countries.features as Feature<Geometry, { name: string }>[]) {
      const at = labelPoint(f.geometry);
      if (!at || !f.properties?.name) continue;
      const label: CountryLabel = { name: f.properties.name, at: [at.lat, at.lon], area: at.area };
      const el = h('span', null, label.name);
      const marker = L.marker(label.at, {
        icon: L.divIcon({ className: 'country-label', html: el, iconSize: [0, 0] }),
        interactive: false,
        keyboard: false,
        pane: 'labels',
      });
      this.countryLabels.push({ label, marker });
    }
    this.updateLabels();
  }

  private updateLabels(): void {
    const z = this.map.getZoom();
    const scale = Math.pow(4, z);
    for (const { label, marker } of this.countryLabels) {
      const show = label.area * scale > 420;
      if (show && !this.labelLayer.hasLayer(marker)) this.labelLayer.addLayer(marker);
      else if (!show && this.labelLayer.hasLayer(marker)) this.labelLayer.removeLayer(marker);
    }
  }

  private addLegend(): void {
    const Legend = L.Control.extend({
      onAdd: () => {
        const types = Object.entries(TYPE_COLOURS).map(([t, c]) =>
          h('li', null, h('span', { class: 'swatch', style: `background:${c}` }), t),
        );
        const sizes = [0, 5, 25, 100].map((f) => {
          const d = markerSize(f);
          return h('li', { class: 'size' }, h('span', { class: 'size-dot', style: `width:${d}px;height:${d}px` }), f === 0 ? '0 or unknown' : String(f));
        });
        const el = h(
          'details',
          { class: 'map-legend', 'data-testid': 'map-legend', open: true },
          h('summary', null, 'Legend'),
          h('h3', null, 'Event type'),
          h('ul', null, types),
          h('h3', null, 'Fatalities'),
          h('ul', { class: 'sizes' }, sizes),
          this.unplaced,
        );
        L.DomEvent.disableClickPropagation(el);
        L.DomEvent.disableScrollPropagation(el);
        return el;
      },
    });
    new Legend({ position: 'bottomright' }).addTo(this.map);
  }

  private addFitControl(): void {
    const Fit = L.Control.extend({
      onAdd: () => {
        const b = h('button', { type: 'button', class: 'map-button', title: 'Zoom to the events shown', 'aria-label': 'Zoom to the events shown' }, 'Fit');
        b.addEventListener('click', () => this.fit());
        L.DomEvent.disableClickPropagation(b);
        return h('div', { class: 'leaflet-bar' }, b);
      },
    });
    new Fit({ position: 'topleft' }).addTo(this.map);
  }

  private addAreaControl(): void {
    const Area = L.Control.extend({
      onAdd: () => {
        this.areaBox.addEventListener('change', () => this.opts.area(this.areaBox.checked ? this.viewBbox() : ''));
        const el = h('div', { class: 'map-area leaflet-bar' }, this.areaBox, h('label', { for: 'map-area' }, 'List only the events in view'));
        L.DomEvent.disableClickPropagation(el);
        return el;
      },
    });
    new Area({ position: 'topright' }).addTo(this.map);
  }

  private viewBbox(): string {
    const b = this.map.getBounds();
    return bboxOf(b.getWest(), b.getSouth(), b.getEast(), b.getNorth()) || '-180,-90,180,90';
  }

  /** Reflects the filters' bbox; on the first call with one, shows that area. */
  setArea(bbox: string): void {
    this.area = bbox;
    this.areaBox.checked = bbox !== '';
    if (bbox && !this.fittedOnce && parseBbox(bbox)) {
      const [w, s, e, n] = bbox.split(',').map(Number) as [number, number, number, number];
      this.fittedOnce = true;
      this.keepArea = true;
      this.map.fitBounds([
        [s, w],
        [n, e < w ? e + 360 : e],
      ]);
    }
  }

  private clusterIcon(c: Leaflet.MarkerCluster): Leaflet.DivIcon {
    const children = c.getAllChildMarkers();
    const byType = new Map<string, number>();
    let fatalities = 0;
    for (const m of children) {
      const p = this.props.get(m);
      if (!p) continue;
      byType.set(p.eventType, (byType.get(p.eventType) ?? 0) + 1);
      fatalities += p.fatalities ?? 0;
    }
    const n = children.length;
    let acc = 0;
    const stops: string[] = [];
    for (const [t, k] of [...byType].sort((a, b) => b[1] - a[1])) {
      const from = (acc / n) * 360;
      acc += k;
      stops.push(`${typeColour(t)} ${from.toFixed(1)}deg ${((acc / n) * 360).toFixed(1)}deg`);
    }
    const d = Math.round(Math.min(64, 30 + 6 * Math.log2(n)));
    const inner = h('span', { class: 'cluster-count' }, String(n));
    const el = h('div', { class: 'cluster-ring', style: `width:${d}px;height:${d}px;background:conic-gradient(${stops.join(',')})` }, inner);
    el.title = `${plural(n, 'event')}, ${plural(fatalities, 'fatality', 'fatalities')}: ${[...byType].map(([t, k]) => `${t} ${k}`).join('; ')}`;
    return L.divIcon({ html: el, className: 'event-cluster', iconSize: [d, d] });
  }

  private popup(p: EventFeature['properties']): HTMLElement {
    const link = h('a', { href: `/events/${p.id}`, class: 'popup-open' }, 'Open event');
    link.addEventListener('click', (ev) => {
      ev.preventDefault();
      this.opts.open(p.id);
    });
    const where = [p.location, p.admin1 ? this.opts.labels.admin1Label(`${p.countryCode}.${p.admin1}`) : p.countryCode ? this.opts.labels.country(p.countryCode) : null]
      .filter(Boolean)
      .join(', ');
    return h(
      'div',
      { class: 'popup', 'data-event-id': p.id },
      h('div', { class: 'popup-type' }, h('span', { class: 'swatch', style: `background:${typeColour(p.eventType)}` }), p.eventType),
      h('div', { class: 'popup-sub' }, p.subEventType),
      h('dl', null, [
        h('dt', null, 'Date'),
        h('dd', null, p.date ?? 'unknown', p.timePrecision && p.timePrecision > 1 ? ` (precision ${p.timePrecision})` : ''),
        h('dt', null, 'Actors'),
        h('dd', null, [p.actor1 ?? '—', p.actor2 ? ` vs ${p.actor2}` : '']),
        h('dt', null, 'Place'),
        h('dd', null, where || '—', p.geoPrecision ? h('small', null, ` (${GEO_PRECISION[p.geoPrecision] ?? p.geoPrecision})`) : ''),
        h('dt', null, 'Fatalities'),
        h('dd', null, p.fatalities === null ? 'unknown' : String(p.fatalities)),
        h('dt', null, 'Sources'),
        h('dd', null, `${p.sources} · ${p.review}`),
      ]),
      link,
    );
  }

  /** Replaces the events shown (`notice`: why none are, when they are too many). */
  setEvents(fc: EventFeatureCollection, notice = ''): void {
    this.cluster.clearLayers();
    this.markers.clear();
    const layers: Leaflet.Marker[] = [];
    let unplaced = 0;
    for (const f of fc.features) {
      if (!f.geometry) {
        unplaced++;
        continue;
      }
      const p = f.properties;
      const [lon, lat] = f.geometry.coordinates;
      const d = markerSize(p.fatalities);
      const dot = h('span', { class: `event-dot review-${p.review}`, style: `background:${typeColour(p.eventType)};width:${d}px;height:${d}px` });
      const m = L.marker([lat, lon], {
        icon: L.divIcon({ html: dot, className: 'event-marker', iconSize: [d, d] }),
        title: `${p.eventType}: ${p.subEventType}, ${p.date ?? 'no date'}, ${p.location ?? ''}${p.fatalities ? `, ${p.fatalities} fatalities` : ''}`,
        riseOnHover: true,
        keyboard: false,
      });
      m.bindPopup(() => this.popup(p), { maxWidth: 320, minWidth: 220 });
      m.on('popupopen', (e: Leaflet.PopupEvent) => e.popup.getElement()?.querySelector<HTMLElement>('.popup-open')?.focus({ preventScroll: true }));
      this.props.set(m, p);
      this.markers.set(p.id, m);
      layers.push(m);
    }
    this.cluster.addLayers(layers);
    this.bounds = layers.length > 0 ? L.latLngBounds(layers.map((m) => m.getLatLng())) : null;
    this.unplaced.textContent = !notice && unplaced > 0 ? `${plural(unplaced, 'event')} without a place not shown` : '';
    this.notice.textContent = notice;
    this.notice.hidden = !notice;
    if (!this.fittedOnce && this.bounds) {
      this.fittedOnce = true;
      this.fit();
    }
  }

  /** Events on the map (placed ones). */
  get count(): number {
    return this.markers.size;
  }

  fit(): void {
    if (this.bounds) this.map.fitBounds(this.bounds.pad(0.15), { maxZoom: 6 });
  }

  /** Zooms to an event's marker and opens its popup. */
  show(id: number): boolean {
    const m = this.markers.get(id);
    if (!m) return false;
    this.cluster.zoomToShowLayer(m, () => m.openPopup());
    return true;
  }

  invalidate(): void {
    this.map.invalidateSize();
  }
}
