import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import { mainThreadGuard, WORKER_EXTERNAL, workerGuard } from './mainThreadGuard';

/** Builds one entry file with the guard, in memory; resolves packages from the project's node_modules. */
async function buildEntry(name: string, source: string, testEntries: string[] = [], guard = mainThreadGuard({ testEntries }), external: RegExp[] = []): Promise<void> {
  const root = join(process.cwd(), 'node_modules', '.cache', 'main-thread-guard', name);
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'entry.js'), source);
  await build({
    configFile: false,
    root,
    logLevel: 'silent',
    plugins: [guard],
    build: { write: false, lib: { entry: join(root, 'entry.js'), formats: ['es'] }, rolldownOptions: { external } },
  });
}

describe('the main-thread guard', () => {
  it('fails a build whose page bundle imports TF.js, naming the rule', async () => {
    await expect(buildEntry('with-tfjs', "import * as tf from '@tensorflow/tfjs-core';\nexport const v = tf.version_core;\n")).rejects.toThrow(
      /TF\.js reached the main-thread chunk/,
    );
  });

  it('lets a test page named as such load TF.js, and only that one', async () => {
    const withTfjs = "import * as tf from '@tensorflow/tfjs-core';\nexport const v = tf.version_core;\n";
    // A library build names its entry chunk after the entry file: "entry".
    await expect(buildEntry('test-page', withTfjs, ['entry'])).resolves.toBeUndefined();
    await expect(buildEntry('other-page', withTfjs, ['fused-parity'])).rejects.toThrow(/TF\.js reached the main-thread chunk/);
  });

  it('passes a bundle that uses the engine names without TF.js', async () => {
    const names = join(process.cwd(), 'src', 'engine', 'names.ts');
    await expect(buildEntry('names-only', `import { ACTIVATIONS } from ${JSON.stringify(names)};\nexport const n = ACTIVATIONS.length;\n`)).resolves.toBeUndefined();
  });
});

describe('the worker guard', () => {
  it('fails a worker build that imports React, naming the rule', async () => {
    await expect(buildEntry('worker-with-react', "import { useState } from 'react';\nexport const v = useState;\n", [], workerGuard())).rejects.toThrow(/React reached the worker chunk/);
  });

  it('passes a worker build that reads the probe registry with the components left out, and fails it without', async () => {
    const registry = join(process.cwd(), 'src', 'probes', 'registry.ts');
    const source = `import { PROBES } from ${JSON.stringify(registry)};\nexport const n = PROBES.map((p) => p.declaration.name);\n`;
    await expect(buildEntry('worker-probes', source, [], workerGuard(), WORKER_EXTERNAL)).resolves.toBeUndefined();
    // The charts' dynamic imports followed: React in the worker's output.
    await expect(buildEntry('worker-probes-charts', source, [], workerGuard())).rejects.toThrow(/React reached the worker chunk/);
  });
});
