/**
 * Bundles the page code with esbuild when the server starts, as an app's build would: the
 * generated client module and the runtime resolve to their built `dist` (the default export
 * condition), minified, for the browser.
 */
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type BuildOptions, build, type OutputFile } from 'esbuild';

/** One script the server serves. */
export interface ClientBundle {
  /** URL path, e.g. `/app.js`. */
  path: string;
  code: string;
  /** Minified size and gzip size (level 9), in bytes. */
  bytes: number;
  gzip: number;
}

const entry = (name: string) => fileURLToPath(new URL(`./client/${name}.ts`, import.meta.url));

/**
 * `/app.js` and `/analytics.js` (ES modules) with their chunks (`/chunk-*.js`: the consent banner,
 * which app.js imports only when it asks, and what both share), and `/legacy.js` (a classic
 * script) if asked.
 */
export async function buildClient(options: { legacy?: boolean } = {}): Promise<ClientBundle[]> {
  const common: BuildOptions & { write: false } = {
    bundle: true,
    minify: true,
    platform: 'browser',
    target: 'es2022',
    write: false,
    outdir: 'out',
    legalComments: 'none',
    logLevel: 'silent',
  };
  const builds: Promise<{ outputFiles: OutputFile[] }>[] = [
    build({
      ...common,
      format: 'esm',
      splitting: true,
      chunkNames: 'chunk-[hash]',
      entryPoints: { app: entry('app'), analytics: entry('analytics') },
    }),
  ];
  if (options.legacy) {
    builds.push(build({ ...common, format: 'iife', entryPoints: { legacy: entry('legacy') } }));
  }
  const results = await Promise.all(builds);
  return results
    .flatMap((result) => result.outputFiles)
    .map((file) => ({
      path: `/${file.path.split('/').pop()}`,
      code: file.text,
      bytes: file.contents.byteLength,
      gzip: gzipSync(file.contents, { level: 9 }).byteLength,
    }));
}
