/** Rules of a cookie's value type, and whether a default fits it. */
import { compileJsonValidator, type JsonSchema } from '@cookie-schema/runtime';
import type { ValueTypeInput } from '../model';
import type { NormalizedValueType } from '../types';
import type { Path, Reporter } from './reporter';

export function normalizeValue(
  value: ValueTypeInput | undefined,
  isConsentCookie: boolean,
  path: Path,
  r: Reporter,
): NormalizedValueType {
  if (value === undefined) return isConsentCookie ? { type: 'consent' } : { type: 'string' };
  if (isConsentCookie && value.type !== 'consent') {
    r.error(
      'consent-cookie-type',
      [...path, 'type'],
      `the consent cookie stores the consent record: its value type must be "consent", not "${value.type}". Use "value": { "type": "consent" } or omit "value".`,
    );
  }
  switch (value.type) {
    case 'consent':
      if (!isConsentCookie)
        r.error(
          'consent-type',
          [...path, 'type'],
          `only the cookie named by "consentCookie" can have the value type "consent". Use "json" for other structured values.`,
        );
      return value;
    case 'string':
      checkStringType(value, path, r);
      break;
    case 'enum': {
      const seen = new Set<string>();
      value.values.forEach((v, i) => {
        if (seen.has(v))
          r.error('duplicate-enum', [...path, 'values', i], `"${v}" is listed twice.`);
        if (v === '') r.error('empty', [...path, 'values', i], 'an enum value must not be empty.');
        seen.add(v);
      });
      break;
    }
    case 'integer':
    case 'number':
      if (value.min !== undefined && value.max !== undefined && value.min > value.max) {
        r.error(
          'bad-range',
          [...path, 'min'],
          `min ${value.min} is greater than max ${value.max}.`,
        );
      }
      break;
    default:
      break;
  }
  return value as NormalizedValueType;
}

function checkStringType(
  value: Extract<ValueTypeInput, { type: 'string' }>,
  path: Path,
  r: Reporter,
): void {
  if (
    value.minLength !== undefined &&
    value.maxLength !== undefined &&
    value.minLength > value.maxLength
  ) {
    r.error(
      'bad-range',
      [...path, 'minLength'],
      `minLength ${value.minLength} is greater than maxLength ${value.maxLength}.`,
    );
  }
  if (value.pattern !== undefined) {
    try {
      new RegExp(value.pattern, 'u');
    } catch (e) {
      r.error(
        'bad-pattern',
        [...path, 'pattern'],
        `pattern is not a valid regular expression: ${(e as Error).message}.`,
      );
    }
  }
}

/** Why a default does not fit its value type, or `undefined`. */
export function checkDefault(value: NormalizedValueType, input: unknown): string | undefined {
  switch (value.type) {
    case 'string':
      if (typeof input !== 'string') return 'expected a string';
      if (value.minLength !== undefined && input.length < value.minLength)
        return `shorter than minLength ${value.minLength}`;
      if (value.maxLength !== undefined && input.length > value.maxLength)
        return `longer than maxLength ${value.maxLength}`;
      if (value.pattern !== undefined && !safeTest(value.pattern, input))
        return `does not match the pattern ${value.pattern}`;
      return undefined;
    case 'enum':
      return typeof input === 'string' && value.values.includes(input)
        ? undefined
        : `expected one of ${value.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'integer':
    case 'number':
      if (typeof input !== 'number' || !Number.isFinite(input)) return `expected a finite number`;
      if (value.type === 'integer' && !Number.isInteger(input)) return 'expected an integer';
      if (value.min !== undefined && input < value.min) return `less than min ${value.min}`;
      if (value.max !== undefined && input > value.max) return `greater than max ${value.max}`;
      return undefined;
    case 'boolean':
      return typeof input === 'boolean' ? undefined : 'expected true or false';
    case 'date':
      return typeof input === 'string' &&
        /^\d{4}-\d{2}-\d{2}/.test(input) &&
        !Number.isNaN(Date.parse(input))
        ? undefined
        : 'expected an ISO 8601 date string such as "2026-01-31T00:00:00Z"';
    case 'json':
      // The very validator the generated code runs on every read and write.
      try {
        return compileJsonValidator(value.schema as JsonSchema)(input);
      } catch (error) {
        return (error as Error).message;
      }
    case 'consent':
      return 'the consent cookie has no default';
  }
}

function safeTest(pattern: string, input: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(input);
  } catch {
    return false;
  }
}
