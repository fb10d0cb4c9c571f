#!/usr/bin/env node
/**
 * Runs before the end-to-end tests (npm's `pretest:e2e`). They drive Debian's Chromium at /usr/bin/chromium and
 * never download a browser. When it is missing, install Debian's `chromium` package with apt-get (as root, or
 * through password-less sudo) and say so in one line; otherwise stop with one line saying what to install.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';

function runs(command, args) {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

function fail(message) {
  console.error(`ensure-chromium: ${message}`);
  process.exit(1);
}

if (existsSync(CHROMIUM)) process.exit(0);

if (!runs('sh', ['-c', 'command -v apt-get'])) {
  fail(`${CHROMIUM} is missing and this is not a Debian-like system with apt-get. Install Chromium there (Debian: apt-get install -y chromium) and run the tests again.`);
}
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const prefix = isRoot ? [] : runs('sudo', ['-n', 'true']) ? ['sudo', '-n'] : null;
if (prefix === null) {
  fail(`${CHROMIUM} is missing. Install Debian's Chromium as root (apt-get install -y chromium) and run the tests again.`);
}

console.log(`ensure-chromium: ${CHROMIUM} is missing; installing Debian's chromium package with apt-get (once).`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const args of [['apt-get', 'update', '-qq'], ['apt-get', 'install', '-y', '-qq', 'chromium']]) {
  const command = [...prefix, ...args];
  const result = spawnSync(command[0], command.slice(1), { stdio: ['ignore', 'ignore', 'inherit'], env });
  if (result.status !== 0) fail(`"${command.join(' ')}" failed (exit ${result.status}). Install Debian's chromium package and run the tests again.`);
}
if (!existsSync(CHROMIUM)) fail(`apt-get installed chromium but ${CHROMIUM} is still missing.`);
console.log(`ensure-chromium: installed ${CHROMIUM}.`);
