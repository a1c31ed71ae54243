/**
 * What the generator proves of a cookie's values for the server's fast path (`verbatim` in the
 * runtime's `ServerCookieDefinition`): that a valid value is made of cookie-octets other than
 * `%`, so `uri` and `raw` write it and read it back unchanged, and one test replaces the codec's
 * validation and encoding. Proven from the schema alone: an enum's words, a string without a
 * pattern (the runtime checks its characters), or a pattern whose every match is such text.
 */
import type { NormalizedCookie } from '../schema/types';

/** The fast check of a cookie's values, when the schema proves one. */
export type VerbatimCheck =
  | { kind: 'enum'; values: readonly string[] }
  | {
      kind: 'string';
      /** A RegExp literal (`/…/u`), or none: the runtime checks the characters itself. */
      pattern?: string;
      minLength: number;
      maxLength?: number;
    };

/** Cookie-octets other than `%`: %x21 / %x23-24 / %x26-2B / %x2D-3A / %x3C-5B / %x5D-7E. */
export function isVerbatimChar(code: number): boolean {
  return (
    code >= 0x21 &&
    code <= 0x7e &&
    code !== 0x22 &&
    code !== 0x25 &&
    code !== 0x2c &&
    code !== 0x3b &&
    code !== 0x5c
  );
}

const isVerbatimText = (text: string): boolean =>
  [...text].every((c) => isVerbatimChar(c.charCodeAt(0)) && c.length === 1);

/**
 * The fast check of `cookie`'s values on the server, or `undefined` when there is none: signed
 * and encrypted cookies (their own accessors), base64url (the encoding changes the text), value
 * types other than `string` and `enum`, an enum with a word that needs encoding, and a pattern
 * this module cannot prove (then the codec alone judges, as before).
 */
export function verbatimCheck(cookie: NormalizedCookie): VerbatimCheck | undefined {
  if (cookie.signed || cookie.encrypted || cookie.encoding === 'base64url') return undefined;
  const value = cookie.value;
  if (value.type === 'enum') {
    return value.values.every(isVerbatimText) ? { kind: 'enum', values: value.values } : undefined;
  }
  if (value.type !== 'string') return undefined;
  const minLength = value.minLength ?? 0;
  const maxLength = value.maxLength;
  if (value.pattern === undefined) return { kind: 'string', minLength, maxLength };
  const proven = provePattern(value.pattern);
  if (!proven) return undefined;
  if (proven.repeated === undefined) {
    return { kind: 'string', pattern: `/${value.pattern}/u`, minLength, maxLength };
  }
  // ^C{m,n}$ over one character class C: ^C+$ (or ^C*$) and the lengths, which a RegExp engine
  // checks more slowly than a comparison does (60 against 36 ns for 32 characters, Node 20).
  // The characters are ASCII, so the length in code units is the length in code points.
  const { atom, min, max } = proven.repeated;
  const lower = Math.max(minLength, min);
  const upper =
    max === undefined ? maxLength : maxLength === undefined ? max : Math.min(max, maxLength);
  return {
    kind: 'string',
    pattern: `/^${atom}${lower === 0 ? '*' : '+'}$/u`,
    minLength: lower,
    maxLength: upper,
  };
}

/** One character set: an escape class, a class or a literal, with its source text. */
interface Atom {
  source: string;
  chars: Set<number>;
}

interface Proven {
  /** The whole pattern is `^` atom `{min,max}` `$` (any quantifier, or none: exactly one). */
  repeated?: { atom: string; min: number; max?: number };
}

const DIGITS = range(0x30, 0x39);
const WORD = new Set([...range(0x41, 0x5a), ...range(0x61, 0x7a), ...DIGITS, 0x5f]);

function range(from: number, to: number): Set<number> {
  const set = new Set<number>();
  for (let c = from; c <= to; c++) set.add(c);
  return set;
}

/** The characters `^$\.*+?()[]{}|/` and `-`, which an escape makes literal. */
const SYNTAX = new Set('^$\\.*+?()[]{}|/-'.split('').map((c) => c.charCodeAt(0)));

/**
 * Whether every string that `source` (with the `u` flag) matches is made of cookie-octets
 * other than `%`; `undefined` when that is not proven. The pattern must be anchored at both
 * ends (`^…$`, no alternation outside a group) and use only literals, escaped syntax
 * characters, `\d`, `\w`, classes that are not negated, groups (capturing or `(?:`),
 * alternation inside them, and quantifiers. Anything else (`.`, `\s`, lookarounds,
 * back-references, `\u` escapes…) is not proven: such a cookie keeps the codec.
 */
