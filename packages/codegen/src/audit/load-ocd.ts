/**
 * Finding and reading the Open Cookie Database for the audit command (file I/O; the lookup
 * itself is in `ocd.ts`). Order: `--ocd <file>`, `$COOKIE_SCHEMA_OCD`, then the copy that ships
 * inside this package (`data/open-cookie-database/open-cookie-database.csv`, see SOURCES.md
 * there), so the audit suggests declarations after a plain `npm install`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { indexOpenCookieDatabase, type OcdIndex, parseOpenCookieDatabase } from './ocd';

/** The loaded database, or why it is not available (the paths tried). */
export type LoadedOcd = { ok: true; index: OcdIndex; file: string } | { ok: false; reason: string };

/** The packaged copy, relative to the package root. */
const PACKAGED = join('data', 'open-cookie-database', 'open-cookie-database.csv');

/**
 * The packaged copy of the database: found from this module's location, which is
 * `src/audit/` when run from source and `dist/` once built, in the repository or installed.
 */
export function packagedOcd(from = dirname(fileURLToPath(import.meta.url))): string | undefined {
  let dir = from;
  for (let i = 0; i < 4; i++) {
    const file = join(dir, PACKAGED);
    if (existsSync(file)) return file;
    dir = dirname(dir);
  }
  return undefined;
}

/** Candidate files, in order, for the given explicit path and environment. */
export function ocdCandidates(explicit: string | undefined, env: NodeJS.ProcessEnv): string[] {
  if (explicit) return [explicit];
  if (env.COOKIE_SCHEMA_OCD) return [env.COOKIE_SCHEMA_OCD];
  const packaged = packagedOcd();
  return packaged ? [packaged] : [];
}

/** Reads the first candidate that exists; `.csv` files are parsed as CSV, others as JSON. */
export function loadOcd(
  explicit: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): LoadedOcd {
  const candidates = ocdCandidates(explicit, env);
  for (const file of candidates) {
    if (!existsSync(file)) continue;
    try {
      const entries = parseOpenCookieDatabase(
        readFileSync(file, 'utf8'),
        file.toLowerCase().endsWith('.csv') ? 'csv' : 'json',
      );
      return { ok: true, index: indexOpenCookieDatabase(entries), file };
    } catch (error) {
      return { ok: false, reason: `${file} cannot be read: ${(error as Error).message}` };
    }
  }
  return {
    ok: false,
    reason: candidates.length
      ? `not found at ${candidates.join(' or ')}`
      : `the copy that ships with @cookie-schema/codegen (${PACKAGED}) is missing; reinstall the package`,
  };
}
