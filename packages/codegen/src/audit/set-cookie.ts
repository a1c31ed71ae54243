/**
 * Lenient parsing of observed `Set-Cookie` headers, following the browser algorithm of
 * RFC 6265bis §5.6 (never throws; unknown attributes are ignored). The runtime only serializes
 * Set-Cookie headers, so the audit parses them here.
 */
import type { SetCookieAttributes } from './types';

/** A parsed `Set-Cookie` header. */
export interface ParsedSetCookie {
  name: string;
  value: string;
  attributes: SetCookieAttributes;
}

/** Strips leading and trailing SP and HTAB (not other white space: RFC 6265bis §5.6 step 3). */
function trimWsp(text: string): string {
  return text.replace(/^[ \t]+|[ \t]+$/g, '');
}

/**
 * Parses one `Set-Cookie` header value. Returns `undefined` for a header a browser ignores (no
 * `=` in the name-value pair, or an empty name).
 *
 * @example parseSetCookie('sid=1; Path=/; HttpOnly') // { name: 'sid', value: '1', attributes: … }
 */
export function parseSetCookie(header: string): ParsedSetCookie | undefined {
  const parts = header.split(';');
  const pair = parts[0]!;
  const eq = pair.indexOf('=');
  if (eq === -1) return undefined;
  const name = trimWsp(pair.slice(0, eq));
  if (name === '') return undefined;
  let value = trimWsp(pair.slice(eq + 1));
  if (value.length > 1 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
  const attributes: SetCookieAttributes = { secure: false, httpOnly: false, partitioned: false };
  for (const part of parts.slice(1)) {
    const at = part.indexOf('=');
    const key = trimWsp(at === -1 ? part : part.slice(0, at)).toLowerCase();
    const text = at === -1 ? '' : trimWsp(part.slice(at + 1));
    switch (key) {
      case 'secure':
        attributes.secure = true;
        break;
      case 'httponly':
        attributes.httpOnly = true;
        break;
      case 'partitioned':
        attributes.partitioned = true;
        break;
      case 'samesite': {
        const lower = text.toLowerCase();
        if (lower === 'strict' || lower === 'lax' || lower === 'none') attributes.sameSite = lower;
        break;
      }
      case 'path':
        if (text.startsWith('/')) attributes.path = text;
        break;
      case 'domain':
        if (text !== '') attributes.domain = text.replace(/^\./, '').toLowerCase();
        break;
      case 'max-age':
        if (/^-?\d+$/.test(text)) attributes.maxAge = Number(text);
        break;
      case 'expires': {
        const time = Date.parse(text);
        if (!Number.isNaN(time)) attributes.expires = time;
        break;
      }
    }
  }
  return { name, value, attributes };
}

/**
 * The lifetime a browser gives the cookie, in seconds from `now` (ms): `Max-Age` wins over
 * `Expires` (RFC 6265bis §5.6.2); `undefined` for a session cookie. Zero or less is a deletion.
 */
export function lifetimeSeconds(attributes: SetCookieAttributes, now: number): number | undefined {
  if (attributes.maxAge !== undefined) return attributes.maxAge;
  if (attributes.expires !== undefined) return Math.round((attributes.expires - now) / 1000);
  return undefined;
}

/** The default `Path` of RFC 6265bis §5.1.4 for a request path: its directory, or `/`. */
export function defaultCookiePath(requestPath: string): string {
  if (!requestPath.startsWith('/')) return '/';
  const slash = requestPath.lastIndexOf('/');
  return slash <= 0 ? '/' : requestPath.slice(0, slash);
}
