/**
 * Reading the `Cookie` request header (RFC 6265 §4.2.1, §5.4): lenient, never throws.
 *
 *   cookie-header = "Cookie:" OWS cookie-string OWS
 *   cookie-string = cookie-pair *( ";" SP cookie-pair )
 *   cookie-pair   = cookie-name "=" cookie-value
 *   cookie-value  = *cookie-octet / ( DQUOTE *cookie-octet DQUOTE )
 *
 * What servers actually receive is looser than the grammar, so parsing follows the jshttp/cookie
 * algorithm: pairs are split at `;`, the name is everything before the first `=`, and only SP and
 * HTAB (never NBSP or other Unicode spaces) are trimmed around names and values. A pair without
 * `=` is skipped. When a name repeats, the first occurrence wins (user agents send the cookie with
 * the longest path first, RFC 6265 §5.4 step 2).
 */

const SP = 32;
const HTAB = 9;
const SEMICOLON = 59;
const EQUALS = 61;
const DQUOTE = 34;

/**
 * Decodes percent-escapes in a cookie value, leaving malformed ones as they are. Never throws.
 * A value without `%` is returned unchanged without calling into `decodeURIComponent`.
 *
 * @example decodeCookieValue('a%20b%ZZ%E9') // 'a b%ZZ%E9' (`%E9` alone is not UTF-8)
 */
export function decodeCookieValue(value: string): string {
  if (value.indexOf('%') === -1) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value.replace(ESCAPED_CHARACTER, decodeOrKeep);
  }
}

/**
 * One escaped character: an ASCII byte, or a UTF-8 lead byte with the continuation bytes that
 * follow it (RFC 3629 §4; pct-encoded = "%" HEXDIG HEXDIG, RFC 3986 §2.1). A sequence that is
 * not valid UTF-8 stays escaped as a whole.
 */
const ESCAPED_CHARACTER = /%[0-7][0-9a-f]|%[c-f][0-9a-f](?:%[89ab][0-9a-f]){1,3}/gi;

function decodeOrKeep(escaped: string): string {
  try {
    return decodeURIComponent(escaped);
  } catch {
    return escaped;
  }
}

/** Returns `header[start, end)` without leading and trailing SP / HTAB. Linear: no RegExp. */
export function trimOws(header: string, start = 0, end: number = header.length): string {
  let c = header.charCodeAt(start);
  while (start < end && (c === SP || c === HTAB)) c = header.charCodeAt(++start);
  c = header.charCodeAt(end - 1);
  while (end > start && (c === SP || c === HTAB)) c = header.charCodeAt(--end - 1);
  return header.slice(start, end);
}

/**
 * Removes one pair of surrounding DQUOTEs from a quoted value: `DQUOTE *( any but DQUOTE )
 * DQUOTE`, the quoting of RFC 6265 §4.1.1 (`cookie-value = *cookie-octet / ( DQUOTE
 * *cookie-octet DQUOTE )`) with the spaces peers accept inside (hono reads `" a b "` as
 * ` a b `). A value with a DQUOTE inside (`"5zzz "   "ppp"`) is not quoted: it is returned as it
 * is, quotes included. Linear; never throws.
 *
 * @example unquoteCookieValue('"abc"') // 'abc'
 */
export function unquoteCookieValue(value: string): string {
  const last = value.length - 1;
  return last > 0 &&
    value.charCodeAt(0) === DQUOTE &&
    value.charCodeAt(last) === DQUOTE &&
    value.indexOf('"', 1) === last
    ? value.slice(1, last)
    : value;
}

/** Slices a value, dropping OWS and the DQUOTEs of a quoted value ({@link unquoteCookieValue}). */
function valueAt(header: string, start: number, end: number): string {
  return unquoteCookieValue(trimOws(header, start, end));
}

/** A constructor of null-prototype objects: `new NullObject()` is faster than `Object.create(null)`. */
const NullObject = /* @__PURE__ */ (() => {
  // A function declaration, not an arrow: it must be constructible.
  function NullObject() {}
  NullObject.prototype = Object.create(null);
  return NullObject as unknown as new () => Record<string, string>;
})();

/**
 * Parses a whole `Cookie` header into a null-prototype record of name → value.
 *
 * Values are percent-decoded with {@link decodeCookieValue} (pass `decode` to change that, e.g.
 * `(v) => v` for the raw text); decoding is skipped for values without `%`. Names that collide
 * with `Object.prototype` (`__proto__`, `constructor`) are ordinary keys. Never throws: a
 * non-string header yields an empty record. Prefer {@link getCookieValue} to read one cookie.
 *
 * @example parseCookieHeader('a=1; b="x%20y"; a=2') // { a: '1', b: 'x y' }
 */
export function parseCookieHeader(
  header: string | null | undefined,
  decode: (value: string) => string = decodeCookieValue,
): Record<string, string> {
  const cookies: Record<string, string> = new NullObject();
  if (typeof header !== 'string') return cookies;
  const length = header.length;
  let index = 0;
  while (index < length) {
    const eq = header.indexOf('=', index);
    if (eq === -1) break;
    let end = header.indexOf(';', index);
    if (end === -1) end = length;
    if (eq > end) {
      // This pair has no "=": resume at the pair that holds the next "=".
      index = header.lastIndexOf(';', eq - 1) + 1;
      continue;
    }
    const name = trimOws(header, index, eq);
    if (cookies[name] === undefined) cookies[name] = decode(valueAt(header, eq + 1, end));
    index = end + 1;
  }
  return cookies;
}

