// What the views share: the server's metadata, labels, navigation, and who is reviewing.
import type { MetaResponse } from '../server/contract.js';
import type { Labels } from './format.js';

export interface AppContext {
  meta: MetaResponse;
  labels: Labels;
  /** True when a write token is present (reviews possible). */
  canWrite(): boolean;
  /** The reviewer's name, asked once (null when the analyst cancels). */
  reviewer(): Promise<string | null>;
  /** Client-side navigation to a path of the UI (keeps the filters in the query string). */
  navigate(path: string): void;
  /** Something changed on the server (a review): counts and views refresh. */
  changed(): void;
  /** Removes every filter. */
  clearFilters(): void;
  /** Goes to the map and opens the event's marker. */
  showOnMap(id: number): void;
}
