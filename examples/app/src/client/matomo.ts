/**
 * Matomo names its cookies `_pk_id.<site id>.<domain hash>`. Matomo's hash is the first four hex
 * digits of SHA-1 of the domain and path; this example uses FNV-1a, which is synchronous and
 * tiny, for the same effect: one stable name per site and host.
 */
export const MATOMO_SITE_ID = 1;

/** The suffix of the `_pk_id.*` cookie for `host` (e.g. `1.3f9a`). */
export function matomoSuffix(host: string): string {
  let hash = 0x811c9dc5;
  for (const char of `${host}/`) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${MATOMO_SITE_ID}.${hash.toString(16).padStart(8, '0').slice(0, 4)}`;
}
