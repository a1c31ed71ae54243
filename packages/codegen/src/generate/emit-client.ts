/** `src/client.ts`: one export per client-visible cookie, and `consent`. */
import type { NormalizedCookie, NormalizedSchema } from '../schema/types';
import { definitionLiteral } from './definition';
import { cookieDoc, docText } from './docs';
import { accessorType, compare, purgeLiteral, sharedImports, valuesInterface } from './emit-server';
import { type CallExpression, pureCall } from './expression';
import { type Statement, StructureKind, VariableDeclarationKind } from './structures';

const RT = '$runtime';

/** First-party cookies page scripts can read: not HttpOnly, not signed, not server-scoped. */
export function clientCookies(schema: NormalizedSchema): NormalizedCookie[] {
  return schema.cookies
    .filter((c) => c.party === 'first' && c.scope !== 'server' && !c.httpOnly && !c.signed)
    .sort((a, b) => compare(a.accessor!, b.accessor!));
}

function factory(cookie: NormalizedCookie, schema: NormalizedSchema): CallExpression {
  const definition = definitionLiteral(cookie, schema, RT, 'client');
  const guarded = cookie.category !== schema.requiredCategory;
  if (cookie.family) {
    return pureCall(
      `${RT}.clientCookieFamily`,
      guarded ? [definition, 'consentGuard'] : [definition],
    );
  }
  return guarded
    ? pureCall(`${RT}.guardedClientCookie`, [definition, 'consentGuard'])
    : pureCall(`${RT}.clientCookie`, [definition]);
}

export function emitClientStatements(schema: NormalizedSchema): Statement[] {
  const cookies = clientCookies(schema);
  return [
    {
      kind: StructureKind.ImportDeclaration,
      namespaceImport: RT,
      moduleSpecifier: '@cookie-schema/runtime/browser',
    },
    ...sharedImports(cookies, ['consentConfig', 'consentGuard', 'consentMode']),
    {
      kind: StructureKind.ExportDeclaration,
      isTypeOnly: true,
      namedExports: [
        'ClientCookieOptions',
        'ConsentRecord',
        'ConsentState',
        'Inspection',
        'SetOptions',
      ],
      moduleSpecifier: '@cookie-schema/runtime/browser',
    },
    {
      // This deployment's domain for the cookies that declare one: configureCookies({ domain }).
      kind: StructureKind.ExportDeclaration,
      namedExports: ['configureCookies'],
      moduleSpecifier: '@cookie-schema/runtime/browser',
    },
    valuesInterface(
      cookies,
      'The value type of each cookie page scripts read and write, by cookie name. HttpOnly, signed and server-only cookies are not here.',
    ),
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: 'CookieName',
      docs: [
        'A declared cookie page scripts can use. Undeclared and server-only names do not compile.',
      ],
      type: 'keyof CookieValues & string',
    },
    ...cookies.map(
      (c): Statement => ({
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        docs: [cookieDoc(c, schema)],
        declarations: [
          { name: c.accessor!, type: accessorType(c, 'Client'), initializer: factory(c, schema) },
        ],
      }),
    ),
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [
        docText(
          `The visitor's consent, stored in \`${schema.consentCookie}\`. \`grant\`/\`revoke\` store the choice; \`revoke\` deletes the revoked categories' cookies. \`whenGranted\` runs code once a category is granted; \`activateScripts()\` turns on \`<script type="text/plain" data-cookie-category="…">\` elements.`,
        ),
      ],
      declarations: [
        {
          name: 'consent',
          type: `${RT}.ClientConsent<CategoryName>`,
          initializer: pureCall(`${RT}.createClientConsent`, [
            'consentConfig',
            'consentMode',
            purgeLiteral(cookies, schema),
          ]),
        },
      ],
    },
  ];
}
