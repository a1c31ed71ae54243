import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../test/helpers';
import { cookieSchemaJsonSchema, cookieSchemaJsonSchemaText } from './json-schema';

describe('schemas/cookie-schema.json', () => {
  it.each(['schemas/cookie-schema.json', 'packages/codegen/cookie-schema.json'])(
    '%s is in sync with the zod model (run `pnpm exec tsx scripts/sync-json-schema.ts`)',
    (file) => {
      expect(readFileSync(join(repoRoot, file), 'utf8')).toBe(cookieSchemaJsonSchemaText());
    },
  );

  it('describes the contract keys and forbids unknown ones', () => {
    const schema = cookieSchemaJsonSchema() as {
      required: string[];
      additionalProperties: boolean;
      properties: Record<
        string,
        { additionalProperties?: { properties?: Record<string, unknown> } }
      >;
    };
    expect(schema.required).toEqual(['policy', 'consentCookie', 'categories', 'cookies']);
    expect(schema.additionalProperties).toBe(false);
    const cookieProps = Object.keys(schema.properties.cookies!.additionalProperties!.properties!);
    for (const key of [
      'provider',
      'service',
      'category',
      'purpose',
      'value',
      'httpOnly',
      'maxAge',
      'signed',
      'encrypted',
      'scope',
      'party',
      'accessor',
      'default',
      'partitioned',
      'encoding',
    ]) {
      expect(cookieProps).toContain(key);
    }
  });
});
