import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cookie, repoRoot, schemaText } from '../../test/helpers';
import { loadExample, parseValid } from '../../test/policy-helpers';
import {
  csvField,
  exportOpenCookieDatabaseCsv,
  OPEN_COOKIE_DATABASE_COLUMNS,
} from './open-cookie-database-csv';

/** The database as it ships in the package (data/open-cookie-database/SOURCES.md). */
const ocdFile = join(
  repoRoot,
  'packages/codegen/data/open-cookie-database/open-cookie-database.csv',
);

/** A strict RFC 4180 reader: quoted fields, doubled quotes, CR/LF inside quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') {
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      if (field !== '') throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
    i++;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length) throw new Error('missing final newline');
  return rows;
}

describe('exportOpenCookieDatabaseCsv', () => {
  it('uses exactly the header of open-cookie-database.csv', () => {
    const header = readFileSync(ocdFile, 'utf8').split('\n')[0]!;
    expect(OPEN_COOKIE_DATABASE_COLUMNS.join(',')).toBe(header);
  });

  it('parses back to the declaration, in the database’s conventions', async () => {
    const schema = await loadExample('shop');
    const rows = parseCsv(exportOpenCookieDatabaseCsv(schema, { locale: 'en' }));
    expect(rows[0]).toEqual([...OPEN_COOKIE_DATABASE_COLUMNS]);
    const body = rows
      .slice(1)
      .map((r) => Object.fromEntries(OPEN_COOKIE_DATABASE_COLUMNS.map((c, i) => [c, r[i]])));
    expect(body).toHaveLength(schema.cookies.length);
    for (const r of rows) expect(r).toHaveLength(10);
    expect(body.find((r) => r['Cookie / Data Key name'] === '_ga_')).toMatchObject({
      Platform: 'Google Analytics',
      Category: 'Analytics',
      'Wildcard match': '1',
      'Data Controller': 'Google',
      'Retention period': '13 months',
    });
    expect(body.find((r) => r['Cookie / Data Key name'] === 'IDE')).toMatchObject({
      Domain: 'doubleclick.net (3rd party)',
      Category: 'Marketing',
      'Wildcard match': '0',
    });
    expect(body.find((r) => r['Cookie / Data Key name'] === '__Host-session')).toMatchObject({
      Category: 'Functional',
      Description: 'Keeps you signed in from one page to another.',
      'Retention period': '1 day',
    });
    expect(body.find((r) => r['Cookie / Data Key name'] === 'currency')!.Category).toBe(
      'Personalization',
    );
    for (const r of body)
      expect(r.ID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(body.map((r) => r.ID)).size).toBe(body.length);
  });

  it('quotes commas, quotes and line breaks so they survive the round trip', () => {
    const purpose = 'Says "hi", then\nleaves; a, b';
    const schema = parseValid(
      schemaText((d) => {
        d.cookies.q = cookie({ purpose, provider: 'A, B' });
      }),
    );
    const rows = parseCsv(exportOpenCookieDatabaseCsv(schema));
    const row = rows.find((r) => r[3] === 'q')!;
    expect(row[5]).toBe(purpose);
    expect(row[7]).toBe('A, B');
  });

  it('writes the texts of the chosen locale', async () => {
    const rows = parseCsv(
      exportOpenCookieDatabaseCsv(await loadExample('opendatasoft'), { locale: 'fr' }),
    );
    expect(rows[1]!.slice(1, 8)).toEqual([
      'Authentification (front office et back office)',
      'Functional',
      'sessionid',
      '',
      "Se souvenir de l'utilisateur d'une page à l'autre.",
      '2 semaines',
      'Opendatasoft',
    ]);
  });

  it('keeps IDs stable across revisions', async () => {
    const a = parseValid(schemaText());
    const b = parseValid(
      schemaText((d) => {
        d.policy.revision = 7;
      }),
    );
    expect(exportOpenCookieDatabaseCsv(a)).toBe(exportOpenCookieDatabaseCsv(b));
  });
});

describe('csvField', () => {
  const cases: [string, string][] = [
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "x"', '"say ""x"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r', '"cr\r"'],
    ['', ''],
  ];
  it.each(cases)('%j', (input, want) => expect(csvField(input)).toBe(want));
});
