import { watch } from 'node:fs';
import { basename, resolve } from 'node:path';
import { type Command, type Io, paint, plural, printDiagnostics, UsageError } from '../cli-io';
import { DEFAULT_SCHEMA } from '../cli-schema';
import {
  DEFAULT_OUT,
  defaultPackageName,
  type GenerateTarget,
  generateFiles,
  regenerateCommand,
} from '../generate/run';
import { checkPackage, writePackage } from '../generate/write';

async function runOnce(t: GenerateTarget, check: boolean, io: Io): Promise<number> {
  const generated = await generateFiles(t);
  printDiagnostics(generated.diagnostics, io);
  if (!generated.ok) {
    io.err(`${paint(io, 'red', '✗')} ${t.schema} is invalid; nothing was written.\n`);
    return 1;
  }
  const { files } = generated;
  if (check) {
    const stale = await checkPackage(t.out, files);
    if (stale.length) {
      io.err(
        `${paint(io, 'red', '✗')} ${t.out} is stale (${plural(stale.length, 'file')} differ from what ${t.schema} generates):\n${stale.map((s) => `  ${t.out}/${s}`).join('\n')}\nRun: ${regenerateCommand(t)}\n`,
      );
      return 1;
    }
    io.out(`${paint(io, 'green', '✓')} ${t.out} is up to date with ${t.schema}\n`);
    return 0;
  }
  let result: Awaited<ReturnType<typeof writePackage>>;
  try {
    result = await writePackage(t.out, files);
  } catch (error) {
    io.err(`${paint(io, 'red', '✗')} ${(error as Error).message}\n`);
    return 1;
  }
  io.out(
    `${paint(io, 'green', '✓')} generated ${t.name} in ${t.out} (${plural(result.written.length, 'file')} written, ${result.unchanged.length} unchanged${result.removed.length ? `, ${result.removed.length} removed` : ''})\n`,
  );
  return 0;
}

export const generate: Command = {
  summary: 'generate the typed package (server, client, policy) from a schema',
  usage: `Usage: cookie-schema generate [schema.json] [--out <dir>] [--name <package>] [--check] [--watch]

Writes a package from the schema (default: cookies.json) with typed accessors for the server (./server) and the browser (./client),
consent guards and the policy as data (./policy): readable src/*.ts, plus dist/*.js and
dist/*.d.ts so it needs no build step. Nothing is written when the schema is invalid, and a
failed run leaves the previous package intact.

Options:
  --out <dir>         output directory (default: ./cookies)
  --name <package>    package name (default: from the schema file's name: cookies.json →
                      cookies, site.cookies.json → site-cookies, acme.json → acme-cookies)
  --runtime <range>   version range of @cookie-schema/runtime (default: ^0.1.0)
  --check             write nothing; exit 1 and list the stale files when the output differs
  --watch             regenerate whenever the schema changes
`,
  options: {
    out: { type: 'string', short: 'o' },
    name: { type: 'string' },
    runtime: { type: 'string' },
    check: { type: 'boolean' },
    watch: { type: 'boolean', short: 'w' },
  },
  async run([schema = DEFAULT_SCHEMA, ...rest], values, io) {
    if (rest.length)
      throw new UsageError('generate takes at most one schema file (default: cookies.json).');
    if (values.check && values.watch)
      throw new UsageError('--check and --watch do not go together.');
    const target: GenerateTarget = {
      schema,
      out: typeof values.out === 'string' ? values.out.replace(/[\\/]+$/, '') : DEFAULT_OUT,
      name: typeof values.name === 'string' ? values.name : defaultPackageName(schema),
      runtime: typeof values.runtime === 'string' ? values.runtime : undefined,
    };
    const code = await runOnce(target, values.check === true, io);
    if (!values.watch) return code;
    io.out(`watching ${target.schema} (Ctrl-C to stop)\n`);
    let timer: NodeJS.Timeout | undefined;
    let running = Promise.resolve();
    const onChange = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        running = running.then(() => runOnce(target, false, io).then(() => undefined));
      }, 50);
    };
    // Watch the directory: editors often replace the file, which ends a watch on the file.
    const file = basename(resolve(target.schema));
    const watcher = watch(resolve(target.schema, '..'), (_event, name) => {
      if (name === null || name === file) onChange();
    });
    await new Promise<void>((done) => {
      const stop = () => {
        watcher.close();
        done();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return code;
  },
};
