import { describe, expect, it } from 'vitest';
import { cookie, type Doc, schemaText } from '../../test/helpers';
import { parseValid } from '../../test/policy-helpers';
import { diffSchemas, type SchemaChange } from './diff';

/** The base schema plus a statistics cookie `ab` (consent needed) and a third-party `px`. */
function richer(doc: Doc): void {
  doc.cookies.ab = cookie({
    category: 'statistics',
    purpose: { en: 'Splits visitors.', fr: 'Répartit les visiteurs.' },
    maxAge: '30d',
  });
  doc.cookies.px = cookie({ category: 'statistics', party: 'third', domain: 'px.example' });
}

function schemas(before: (d: Doc) => void, after: (d: Doc) => void) {
  return [
    parseValid(
      schemaText((d) => {
        richer(d);
        before(d);
      }),
      'old.json',
    ),
    parseValid(
      schemaText((d) => {
        richer(d);
        after(d);
      }),
      'new.json',
    ),
  ] as const;
}

/** `[kind, subject, needsConsent]` of each change. */
function summary(changes: SchemaChange[]): [string, string, boolean][] {
  return changes.map((c) => [
    c.kind,
    'cookie' in c ? c.cookie : 'category' in c ? c.category : '',
    c.needsConsent,
  ]);
}

const none = () => {};

const cases: [
  string,
  { before?: (d: Doc) => void; after: (d: Doc) => void; want: [string, string, boolean][] },
][] = [
  ['nothing changed', { after: none, want: [] }],
  [
    'a category turned opt-out (stored choices keep their meaning)',
    {
      after: (d) => {
        d.categories.statistics.consent = 'opt-out';
      },
      want: [['category-consent-changed', 'statistics', false]],
    },
  ],
  [
    'a category turned opt-in',
    {
      before: (d) => {
        d.categories.statistics.consent = 'opt-out';
      },
      after: none,
      want: [['category-consent-changed', 'statistics', false]],
    },
  ],
  [
    'a cookie added to a category that needs consent',
    {
      after: (d) => {
        d.cookies.fresh = cookie({ category: 'statistics' });
      },
      want: [['cookie-added', 'fresh', true]],
    },
  ],
  [
    'a cookie added to the required category',
    {
      after: (d) => {
        d.cookies.fresh = cookie();
      },
      want: [['cookie-added', 'fresh', false]],
    },
  ],
  [
    'a third-party cookie added, even to the required category',
    {
      after: (d) => {
        d.cookies.cdn = cookie({ party: 'third', domain: 'cdn.example' });
      },
      want: [['cookie-added', 'cdn', true]],
    },
  ],
  [
    'a cookie removed',
    {
      after: (d) => {
        delete d.cookies.ab;
      },
      want: [['cookie-removed', 'ab', false]],
    },
  ],
  [
    'a cookie moved into a category that needs consent',
    {
      after: (d) => {
        d.cookies.sid.category = 'statistics';
      },
      want: [['cookie-recategorized', 'sid', true]],
    },
  ],
  [
    'a cookie moved into the required category',
    {
      after: (d) => {
        d.cookies.ab.category = 'necessary';
      },
      want: [['cookie-recategorized', 'ab', false]],
    },
  ],
  [
    'a new purpose for a cookie that needs consent',
    {
      after: (d) => {
        d.cookies.ab.purpose = { en: 'Profiles visitors.', fr: 'Répartit les visiteurs.' };
      },
      want: [['cookie-repurposed', 'ab', true]],
    },
  ],
  [
    'a purpose translation fixed (not the default locale)',
    {
      after: (d) => {
        d.cookies.ab.purpose = { en: 'Splits visitors.', fr: 'Répartit les visiteurs !' };
      },
      want: [['cookie-repurposed', 'ab', false]],
    },
  ],
  [
    'a new purpose for a required cookie',
    {
      after: (d) => {
        d.cookies.sid.purpose = { en: 'Signs in.', fr: 'Session.' };
      },
      want: [['cookie-repurposed', 'sid', false]],
    },
  ],
  [
    'a cookie that needs consent kept longer',
    {
      after: (d) => {
        d.cookies.ab.maxAge = '13mo';
      },
      want: [['cookie-lengthened', 'ab', true]],
    },
  ],
  [
    'a session cookie made persistent',
    {
      before: (d) => {
        d.cookies.ab.maxAge = 'session';
      },
      after: (d) => {
        d.cookies.ab.maxAge = '1d';
      },
      want: [['cookie-lengthened', 'ab', true]],
    },
  ],
  [
    'a required cookie kept longer',
    {
      after: (d) => {
        d.cookies.sid.maxAge = '4w';
      },
      want: [['cookie-lengthened', 'sid', false]],
    },
  ],
  [
    'a cookie kept shorter',
    {
      after: (d) => {
        d.cookies.ab.maxAge = '1d';
      },
      want: [['cookie-shortened', 'ab', false]],
    },
  ],
  [
    'a first-party domain set',
    {
      after: (d) => {
        d.cookies.ab.domain = 'example.com';
      },
      want: [['cookie-attribute', 'ab', false]],
    },
  ],
  [
    'httpOnly changed',
    {
      after: (d) => {
        d.cookies.ab.httpOnly = true;
      },
      want: [['cookie-attribute', 'ab', false]],
    },
  ],
  [
    'secure changed',
    {
      after: (d) => {
        d.cookies.ab.secure = false;
      },
      want: [['cookie-attribute', 'ab', false]],
    },
  ],
  [
    'sameSite changed',
    {
      after: (d) => {
        d.cookies.ab.sameSite = 'strict';
      },
      want: [['cookie-attribute', 'ab', false]],
    },
  ],
  [
    'a first-party cookie turned third-party',
    {
      after: (d) => {
        d.cookies.ab.party = 'third';
        d.cookies.ab.domain = 'ab.example';
      },
      want: [
        ['cookie-attribute', 'ab', true],
        ['cookie-attribute', 'ab', false],
      ],
    },
  ],
  [
    'a third-party cookie set by another domain',
    {
      after: (d) => {
        d.cookies.px.domain = 'tracker.example';
      },
      want: [['cookie-attribute', 'px', true]],
    },
  ],
  [
    'a new provider for a cookie that needs consent',
    {
      after: (d) => {
        d.cookies.ab.provider = 'Other Co';
      },
      want: [['cookie-attribute', 'ab', true]],
    },
  ],
  [
    'a category added',
    {
      after: (d) => {
        d.categories.marketing = { title: 'Marketing', description: 'Ads.' };
      },
      want: [['category-added', 'marketing', false]],
    },
  ],
  [
    'a category removed with its cookies',
    {
      after: (d) => {
        delete d.categories.statistics;
        delete d.cookies.ab;
        delete d.cookies.px;
      },
      want: [
        ['category-removed', 'statistics', false],
        ['cookie-removed', 'ab', false],
        ['cookie-removed', 'px', false],
      ],
    },
  ],
  [
    'consent kept longer',
    {
      after: (d) => {
        d.policy.consentMaxAge = '1y';
      },
      want: [['consent-max-age', '', true]],
    },
  ],
  [
    'consent kept shorter',
    {
      after: (d) => {
        d.policy.consentMaxAge = '3mo';
      },
      want: [['consent-max-age', '', false]],
    },
  ],
];

