// The gun-violence set (../shared/eval/events/gun-violence): real US local-news articles, each listed by the Gun
// Violence Archive as a source of one incident whose date, place and toll are known. Split by incident number:
// even incidents are the half looked at while developing ("dev"), odd ones only measured ("held").
import { readFileSync } from 'node:fs';
import { sharedPath } from './shared.js';

export interface GvArticle {
  id: string;
  incident: string;
  title: string | null;
  published: string | null;
  url: string | null;
  text: string;
}

export interface GvIncident {
  incident: string;
  date: string;
  state: string;
  state_code: string;
  city_or_county: string;
  lat: number | null;
  lon: number | null;
  killed: number;
  injured: number;
}

export type GvHalf = 'dev' | 'held';

export function gvHalf(incident: string): GvHalf {
  return Number(incident) % 2 === 0 ? 'dev' : 'held';
}

function jsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

export function loadGunViolence(): { articles: GvArticle[]; incidents: Map<string, GvIncident> } {
  const dir = sharedPath('eval', 'events', 'gun-violence');
  const articles = jsonl<GvArticle>(`${dir}/articles.jsonl`);
  const incidents = new Map(jsonl<GvIncident>(`${dir}/incidents.jsonl`).map((i) => [i.incident, i]));
  return { articles, incidents };
}
