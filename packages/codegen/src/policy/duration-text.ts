/**
 * Human-readable, localized cookie lifetimes for policy pages and banners: `1209600` →
 * "2 weeks" / "2 semaines" / "2 Wochen"; a session cookie → "Session" / "Sitzung". Pure, no Node
 * imports: the generator inlines the results into the browser-safe `<pkg>/policy` module.
 */

type Unit = 'year' | 'month' | 'week' | 'day' | 'hour' | 'minute' | 'second';

/** Sizes in seconds, largest first. A month is 30 days and a year 365 days (as in the schema). */
const UNITS: readonly [Unit, number][] = [
  ['year', 31_536_000],
  ['month', 2_592_000],
  ['week', 604_800],
  ['day', 86_400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

interface DurationWords {
  session: string;
  /** `[singular, plural]` per unit. */
  units: Record<Unit, readonly [string, string]>;
  /** Whether `n` takes the singular: 1 in most languages, 0 and 1 in French and Portuguese. */
  singular: (n: number) => boolean;
}

const one = (n: number) => n === 1;
const zeroOrOne = (n: number) => n < 2;

const WORDS: Record<string, DurationWords> = {
  en: {
    session: 'Session',
    singular: one,
    units: {
      year: ['year', 'years'],
      month: ['month', 'months'],
      week: ['week', 'weeks'],
      day: ['day', 'days'],
      hour: ['hour', 'hours'],
      minute: ['minute', 'minutes'],
      second: ['second', 'seconds'],
    },
  },
  fr: {
    session: 'Session',
    singular: zeroOrOne,
    units: {
      year: ['an', 'ans'],
      month: ['mois', 'mois'],
      week: ['semaine', 'semaines'],
      day: ['jour', 'jours'],
      hour: ['heure', 'heures'],
      minute: ['minute', 'minutes'],
      second: ['seconde', 'secondes'],
    },
  },
  de: {
    session: 'Sitzung',
    singular: one,
    units: {
      year: ['Jahr', 'Jahre'],
      month: ['Monat', 'Monate'],
      week: ['Woche', 'Wochen'],
      day: ['Tag', 'Tage'],
      hour: ['Stunde', 'Stunden'],
      minute: ['Minute', 'Minuten'],
      second: ['Sekunde', 'Sekunden'],
    },
  },
  es: {
    session: 'Sesión',
    singular: one,
    units: {
      year: ['año', 'años'],
      month: ['mes', 'meses'],
      week: ['semana', 'semanas'],
      day: ['día', 'días'],
      hour: ['hora', 'horas'],
      minute: ['minuto', 'minutos'],
      second: ['segundo', 'segundos'],
    },
  },
  it: {
    session: 'Sessione',
    singular: one,
    units: {
      year: ['anno', 'anni'],
      month: ['mese', 'mesi'],
      week: ['settimana', 'settimane'],
      day: ['giorno', 'giorni'],
      hour: ['ora', 'ore'],
      minute: ['minuto', 'minuti'],
      second: ['secondo', 'secondi'],
    },
  },
  nl: {
    session: 'Sessie',
    singular: one,
    units: {
      year: ['jaar', 'jaar'],
      month: ['maand', 'maanden'],
      week: ['week', 'weken'],
      day: ['dag', 'dagen'],
      hour: ['uur', 'uur'],
      minute: ['minuut', 'minuten'],
      second: ['seconde', 'seconden'],
    },
  },
  pt: {
    session: 'Sessão',
    singular: zeroOrOne,
    units: {
      year: ['ano', 'anos'],
      month: ['mês', 'meses'],
      week: ['semana', 'semanas'],
      day: ['dia', 'dias'],
      hour: ['hora', 'horas'],
      minute: ['minuto', 'minutos'],
      second: ['segundo', 'segundos'],
    },
  },
};

/** Locales (base languages) with built-in duration words; others fall back to English. */
export const DURATION_LOCALES: readonly string[] = Object.keys(WORDS);

function wordsFor(locale: string): DurationWords {
  return WORDS[locale] ?? WORDS[locale.split('-')[0]!.toLowerCase()] ?? WORDS.en!;
}

/**
 * The lifetime `seconds` in `locale`, in the largest unit that divides it exactly (so `"30d"` and
 * `"1mo"` both read "1 month", and 400 days stays "400 days"); `undefined` is a session cookie.
 * Locales are matched exactly, then by base language (`pt-BR` → `pt`), then English.
 */
export function durationText(seconds: number | undefined, locale: string): string {
  const words = wordsFor(locale);
  if (seconds === undefined) return words.session;
  const [unit, size] =
    (seconds > 0 && UNITS.find(([, size]) => seconds % size === 0)) || (['second', 1] as const);
  const n = seconds / size;
  const [singular, plural] = words.units[unit];
  return `${n} ${words.singular(n) ? singular : plural}`;
}

/** {@link durationText} in each of `locales`, keyed by locale, in the order given. */
export function localizedDuration(
  seconds: number | undefined,
  locales: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const locale of locales) out[locale] = durationText(seconds, locale);
  return out;
}
