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
      necessary: { required: true, title: 'Necessary', description: 'Needed.' },
      statistics: { title: { en: 'Statistics', fr: 'Statistiques' }, description: 'Counts.' },
    },
    defaults: { path: '/', sameSite: 'lax', secure: true },
    cookies: {
      cookie_consent: {
        provider: 'Test',
        service: 'Banner',
        category: 'necessary',
        purpose: 'Remembers the choice.',
        value: { type: 'consent' },
        maxAge: '6mo',
      },
      sid: {
        provider: 'Test',
        service: 'Sign-in',
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

/** A cookie declaration with the required fields, to extend. */
export function cookie(extra: Doc = {}): Doc {
  return { provider: 'Test', service: 'S', category: 'necessary', purpose: 'P.', ...extra };
}
