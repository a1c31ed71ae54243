// `cookie-schema generate …` as the bin runs it (packages/codegen/dist/cli.js), then one last line
// of JSON with the process's peak memory (KB) and CPU time (ms), for scripts/bench/generate.mjs,
// which times the whole process from outside.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from '../lib.mjs';

const { main } = await import(pathToFileURL(join(root, 'packages/codegen/dist/cli.js')).href);
const code = await main(process.argv.slice(2));
const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage();
console.log(JSON.stringify({ code, maxRSS, cpu: (userCPUTime + systemCPUTime) / 1000 }));
process.exitCode = code;
