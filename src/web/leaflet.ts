// Leaflet and its marker-cluster plugin. The plugin extends the global L that Leaflet's UMD build sets, so the UI
// takes L from there (an ES namespace import would not see the plugin's additions).
import type * as Leaflet from 'leaflet';
import 'leaflet';
import 'leaflet.markercluster';
import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster/dist/MarkerCluster.css';

export const L = (window as unknown as { L: typeof Leaflet }).L;
export type { Leaflet };
