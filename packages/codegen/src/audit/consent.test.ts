import { describe, expect, it } from 'vitest';
import { parseSchema } from '../schema/load';
import type { NormalizedSchema } from '../schema/types';
import { consentState } from './consent';

function schema(revision = 2, statistics: 'opt-in' | 'opt-out' = 'opt-in'): NormalizedSchema {
  const result = parseSchema(
    JSON.stringify({
      policy: { name: 'T', revision, locales: ['en'], consentMaxAge: '6mo' },
      consentCookie: 'choice',
      categories: {
        necessary: { required: true, title: 'N', description: 'N.' },
        statistics: { title: 'S', description: 'S.', consent: statistics },
      },
      cookies: {
        choice: {
          provider: 'T',
          service: 'S',
          category: 'necessary',
          purpose: 'P.',
          value: { type: 'consent' },
        },
      },
    }),
    's.json',
  );
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.schema;
}

const NOW = Date.UTC(2026, 0, 15);
const record = (revision: number, categories: string, at = NOW) =>
  `1.${revision}.${at.toString(36)}.h4sh..${categories}`;

describe('consentState', () => {
  const s = schema();
  const state = (raw: string | undefined, now = NOW) => {
    const { granted, reason } = consentState(s, raw, now);
    return { granted: [...granted], reason };
  };

  it('grants the recorded categories plus the required one', () => {
    expect(state(record(2, 'statistics'))).toEqual({
      granted: ['necessary', 'statistics'],
      reason: undefined,
    });
  });

  it.each<[string, string | undefined, number, RegExp]>([
    ['no cookie', undefined, NOW, /^there is no consent cookie "choice"$/],
    [
      'an unreadable value',
      'nope',
      NOW,
      /^the consent cookie "choice" cannot be read \("nope" is not a valid uri consent\)$/,
    ],
    [
      'an older revision',
      record(1, 'statistics'),
      NOW,
      /^the consent cookie records a choice for revision 1, and the policy is at revision 2$/,
    ],
    [
      'an expired choice',
      record(2, 'statistics'),
      NOW + 181 * 86_400_000,
      /older than consentMaxAge \(6 months\)$/,
    ],
  ])('grants only the required category for %s', (_, raw, now, reason) => {
    const result = state(raw, now);
    expect(result.granted).toEqual(['necessary']);
    expect(result.reason).toMatch(reason);
  });

  it('accepts a choice for a newer revision, and one within consentMaxAge', () => {
    expect(state(record(3, 'statistics')).granted).toEqual(['necessary', 'statistics']);
    expect(state(record(2, 'statistics'), NOW + 179 * 86_400_000).granted).toEqual([
      'necessary',
      'statistics',
    ]);
  });

  it('grants an opt-out category until a record leaves it out, even one that no longer counts', () => {
    const optOut = schema(2, 'opt-out');
    const granted = (raw: string | undefined, now = NOW) => [
      ...consentState(optOut, raw, now).granted,
    ];
    expect(granted(undefined)).toEqual(['necessary', 'statistics']);
    expect(granted('nope')).toEqual(['necessary', 'statistics']);
    expect(granted(record(2, 'necessary'))).toEqual(['necessary']);
    // An objection holds past a revision bump and past consentMaxAge.
    expect(granted(record(1, 'necessary'))).toEqual(['necessary']);
    expect(granted(record(2, 'necessary'), NOW + 181 * 86_400_000)).toEqual(['necessary']);
    expect(granted(record(1, 'necessary~statistics'))).toEqual(['necessary', 'statistics']);
  });
});
