// auditTraffic with what a crawl adds: third-party observations, and the consent in force given
// per exchange by the caller.
import { describe, expect, it } from 'vitest';
import { schemaText } from '../../test/helpers';
import { parseSchema } from '../schema/load';
import { auditTraffic } from './audit';
import type { ConsentState } from './consent';
import { indexOpenCookieDatabase } from './ocd';
import type { CookieObservation } from './types';

const parsed = parseSchema(
  schemaText((doc) => {
    doc.categories.marketing = { title: 'Marketing', description: 'Ads.' };
    doc.cookies.IDE = {
      provider: 'Google',
      service: 'Ads',
      category: 'marketing',
      purpose: 'Ads.',
      party: 'third',
      domain: 'doubleclick.test',
      maxAge: '13mo',
    };
  }),
  'site.cookies.json',
);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
const schema = parsed.schema;

const seen = (name: string, extra: Partial<CookieObservation> = {}): CookieObservation => ({
  kind: 'set',
  name,
  value: '1',
  attributes: { secure: false, httpOnly: false, partitioned: false, path: '/', maxAge: 60 },
  exchange: 0,
  where: '/ (before any choice)',
  party: 'third',
  host: 'doubleclick.test',
  ...extra,
});
const granted = new Map<number, ConsentState>([
  [0, { granted: new Set(['necessary', 'marketing']) }],
]);

describe('third-party observations', () => {
  it('checks a declared one for its domain, lifetime and consent only', () => {
    const { findings } = auditTraffic(
      schema,
      [
        seen('IDE', { host: 'ads.doubleclick.test' }), // a sub-domain of the declared domain
        seen('IDE', {
          exchange: 1,
          host: 'tracker.test',
          source: 'Set-Cookie in the response to GET https://tracker.test/px (200)',
        }),
      ],
      {
        consent: new Map<number, ConsentState>([
          ...granted,
          [1, { granted: new Set(['necessary']), reason: 'the visitor had made no choice yet' }],
        ]),
      },
    );
    expect(findings.map((f) => [f.code, f.where, f.source])).toEqual([
      [
        'wrong-domain',
        '/ (before any choice)',
        'Set-Cookie in the response to GET https://tracker.test/px (200)',
      ],
      [
        'no-consent',
        '/ (before any choice)',
        'Set-Cookie in the response to GET https://tracker.test/px (200)',
      ],
    ]);
    expect(findings[0]!.message).toBe(
      'third-party cookie "IDE" was set for tracker.test, but is declared for domain "doubleclick.test" (schema /cookies/IDE). Declare the domain it is set for.',
    );
    expect(findings[1]!.message).toMatch(
      /was set without consent: the visitor had made no choice yet\./,
    );
  });

  it('is undeclared when only a first-party declaration has its name, with a third-party suggestion', () => {
    const ocd = indexOpenCookieDatabase([
      {
        platform: 'Tracker',
        category: 'Marketing',
        cookie: 'sid',
        domain: 'tracker.test (3rd party)',
        description: 'Tracks.',
        retentionPeriod: '1 year',
        dataController: 'Tracker Inc',
        privacyLink: '',
        wildcard: false,
      },
    ]);
    const { findings } = auditTraffic(schema, [seen('sid', { host: 'tracker.test' })], {
      ocd,
      consent: granted,
    });
    expect(findings.map((f) => f.code)).toEqual(['undeclared-cookie']);
    expect(findings[0]!.message).toBe(
      '"sid" was set by a third party (tracker.test), but the schema declares "sid" only as a first-party cookie (schema /cookies/sid). The Open Cookie Database lists it for Tracker (Marketing, 1 year); declare it (suggestion below), or stop loading what sets it.',
    );
    expect(findings[0]!.suggestion?.declaration).toEqual({
      provider: 'Tracker Inc',
      service: 'Tracker',
      category: 'marketing',
      purpose: 'Tracks.',
      maxAge: '1m',
      party: 'third',
      domain: 'tracker.test',
    });
  });

  it('first-party observations keep every attribute check', () => {
    const { findings } = auditTraffic(schema, [seen('sid', { party: 'first', host: 'x.test' })], {
      consent: granted,
    });
    expect(findings.map((f) => f.code)).toEqual([
      'missing-secure',
      'missing-httponly',
      'wrong-samesite',
    ]);
  });
});
