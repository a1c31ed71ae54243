import { describe, expect, it } from 'vitest';
import { DURATION_LOCALES, durationText, localizedDuration } from './duration-text';

const DAY = 86_400;

describe('durationText', () => {
  const cases: [string, { seconds: number | undefined; locale: string; want: string }][] = [
    ['2 weeks in English', { seconds: 14 * DAY, locale: 'en', want: '2 weeks' }],
    ['2 weeks in French', { seconds: 14 * DAY, locale: 'fr', want: '2 semaines' }],
    ['2 weeks in German', { seconds: 14 * DAY, locale: 'de', want: '2 Wochen' }],
    ['1 year in French (singular)', { seconds: 365 * DAY, locale: 'fr', want: '1 an' }],
    ['13 months in German', { seconds: 390 * DAY, locale: 'de', want: '13 Monate' }],
    ['6 months in Spanish', { seconds: 180 * DAY, locale: 'es', want: '6 meses' }],
    ['1 day in Italian', { seconds: DAY, locale: 'it', want: '1 giorno' }],
    ['3 hours in Dutch', { seconds: 3 * 3600, locale: 'nl', want: '3 uur' }],
    ['1 month in Portuguese', { seconds: 30 * DAY, locale: 'pt', want: '1 mês' }],
    ['400 days stays in days', { seconds: 400 * DAY, locale: 'en', want: '400 days' }],
    ['90 minutes', { seconds: 5400, locale: 'en', want: '90 minutes' }],
    ['0 seconds', { seconds: 0, locale: 'en', want: '0 seconds' }],
    ['session in English', { seconds: undefined, locale: 'en', want: 'Session' }],
    ['session in French', { seconds: undefined, locale: 'fr', want: 'Session' }],
    ['session in German', { seconds: undefined, locale: 'de', want: 'Sitzung' }],
    ['session in Spanish', { seconds: undefined, locale: 'es', want: 'Sesión' }],
    [
      'a regional locale uses its base language',
      { seconds: 7 * DAY, locale: 'pt-BR', want: '1 semana' },
    ],
    ['an unknown locale falls back to English', { seconds: 7 * DAY, locale: 'ja', want: '1 week' }],
  ];
  it.each(cases)('%s', (_name, { seconds, locale, want }) => {
    expect(durationText(seconds, locale)).toBe(want);
  });

  it('has words for at least en, fr, de, es, it, nl, pt', () => {
    expect(DURATION_LOCALES).toEqual(
      expect.arrayContaining(['en', 'fr', 'de', 'es', 'it', 'nl', 'pt']),
    );
    for (const locale of DURATION_LOCALES.filter((l) => l !== 'en')) {
      expect(durationText(2 * DAY, locale), locale).not.toBe('2 days');
    }
  });

  it('localizedDuration keys the text by locale in the given order', () => {
    const text = localizedDuration(14 * DAY, ['fr', 'en']);
    expect(Object.keys(text)).toEqual(['fr', 'en']);
    expect(text).toEqual({ fr: '2 semaines', en: '2 weeks' });
  });
});
