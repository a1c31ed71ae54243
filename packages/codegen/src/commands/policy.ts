import { type Command, paint, UsageError } from '../cli-io';
import { chooseLocale, DEFAULT_SCHEMA, emit, loadValidSchema } from '../cli-schema';
import { policyData } from '../policy/data';
import { hasBuiltInMessages } from '../policy/messages';
import { renderPolicyHtml } from '../policy/render-html';
import { renderPolicyMarkdown } from '../policy/render-markdown';

const FORMATS = ['md', 'html', 'json'] as const;

export const policy: Command = {
  summary: 'render the cookie policy page (Markdown, HTML or JSON) in one locale',
  usage: `Usage: cookie-schema policy [schema.json] [--format md|html|json] [--locale xx] [--out file]

Renders the cookie policy page: an introduction (what cookies are, the categories used, how to
change one's choice), then one table per category with Provider, Service and location, Cookie
name, Purpose and Duration.

Options:
  --format <f>    md (default): Markdown for a docs site or a repository
                  html: a standalone, accessible page (inline CSS, no scripts) that reads well on
                        a phone and prints cleanly to PDF
                  json: the policy data (every locale, every attribute) for your own UI
  --locale <xx>   one of the schema's locales (default: its first); md and html only, as JSON
                  carries every locale
  --out <file>    write to this file (atomically) instead of stdout

Exit 1 when the schema is invalid; 2 for a bad option or a locale the schema does not declare.
`,
  options: {
    format: { type: 'string', short: 'f' },
    locale: { type: 'string', short: 'l' },
    out: { type: 'string', short: 'o' },
  },
  async run([file = DEFAULT_SCHEMA, ...rest], values, io) {
    if (rest.length)
      throw new UsageError('policy takes at most one schema file (default: cookies.json).');
    const format = String(values.format ?? 'md');
    if (!(FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`unknown format "${format}"; expected one of: ${FORMATS.join(', ')}.`);
    }
    const schema = await loadValidSchema(file, io);
    if (!schema) return 1;
    const locale = chooseLocale(schema, values.locale);
    if (format !== 'json' && !hasBuiltInMessages(locale)) {
      io.err(
        `${paint(io, 'yellow', 'note:')} no built-in page text for "${locale}": headings and the standard introduction are in English; the schema's own texts are in ${locale}.\n`,
      );
    }
    const text =
      format === 'json'
        ? `${JSON.stringify(policyData(schema), null, 2)}\n`
        : format === 'html'
          ? renderPolicyHtml(schema, { locale })
          : renderPolicyMarkdown(schema, { locale });
    return emit(io, text, values.out, format === 'json' ? 'json' : `${format}, ${locale}`);
  },
};
