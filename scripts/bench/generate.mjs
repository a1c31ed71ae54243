// Generator scale: derive 20-, 200- and 2,000-cookie schemas from the Open Cookie Database and
// time `cookie-schema generate` on each, the whole process from spawn to exit, into a fresh
// output directory every run (so every file is written). Also: CPU time and peak memory (RSS),
// from inside the child (scripts/bench/generate-child.mjs).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../lib.mjs';
import { deriveOcdSchema, readOcd } from './ocd-schema.mjs';

export const SIZES = [20, 200, 2000];

/** Writes `<dir>/ocd-<n>.cookies.json` for each size; returns the paths by size. */
export function writeOcdSchemas(dir, sizes = SIZES) {
  const entries = readOcd();
  const files = {};
  for (const n of sizes) {
    files[n] = join(dir, `ocd-${n}.cookies.json`);
    writeFileSync(files[n], `${JSON.stringify(deriveOcdSchema(n, entries), null, 2)}\n`);
  }
  return files;
}

/** One `generate` run: wall ms, CPU ms, peak RSS KB. */
export function generateOnce(schema, out, name) {
  const start = process.hrtime.bigint();
  const child = spawnSync(
    process.execPath,
    [
      join(root, 'scripts/bench/generate-child.mjs'),
      'generate',
      schema,
      '--out',
      out,
      '--name',
      name,
    ],
    { cwd: root, encoding: 'utf8' },
  );
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const last = child.stdout.trim().split('\n').at(-1) ?? '';
  if (child.status !== 0 || !last.startsWith('{')) {
    throw new Error(
      `generate ${schema} failed (${child.status}):\n${child.stdout}\n${child.stderr}`,
    );
  }
  const { maxRSS, cpu } = JSON.parse(last);
  return { wall, cpu, rss: maxRSS };
}

const median = (list) => [...list].sort((a, b) => a - b)[list.length >> 1];

/**
 * Runs each size `runs` times (sizes interleaved, so load changes hit all alike) and returns the
 * medians by size; the last run of each size is left in `<dir>/pkg-<n>` for the type-check bench.
 */
export function benchGenerate(dir, files, { runs = 3, log = console.log } = {}) {
  const samples = Object.fromEntries(Object.keys(files).map((n) => [n, []]));
  for (let run = 1; run <= runs; run++) {
    for (const n of Object.keys(files)) {
      const out = join(dir, `gen-${n}-${run}`);
      mkdirSync(dir, { recursive: true });
      const sample = generateOnce(files[n], out, `@bench/ocd-${n}`);
      samples[n].push({ ...sample, out });
      log(
        `generate ${String(n).padStart(5)} cookies  run ${run}: ${sample.wall.toFixed(0)} ms wall, ${sample.cpu.toFixed(0)} ms CPU, ${(sample.rss / 1024).toFixed(0)} MB peak`,
      );
    }
  }
  return Object.fromEntries(
    Object.entries(samples).map(([n, list]) => [
      n,
      {
        wall: median(list.map((s) => s.wall)),
        cpu: median(list.map((s) => s.cpu)),
        rss: Math.max(...list.map((s) => s.rss)),
        out: list.at(-1).out,
      },
    ]),
  );
}
