import { describe, expect, it } from 'vitest';
import { formatConsentRecord } from './codecs.js';
import {
  consentState,
  hasConsent,
  purgeCategories,
  siteDomains,
  toConsentMode,
} from './consent.js';
import { createRequestStore } from './request-store.js';

const config = {
  cookie: 'choice',
  revision: 2,
  hash: 'h',
  maxAge: 86_400,
  required: 'necessary',
  categories: ['necessary', 'statistics'],
  gpcOptOut: [],
  optOut: [],
  suffix: '; Path=/',
  deleteSuffix: '; Max-Age=0; Path=/',
} as const;
const NOW = Date.UTC(2026, 10, 29);
const record = (revision: number, updatedAt: number) =>
  formatConsentRecord({ categories: ['necessary', 'statistics'], revision, hash: 'h', updatedAt });

describe('siteDomains', () => {
  it.each([
    ['www.shop.example', ['www.shop.example', 'shop.example']],
    ['WWW.Shop.Example:8443', ['www.shop.example', 'shop.example']],
    ['shop.example', ['shop.example']],
    ['localhost', []],
    ['localhost:3000', []],
    ['127.0.0.1', []],
    ['127.0.0.1:8080', []],
    ['[::1]:3000', []],
    ['', []],
  ])('%j → %j', (host, domains) => {
    expect(siteDomains(host)).toEqual(domains);
  });
});

describe('purgeCategories', () => {
  const purge = [
    { name: '_ga', category: 'statistics', deleteSuffix: '; Max-Age=0; Path=/' },
    { name: '_ga_', family: true, category: 'statistics', deleteSuffix: '; Max-Age=0; Path=/' },
    {
      name: 'pinned',
      category: 'statistics',
      deleteSuffix: '; Max-Age=0; Domain=shop.example; Path=/',
    },
  ];

  it('deletes host-only and on each site domain; a declared Domain is kept as is', () => {
    const store = createRequestStore({
      headers: { cookie: '_ga=1; _ga_X=2; pinned=3; other=4', host: 'www.shop.example' },
    });
    expect(purgeCategories(store, purge, ['statistics'], store.host)).toEqual([
      '_ga',
      '_ga_X',
      'pinned',
    ]);
    expect(store.toSetCookieHeaders()).toEqual([
      '_ga=; Max-Age=0; Path=/',
      '_ga=; Max-Age=0; Path=/; Domain=www.shop.example',
      '_ga=; Max-Age=0; Path=/; Domain=shop.example',
      '_ga_X=; Max-Age=0; Path=/',
      '_ga_X=; Max-Age=0; Path=/; Domain=www.shop.example',
      '_ga_X=; Max-Age=0; Path=/; Domain=shop.example',
      'pinned=; Max-Age=0; Domain=shop.example; Path=/',
    ]);
    expect(store.names()).toEqual(['other']);
  });

  it('deletes host-only only on an IP address or without a host', () => {
    const store = createRequestStore(
      new Request('http://127.0.0.1:8080/', { headers: { cookie: '_ga=1' } }),
    );
    expect(store.host).toBe('127.0.0.1:8080');
    purgeCategories(store, purge, ['statistics'], store.host);
    expect(store.toSetCookieHeaders()).toEqual(['_ga=; Max-Age=0; Path=/']);
  });

  it('leaves other categories alone', () => {
    const store = createRequestStore('_ga=1');
    expect(purgeCategories(store, purge, ['marketing'])).toEqual([]);
    expect(store.toSetCookieHeaders()).toEqual([]);
  });
});

describe('consentState', () => {
  it.each([
    ['no cookie', undefined, NOW, true, undefined],
    ['a valid choice', record(2, NOW - 1000), NOW, false, undefined],
    ['garbage', 'nope', NOW, true, 'unreadable'],
    ['another revision', record(1, NOW), NOW, true, 'old-revision'],
    ['exactly consentMaxAge old', record(2, NOW - 86_400_000), NOW, false, undefined],
    ['1 ms older than consentMaxAge', record(2, NOW - 86_400_001), NOW, true, 'expired'],
    ['more than a day ahead', record(2, NOW + 86_400_001), NOW, true, 'future'],
  ] as const)('%s', (_, raw, now, needsPrompt, reason) => {
    const state = consentState(raw, config, false, now);
    expect(state.needsPrompt).toBe(needsPrompt);
    expect(state.reason).toBe(reason);
    expect(state.granted).toEqual(needsPrompt ? ['necessary'] : ['necessary', 'statistics']);
  });
});

