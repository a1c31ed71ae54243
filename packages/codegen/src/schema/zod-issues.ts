/** Turns zod's issues into located diagnostics with messages a schema author understands. */
import type * as z from 'zod';
import { type Diagnostic, toPointer } from './diagnostics';
import type { LocatedJson } from './locate';
import { suggestion } from './names';

const ATTRIBUTE_KEYS = [
  'domain',
  'path',
  'secure',
  'httpOnly',
  'sameSite',
  'partitioned',
  'maxAge',
  'encoding',
];
const KEYS = {
  root: ['$schema', 'policy', 'consentCookie', 'categories', 'defaults', 'cookies'],
  policy: [
    'name',
    'revision',
    'locales',
    'consentMaxAge',
    'url',
    'contact',
    'introduction',
    'sections',
  ],
  policySection: ['title', 'body'],
  category: ['required', 'title', 'description', 'consentMode', 'gpcOptOut', 'consent'],
  defaults: ATTRIBUTE_KEYS,
  cookie: [
    'provider',
    'service',
    'category',
    'purpose',
    'value',
    'default',
    ...ATTRIBUTE_KEYS,
    'signed',
    'encrypted',
    'scope',
    'party',
    'accessor',
  ],
  value: ['type', 'minLength', 'maxLength', 'pattern', 'values', 'min', 'max', 'schema'],
  jsonSchema: [
    'type',
    'description',
    'properties',
    'required',
    'additionalProperties',
    'items',
    'minItems',
    'maxItems',
    'enum',
    'minLength',
    'maxLength',
    'pattern',
    'minimum',
    'maximum',
  ],
};

function keysFor(path: readonly PropertyKey[]): string[] {
  const [a, , c] = path;
  if (path.length === 0) return KEYS.root;
  if (a === 'policy' && path[1] === 'sections') return KEYS.policySection;
  if (a === 'policy') return KEYS.policy;
  if (a === 'defaults') return KEYS.defaults;
  if (a === 'categories') return KEYS.category;
  if (a === 'cookies' && path.length === 2) return KEYS.cookie;
  if (a === 'cookies' && c === 'value' && path.length === 3) return KEYS.value;
  return KEYS.jsonSchema;
}

const VALUE_TYPES = ['string', 'enum', 'integer', 'number', 'boolean', 'date', 'json', 'consent'];

const EXPECTED: Record<string, string> = {
  int: 'an integer',
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  record: 'an object',
};
function expectedText(expected: string): string {
  return EXPECTED[expected] ?? expected;
}

const LOCALIZED_KEYS = new Set([
  'service',
  'purpose',
  'title',
  'description',
  'introduction',
  'body',
]);
const DURATION_KEYS = new Set(['maxAge', 'consentMaxAge']);

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'number')
    return Number.isInteger(value) ? `the integer ${value}` : `the number ${value}`;
  return `${typeof value} ${String(value)}`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Object.hasOwn(node, segment)
      ? (node as Record<PropertyKey, unknown>)[segment]
      : undefined;
  }
  return node;
}

export function zodIssuesToDiagnostics(
  issues: readonly z.core.$ZodIssue[],
  file: string,
  json: LocatedJson,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (path: readonly PropertyKey[], code: string, message: string, key = false) => {
    const segments = path.map((s) => (typeof s === 'symbol' ? String(s) : s));
    const { line, column } = json.locate(segments, key);
    out.push({
      severity: 'error',
      code,
      file,
      line,
      column,
      pointer: toPointer(segments),
      message,
    });
  };

  for (const issue of issues) {
    const path = issue.path;
    const last = path[path.length - 1];
    const received = valueAt(json.value, path);
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          const keys = keysFor(path);
          const hint = suggestion(key, keys) || ` Expected one of: ${keys.join(', ')}.`;
          at([...path, key], 'unknown-key', `unknown key "${key}".${hint}`, true);
        }
        break;
      case 'invalid_type':
        if (received === undefined) {
          at(
            path,
            'missing-key',
            `missing required key "${String(last)}" (expected ${expectedText(issue.expected)}).`,
          );
        } else {
          at(
            path,
            'wrong-type',
            `expected ${expectedText(issue.expected)}, received ${describeValue(received)}.`,
          );
        }
        break;
      case 'invalid_union': {
        if (typeof last === 'string' && LOCALIZED_KEYS.has(last) && received === undefined) {
          at(
            path,
            'missing-key',
            `missing required key "${last}" (expected a non-empty string, or an object with one string per locale).`,
          );
        } else if (typeof last === 'string' && LOCALIZED_KEYS.has(last)) {
          at(
            path,
            'wrong-type',
            `expected a non-empty string or an object with one string per locale, received ${describeValue(received)}.`,
          );
        } else if (typeof last === 'string' && DURATION_KEYS.has(last)) {
          at(
            path,
            'bad-duration',
            `expected a duration such as "30m", "12h", "7d", "2w", "6mo", "1y", a whole number of seconds, or "session", received ${describeValue(received)}.`,
          );
        } else if ('note' in issue && issue.note === 'No matching discriminator') {
          const typePath = last === 'type' ? path : [...path, 'type'];
          const type = valueAt(json.value, typePath);
          at(
            typePath,
            'bad-value-type',
            `unknown value type ${describeValue(type)}.${typeof type === 'string' ? suggestion(type, VALUE_TYPES) : ''} Expected one of: ${VALUE_TYPES.join(', ')}.`,
          );
        } else {
          at(path, 'wrong-type', `${issue.message} (received ${describeValue(received)}).`);
        }
        break;
      }
      case 'invalid_value':
        at(
          path,
          'bad-enum',
          `expected ${issue.values.map((v) => JSON.stringify(v)).join(' | ')}, received ${describeValue(received)}.${typeof received === 'string' ? suggestion(received, issue.values.map(String)) : ''}`,
        );
        break;
      case 'too_small':
        if (issue.origin === 'string' && Number(issue.minimum) === 1) {
          at(path, 'empty', 'must not be empty.');
        } else if (issue.origin === 'array') {
          at(
            path,
            'too-small',
            `expected at least ${issue.minimum} item${Number(issue.minimum) === 1 ? '' : 's'}.`,
          );
        } else {
          at(
            path,
            'too-small',
            `expected ${issue.inclusive === false ? 'more than' : 'at least'} ${issue.minimum}, received ${describeValue(received)}.`,
          );
        }
        break;
      case 'invalid_format':
        if (typeof last === 'string' && DURATION_KEYS.has(last)) {
          at(path, 'bad-duration', `${issue.message}, received ${describeValue(received)}.`);
        } else {
          at(path, 'bad-format', `${issue.message}, received ${describeValue(received)}.`);
        }
        break;
      default:
        at(path, 'invalid', `${issue.message} (received ${describeValue(received)}).`);
    }
  }
  return out;
}
