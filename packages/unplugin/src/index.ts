/**
 * @cookie-schema/unplugin — generates the typed cookie package at build start, and again when the
 * schema changes in watch mode, for Vite, Rollup, esbuild and webpack (one implementation through
 * unplugin). The package is what `cookie-schema generate <schema> --out <out> --name <name>` run
 * from the project root writes; an invalid schema fails the build with every located error and
 * leaves the previous package untouched; unchanged output is not rewritten, so it never triggers
 * a rebuild of its own.
 */
import { createUnplugin, type UnpluginFactory, type UnpluginOptions } from 'unplugin';
import type { Logger } from 'vite';
import type { Compiler as WebpackCompiler } from 'webpack';
import {
  type CookieSchemaPluginOptions,
  createGenerator,
  type Generator,
  outDirFilter,
  packageImportFilter,
  resolvePackageImport,
} from './generator';

export {
  CookieSchemaError,
  type CookieSchemaPluginOptions,
  type GenerateOutcome,
} from './generator';

const NAME = 'cookie-schema';

/** What the Vite hooks learn from the resolved config. */
interface DevState {
  serving: boolean;
  logger?: Logger | undefined;
}

/** Vite, Rollup and Rolldown: generate in `buildStart` (awaited before any module resolves). */
function rollupHooks(generator: Generator, dev: DevState) {
  return {
    async buildStart(this: { addWatchFile(id: string): void; warn(message: string): void }) {
      // Watched before generating: Rollup keeps watching a file added by a build that failed.
      this.addWatchFile(generator.paths().schema);
      try {
        const { warnings } = await generator.generate();
        for (const warning of warnings) this.warn(warning);
      } catch (error) {
        // The Vite dev server keeps running with the previous package; a fixed schema regenerates.
        if (!dev.serving) throw error;
        dev.logger?.error((error as Error).message);
      }
    },
    resolveId: {
      filter: { id: packageImportFilter(generator.paths().target.name) },
      handler(id: string) {
        return resolvePackageImport(generator.paths(), id) ?? null;
      },
    },
  };
}

function viteHooks(generator: Generator, dev: DevState): UnpluginOptions['vite'] {
  return {
    ...rollupHooks(generator, dev),
    configResolved(config) {
      generator.useRoot(config.root);
      dev.serving = config.command === 'serve';
      dev.logger = config.logger;
    },
    configureServer(server) {
      const { schema } = generator.paths();
      server.watcher.add(schema);
      const onChange = (file: string) => {
        if (file !== schema) return;
        generator.generate().then(
          ({ warnings, write }) => {
            for (const warning of warnings) server.config.logger.warn(warning);
            if (write.written.length || write.removed.length)
              server.config.logger.info(
                `cookie-schema: regenerated ${generator.paths().target.out}`,
              );
          },
          (error: Error) => {
            server.config.logger.error(error.message);
            server.ws.send({ type: 'error', err: { message: error.message, stack: '' } });
          },
        );
      };
      server.watcher.on('change', onChange);
      server.watcher.on('add', onChange);
    },
  };
}

/**
 * esbuild waits for on-start callbacks before it resolves the entries. Imports of the package
 * resolve to the generated files; loading any of them makes the schema a watched file, so
 * `context().watch()` rebuilds when it changes.
 */
function esbuildHooks(generator: Generator): UnpluginOptions['esbuild'] {
  return {
    setup(build) {
      generator.useRoot(build.initialOptions.absWorkingDir ?? process.cwd());
      let pending: Promise<unknown> = Promise.resolve();
      build.onStart(async () => {
        const run = generator.generate();
        pending = run.catch(() => undefined);
        try {
          const { warnings } = await run;
          return { warnings: warnings.map((text) => ({ text })) };
        } catch (error) {
          return { errors: [{ text: (error as Error).message }] };
        }
      });
      const paths = generator.paths();
      build.onResolve({ filter: packageImportFilter(paths.target.name) }, async (args) => {
        await pending;
        const path = resolvePackageImport(generator.paths(), args.path);
        return path ? { path, watchFiles: [paths.schema] } : undefined;
      });
      build.onLoad({ filter: outDirFilter(paths.out) }, async () => {
        await pending;
        return { watchFiles: [paths.schema] };
      });
    },
  };
}

/**
 * webpack: generate in `beforeCompile`, before the compilation starts (unplugin's `buildStart`
 * runs in `make`, in parallel with the entries). A one-shot build fails with the error; in watch
 * mode it becomes a compilation error, so the watcher keeps watching the schema.
 */
function webpackHooks(generator: Generator) {
  return (compiler: WebpackCompiler) => {
    generator.useRoot(compiler.context);
    const { schema, target } = generator.paths();
    let failure: Error | undefined;
    let warnings: string[] = [];
    compiler.hooks.beforeCompile.tapPromise(NAME, async () => {
      failure = undefined;
      warnings = [];
      try {
        ({ warnings } = await generator.generate());
      } catch (error) {
        if (!compiler.watchMode) throw error;
        failure = error as Error;
      }
    });
    compiler.hooks.thisCompilation.tap(NAME, (compilation) => {
      compilation.fileDependencies.add(schema);
      const { WebpackError } = compiler.webpack;
      if (failure) compilation.errors.push(new WebpackError(failure.message));
      for (const warning of warnings) compilation.warnings.push(new WebpackError(warning));
    });
    const alias = compiler.options.resolve.alias;
    const entries = ['client', 'policy', 'server'].map((entry) => ({
      name: `${target.name}/${entry}`,
      alias: resolvePackageImport(generator.paths(), `${target.name}/${entry}`) as string,
      onlyModule: true,
    }));
    if (Array.isArray(alias)) alias.push(...entries);
    else
      compiler.options.resolve.alias = {
        ...alias,
        ...Object.fromEntries(entries.map((e) => [`${e.name}$`, e.alias])),
      };
  };
}

const factory: UnpluginFactory<CookieSchemaPluginOptions | undefined, false> = (options, meta) => {
  const generator = createGenerator(options);
  const dev: DevState = { serving: false };
  switch (meta.framework) {
    case 'esbuild':
      return { name: NAME, esbuild: esbuildHooks(generator) };
    case 'webpack':
      return { name: NAME, webpack: webpackHooks(generator) };
    case 'rollup':
    case 'rolldown':
    case 'vite':
      return {
        name: NAME,
        enforce: 'pre',
        rollup: rollupHooks(generator, dev),
        rolldown: rollupHooks(generator, dev),
        vite: viteHooks(generator, dev),
      };
    default:
      throw new Error(
        `@cookie-schema/unplugin supports Vite, Rollup, Rolldown, esbuild and webpack, not ${meta.framework}. Run \`cookie-schema generate\` before the build instead.`,
      );
  }
};

/**
 * The plugin as an unplugin instance: `cookieSchema.vite(options)`, `cookieSchema.rollup(options)`,
 * `cookieSchema.rolldown(options)`, `cookieSchema.esbuild(options)`, `cookieSchema.webpack(options)`
 * (the same as the default export of `@cookie-schema/unplugin/<bundler>`). Other bundlers that
 * unplugin knows are refused with an error.
 */
export const cookieSchema = createUnplugin(factory);

export default cookieSchema;
