/**
 * The `Domain` of a deployment: one schema serves staging and production, whose cookies that
 * declare a domain live on different hosts. The override replaces the declared `Domain` in the
 * precomputed attribute suffixes; host-only cookies (no declared domain) stay host-only.
 */
import { CookieError, show } from './errors.js';

// Fixed by each build of the runtime (see DEV in errors.ts); declared here for apps that
// compile these sources without Node's types.
declare const process: { env: { NODE_ENV?: string } };

/**
 * A host name (RFC 1034 §3.5, RFC 1123 §2.1): dot-separated labels of letters, digits and
 * hyphens, neither starting nor ending with a hyphen, at most 63 characters each.
 */
const HOST_NAME =
  /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/**
 * Checks a deployment's domain and returns it as browsers store it: lower case, without the
 * leading dot they ignore (RFC 6265 §5.2.3).
 * @throws CookieError `invalid-attribute` when it is not a host name.
 */
export function deploymentDomain(domain: unknown): string {
  const host = typeof domain === 'string' ? domain.replace(/^\./, '').toLowerCase() : '';
  if (host.length > 253 || !HOST_NAME.test(host)) {
    throw new CookieError(
      'invalid-attribute',
      '',
      process.env.NODE_ENV !== 'production'
        ? `domain ${show(domain)} is not a host name such as "staging.example.com" (letters, digits, "-" and "."; no scheme, port or path).`
        : '',
    );
  }
  return host;
}

const DOMAIN = /; Domain=[^;]*/;

/** `suffix` with its `Domain` replaced by `domain`; a suffix without one is returned as it is. */
export function replaceDomain(suffix: string, domain: string): string {
  return DOMAIN.test(suffix) ? suffix.replace(DOMAIN, `; Domain=${domain}`) : suffix;
}