describe('opt-out categories', () => {
  // statistics is opt-out (exempt audience measurement); marketing is opt-in; both GPC opt-out.
  const optOut = {
    ...config,
    categories: ['necessary', 'statistics', 'marketing'],
    optOut: ['statistics'],
    gpcOptOut: ['statistics', 'marketing'],
  } as const;
  const stored = (categories: string[], revision = 2, updatedAt = NOW - 1000, gpc?: boolean) =>
    formatConsentRecord({
      categories,
      revision,
      hash: 'h',
      updatedAt,
      ...(gpc === undefined ? {} : { gpc }),
    });
  const granted = (raw: string | undefined, gpc = false) =>
    consentState(raw, optOut, gpc, NOW).granted;

  it.each([
    ['no choice: granted, the prompt still shows', undefined, false, ['necessary', 'statistics']],
    ['no choice, GPC on: GPC objects', undefined, true, ['necessary']],
    ['unreadable value: no objection known', 'garbage', false, ['necessary', 'statistics']],
    [
      'a choice that keeps it',
      stored(['necessary', 'statistics']),
      false,
      ['necessary', 'statistics'],
    ],
    [
      'a choice that objects',
      stored(['necessary', 'marketing']),
      false,
      ['necessary', 'marketing'],
    ],
    [
      'an objection of an older revision still holds',
      stored(['necessary'], 1),
      false,
      ['necessary'],
    ],
    [
      'an expired objection still holds',
      stored(['necessary'], 2, NOW - 86_400_001),
      false,
      ['necessary'],
    ],
    [
      'an older revision that kept it',
      stored(['necessary', 'marketing', 'statistics'], 1),
      false,
      ['necessary', 'statistics'],
    ],
    [
      'a choice made without GPC, GPC on now',
      stored(['necessary', 'statistics'], 2, NOW - 1000, false),
      true,
      ['necessary'],
    ],
    [
      'a choice made with GPC on',
      stored(['necessary', 'statistics'], 2, NOW - 1000, true),
      true,
      ['necessary', 'statistics'],
    ],
  ] as const)('%s', (_, raw, gpc, want) => {
    expect(granted(raw, gpc)).toEqual(want);
    for (const category of optOut.categories) {
      expect(hasConsent(category, raw, optOut, gpc, NOW), category).toBe(
        want.includes(category as never),
      );
    }
  });

  it('needsPrompt reflects "no valid choice", opt-out categories or not', () => {
    expect(consentState(undefined, optOut, false, NOW).needsPrompt).toBe(true);
    expect(consentState(stored(['necessary'], 1), optOut, false, NOW).needsPrompt).toBe(true);
    expect(consentState(stored(['necessary']), optOut, false, NOW).needsPrompt).toBe(false);
  });

  it('Consent Mode follows: granted before any choice, denied after an objection', () => {
    const mode = { necessary: [], statistics: ['analytics_storage'], marketing: ['ad_storage'] };
    expect(toConsentMode(granted(undefined), mode)).toEqual({
      analytics_storage: 'granted',
      ad_storage: 'denied',
    });
    expect(toConsentMode(granted(stored(['necessary'])), mode)).toEqual({
      analytics_storage: 'denied',
      ad_storage: 'denied',
    });
  });
});

describe('a schema with the required category only', () => {
  const single = { ...config, categories: ['necessary'] } as const;

  it('never prompts: there is nothing to choose', () => {
    for (const raw of [undefined, 'garbage', record(1, NOW), record(2, NOW)]) {
      const state = consentState(raw, single, false, NOW);
      expect(state.needsPrompt).toBe(false);
      expect(state.granted).toEqual(['necessary']);
    }
  });
});
