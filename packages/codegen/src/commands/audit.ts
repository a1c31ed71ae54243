import { readFile } from 'node:fs/promises';
import { auditTraffic } from '../audit/audit';
import { observeCookieHeader, observeHar, observeSetCookieLines } from '../audit/inputs';
import { loadOcd } from '../audit/load-ocd';
import type { AuditFinding, CookieObservation } from '../audit/types';
import { type Command, type Io, paint, plural, printDiagnostics, UsageError } from '../cli-io';
import { loadSchema } from '../schema/load';

export const audit: Command = {
  summary: 'compare cookies seen in real traffic (HAR, Cookie, Set-Cookie) with the schema',
  usage: `Usage: cookie-schema audit <schema.json> (--har <file> | --cookie-header <str> | --set-cookie <file>)
                           [--ocd <file>] [--json]

Compares the cookies observed in traffic with the schema and reports:
  error    undeclared-cookie     not in the schema; with a declaration suggested by the Open
                                 Cookie Database when it knows the name
  warning  ambiguous-ocd-name    the database's entry may be another cookie with the same name
  error    missing-secure, missing-httponly, missing-partitioned, longer-lifetime,
           wrong-samesite, wrong-path, wrong-domain     a Set-Cookie that breaks its declaration
  error    no-consent            a cookie of a category the consent cookie (in the same
                                 request/response) does not grant
Each finding is reported once, where it was first seen. Exit 1 when there are errors.

Inputs (exactly one):
  --har <file>            an HTTP Archive: every request's Cookie and response's Set-Cookie
  --cookie-header <str>   a raw Cookie header: "a=1; b=2"
  --set-cookie <file>     one Set-Cookie header per line (one response)

Options:
  --ocd <file>   the Open Cookie Database (.json or .csv). Default: $COOKIE_SCHEMA_OCD, else
                 the copy that ships with this package
  --json         print { findings, cookies, summary } as JSON on stdout
`,
  options: {
    har: { type: 'string' },
    'cookie-header': { type: 'string' },
    'set-cookie': { type: 'string' },
    ocd: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run([schemaFile, ...rest], values, io) {
    if (!schemaFile || rest.length) throw new UsageError('audit takes exactly one schema file.');
    const inputs = (['har', 'cookie-header', 'set-cookie'] as const).filter(
      (k) => typeof values[k] === 'string',
    );
    if (inputs.length !== 1) {
      throw new UsageError('audit needs exactly one of --har, --cookie-header or --set-cookie.');
    }
    const loaded = await loadSchema(schemaFile);
    if (!loaded.ok) {
      printDiagnostics(loaded.diagnostics, io);
      io.err(`${paint(io, 'red', '✗')} ${schemaFile} is not a valid schema; fix it first.\n`);
      return 1;
    }
    const observed = await readObservations(values, io);
    if (!observed) return 1;
    const ocd = loadOcd(typeof values.ocd === 'string' ? values.ocd : undefined);
    const result = auditTraffic(loaded.schema, observed, {
      ocd: ocd.ok ? ocd.index : null,
      ...(ocd.ok ? {} : { ocdUnavailableReason: ocd.reason }),
    });
    const errors = result.findings.filter((f) => f.severity === 'error').length;
    const warnings = result.findings.length - errors;
    if (values.json) {
      const summary = {
        observations: result.observations,
        cookies: result.cookies.length,
        errors,
        warnings,
      };
      io.out(
        `${JSON.stringify({ findings: result.findings, cookies: result.cookies, summary }, null, 2)}\n`,
      );
      return errors ? 1 : 0;
    }
    for (const finding of result.findings) io.out(formatFinding(finding, io));
    const seen = `${plural(result.cookies.length, 'cookie')} in ${plural(result.observations, 'observation')}`;
    const problems = [errors && plural(errors, 'error'), warnings && plural(warnings, 'warning')]
      .filter(Boolean)
      .join(', ');
    io.err(
      errors
        ? `${paint(io, 'red', '✗')} audited ${seen}: ${problems}\n`
        : `${paint(io, 'green', '✓')} audited ${seen}: the traffic matches ${schemaFile}${warnings ? ` (${problems})` : ''}\n`,
    );
    return errors ? 1 : 0;
  },
};

async function readObservations(
  values: Record<string, unknown>,
  io: Io,
): Promise<CookieObservation[] | undefined> {
  if (typeof values['cookie-header'] === 'string') {
    return observeCookieHeader(values['cookie-header'].replace(/^\s*cookie\s*:/i, ''));
  }
  const file = (values.har ?? values['set-cookie']) as string;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    io.err(`${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? error}).\n`);
    return undefined;
  }
  if (typeof values['set-cookie'] === 'string') return observeSetCookieLines(text, file);
  let har: unknown;
  try {
    har = JSON.parse(text);
  } catch (error) {
    io.err(`${file}: not JSON, so not a HAR file (${(error as Error).message}).\n`);
    return undefined;
  }
  const { observations, problems } = observeHar(har, file);
  for (const problem of problems) io.err(`${problem}\n`);
  if (problems.length && observations.length === 0) return undefined;
  return observations;
}

function formatFinding(f: AuditFinding, io: Io): string {
  const label = f.severity === 'error' ? paint(io, 'red', 'error') : paint(io, 'yellow', 'warning');
  const times = f.occurrences > 1 ? ` (seen ${f.occurrences} times)` : '';
  let text = `${f.where}: ${f.message}${times} ${paint(io, 'dim', `(${label} ${f.code})`)}\n`;
  if (f.suggestion) {
    const indented = f.suggestion.json.replace(/^/gm, '    ');
    text += `  suggested declaration (paste into "cookies"):\n${indented}\n`;
    for (const note of f.suggestion.notes) text += `  note: ${note}\n`;
  }
  return text;
}
