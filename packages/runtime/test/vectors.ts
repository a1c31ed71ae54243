// Test-only helper: loads the conformance vectors in ./vectors (sources, commits and licences in
// vectors/SOURCES.md) and revives their markers ({"$undefined"}, {"$date"}, …).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const vectorsDir = join(dirname(fileURLToPath(import.meta.url)), 'vectors');

/** Reads `vectors/<file>` as JSON. */
export function loadVectors<T = unknown>(file: string): T {
  return JSON.parse(readFileSync(join(vectorsDir, file), 'utf8')) as T;
}

/** Replaces the vector files' markers with the JS values they stand for. */
export function revive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revive);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if ('$undefined' in record) return undefined;
  if ('$date' in record) {
    return record.$date === 'Invalid Date' ? new Date(Number.NaN) : new Date(String(record.$date));
  }
  if ('$date_relative_now_ms' in record)
    return new Date(Date.now() + Number(record.$date_relative_now_ms));
  if ('$number' in record) return Number(record.$number);
  if ('$bytes' in record) return new Uint8Array(record.$bytes as number[]);
  if ('$hex' in record) {
    const hex = String(record.$hex);
    return new Uint8Array(hex.match(/../g)!.map((byte) => Number.parseInt(byte, 16)));
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record)) out[key] = revive(record[key]);
  return out;
}

/** True when a (raw, un-revived) vector uses a custom function, which our API does not take. */
export function usesCustomFunction(value: unknown): boolean {
  return JSON.stringify(value).includes('"$fn_source"');
}
