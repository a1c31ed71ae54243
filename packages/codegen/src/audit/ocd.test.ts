import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  explainAmbiguity,
  indexOpenCookieDatabase,
  lookupCookie,
  mapOcdCategory,
  type OcdEntry,
  parseOpenCookieDatabase,
  retentionToDuration,
  type SchemaCategories,
  secondsToDuration,
  suggestDeclaration,
} from './ocd';

// The real database: the copy that ships in the package (data/open-cookie-database/SOURCES.md),
// and a six-platform cut of the upstream JSON of the same release (test/fixtures/ocd/).
const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fromCsv = parseOpenCookieDatabase(
  readFileSync(join(packageRoot, 'data/open-cookie-database/open-cookie-database.csv'), 'utf8'),
  'csv',
);
const fromJson = parseOpenCookieDatabase(
  readFileSync(join(packageRoot, 'test/fixtures/ocd/open-cookie-database.sample.json'), 'utf8'),
  'json',
);
const index = indexOpenCookieDatabase(fromCsv);
const schema: SchemaCategories = {
  requiredCategory: 'necessary',
  categories: ['necessary', 'preferences', 'statistics', 'marketing'].map((name) => ({ name })),
};

describe('parseOpenCookieDatabase', () => {
  it('reads the shipped CSV (2,264 entries), and the JSON of the same release to the same entries', () => {
    expect(fromCsv).toHaveLength(2264);
    expect(fromJson).toHaveLength(81);
    const platforms = new Set(fromJson.map((e) => e.platform));
    const key = (e: OcdEntry) => JSON.stringify(e);
    expect(
      fromCsv
        .filter((e) => platforms.has(e.platform))
        .map(key)
        .sort(),
    ).toEqual(fromJson.map(key).sort());
  });

  it('parses RFC 4180 quoting', () => {
    const csv =
      'ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match\r\n' +
      '1,P,Analytics,a_,,"Says ""hi"", then\nmore",1 year,C,https://x,1\r\n';
    expect(parseOpenCookieDatabase(csv, 'csv')).toEqual([
      {
        platform: 'P',
        category: 'Analytics',
        cookie: 'a_',
        domain: '',
        description: 'Says "hi", then\nmore',
        retentionPeriod: '1 year',
        dataController: 'C',
        privacyLink: 'https://x',
        wildcard: true,
      },
    ]);
  });

  it('rejects what is not the database', () => {
    expect(() => parseOpenCookieDatabase('name,value\na,1', 'csv')).toThrow(/CSV header/);
    expect(() => parseOpenCookieDatabase('[]', 'json')).toThrow(/object of platforms/);
  });
});

describe('lookupCookie', () => {
  const platforms = (name: string) =>
    lookupCookie(index, name).map((e) => `${e.platform}:${e.cookie}`);
  it.each([
    ['_ga', ['Google Analytics:_ga']],
    ['_ga_ABC123', ['Google Analytics:_ga_']],
    ['_gid', ['Google Analytics:_gid']],
    ['sessionid', ['Instagram:sessionid']],
    ['SESSIONID', []],
    ['token', ['Adform:token', 'Xandr:token']],
    ['no_such_cookie_here', []],
  ])('%s', (name, want) => {
    expect(platforms(name)).toEqual(want);
  });
});

describe('explainAmbiguity', () => {
  it('warns for sessionid: Instagram lists it on instagram.com, and Django uses it too', () => {
    const matches = lookupCookie(index, 'sessionid');
    expect(explainAmbiguity(matches, { host: '127.0.0.1' })).toBe(
      'the database lists it only for Instagram, on instagram.com, and it was seen on 127.0.0.1: it is a generic name other software uses too',
    );
    expect(explainAmbiguity(matches, {})).toMatch(/seen without a host/);
    expect(explainAmbiguity(matches, { host: 'www.instagram.com' })).toBeUndefined();
  });

  it('warns when several platforms list the name', () => {
    expect(explainAmbiguity(lookupCookie(index, 'token'), {})).toBe(
      '2 platforms list it (Adform, Xandr)',
    );
  });

  it('does not warn for a platform cookie without a home domain, or marked 3rd party', () => {
    expect(explainAmbiguity(lookupCookie(index, '_ga'), { host: 'shop.example' })).toBeUndefined();
    expect(explainAmbiguity(lookupCookie(index, '_fbp'), { host: 'shop.example' })).toBeUndefined();
  });
});

