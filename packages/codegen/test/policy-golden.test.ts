// Golden files: every format of `policy` and `export`, in every locale of both example schemas,
// compared byte for byte. They are stored with a `.golden` suffix so that the formatter and the
// linter leave them as generated. After an intended change, rewrite them and review the diff:
//   UPDATE_GOLDEN=1 pnpm exec vitest run packages/codegen/test/policy-golden.test.ts
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exporters } from '../src/export/index';
import { policyData } from '../src/policy/data';
import { renderPolicyHtml } from '../src/policy/render-html';
import { renderPolicyMarkdown } from '../src/policy/render-markdown';
import type { NormalizedSchema } from '../src/schema/types';
import { loadExample } from './policy-helpers';

const goldenDir = join(dirname(fileURLToPath(import.meta.url)), 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

interface Case {
  file: string;
  render: (schema: NormalizedSchema) => string;
}

function casesFor(name: string, locales: readonly string[]): Case[] {
  const cases: Case[] = [
    { file: `${name}.policy.json`, render: (s) => `${JSON.stringify(policyData(s), null, 2)}\n` },
  ];
  for (const locale of locales) {
    cases.push(
      { file: `${name}.${locale}.policy.md`, render: (s) => renderPolicyMarkdown(s, { locale }) },
      { file: `${name}.${locale}.policy.html`, render: (s) => renderPolicyHtml(s, { locale }) },
      ...Object.entries(exporters).map(([format, exporter]) => ({
        file: `${name}.${locale}.export-${format}.${exporter.extension}`,
        render: (s: NormalizedSchema) => exporter.render(s, { locale }),
      })),
    );
  }
  return cases;
}

const examples = { opendatasoft: ['en', 'fr'], shop: ['en', 'de'] } as const;
const allCases = Object.entries(examples).flatMap(([name, locales]) =>
  casesFor(name, locales).map((c) => ({ ...c, name })),
);

describe('golden files (UPDATE_GOLDEN=1 rewrites them)', () => {
  it('the examples declare the locales this test covers', async () => {
    for (const [name, locales] of Object.entries(examples)) {
      expect((await loadExample(name)).policy.locales).toEqual(locales);
    }
  });

  it.each(allCases.map((c) => [c.file, c] as const))(
    '%s',
    async (_file, { name, file, render }) => {
      const actual = render(await loadExample(name));
      const path = join(goldenDir, `${file}.golden`);
      if (update) {
        mkdirSync(goldenDir, { recursive: true });
        writeFileSync(path, actual);
        return;
      }
      if (!existsSync(path)) {
        throw new Error(
          `missing golden file ${file}: run UPDATE_GOLDEN=1 pnpm exec vitest run ${join('packages', 'codegen', 'test', 'policy-golden.test.ts')}`,
        );
      }
      expect(actual).toBe(readFileSync(path, 'utf8'));
    },
  );

  it.skipIf(update)('has no stale golden file', () => {
    const expected = new Set(allCases.map((c) => `${c.file}.golden`));
    const stale = readdirSync(goldenDir).filter((f) => !expected.has(f));
    expect(stale, 'delete these, or run with UPDATE_GOLDEN=1 after removing the directory').toEqual(
      [],
    );
  });
});