/**
 * Characters by how often they occur in `Cookie` headers, the most frequent first: separators,
 * digits and hex letters (ids, hashes, UUIDs, `%XX` escapes), `_-.`, then letters in the order
 * of their frequency in English (names are words), lowercase before uppercase. A character not
 * listed (`!`, `~`…) is rarer than any.
 */
const COMMONEST_FIRST =
  ' =;0123456789abcdef_-.%ABCDEFetaoinsrhlucmdpgwybvkxjqzETAOINSRHLUCMDPGWYBVKXJQZ';

/** How {@link findRawCookieValue} looks for one name; see {@link cookieNeedle}. */
export interface CookieNeedle {
  readonly name: string;
  /** `name` from its rarest character on: what `indexOf` looks for. */
  readonly tail: string;
}

/**
 * How to look for `name` in a `Cookie` header. `indexOf` finds a needle by scanning for its
 * first character, and starts again at each occurrence of it that does not begin a match: for
 * `csrftoken` in a typical header, at some thirty `c` of hex values. Starting the needle at the
 * name's rarest character ({@link COMMONEST_FIRST}), `ken`, makes the scan about five times
 * faster; the characters before it are compared where the tail is found.
 */
export function cookieNeedle(name: string): CookieNeedle {
  let at = 0;
  let rarest = -1;
  for (let i = 0; i < name.length; i++) {
    const rank = COMMONEST_FIRST.indexOf(name.charAt(i));
    const rarity = rank === -1 ? COMMONEST_FIRST.length : rank;
    if (rarity > rarest) {
      rarest = rarity;
      at = i;
    }
  }
  return { name, tail: name.slice(at) };
}

/** The needle of the last name looked up by name: a request reads one or a few. */
let lastNeedle: CookieNeedle | undefined;

/**
 * Finds one cookie in a `Cookie` header and returns its value as sent (OWS and surrounding
 * DQUOTEs removed, not percent-decoded), or `undefined`. Same rules as
 * {@link parseCookieHeader}, including first-occurrence-wins, but it scans with `indexOf` for the
 * name and touches nothing else: no record, no decoding of other cookies. A match counts only at
 * the start of a pair (after `;` and SP/HTAB) and before `=`, so `id` does not match `sessionid`
 * or a value that contains `id=`. Use this for signed or `raw`/`base64url` cookies.
 */
export function getRawCookieValue(
  header: string | null | undefined,
  name: string,
): string | undefined {
  if (typeof header !== 'string' || typeof name !== 'string') return undefined;
  if (lastNeedle === undefined || lastNeedle.name !== name) lastNeedle = cookieNeedle(name);
  return findRawCookieValue(header, lastNeedle);
}

/**
 * {@link getRawCookieValue} with the needle of the name made beforehand ({@link cookieNeedle}):
 * what the server jar does for each declared cookie.
 */
export function findRawCookieValue(header: string, needle: CookieNeedle): string | undefined {
  const { name, tail } = needle;
  // Parsed names are trimmed, so none starts with SP or HTAB; and the empty name (of "=v")
  // would match at every index, each match scanning back over the same run of spaces: a cost
  // quadratic in the header. The full parse finds it in linear time.
  const first = name.charCodeAt(0);
  if (first === SP || first === HTAB) return undefined;
  if (name === '') return parseCookieHeader(header, (value) => value)[''];
  const length = header.length;
  const offset = name.length - tail.length;
  let found = header.indexOf(tail, offset);
  while (found !== -1) {
    const at = found - offset;
    // The head of the name, before its tail (a few characters: cheaper than a startsWith call).
    let i = 0;
    while (i < offset && header.charCodeAt(at + i) === name.charCodeAt(i)) i++;
    if (i === offset) {
      // A name starts here. Spaces before it (a run that precedes no other match) and after it.
      let before = at;
      let c = header.charCodeAt(before - 1);
      while (before > 0 && (c === SP || c === HTAB)) c = header.charCodeAt(--before - 1);
      if (before === 0 || c === SEMICOLON) {
        let after = at + name.length;
        c = header.charCodeAt(after);
        while (c === SP || c === HTAB) c = header.charCodeAt(++after);
        if (c === EQUALS) {
          let end = header.indexOf(';', after + 1);
          if (end === -1) end = length;
          return valueAt(header, after + 1, end);
        }
      }
    }
    found = header.indexOf(tail, found + 1);
  }
  return undefined;
}

/**
 * Finds one cookie in a `Cookie` header and returns its percent-decoded value, or `undefined`.
 * The fast path for reading: see {@link getRawCookieValue}. Never throws.
 *
 * @example getCookieValue('sessionid=abc; id=42', 'id') // '42'
 */
export function getCookieValue(
  header: string | null | undefined,
  name: string,
): string | undefined {
  const raw = getRawCookieValue(header, name);
  return raw === undefined ? undefined : decodeCookieValue(raw);
}
