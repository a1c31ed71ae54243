/** Checks a JSON value against the JSON Schema subset of `"type": "json"` (for defaults). */
import type { JsonValueSchema } from './model';

/** Why `value` does not match `schema` (with the path inside the value), or `undefined`. */
export function checkJsonValue(
  schema: JsonValueSchema,
  value: unknown,
  at = '',
): string | undefined {
  const where = at === '' ? '' : ` at ${at}`;
  if (schema.enum && !schema.enum.some((e) => e === value)) {
    return `expected one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}${where}`;
  }
  switch (schema.type) {
    case undefined:
      return undefined;
    case 'null':
      return value === null ? undefined : `expected null${where}`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `expected a boolean${where}`;
    case 'string':
      if (typeof value !== 'string') return `expected a string${where}`;
      if (schema.minLength !== undefined && value.length < schema.minLength)
        return `shorter than ${schema.minLength}${where}`;
      if (schema.maxLength !== undefined && value.length > schema.maxLength)
        return `longer than ${schema.maxLength}${where}`;
      if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value))
        return `does not match ${schema.pattern}${where}`;
      return undefined;
    case 'number':
    case 'integer':
      if (typeof value !== 'number' || !Number.isFinite(value)) return `expected a number${where}`;
      if (schema.type === 'integer' && !Number.isInteger(value))
        return `expected an integer${where}`;
      if (schema.minimum !== undefined && value < schema.minimum)
        return `less than ${schema.minimum}${where}`;
      if (schema.maximum !== undefined && value > schema.maximum)
        return `greater than ${schema.maximum}${where}`;
      return undefined;
    case 'array': {
      if (!Array.isArray(value)) return `expected an array${where}`;
      if (schema.minItems !== undefined && value.length < schema.minItems)
        return `fewer than ${schema.minItems} items${where}`;
      if (schema.maxItems !== undefined && value.length > schema.maxItems)
        return `more than ${schema.maxItems} items${where}`;
      if (schema.items) {
        for (let i = 0; i < value.length; i++) {
          const problem = checkJsonValue(schema.items, value[i], `${at}/${i}`);
          if (problem) return problem;
        }
      }
      return undefined;
    }
    case 'object': {
      if (value === null || typeof value !== 'object' || Array.isArray(value))
        return `expected an object${where}`;
      const record = value as Record<string, unknown>;
      for (const key of schema.required ?? []) {
        if (!Object.hasOwn(record, key)) return `missing required property "${key}"${where}`;
      }
      for (const key of Object.keys(record)) {
        const property = schema.properties?.[key];
        if (property) {
          const problem = checkJsonValue(property, record[key], `${at}/${key}`);
          if (problem) return problem;
        } else if (schema.additionalProperties === false) {
          return `unexpected property "${key}"${where}`;
        }
      }
      return undefined;
    }
  }
}