describe('diffSchemas', () => {
  it.each(cases)('%s', (_name, { before = none, after, want }) => {
    const [a, b] = schemas(before, after);
    const result = diffSchemas(a, b);
    expect(summary(result.changes)).toEqual(want);
    expect(result.consentNeeded).toBe(want.some(([, , needs]) => needs));
    for (const change of result.changes) {
      expect(change.message).toMatch(
        change.needsConsent ? / — needs consent: / : /^(?!.*needs consent:)/,
      );
    }
  });

  it('reports attributes with their old and new values', () => {
    const [a, b] = schemas(none, (d) => {
      d.cookies.ab.sameSite = 'strict';
    });
    expect(diffSchemas(a, b).changes[0]).toMatchObject({
      kind: 'cookie-attribute',
      attribute: 'sameSite',
      from: 'lax',
      to: 'strict',
      message: 'ab sameSite: lax → strict',
    });
  });

  describe('the revision rule', () => {
    const addAnalytics = (d: Doc) => {
      d.cookies.fresh = cookie({ category: 'statistics' });
    };
    const cases: [
      string,
      { after: (d: Doc) => void; ok: boolean; bumped: boolean; suggested?: number },
    ][] = [
      [
        'consent needed, revision not bumped → not ok, bump to 2',
        { after: addAnalytics, ok: false, bumped: false, suggested: 2 },
      ],
      [
        'consent needed, revision bumped → ok',
        {
          after: (d) => {
            addAnalytics(d);
            d.policy.revision = 2;
          },
          ok: true,
          bumped: true,
        },
      ],
      [
        'no consent needed, no bump → ok',
        {
          after: (d) => {
            delete d.cookies.ab;
          },
          ok: true,
          bumped: false,
        },
      ],
      [
        'no consent needed, bumped anyway → ok',
        {
          after: (d) => {
            d.policy.revision = 2;
          },
          ok: true,
          bumped: true,
        },
      ],
      [
        'revision went down → not ok',
        {
          after: (d) => {
            d.policy.revision = 1;
          },
          ok: false,
          bumped: false,
          suggested: 4,
        },
      ],
    ];
    it.each(cases)('%s', (name, { after, ok, bumped, suggested }) => {
      const before = name.startsWith('revision went down')
        ? (d: Doc) => {
            d.policy.revision = 3;
          }
        : none;
      const [a, b] = schemas(before, after);
      const result = diffSchemas(a, b);
      expect(result.ok).toBe(ok);
      expect(result.revision.bumped).toBe(bumped);
      expect(result.suggestedRevision).toBe(suggested);
    });
  });
});
