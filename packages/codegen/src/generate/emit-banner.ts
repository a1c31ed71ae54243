/**
 * `src/banner.ts`: the consent banner and preferences dialog of the schema, a thin layer over
 * `@cookie-schema/runtime/banner` that passes the schema's texts in every locale (the page's is
 * chosen at run time), the policy URL and the package's `consent`. The client module never
 * imports it, so a page that does not prompt loads none of it.
 */
import { bannerDescription } from '../policy/banner-text';
import { durationText } from '../policy/duration-text';
import { messagesFor } from '../policy/messages';
import type { NormalizedCategory, NormalizedSchema } from '../schema/types';
import { docText } from './docs';
import { arrayLiteral, type Expression, objectLiteral } from './expression';
import { type Statement, StructureKind, VariableDeclarationKind } from './structures';
import { propertyKey, quote } from './types';

const RT = '$banner';
const MODULE = '@cookie-schema/runtime/banner';

export function emitBannerStatements(schema: NormalizedSchema): Statement[] {
  const { policy } = schema;
  const content: [string, Expression][] = [];
  if (policy.url !== undefined) content.push(['url', quote(policy.url)]);
  content.push([
    'locales',
    objectLiteral(
      policy.locales.map((locale) => [propertyKey(locale), localeTexts(schema, locale)]),
      true,
    ),
  ]);
  const options = `options?: ${RT}.BannerOptions`;
  const returns = `${RT}.BannerHandle | undefined`;
  return [
    { kind: StructureKind.ImportDeclaration, namespaceImport: RT, moduleSpecifier: MODULE },
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      namedImports: ['CategoryName'],
      moduleSpecifier: './shared.js',
    },
    {
      kind: StructureKind.ImportDeclaration,
      namedImports: ['consent'],
      moduleSpecifier: './client.js',
    },
    {
      kind: StructureKind.ExportDeclaration,
      isTypeOnly: true,
      namedExports: ['BannerHandle', 'BannerOptions'],
      moduleSpecifier: MODULE,
    },
    {
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      docs: [
        docText(
          `The texts of the banner and the dialog in ${policy.locales.join(', ')} (the first is the default), from the policy.`,
        ),
      ],
      declarations: [
        {
          name: 'content',
          type: `${RT}.BannerContent<CategoryName>`,
          initializer: objectLiteral(content, true),
        },
      ],
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [
        docText(
          `Shows the consent banner of ${policy.name} while the visitor has no valid choice (\`consent.needsPrompt\`), in the page's locale (\`<html lang>\`, else ${policy.defaultLocale}); does nothing otherwise. Accept all, reject all and customize store the choice through \`consent\`. Returns the banner, or \`undefined\` when none is shown (no choice to ask for, or server rendering).`,
        ),
      ],
      declarations: [
        {
          name: 'showConsentBanner',
          type: `(${options}) => ${returns}`,
          initializer: `(options) => ${RT}.showConsentBanner(consent, content, options)`,
        },
      ],
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [
        docText(
          'Opens the cookie preferences dialog: one switch per category that is not required, listing its cookies, set to the current choice. For a "cookie settings" link. Returns the dialog, or `undefined` during server rendering.',
        ),
      ],
      declarations: [
        {
          name: 'openConsentPreferences',
          type: `(${options}) => ${returns}`,
          initializer: `(options) => ${RT}.openConsentPreferences(consent, content, options)`,
        },
      ],
    },
  ];
}

function consentKind(category: NormalizedCategory): string {
  return quote(category.required ? 'required' : category.optOut ? 'opt-out' : 'opt-in');
}

function localeTexts(schema: NormalizedSchema, locale: string): Expression {
  const { banner, page } = messagesFor(locale);
  const categories = schema.categories.map((category) => {
    const cookies = schema.cookies.filter((c) => c.category === category.name);
    return objectLiteral(
      [
        ['name', quote(category.name)],
        ['consent', consentKind(category)],
        ['title', quote(category.title[locale] ?? '')],
        ['description', quote(category.description[locale] ?? '')],
        ['count', quote(page.cookieCount(cookies.length))],
        [
          'cookies',
          arrayLiteral(
            cookies.map((c) =>
              objectLiteral(
                [
                  ['name', quote(c.name)],
                  ['provider', quote(c.provider)],
                  ['purpose', quote(c.purpose[locale] ?? '')],
                  ['duration', quote(durationText(c.maxAge, locale))],
                ],
                true,
              ),
            ),
            cookies.length > 0,
          ),
        ],
      ],
      true,
    );
  });
  return objectLiteral(
    [
      ['title', quote(banner.consentTitle)],
      ['description', quote(bannerDescription(schema, locale))],
      ['acceptAll', quote(banner.acceptAll)],
      ['rejectAll', quote(banner.rejectAll)],
      ['customize', quote(banner.showPreferences)],
      ['preferencesTitle', quote(banner.preferencesTitle)],
      ['save', quote(banner.savePreferences)],
      ['close', quote(banner.close)],
      ['policyLink', quote(banner.fullPolicy)],
      ['alwaysOn', quote(banner.alwaysOn)],
      ['optOut', quote(banner.optOutStatus)],
      ['provider', quote(page.headers.provider)],
      ['duration', quote(page.headers.duration)],
      ['categories', arrayLiteral(categories, true)],
    ],
    true,
  );
}
