/**
 * LEGACY — what an older version of this page did, served only in legacy mode
 * (`startApp({ legacy: true })`, `start.mjs --legacy`) to record the audit fixture
 * (scripts/record-har.ts). Vendors' snippets pasted into the template write cookies with raw
 * `document.cookie`, before any consent. With the typed client module this cannot happen by
 * accident: an undeclared name does not compile and a statistics write without consent writes
 * nothing. `cookie-schema audit` finds it in recorded traffic.
 */
// biome-ignore-all lint/suspicious/noDocumentCookie: the legacy snippets write raw cookies on purpose.
import { matomoSuffix } from './matomo.js';

const YEAR = 365 * 24 * 3600;
const suffix = matomoSuffix(location.hostname);

// Hotjar's snippet: a cookie the schema does not declare.
document.cookie = `_hjSessionUser_123=eyJpZCI6IjE2ZjQ1YzBiIn0; path=/; max-age=${YEAR}; SameSite=Lax`;

// Matomo's default snippet, loaded on every page without waiting for consent: the visitor cookie
// (declared, statistics: needs consent) and its session cookie (not declared).
if (!document.cookie.split('; ').some((pair) => pair.startsWith(`_pk_id.${suffix}=`))) {
  const now = Math.floor(Date.now() / 1000);
  document.cookie = `_pk_id.${suffix}=5eb63bbbe01eeed0.${now}; path=/; max-age=${33696000}; SameSite=Lax`;
}
document.cookie = `_pk_ses.${suffix}=1; path=/; max-age=1800; SameSite=Lax`;
