#!/usr/bin/env node
/**
 * Runs npm scripts side by side (`node scripts/run-parallel.mjs typecheck lint build:e2e`), each one's output
 * held and printed whole when it ends, in the order given; exits 1 naming every script that failed. `npm test`
 * runs its steps before the unit tests this way: the type check, ESLint and the e2e build took 42.6 s one after
 * the other on CI's 2 cores (quiet, warm), and 36.7 s side by side (each uses more than one thread at times).
 */
import { spawn } from 'node:child_process';

const scripts = process.argv.slice(2);
if (scripts.length === 0) {
  console.error('run-parallel: name the npm scripts to run');
  process.exit(2);
}

function run(script) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn('npm', ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => resolve({ script, code: 1, output: Buffer.from(String(error)), seconds: 0 }));
    child.on('close', (code) => resolve({ script, code: code ?? 1, output: Buffer.concat(output), seconds: (Date.now() - started) / 1000 }));
  });
}

const results = await Promise.all(scripts.map(run));
for (const { script, code, output, seconds } of results) {
  console.log(`> ${script} (${seconds.toFixed(1)} s${code === 0 ? '' : `, exit ${code}`})`);
  if (output.length > 0) process.stdout.write(output);
}
const failed = results.filter((result) => result.code !== 0).map((result) => result.script);
if (failed.length > 0) {
  console.error(`run-parallel: failed: ${failed.join(', ')}`);
  process.exit(1);
}
