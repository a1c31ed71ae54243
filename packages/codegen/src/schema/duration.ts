/** Durations of the schema format, in seconds. A month is 30 days and a year 365 days. */

const UNIT_SECONDS: Record<string, number> = {
  s: 1,
  m: 60,
  h: 3600,
  d: 86_400,
  w: 604_800,
  mo: 2_592_000,
  y: 31_536_000,
};

/** 400 days: the longest lifetime browsers keep (RFC 6265bis 4.1.2.2, 5.6.1). */
export const MAX_AGE_CAP_SECONDS = 400 * 86_400;
/** 13 months: the longest consent-requiring lifetime regulators accept (CNIL, ICO guidance). */
export const CONSENT_COOKIE_WARNING_SECONDS = 13 * UNIT_SECONDS.mo!;

/**
 * Parses `"30m"`, `"2w"`, `"6mo"`, a number of seconds, or `"session"` (→ `undefined`, a session
 * cookie). Returns `null` for anything else.
 */
export function parseDuration(input: string | number): number | undefined | null {
  if (typeof input === 'number') return Number.isInteger(input) && input >= 0 ? input : null;
  if (input === 'session') return undefined;
  const match = /^(\d+)(s|m|h|d|w|mo|y)$/.exec(input);
  if (!match) return null;
  return Number(match[1]) * UNIT_SECONDS[match[2]!]!;
}

const UNITS_DESC: [number, string, string][] = [
  [31_536_000, 'year', 'years'],
  [2_592_000, 'month', 'months'],
  [604_800, 'week', 'weeks'],
  [86_400, 'day', 'days'],
  [3600, 'hour', 'hours'],
  [60, 'minute', 'minutes'],
  [1, 'second', 'seconds'],
];

/** English text of a duration in seconds, for messages: `34560000` → `"400 days"`. */
export function describeDuration(seconds: number | undefined): string {
  if (seconds === undefined) return 'session';
  if (seconds === 0) return '0 seconds';
  for (const [size, one, many] of UNITS_DESC) {
    if (seconds % size === 0) {
      const n = seconds / size;
      return `${n} ${n === 1 ? one : many}`;
    }
  }
  return `${seconds} seconds`;
}
