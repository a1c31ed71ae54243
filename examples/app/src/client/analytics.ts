/**
 * The statistics script, Matomo-style: a visitor cookie (`_pk_id.<site>.<hash>`, 13 months) and a
 * page-view hit to `/matomo.php`. The page loads it only once `statistics` is granted: it sits in
 * the page as `<script type="text/plain" data-cookie-category="statistics">`, which
 * `consent.activateScripts()` turns on. Even if it ran without consent, the guarded accessor would
 * write nothing, and then no hit is sent.
 */
import { matomoVisitor } from '@examples/opendatasoft-cookies/client';
import { MATOMO_SITE_ID, matomoSuffix } from './matomo.js';

function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}

const suffix = matomoSuffix(location.hostname);
// The value is `<visitor id: 16 hex>.<first visit: Unix seconds>`; the schema's pattern checks it.
const [id, firstVisit] = matomoVisitor.get(suffix)?.split('.') ?? [
  randomHex(8),
  String(Math.floor(Date.now() / 1000)),
];
if (matomoVisitor.set(suffix, `${id}.${firstVisit}`)) {
  const query = new URLSearchParams({
    idsite: String(MATOMO_SITE_ID),
    rec: '1',
    _id: id!,
    url: location.pathname,
  });
  void fetch(`/matomo.php?${query}`, { method: 'POST', keepalive: true });
}
