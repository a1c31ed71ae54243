import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { type Command, paint, UsageError } from '../cli-io';
import { initSchemaText, untranslatedLocales } from '../init';

export const init: Command = {
  summary: 'write a starting schema (default: cookies.json)',
  usage: `Usage: cookie-schema init [file] [--name <site name>] [--locales en,fr] [--force]

Writes a starting schema with the usual categories (necessary, preferences, statistics,
marketing) and the consent cookie, ready to validate and generate. Default file: cookies.json.
With several locales every text has an entry per locale (written in English, French and German;
other languages start from the English text, to translate).

Options:
  --name <name>       the site or product name shown on the policy page
  --locales <list>    comma-separated locales; the first is the default (default: en)
  --force             overwrite an existing file
`,
  options: { name: { type: 'string' }, locales: { type: 'string' }, force: { type: 'boolean' } },
  async run([file = 'cookies.json', ...rest], values, io) {
    if (rest.length) throw new UsageError('init takes at most one file.');
    if (existsSync(file) && !values.force) {
      io.err(
        `${file} already exists. Pass --force to overwrite it, or choose another file name.\n`,
      );
      return 1;
    }
    const locales = String(values.locales ?? 'en')
      .split(',')
      .map((l) => l.trim())
      .filter(Boolean);
    await writeFile(file, initSchemaText({ name: String(values.name ?? 'My site'), locales }));
    io.out(
      `${paint(io, 'green', '✓')} wrote ${file}. Next: edit it, then \`cookie-schema validate ${file}\`.\n`,
    );
    const untranslated = locales.length > 1 ? untranslatedLocales(locales) : [];
    if (untranslated.length) {
      io.out(
        `${paint(io, 'yellow', 'note:')} the ${untranslated.map((l) => `"${l}"`).join(', ')} entries are in English: translate them.\n`,
      );
    }
    return 0;
  },
};
