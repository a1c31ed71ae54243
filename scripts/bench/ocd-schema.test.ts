// The benchmark's Open Cookie Database schemas: the derived 2,000-cookie schema is valid for our
// validator (token names, unique case-insensitively, no accessor collisions, no warnings) and the
// generator turns it into a package with one accessor per first-party cookie.
import { describe, expect, it } from 'vitest';
import { emitPackage } from '../../packages/codegen/src/generate/index';
import { parseSchema } from '../../packages/codegen/src/schema/load';
import { cleanName, deriveOcdSchema, durationOf, readOcd } from './ocd-schema.mjs';

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

describe('deriveOcdSchema', () => {
  const entries = readOcd();
  const schema = deriveOcdSchema(2000, entries);
  const names = Object.keys(schema.cookies);

  it('derives 2,000 cookies with token names, unique case-insensitively', () => {
    expect(names).toHaveLength(2000);
    for (const name of names) expect(name.replace(/\*$/, '')).toMatch(TOKEN);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(2000);
    // Wildcard entries of the database become families; "(3rd party)" ones third-party.
    expect(names.filter((n) => n.endsWith('*')).length).toBeGreaterThan(100);
    expect(Object.values(schema.cookies).filter((c) => c.party === 'third').length).toBeGreaterThan(
      100,
    );
  });

  it('is a prefix of the larger schemas: the first N entries, in the database order', () => {
    const small = Object.keys(deriveOcdSchema(20, entries).cookies);
    for (const name of small) expect(schema.cookies[name]).toBeDefined();
  });

  it.each([
    ['pagead/conv/%INTEGER%', 'pagead_conv_%INTEGER%'],
    ['barometric[cuid]', 'barometric_cuid'],
    ['ce_need_secure_cookie\t', 'ce_need_secure_cookie'],
    ['Site History', 'Site_History'],
    ['_ga_', '_ga_'],
  ])('cleans %j to the token %j', (raw, want) => {
    expect(cleanName(raw)).toBe(want);
  });

  it.each([
    ['2 years', true, '13mo'],
    ['2 years', false, '400d'],
    ['Session', true, 'session'],
    ['End of session (browser)', true, 'session'],
    ['30 minutes', true, '30m'],
    ['Unknown', false, '1y'],
  ])('maps the retention %j (consent %s) to %j', (retention, consent, want) => {
    expect(durationOf(retention, consent)).toBe(want);
  });

  it('validates without errors or warnings and generates a package', () => {
    const result = parseSchema(JSON.stringify(schema), 'ocd-2000.cookies.json');
    expect(result.diagnostics.map((d) => `${d.pointer}: ${d.message}`)).toEqual([]);
    if (!result.ok) throw new Error('invalid');
    const files = emitPackage(result.schema, { name: '@bench/ocd-2000', command: 'test' });
    const server = files.get('dist/server.d.ts') ?? '';
    const accessors = result.schema.cookies.filter(
      (c) => c.party === 'first' && c.scope !== 'client',
    );
    expect(server.match(/^ {4}readonly \w+: \$runtime\.Server/gm)).toHaveLength(accessors.length);
    expect(files.get('dist/policy.d.ts')).toContain(
      `readonly name: ${JSON.stringify(names[1999])};`,
    );
  }, 60_000);
});
