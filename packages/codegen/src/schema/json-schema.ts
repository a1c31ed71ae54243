/** `schemas/cookie-schema.json`: the JSON Schema of the format, derived from the zod model. */
import * as z from 'zod';
import { CookieSchemaFile } from './model';

/** The JSON Schema (draft 2020-12) of a schema file, as editors use it for completion. */
export function cookieSchemaJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(CookieSchemaFile, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return {
    $schema: generated.$schema,
    $id: 'https://cookie-schema.dev/schemas/cookie-schema.json',
    ...generated,
  };
}

/** The file's text: stable key order, two-space indentation, trailing newline. */
export function cookieSchemaJsonSchemaText(): string {
  return `${JSON.stringify(cookieSchemaJsonSchema(), null, 2)}\n`;
}
