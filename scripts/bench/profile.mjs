// Where a `cookie-schema generate` run spends its time: one run under `node --cpu-prof`, with the
// samples attributed to the generator's phases by the functions on their stacks (the codegen dist
// keeps its function names). Used by `pnpm bench` to say what limits the generator.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../lib.mjs';

/** Phases, innermost first: a sample counts for the first phase found on its stack. */
export const PHASES = [
  ['printJavaScriptFile', 'write server, client and shared .js'],
  ['printDeclarationFile', 'write server, client and shared .d.ts'],
  ['emitPolicyModule', 'policy module (data literal, .js and .d.ts written directly)'],
  ['printSourceFile', 'print server, client and shared sources'],
  ['emitServerStatements', 'build server structures'],
  ['emitClientStatements', 'build client structures'],
  ['emitSharedStatements', 'build shared structures'],
  ['writePackage', 'write files'],
  ['loadSchema', 'read, validate and normalize the schema'],
  ['parseSchema', 'read, validate and normalize the schema'],
];

/** Milliseconds by phase for one generate run, plus `total`, `gc` and `other`. */
export function profileGenerate(schema, out, name) {
  const dir = mkdtempSync(join(tmpdir(), 'cookie-schema-profile-'));
  try {
    const child = spawnSync(
      process.execPath,
      [
        '--cpu-prof',
        `--cpu-prof-dir=${dir}`,
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
    if (child.status !== 0) throw new Error(`profiled generate failed:\n${child.stderr}`);
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    return attribute(JSON.parse(readFileSync(join(dir, file), 'utf8')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function attribute(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
  const phaseOf = new Map();
  const find = (id) => {
    if (phaseOf.has(id)) return phaseOf.get(id);
    const node = byId.get(id);
    const own = PHASES.find(([fn]) => fn === node.callFrame.functionName)?.[1];
    const up = parent.get(id);
    const phase = own ?? (up === undefined ? undefined : find(up));
    phaseOf.set(id, phase);
    return phase;
  };
  const ms = { total: 0, gc: 0, other: 0 };
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    ms.total += dt;
    const node = byId.get(id);
    if (node.callFrame.functionName === '(garbage collector)') ms.gc += dt;
    else if (node.callFrame.functionName === '(idle)') ms.other += dt;
    else {
      const phase = find(id) ?? 'other';
      ms[phase] = (ms[phase] ?? 0) + dt;
    }
  });
  return ms;
}

/**
 * Where one server case spends its time: the case run once (quick) under `node --cpu-prof`,
 * self time by function, for functions of the runtime and the generated packages plus the
 * engine's own buckets (regular expressions, garbage collection). The top `limit`, in % of the
 * case's samples.
 */
export function profileCase(id, limit = 8) {
  const dir = mkdtempSync(join(tmpdir(), 'cookie-schema-profile-'));
  try {
    const child = spawnSync(
      process.execPath,
      ['--cpu-prof', `--cpu-prof-dir=${dir}`, join(root, 'scripts/bench/server-cases.mjs'), id],
      { cwd: root, encoding: 'utf8' },
    );
    if (child.status !== 0) throw new Error(`profiled case ${id} failed:\n${child.stderr}`);
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map();
    let total = 0;
    profile.samples.forEach((nodeId, i) => {
      const { callFrame } = byId.get(nodeId);
      const dt = profile.timeDeltas[i] ?? 0;
      if (callFrame.functionName === '(idle)' || callFrame.functionName === '(program)') return;
      total += dt;
      const where = callFrame.url.replace(/^.*?\/(packages|examples|node_modules)\//, '$1/');
      const ours = /packages\/runtime|examples\/generated/.test(where);
      const engine =
        callFrame.url === '' && /^(RegExp: |\(garbage collector\))/.test(callFrame.functionName);
      const key = ours
        ? `${callFrame.functionName || '(anonymous)'} (${where.replace(/^.*\//, '')}:${callFrame.lineNumber + 1})`
        : engine
          ? callFrame.functionName.replace(/^RegExp: (.{40}).+$/, 'RegExp: $1…')
          : 'elsewhere (harness, peers, Node)';
      self.set(key, (self.get(key) ?? 0) + dt);
    });
    return [...self]
      .filter(([key]) => key !== 'elsewhere (harness, peers, Node)')
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([fn, us]) => ({ fn, pct: (100 * us) / total }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
