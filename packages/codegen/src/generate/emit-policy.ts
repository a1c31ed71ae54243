/** `src/policy.ts`: the whole declaration as typed, frozen data for banners and policy pages. */
import { type StatementStructures, StructureKind, VariableDeclarationKind } from 'ts-morph';
import { policyData } from '../policy/data';
import type { NormalizedSchema } from '../schema/types';
import { docText } from './docs';

export function emitPolicyStatements(schema: NormalizedSchema): StatementStructures[] {
  const data = policyData(schema);
  return [
    {
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      declarations: [{ name: 'data', initializer: `${JSON.stringify(data, null, 2)} as const` }],
    },
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: 'Policy',
      docs: ['The type of {@link policy}: every literal of the declaration.'],
      type: 'typeof data',
    },
    {
      kind: StructureKind.Function,
      name: 'freeze',
      typeParameters: ['T'],
      parameters: [{ name: 'value', type: 'T' }],
      returnType: 'T',
      statements: [
        "if (value !== null && typeof value === 'object') {",
        '  for (const key of Object.keys(value)) freeze((value as Record<string, unknown>)[key]);',
        '  Object.freeze(value);',
        '}',
        'return value;',
      ],
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [
        docText(
          `The cookie policy of ${schema.policy.name} (revision ${schema.policy.revision}) as frozen data: categories and cookies with every attribute, human-readable durations and text in ${schema.policy.locales.join(', ')}. Render a banner or a policy page from it.`,
        ),
      ],
      declarations: [{ name: 'policy', type: 'Policy', initializer: '/*#__PURE__*/ freeze(data)' }],
    },
  ];
}
