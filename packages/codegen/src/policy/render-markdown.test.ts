import { describe, expect, it } from 'vitest';
import { cookie, schemaText } from '../../test/helpers';
import { loadExample, markdownTableRows, parseValid } from '../../test/policy-helpers';
import { escapeMarkdown, renderPolicyMarkdown } from './render-markdown';

/** SPEC §1: the reference policy's table, exactly. */
const SPEC_ROWS = [
  [
    'Opendatasoft',
    'Authentication (front and back office)',
    'sessionid',
    'Remembering the user from one page to another.',
  ],
  [
    'Opendatasoft',
    'Language selection (front and back office)',
    'django_language',
    "Remembering the visitor's language.",
  ],
  [
    'Opendatasoft',
    'API (CSRF) (front and back office)',
    'csrftoken',
    'Retrieving data via API calls.',
  ],
  [
    'Opendatasoft',
    'Choice regarding your cookie preferences',
    'cookies_preferences',
    "Remembering the visitor's choice regarding cookies.",
  ],
];

describe('renderPolicyMarkdown', () => {
  it('reproduces the SPEC §1 table rows for the reference schema in English', async () => {
    const md = renderPolicyMarkdown(await loadExample('opendatasoft'), { locale: 'en' });
    // The necessary table is the reference page; the statistics table adds the Matomo visitor id.
    const necessary = md.slice(
      md.indexOf('## Essential cookies'),
      md.indexOf('## Statistical cookies'),
    );
    const rows = markdownTableRows(necessary);
    expect(rows.map((r) => r.slice(0, 4))).toEqual(SPEC_ROWS);
    expect(rows.map((r) => r[4])).toEqual(['2 weeks', '1 year', '1 year', '6 months']);
    expect(md).toContain('| Provider | Service and location | Cookie name | Purpose | Duration |');
  });

  it('renders French headers, texts and durations', async () => {
    const md = renderPolicyMarkdown(await loadExample('opendatasoft'), { locale: 'fr' });
    expect(md).toContain(
      '| Fournisseur | Service et emplacement | Nom du cookie | Finalité | Durée |',
    );
    expect(markdownTableRows(md)[0]).toEqual([
      'Opendatasoft',
      'Authentification (front office et back office)',
      'sessionid',
      "Se souvenir de l'utilisateur d'une page à l'autre.",
      '2 semaines',
    ]);
  });

  it('has an introduction: what cookies are, the categories used, how to change one’s choice', async () => {
    const md = renderPolicyMarkdown(await loadExample('shop'), { locale: 'en' });
    const intro = md.slice(0, md.indexOf('\n## '));
    expect(intro).toMatch(/Cookies are small text files/);
    expect(intro).toMatch(
      /5 categories: “Strictly necessary”, “Preferences”, “Statistics”, “Marketing”, and “Audience measurement”/,
    );
    // The opt-out category needs no consent, and the page says how to object.
    expect(intro).toMatch(
      /those in “Audience measurement” need no consent either, but you can object to them at any time; the others are set only after you have given your consent\./,
    );
    expect(intro).toMatch(/change your choice at any time/);
    expect(intro).toMatch(/kept for 6 months/);
  });

  it('with only the required category, says there is no choice to make', () => {
    const schema = parseValid(
      schemaText((d) => {
        delete d.categories.statistics;
      }),
    );
    const md = renderPolicyMarkdown(schema, { locale: 'fr' });
    expect(md).toContain(
      "Tous les cookies relèvent d'une seule catégorie, «\u00a0Necessary\u00a0»\u00a0:",
    );
    expect(md).toContain("Ces cookies étant nécessaires, vous n'avez pas de choix à faire.");
    expect(renderPolicyMarkdown(schema, { locale: 'en' })).toContain(
      'As these cookies are necessary, there is no choice to make.',
    );
  });

  it('uses policy.introduction for the first paragraph', () => {
    const md = renderPolicyMarkdown(
      parseValid(
        schemaText((d) => {
          d.policy.introduction = { en: 'We bake | serve cookies.', fr: 'Nous cuisinons.' };
        }),
      ),
      { locale: 'en' },
    );
    expect(md).toContain('We bake \\| serve cookies.');
    expect(md).not.toContain('Cookies are small text files');
  });

  it('keeps the paragraphs of policy.introduction and renders policy.sections before the tables', () => {
    const md = renderPolicyMarkdown(
      parseValid(
        schemaText((d) => {
          d.policy.introduction = 'First paragraph,\ncontinued.\n\n  \nSecond paragraph.';
          d.policy.sections = [
            { title: 'What is a cookie?', body: 'A small file.\n\nIt comes back.' },
            { title: { en: 'Types', fr: 'Types' }, body: { en: 'Several.', fr: 'Plusieurs.' } },
          ];
        }),
      ),
      { locale: 'en' },
    );
    const blocks = md.split('\n\n');
    expect(blocks.slice(1, 3)).toEqual(['First paragraph, continued.', 'Second paragraph.']);
    const at = (text: string) => blocks.indexOf(text);
    expect(at('## What is a cookie?')).toBeGreaterThan(at('Second paragraph.'));
    expect(blocks.slice(at('## What is a cookie?'), at('## What is a cookie?') + 5)).toEqual([
      '## What is a cookie?',
      'A small file.',
      'It comes back.',
      '## Types',
      'Several.',
    ]);
    expect(at('## Types')).toBeLessThan(at('## Necessary'));
  });

  it('states per category whether consent is needed, and how to object to an opt-out one', () => {
    const md = renderPolicyMarkdown(
      parseValid(
        schemaText((d) => {
          d.categories.statistics.consent = 'opt-out';
          d.categories.marketing = { title: 'Marketing', description: 'Ads.' };
        }),
      ),
      { locale: 'en' },
    );
    const section = (title: string) => md.slice(md.indexOf(`## ${title}`)).split('\n\n')[2];
    expect(section('Necessary')).toBe('No consent required: these cookies are strictly necessary.');
    expect(section('Statistics')).toBe(
      'No consent required: these cookies are set unless you object. You can object at any time in the cookie settings; they are then deleted and not set again.',
    );
    expect(section('Marketing')).toBe(
      'Consent required: these cookies are set only if you accept them.',
    );
  });

  it('says so for a category without cookies instead of an empty table', async () => {
    const md = renderPolicyMarkdown(parseValid(schemaText()));
    const statistics = md.slice(md.indexOf('## Statistics'));
    expect(statistics).toContain('_This category has no cookies at the moment._');
    expect(statistics).not.toContain('| Provider');
  });

  it('escapes table cells and marks families and third parties', () => {
    const md = renderPolicyMarkdown(
      parseValid(
        schemaText((d) => {
          d.cookies['_x_*'] = cookie({
            purpose: 'Splits A|B tests *fast* <b>',
            category: 'statistics',
          });
          d.cookies.ads = cookie({
            category: 'statistics',
            party: 'third',
            domain: 'ads.example',
            purpose: 'Line one\nline two',
          });
        }),
      ),
    );
    const rows = markdownTableRows(md);
    const family = rows.find((r) => r[2] === '_x_*')!;
    expect(family[3]).toBe('Splits A|B tests *fast* <b>');
    expect(md).toContain('| \\_x\\_\\* |');
    expect(md).toContain('Splits A\\|B tests \\*fast\\* \\<b\\>');
    expect(md).toMatch(/^\\\* A name ending in \\\* stands for a family/m);
    const ads = rows.find((r) => r[2]?.startsWith('ads'))!;
    expect(ads[2]).toBe('ads (third-party cookie, set by ads.example)');
    expect(ads[3]).toBe('Line one line two');
    for (const row of rows) expect(row).toHaveLength(5);
  });

  it('renders every locale of both examples with no blank cell', async () => {
    for (const name of ['opendatasoft', 'shop']) {
      const schema = await loadExample(name);
      for (const locale of schema.policy.locales) {
        const rows = markdownTableRows(renderPolicyMarkdown(schema, { locale }));
        expect(rows.length).toBe(schema.cookies.length);
        for (const row of rows)
          expect(
            row.every((cell) => cell.length > 0),
            `${name} ${locale}`,
          ).toBe(true);
      }
    }
  });

  it('rejects a locale the schema does not declare', async () => {
    const schema = await loadExample('opendatasoft');
    expect(() => renderPolicyMarkdown(schema, { locale: 'de' })).toThrow(
      'locale "de" is not declared by the schema; expected one of: en, fr.',
    );
  });
});

describe('escapeMarkdown', () => {
  const cases: [string, string][] = [
    ['django_language', 'django_language'],
    ['_ga', '\\_ga'],
    ['a|b', 'a\\|b'],
    ['# not a heading', '\\# not a heading'],
    ['- not a list', '\\- not a list'],
    ['1. not a list', '1\\. not a list'],
    ['&amp; stays text', '\\&amp; stays text'],
    ['AT&T', 'AT&T'],
    ['[link](x)', '\\[link\\](x)'],
    ['back\\slash', 'back\\\\slash'],
  ];
  it.each(cases)('%s', (input, want) => {
    expect(escapeMarkdown(input)).toBe(want);
  });
});
