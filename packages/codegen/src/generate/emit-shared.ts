/** `src/shared.ts`: what the server and client modules share — categories and consent config. */
import type { StatementStructures } from 'ts-morph';
import { StructureKind, VariableDeclarationKind } from 'ts-morph';
import type { JsonValueSchema } from '../schema/model';
import type { NormalizedSchema } from '../schema/types';
import { deleteSuffix, setSuffix } from './definition';
import { docText } from './docs';
import { compare } from './emit-server';
import { jsonSchemaType, jsonTypeName, propertyKey, quote } from './types';

export function emitSharedStatements(schema: NormalizedSchema): StatementStructures[] {
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
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: 'CategoryName',
      docs: [
        docText(
          `A cookie category of the policy:\n${schema.categories
            .map(
              (c) =>
                `- \`${c.name}\` — ${c.title[locale]}${c.required ? ' (required, always granted)' : ''}`,
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
        (c): StatementStructures => ({
          kind: StructureKind.TypeAlias,
          isExported: true,
          name: jsonTypeName(c),
          docs: [`The value of \`${c.name}\` (its JSON Schema in the schema file, as a type).`],
          type: jsonSchemaType((c.value as { schema: JsonValueSchema }).schema),
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
          initializer: (w) => {
            w.inlineBlock(() => {
              for (const line of guardEntries(schema, consentCookie.name)) w.writeLine(line);
            });
          },
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
          initializer: (w) => {
            w.inlineBlock(() => {
              for (const line of guardEntries(schema, consentCookie.name)) w.writeLine(line);
              w.writeLine(`hash: ${quote(schema.hash)},`);
              w.writeLine(`categories: [${categories.map(quote).join(', ')}],`);
              w.writeLine(`suffix: ${quote(setSuffix(consentCookie))},`);
              w.writeLine(`deleteSuffix: ${quote(deleteSuffix(consentCookie))},`);
            });
          },
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
          initializer: (w) => {
            w.inlineBlock(() => {
              for (const c of schema.categories) {
                w.writeLine(`${propertyKey(c.name)}: [${c.consentMode.map(quote).join(', ')}],`);
              }
            });
          },
        },
      ],
    },
  ];
}

/** The properties of `consentGuard`, repeated at the start of `consentConfig`. */
function guardEntries(schema: NormalizedSchema, cookie: string): string[] {
  const optOut = schema.categories.filter((c) => c.gpcOptOut).map((c) => quote(c.name));
  return [
    `cookie: ${quote(cookie)},`,
    `revision: ${schema.policy.revision},`,
    `maxAge: ${schema.policy.consentMaxAge},`,
    `required: ${quote(schema.requiredCategory)},`,
    `gpcOptOut: [${optOut.join(', ')}],`,
  ];
}
