/** `src/shared.ts`: what the server and client modules share — categories and consent config. */
import type { JsonValueSchema } from '../schema/model';
import type { NormalizedSchema } from '../schema/types';
import { checkStatements, checksUseRuntime } from './checks';
import { deleteSuffix, deletionConstants, deletionName, setSuffix } from './definition';
import { docText } from './docs';
import { compare } from './emit-server';
import { arrayLiteral, type Expression, objectLiteral } from './expression';
import { type Statement, StructureKind, VariableDeclarationKind } from './structures';
import { jsonSchemaType, jsonTypeName, propertyKey, quote } from './types';

/** How many cookies delete with `attributes` (names would reach client bundles). */
function deletionUsers(schema: NormalizedSchema, attributes: string): string {
  const count = schema.cookies.filter(
    (c) => c.party === 'first' && deleteSuffix(c) === attributes,
  ).length;
  return count === 1 ? 'one cookie' : `${count} cookies`;
}

/** `production`: the statements of `dist/production/shared.js` (checks return codes). */
export function emitSharedStatements(schema: NormalizedSchema, production = false): Statement[] {
  const consentCookie = schema.cookies.find((c) => c.name === schema.consentCookie)!;
  const locale = schema.policy.defaultLocale;
  const categories = schema.categories.map((c) => c.name);
  return [
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      namedImports: ['ConsentConfig', 'ConsentGuard'],
      moduleSpecifier: '@cookie-schema/runtime',
    },
    ...(checksUseRuntime(schema, 'shared', production)
      ? [
          {
            kind: StructureKind.ImportDeclaration,
            namespaceImport: '$runtime',
            moduleSpecifier: '@cookie-schema/runtime',
          } as Statement,
        ]
      : []),
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: 'CategoryName',
      docs: [
        docText(
          `A cookie category of the policy:\n${schema.categories
            .map(
              (c) =>
                `- \`${c.name}\` — ${c.title[locale]}${c.required ? ' (required, always granted)' : c.optOut ? ' (opt-out: granted until the visitor objects)' : ''}`,
            )
            .join('\n')}`,
        ),
      ],
      type: categories.map(quote).join(' | '),
    },
    ...schema.cookies
      .filter((c) => c.accessor !== undefined && c.value.type === 'json')
      .sort((a, b) => compare(jsonTypeName(a), jsonTypeName(b)))
      .map(
        (c): Statement => ({
          kind: StructureKind.TypeAlias,
          isExported: true,
          name: jsonTypeName(c),
          docs: [`The value of \`${c.name}\` (its JSON Schema in the schema file, as a type).`],
          type: jsonSchemaType((c.value as { schema: JsonValueSchema }).schema),
        }),
      ),
    ...checkStatements(schema, 'shared', production),
    ...[...deletionConstants(schema)].map(
      ([attributes, name]): Statement => ({
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        docs: [
          `The attributes that delete a cookie set with \`${attributes.replace(/; (Max-Age|Expires)=[^;]*/g, '').slice(2)}\` (the same path and domain, \`Max-Age=0\`), for ${deletionUsers(schema, attributes)}.`,
        ],
        declarations: [{ name, type: 'string', initializer: quote(attributes) }],
      }),
    ),
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [
        'What a consent guard checks (a part of `consentConfig`, so that a bundle with one guarded accessor stays small).',
      ],
      declarations: [
        {
          name: 'consentGuard',
          type: 'ConsentGuard<CategoryName>',
          initializer: objectLiteral(guardEntries(schema, consentCookie.name), true),
        },
      ],
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: ['How consent is stored and checked (the consent cookie, revision, lifetime).'],
      declarations: [
        {
          name: 'consentConfig',
          type: 'ConsentConfig<CategoryName>',
          initializer: objectLiteral(
            [
              ...guardEntries(schema, consentCookie.name),
              ['hash', quote(schema.hash)],
              ['categories', arrayLiteral(categories.map(quote))],
              ['suffix', quote(setSuffix(consentCookie))],
              ['deleteSuffix', deletionName(consentCookie, schema)],
            ],
            true,
          ),
        },
      ],
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: ['Google Consent Mode v2 storage types of each category.'],
      declarations: [
        {
          name: 'consentMode',
          type: 'Readonly<Record<CategoryName, readonly string[]>>',
          initializer: objectLiteral(
            schema.categories.map((c) => [
              propertyKey(c.name),
              arrayLiteral(c.consentMode.map(quote)),
            ]),
            true,
          ),
        },
      ],
    },
  ];
}

/** The properties of `consentGuard`, repeated at the start of `consentConfig`. */
function guardEntries(schema: NormalizedSchema, cookie: string): [string, Expression][] {
  const names = (pick: (c: NormalizedSchema['categories'][number]) => boolean) =>
    arrayLiteral(schema.categories.filter(pick).map((c) => quote(c.name)));
  return [
    ['cookie', quote(cookie)],
    ['revision', String(schema.policy.revision)],
    ['maxAge', String(schema.policy.consentMaxAge)],
    ['required', quote(schema.requiredCategory)],
    ['gpcOptOut', names((c) => c.gpcOptOut)],
    ['optOut', names((c) => c.optOut)],
  ];
}
