/** Cookie names, accessor names and "did you mean" suggestions. */

/**
 * RFC 6265 §4.1.1: cookie-name = token (RFC 2616 §2.2)
 *   token      = 1*<any CHAR except CTLs or separators>
 *   separators = "(" | ")" | "<" | ">" | "@" | "," | ";" | ":" | "\" | <">
 *              | "/" | "[" | "]" | "?" | "=" | "{" | "}" | SP | HT
 */
export const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Why a string is not a token, for an error message; `undefined` when it is one. */
export function explainNotToken(name: string): string | undefined {
  if (name.length === 0) return 'a cookie name must not be empty';
  if (TOKEN.test(name)) return undefined;
  for (const ch of name) {
    const code = ch.codePointAt(0)!;
    if (ch === ' ') return 'contains a space';
    if (ch === '\t') return 'contains a tab';
    if (code < 0x20 || code === 0x7f) return `contains the control character U+${hex(code)}`;
    if (code > 0x7e) return `contains the non-ASCII character "${ch}" (U+${hex(code)})`;
    if (!TOKEN.test(ch)) return `contains the separator "${ch}"`;
  }
  return 'is not an RFC 6265 token';
}

function hex(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, '0');
}

/** `__Host-`, `__Secure-` (matched case-insensitively, as RFC 6265bis §4.1.3 does). */
export function cookiePrefix(name: string): '__Host-' | '__Secure-' | undefined {
  const lower = name.toLowerCase();
  if (lower.startsWith('__host-')) return '__Host-';
  if (lower.startsWith('__secure-')) return '__Secure-';
  return undefined;
}

/**
 * The default accessor of a cookie: camelCase of the name with `__Host-`/`__Secure-` and leading
 * `_` dropped; a family's `*` reads as the word `Family`. `django_language` → `djangoLanguage`,
 * `__Host-sid` → `sid`, `_ga_*` → `gaFamily` (so that `_ga` and `_ga_*`, declared together by
 * every GA4 site, get `ga` and `gaFamily`). Returns `''` when nothing usable is left (the schema
 * must set `accessor`).
 */
export function defaultAccessorName(name: string): string {
  let base = name;
  const prefix = cookiePrefix(base);
  if (prefix) base = base.slice(prefix.length);
  const family = base.endsWith('*');
  if (family) base = base.slice(0, -1);
  const words = base.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const camel = words
    .map((w, i) =>
      i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1),
    )
    .join('');
  return family && camel ? `${camel}Family` : camel;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** ECMAScript reserved words and globals that cannot or should not be export names. */
const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends ' +
    'false finally for function if import in instanceof new null return super switch this throw ' +
    'true try typeof var void while with yield let static implements interface package private ' +
    'protected public await arguments eval undefined NaN Infinity'
  ).split(' '),
);

/** Names the generated jar and client module use themselves. */
export const JAR_MEMBERS = new Set([
  'get',
  'set',
  'delete',
  'has',
  'consent',
  'inspect',
  'toSetCookieHeaders',
  'applyTo',
  'names',
  'policy',
  'cookies',
  'activateScripts',
  'createCookies',
  'guardSetCookies',
  'constructor',
  'prototype',
  '__proto__',
  'toString',
  'valueOf',
  'hasOwnProperty',
]);

/** Why an accessor name is unusable, or `undefined`. */
export function explainBadAccessor(accessor: string): string | undefined {
  if (!IDENTIFIER.test(accessor)) return `"${accessor}" is not a JavaScript identifier`;
  if (RESERVED.has(accessor)) return `"${accessor}" is a reserved word in JavaScript`;
  if (JAR_MEMBERS.has(accessor)) return `"${accessor}" is a name the generated API uses itself`;
  return undefined;
}

/** Levenshtein distance, bounded: stops counting past `max`. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The closest candidate (case-insensitive match first, then edit distance ≤ 2), if any. */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  const lower = input.toLowerCase();
  for (const candidate of candidates) {
    if (candidate.toLowerCase() === lower) return candidate;
    const distance = editDistance(lower, candidate.toLowerCase(), 2);
    const limit = Math.min(2, Math.max(1, Math.floor(candidate.length / 3)));
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

export function suggestion(input: string, candidates: Iterable<string>): string {
  const best = didYouMean(input, candidates);
  return best === undefined ? '' : ` Did you mean "${best}"?`;
}
