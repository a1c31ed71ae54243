/** `src/client.ts`: one export per client-visible cookie, and `consent`. */
import type { NormalizedCookie, NormalizedSchema } from '../schema/types';
import { checkStatements, sharedCheckNames } from './checks';
import { definitionLiteral, deletionConstants } from './definition';
import { cookieDoc, docText } from './docs';
import { accessorType, compare, purgeLiteral, sharedImports, valuesInterface } from './emit-server';
import {
  type ArrayExpression,
  arrayLiteral,
  type CallExpression,
  type ObjectExpression,
  objectLiteral,
  pureCall,
} from './expression';
import { type Statement, StructureKind, VariableDeclarationKind } from './structures';
import { propertyKey, quote } from './types';

const RT = '$runtime';

/** First-party cookies page scripts can read: not HttpOnly, signed, encrypted or server-scoped. */
export function clientCookies(schema: NormalizedSchema): NormalizedCookie[] {
  return schema.cookies
    .filter(
      (c) =>
        c.party === 'first' && c.scope !== 'server' && !c.httpOnly && !c.signed && !c.encrypted,
    )
    .sort((a, b) => compare(a.accessor!, b.accessor!));
}

/**
 * The cookie firewall's rules: each cookie page scripts may write, by name (a family as
 * `prefix*`), with `[category, declared lifetime in seconds]` (0: a session cookie); and the
 * consent guard. Server-only cookies are not in it (nor anywhere in the client module).
 * The guard is `consentConfig` (a superset of `consentGuard`): a page that installs the firewall
 * has `consent` (its banner's), so it is already in the bundle (SPEC §6: the firewall's budget is
 * what it adds to a page that has `consent`; `consentGuard` would add ~60 B gzip).
 */
function firewallRules(cookies: NormalizedCookie[]): ObjectExpression {
  const entries = [...cookies]
    .sort((a, b) => compare(a.name, b.name))
    .map((c): [string, ArrayExpression] => [
      propertyKey(c.name),
      arrayLiteral([quote(c.category), String(c.maxAge ?? 0)]),
    ]);
  return objectLiteral(
    [
      ['cookies', objectLiteral(entries, true)],
      ['consent', 'consentConfig'],
    ],
    true,
  );
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

/** `production`: the statements of `dist/production/client.js` (checks return codes). */
export function emitClientStatements(schema: NormalizedSchema, production = false): Statement[] {
  const cookies = clientCookies(schema);
  return [
    {
      kind: StructureKind.ImportDeclaration,
      namespaceImport: RT,
      moduleSpecifier: '@cookie-schema/runtime/browser',
    },
    ...sharedImports(cookies, [
      'consentConfig',
      'consentGuard',
      'consentMode',
      ...deletionConstants(schema).values(),
      ...sharedCheckNames(schema, cookies),
    ]),
    {
      kind: StructureKind.ExportDeclaration,
      isTypeOnly: true,
      namedExports: [
        'ClientCookieOptions',
        'ConsentRecord',
        'ConsentState',
        'CookieFirewall',
        'FirewallOptions',
        'FirewallReport',
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
    ...checkStatements(schema, 'client', production),
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
    {
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      docs: [
        'What the cookie firewall checks writes against: each cookie page scripts may write (a family as `prefix*`), with its category and declared lifetime in seconds (0: a session cookie).',
      ],
      declarations: [
        {
          name: 'firewallRules',
          type: `${RT}.FirewallRules<CategoryName>`,
          initializer: firewallRules(cookies),
        },
      ],
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [
        docText(
          [
            `Checks every cookie write on the page against the schema of ${schema.policy.name}, from this call on: through \`document.cookie\` or \`cookieStore.set\`, by the app's code or any other script.`,
            '',
            '- A write of a cookie page scripts may not write (undeclared, or only the server writes it), or of one whose category is not granted, is dropped (`mode: "enforce"`, the default) or only reported (`mode: "report"`); `onBlocked` receives `{ name, reason, source, category }` for each.',
            '- Deletions always pass, and so do the writes of the accessors above and of `consent`.',
            '- `clampLifetime: true` shortens a lifetime longer than the declared one.',
            '',
            'Install it first, before other scripts: it does not undo earlier writes. Returns `{ uninstall() }`; a second call while installed returns the same object; without `document` (server rendering) it does nothing.',
            '',
            '@example',
            "installCookieFirewall({ onBlocked: (report) => console.warn('cookie blocked', report) });",
          ].join('\n'),
        ),
      ],
      declarations: [
        {
          name: 'installCookieFirewall',
          type: `(options?: ${RT}.FirewallOptions<CategoryName>) => ${RT}.CookieFirewall`,
          initializer: `(options) => ${RT}.installCookieFirewall(firewallRules, options)`,
        },
      ],
    },
  ];
}