describe('mapOcdCategory', () => {
  it.each([
    ['Analytics', 'statistics'],
    ['Marketing', 'marketing'],
    ['Functional', 'preferences'],
    ['Personalization', 'preferences'],
    ['Security', 'necessary'],
    ['Necessary', 'necessary'],
    ['Other', undefined],
  ])('%s → %s', (ocd, want) => {
    expect(mapOcdCategory(ocd, schema)).toBe(want);
  });

  it('prefers a category of the same name', () => {
    const withAnalytics = { ...schema, categories: [...schema.categories, { name: 'Analytics' }] };
    expect(mapOcdCategory('Analytics', withAnalytics)).toBe('statistics');
    const onlyAnalytics = { requiredCategory: 'required', categories: [{ name: 'analytics' }] };
    expect(mapOcdCategory('Analytics', onlyAnalytics)).toBe('analytics');
    expect(mapOcdCategory('Security', onlyAnalytics)).toBe('required');
  });
});

describe('durations', () => {
  it.each([
    ['2 years', '2y'],
    ['1 Year', '1y'],
    ['13 months', '13mo'],
    ['24 hours', '24h'],
    ['30 mins', '30m'],
    ['2 Weeks', '2w'],
    ['Session', 'session'],
    ['End of session (browser)', 'session'],
    ['Unknown', undefined],
    ['forever', undefined],
  ])('retention %j → %j', (text, want) => {
    expect(retentionToDuration(text)).toBe(want);
  });

  it.each([
    [undefined, 'session'],
    [86_400, '1d'],
    [1_209_600, '2w'],
    [31_536_000, '1y'],
    [90, '90s'],
  ])('%j seconds → %j', (seconds, want) => {
    expect(secondsToDuration(seconds)).toBe(want);
  });
});

describe('suggestDeclaration', () => {
  it('builds a declaration ready to paste from the entry and the observed attributes', () => {
    const [best] = lookupCookie(index, '_gid');
    const suggestion = suggestDeclaration(
      best!,
      {
        name: '_gid',
        attributes: { secure: true, httpOnly: false, partitioned: false, sameSite: 'lax' },
        lifetime: 86_400,
      },
      schema,
    );
    expect(suggestion.json).toBe(`"_gid": {
  "provider": "Google",
  "service": "Google Analytics",
  "category": "statistics",
  "purpose": "ID used to identify users for 24 hours after last activity",
  "maxAge": "1d",
  "secure": true,
  "sameSite": "lax"
}`);
    expect(suggestion.notes).toEqual([]);
  });

  it('suggests a family for a wildcard entry, and caps long retentions at 400 days', () => {
    const [best] = lookupCookie(index, '_ga_ABC123');
    const suggestion = suggestDeclaration(best!, { name: '_ga_ABC123' }, schema);
    expect(suggestion.key).toBe('_ga_*');
    expect(suggestion.declaration).toMatchObject({ category: 'statistics', maxAge: '400d' });
    expect(suggestion.notes).toEqual(['lifetime 2y capped at 400 days, the longest browsers keep']);
  });

  it('says what to fill in when the database cannot', () => {
    const [best] = lookupCookie(index, 'XSRF-TOKEN');
    const suggestion = suggestDeclaration(
      best!,
      { name: 'XSRF-TOKEN' },
      {
        requiredCategory: 'req',
        categories: [{ name: 'req' }],
      },
    );
    expect(suggestion.declaration).toMatchObject({
      provider: 'Unknown',
      service: 'XSRF-TOKEN',
      category: 'req',
      maxAge: 'session',
    });
    expect(suggestion.notes).toEqual(['the database names no provider: replace "Unknown"']);
  });
});
