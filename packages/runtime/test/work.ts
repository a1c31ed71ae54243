/**
 * A cost model of work, not a clock: while `fn` runs, every string, array and RegExp built-in
 * the code calls is charged the characters (or items) it may touch. JavaScript the code runs
 * itself touches strings only through these built-ins (`charCodeAt` is one), so the total is a
 * faithful count of the work done on an input, repeatable to the unit and blind to the load of
 * the machine. RegExp calls are charged their input's length: that holds for the linear
 * expressions `regex-audit.test.ts` proves every runtime RegExp to be, and only for them.
 * What it cannot see: a loop that touches no built-in at all (comparing array items with `===`),
 * and the engine's own work per call; a reviewer of the header paths checks those by reading.
 */

type Method = (this: unknown, ...args: unknown[]) => unknown;

const len = (value: unknown): number =>
  typeof value === 'string' || Array.isArray(value) ? value.length : 0;

/** What each patched built-in costs, from its receiver, arguments and result. */
const STRING_COSTS: Record<string, (self: string, args: unknown[], result: unknown) => number> = {
  charCodeAt: () => 1,
  charAt: () => 1,
  codePointAt: () => 1,
  at: () => 1,
  indexOf: (self, args, result) => {
    const from = Math.max(0, Number(args[1] ?? 0) || 0);
    return (result === -1 ? self.length : (result as number) + len(args[0])) - from + 1;
  },
  lastIndexOf: (self, args, result) => {
    const from = args[1] === undefined ? self.length : Number(args[1]);
    return Math.max(0, from - (result === -1 ? 0 : (result as number))) + 1;
  },
  includes: (self) => self.length + 1,
  startsWith: (_, args) => len(args[0]) + 1,
  endsWith: (_, args) => len(args[0]) + 1,
  slice: (_, __, result) => len(result) + 1,
  substring: (_, __, result) => len(result) + 1,
  split: (self) => self.length + 1,
  toLowerCase: (self) => self.length + 1,
  toUpperCase: (self) => self.length + 1,
  trim: (self) => self.length + 1,
  trimStart: (self) => self.length + 1,
  trimEnd: (self) => self.length + 1,
  replace: (self, __, result) => self.length + len(result) + 1,
  replaceAll: (self, __, result) => self.length + len(result) + 1,
  match: (self) => self.length + 1,
  matchAll: (self) => self.length + 1,
  search: (self) => self.length + 1,
  concat: (_, __, result) => len(result) + 1,
  repeat: (_, __, result) => len(result) + 1,
  padStart: (_, __, result) => len(result) + 1,
  padEnd: (_, __, result) => len(result) + 1,
  normalize: (self) => self.length + 1,
  localeCompare: (self) => self.length + 1,
};

const ARRAY_COSTS: Record<string, (self: unknown[], args: unknown[], result: unknown) => number> = {
  includes: (self) => self.length + 1,
  indexOf: (self) => self.length + 1,
  lastIndexOf: (self) => self.length + 1,
  find: (self) => self.length + 1,
  findIndex: (self) => self.length + 1,
  some: (self) => self.length + 1,
  every: (self) => self.length + 1,
  filter: (self) => self.length + 1,
  map: (self) => self.length + 1,
  forEach: (self) => self.length + 1,
  join: (_, __, result) => len(result) + 1,
  slice: (_, __, result) => len(result) + 1,
  concat: (_, __, result) => len(result) + 1,
  splice: (self) => self.length + 1,
  sort: (self) => self.length * Math.ceil(Math.log2(self.length + 2)),
  shift: (self) => self.length + 1,
  unshift: (self) => self.length + 1,
};

const REGEXP_METHODS = ['exec', 'test', Symbol.replace, Symbol.split, Symbol.match, Symbol.search];
const GLOBALS = [
  'decodeURIComponent',
  'encodeURIComponent',
  'decodeURI',
  'encodeURI',
  'atob',
  'btoa',
];

let units = 0;
let depth = 0;

function patch<T extends object>(
  target: T,
  key: PropertyKey,
  cost: (self: never, args: unknown[], result: unknown) => number,
  undo: (() => void)[],
): void {
  const original = (target as Record<PropertyKey, Method>)[key];
  if (typeof original !== 'function') return;
  const counted = function (this: unknown, ...args: unknown[]) {
    // Built-ins that call patched built-ins (RegExp#[Symbol.replace] calls exec) count once.
    if (depth > 0) return original.apply(this, args);
    depth++;
    try {
      const result = original.apply(this, args);
      units += cost(this as never, args, result);
      return result;
    } finally {
      depth--;
    }
  };
  Object.defineProperty(target, key, { value: counted, writable: true, configurable: true });
  undo.push(() =>
    Object.defineProperty(target, key, { value: original, writable: true, configurable: true }),
  );
}

/** The units of work `fn` does (see the module comment). `fn` must be synchronous. */
export function countWork(fn: () => unknown): number {
  const undo: (() => void)[] = [];
  for (const [key, cost] of Object.entries(STRING_COSTS)) {
    patch(
      String.prototype,
      key,
      (self: string, args, result) => cost(String(self), args, result),
      undo,
    );
  }
  for (const [key, cost] of Object.entries(ARRAY_COSTS)) patch(Array.prototype, key, cost, undo);
  for (const key of REGEXP_METHODS) {
    patch(RegExp.prototype, key, (_: RegExp, args) => len(String(args[0])) + 1, undo);
  }
  for (const key of GLOBALS) patch(globalThis, key, (_, args) => len(String(args[0])) + 1, undo);
  patch(JSON, 'parse', (_, args) => len(args[0]) + 1, undo);
  patch(Object, 'keys', (_, __, result) => len(result) + 1, undo);
  patch(Object, 'values', (_, __, result) => len(result) + 1, undo);
  patch(Object, 'entries', (_, __, result) => len(result) + 1, undo);
  units = 0;
  try {
    fn();
  } finally {
    for (const restore of undo.reverse()) restore();
  }
  return units;
}
