import { describe, expect, it } from 'vitest';
import { schemaText } from '../../test/helpers';
import { loadExample as example, parseValid as parse } from '../../test/policy-helpers';
import { policyData } from './data';

describe('policyData', () => {
  it('carries the reference policy with localized durations', async () => {
    const data = policyData(await example('opendatasoft'));
    expect(data).toMatchObject({
      name: 'Opendatasoft platform',
      revision: 1,
      locales: ['en', 'fr'],
      defaultLocale: 'en',
      consentCookie: 'cookies_preferences',
      consentMaxAge: { seconds: 180 * 86_400, text: { en: '6 months', fr: '6 mois' } },
    });
    expect(data.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(data.categories.map((c) => [c.name, c.required, c.cookies])).toEqual([
      ['necessary', true, ['sessionid', 'django_language', 'csrftoken', 'cookies_preferences']],
      ['statistics', false, ['_pk_id.*']],
    ]);
    expect(data.cookies[0]).toEqual({
      name: 'sessionid',
      family: false,
      provider: 'Opendatasoft',
      service: {
        en: 'Authentication (front and back office)',
        fr: 'Authentification (front office et back office)',
      },
      category: 'necessary',
      purpose: {
        en: 'Remembering the user from one page to another.',
        fr: "Se souvenir de l'utilisateur d'une page à l'autre.",
      },
      party: 'first',
      path: '/',
      secure: true,
      httpOnly: true,
      sameSite: 'lax',
      partitioned: false,
      maxAge: 14 * 86_400,
      duration: { en: '2 weeks', fr: '2 semaines' },
      scope: 'server',
      signed: false,
      encrypted: false,
      valueType: 'string',
    });
  });

  it('marks families and third parties, omits absent attributes, and says Sitzung in German', async () => {
    const data = policyData(await example('shop'));
    const byName = new Map(data.cookies.map((c) => [c.name, c]));
    expect(byName.get('_ga_*')).toMatchObject({ family: true, category: 'statistics' });
    expect(byName.get('IDE')).toMatchObject({ party: 'third', domain: 'doubleclick.net' });
    expect(byName.get('__Host-oauth_state')).toMatchObject({
      encrypted: true,
      httpOnly: true,
      scope: 'server',
      signed: false,
      valueType: 'json',
    });
    const csrf = byName.get('__Secure-csrf')!;
    expect(csrf.duration).toEqual({ en: 'Session', de: 'Sitzung' });
    expect('maxAge' in csrf).toBe(false);
    expect('domain' in csrf).toBe(false);
    expect(data).toMatchObject({
      url: 'https://shop.example/cookies',
      contact: 'privacy@shop.example',
    });
  });

  it('is plain JSON: it round-trips and two runs are identical', async () => {
    const schema = await example('shop');
    const data = policyData(schema);
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
    expect(JSON.stringify(policyData(schema))).toBe(JSON.stringify(data));
    expect(JSON.stringify(data)).not.toMatch(/undefined/);
  });

  it('keeps the introduction override and every text complete in every locale', () => {
    const data = policyData(
      parse(
        schemaText((d) => {
          d.policy.introduction = { en: 'Our own words.', fr: 'Nos propres mots.' };
        }),
      ),
    );
    expect(data.introduction).toEqual({ en: 'Our own words.', fr: 'Nos propres mots.' });
    for (const c of data.cookies) {
      for (const field of [c.service, c.purpose, c.duration]) {
        expect(Object.keys(field)).toEqual(['en', 'fr']);
        expect(Object.values(field).every((t) => t.length > 0)).toBe(true);
      }
    }
  });
});