export function provePattern(source: string): Proven | undefined {
  if (!source.startsWith('^') || !source.endsWith('$') || source.endsWith('\\$')) return;
  const body = source.slice(1, -1);
  const parser = new Parser(body);
  const terms = parser.alternative();
  if (terms === undefined || parser.at !== body.length) return;
  if (!parser.atoms.every((atom) => [...atom.chars].every(isVerbatimChar))) return;
  const [only] = terms;
  if (terms.length === 1 && only?.atom !== undefined) {
    return { repeated: { atom: only.atom.source, min: only.min, max: only.max } };
  }
  return {};
}

interface Term {
  /** The atom, unless it is a group. */
  atom?: Atom;
  min: number;
  max?: number;
}

/** A recursive-descent reader of the subset `provePattern` accepts; `undefined` otherwise. */
class Parser {
  at = 0;
  /** Every atom read, groups' included. */
  readonly atoms: Atom[] = [];
  readonly #text: string;

  constructor(text: string) {
    this.#text = text;
  }

  /** Terms up to `|`, `)` or the end. */
  alternative(): Term[] | undefined {
    const terms: Term[] = [];
    while (this.at < this.#text.length) {
      const c = this.#text[this.at];
      if (c === '|' || c === ')') return terms;
      const term = this.term();
      if (term === undefined) return undefined;
      terms.push(term);
    }
    return terms;
  }

  term(): Term | undefined {
    const text = this.#text;
    let atom: Atom | undefined;
    const c = text[this.at]!;
    if (c === '(') {
      this.at++;
      if (text.startsWith('?:', this.at)) this.at += 2;
      else if (text[this.at] === '?') return undefined; // lookaround or named group
      for (;;) {
        if (this.alternative() === undefined) return undefined;
        if (text[this.at] === '|') this.at++;
        else if (text[this.at] === ')') break;
        else return undefined;
      }
      this.at++;
    } else {
      atom = c === '[' ? this.characterClass() : this.single();
      if (atom === undefined) return undefined;
      this.atoms.push(atom);
    }
    const quantifier = this.quantifier();
    if (quantifier === undefined) return undefined;
    return { atom, ...quantifier };
  }

  quantifier(): { min: number; max?: number } | undefined {
    const text = this.#text;
    const c = text[this.at];
    let result: { min: number; max?: number };
    if (c === '*') result = { min: 0 };
    else if (c === '+') result = { min: 1 };
    else if (c === '?') result = { min: 0, max: 1 };
    else if (c === '{') {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(text.slice(this.at));
      if (!match) return undefined;
      const min = Number(match[1]);
      const max = match[2] === undefined ? min : match[3] === '' ? undefined : Number(match[3]);
      this.at += match[0].length - 1;
      result = max === undefined ? { min } : { min, max };
    } else return { min: 1, max: 1 };
    this.at++;
    if (text[this.at] === '?') this.at++; // lazy: the same strings match
    return result;
  }

  /** A literal or an escape outside a class. */
  single(): Atom | undefined {
    const text = this.#text;
    const start = this.at;
    const c = text.charCodeAt(this.at);
    if (c === 0x5c /* \ */) {
      const chars = this.escape();
      return chars && { source: text.slice(start, this.at), chars };
    }
    if (SYNTAX.has(c) && c !== 0x2d /* - */) return undefined; // . ^ $ ) ] { } | * + ? /
    this.at++;
    return { source: text.slice(start, this.at), chars: new Set([c]) };
  }

  /** `\d`, `\w` or an escaped syntax character, after the `\`. */
  escape(): Set<number> | undefined {
    const c = this.#text.charCodeAt(this.at + 1);
    this.at += 2;
    if (c === 0x64 /* d */) return DIGITS;
    if (c === 0x77 /* w */) return WORD;
    return SYNTAX.has(c) ? new Set([c]) : undefined;
  }

  /** `[…]`, not negated: single characters, escapes and ranges. */
  characterClass(): Atom | undefined {
    const text = this.#text;
    const start = this.at;
    this.at++;
    if (text[this.at] === '^') return undefined;
    const chars = new Set<number>();
    while (this.at < text.length && text[this.at] !== ']') {
      const from = this.classCharacter();
      if (from === undefined) return undefined;
      if (text[this.at] === '-' && text[this.at + 1] !== ']' && this.at + 1 < text.length) {
        this.at++;
        const to = this.classCharacter();
        if (to === undefined || from.size !== 1 || to.size !== 1) return undefined;
        const [a] = from;
        const [b] = to;
        if (a! > b!) return undefined;
        for (const code of range(a!, b!)) chars.add(code);
      } else for (const code of from) chars.add(code);
    }
    if (text[this.at] !== ']') return undefined;
    this.at++;
    return { source: text.slice(start, this.at), chars };
  }

  classCharacter(): Set<number> | undefined {
    const text = this.#text;
    const c = text.charCodeAt(this.at);
    if (c === 0x5c /* \ */) return this.escape();
    // A character outside the BMP is two code units here: refuse rather than misread it.
    if (c >= 0xd800 && c <= 0xdfff) return undefined;
    this.at++;
    return new Set([c]);
  }
}
