/** Test helpers: a minimal valid schema to mutate, and paths of the repository. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const cliBin = join(repoRoot, 'packages', 'codegen', 'bin', 'cookie-schema.js');
export const examples = join(repoRoot, 'schemas', 'examples');

// biome-ignore lint/suspicious/noExplicitAny: test documents are deliberately loose
export type Doc = Record<string, any>;

export function baseSchema(): Doc {
  return {
    policy: { name: 'Test site', revision: 1, locales: ['en', 'fr'], consentMaxAge: '6mo' },
    consentCookie: 'cookie_consent',
    categories: {
      necessary: {
        required: true,
        title: 'Necessary',
        description: { en: 'Needed.', fr: 'Nécessaires.' },
      },
      statistics: {
        title: { en: 'Statistics', fr: 'Statistiques' },
        description: { en: 'Counts.', fr: 'Comptent.' },
      },
    },
    defaults: { path: '/', sameSite: 'lax', secure: true },
    cookies: {
      cookie_consent: {
        provider: 'Test',
        service: { en: 'Banner', fr: 'Bandeau' },
        category: 'necessary',
        purpose: { en: 'Remembers the choice.', fr: 'Retient le choix.' },
        value: { type: 'consent' },
        maxAge: '6mo',
      },
      sid: {
        provider: 'Test',
        service: { en: 'Sign-in', fr: 'Sign-in' },
        category: 'necessary',
        purpose: { en: 'Session.', fr: 'Session.' },
        httpOnly: true,
        maxAge: '2w',
      },
    },
  };
}

/** A copy of the base schema changed by `edit`, as JSON text. */
export function schemaText(edit: (doc: Doc) => void = () => {}): string {
  const doc = baseSchema();
  edit(doc);
  return JSON.stringify(doc, null, 2);
}

/** A cookie declaration with the required fields (texts in the base schema's locales), to extend. */
export function cookie(extra: Doc = {}): Doc {
  return {
    provider: 'Test',
    service: { en: 'S', fr: 'S' },
    category: 'necessary',
    purpose: { en: 'P.', fr: 'P.' },
    ...extra,
  };
}

/** The base schema's texts as one plain string each, for a test that changes its locales. */
export function plainTexts(doc: Doc): void {
  for (const category of Object.values(doc.categories as Record<string, Doc>)) {
    for (const key of ['title', 'description']) {
      if (typeof category[key] === 'object') category[key] = category[key].en;
    }
  }
  for (const declaration of Object.values(doc.cookies as Record<string, Doc>)) {
    for (const key of ['service', 'purpose']) {
      if (typeof declaration[key] === 'object') declaration[key] = declaration[key].en;
    }
  }
}
