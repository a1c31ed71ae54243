/** The portal's datasets: what the CSRF-protected API returns. */
import type { Language } from './messages.js';

export interface Dataset {
  id: string;
  title: Partial<Record<Language, string>> & { en: string };
  records: number;
}

export const DATASETS: readonly Dataset[] = [
  { id: 'comptage-velo', title: { en: 'Bicycle counters', fr: 'Comptage vélo' }, records: 1843201 },
  {
    id: 'qualite-air',
    title: { en: 'Air quality stations', fr: 'Stations de qualité de l’air' },
    records: 52,
  },
  { id: 'arbres', title: { en: 'Trees', fr: 'Les arbres' }, records: 207641 },
  { id: 'sanisettes', title: { en: 'Public toilets', fr: 'Sanisettes' }, records: 435 },
];

/** The datasets whose title (in `language`) contains `query`, titles in `language`. */
export function searchDatasets(query: string, language: Language) {
  const q = query.trim().toLowerCase();
  return DATASETS.map((d) => ({
    id: d.id,
    title: d.title[language] ?? d.title.en,
    records: d.records,
  })).filter((d) => q === '' || d.title.toLowerCase().includes(q));
}
