import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { entryStylesLast } from './scripts/entryStylesLast.ts';
import { firstScreenChunk } from './scripts/firstScreenChunk.ts';
import { CONTENT_SECURITY_POLICY_HEADER, contentSecurityPolicy, DEV_CONTENT_SECURITY_POLICY_HEADER } from './scripts/contentSecurityPolicy.ts';
import { CROSS_ORIGIN_ISOLATION_HEADERS } from './scripts/crossOriginIsolation.ts';
import { MOCKING_TESTS, UNIT_TESTS } from './scripts/unitTestFiles.ts';
import { mainThreadGuard, WORKER_EXTERNAL, workerGuard } from './scripts/mainThreadGuard.ts';

/**
 * A test page with TF.js on its own thread (the fused WebGPU kernel's parity check, e2e/fusedWebgpu.spec.ts);
 * built beside the app only in the `e2e` mode (`npm run build:e2e`, what `npm test` serves), so a deployed
 * build carries no test page, and exempt from the main-thread guard by this name.
 */
const FUSED_PARITY_ENTRY = 'fused-parity';


/** The name of a lazily loaded GPU backend's chunk, from the module it starts at; null for any other chunk. */
function gpuBackendChunk(facadeModuleId: string | null): string | null {
  return facadeModuleId?.match(/[\\/]@tensorflow[\\/](tfjs-backend-(?:webgl|webgpu))[\\/]/)?.[1] ?? null;
}

/** The build's pages: the app, and in the `e2e` mode the fused kernels' test page. */
const pages = (mode: string): Record<string, string> => ({
  main: fileURLToPath(new URL('index.html', import.meta.url)),
  ...(mode === 'e2e' ? { [FUSED_PARITY_ENTRY]: fileURLToPath(new URL('e2e/fused/index.html', import.meta.url)) } : {}),
});

export default defineConfig(({ mode }) => ({
  plugins: [react(), mainThreadGuard({ testEntries: [FUSED_PARITY_ENTRY] }), contentSecurityPolicy(), entryStylesLast()],
  worker: {
    format: 'es',
    // The probes' charts: the worker reads the probe registry (probes/registry.ts) for the measurements but
    // never calls a probe's loadChart, so no component (.tsx) is bundled into it, nor React and Recharts with them.
    rolldownOptions: {
      external: WORKER_EXTERNAL,
      // The GPU backends load on first use (worker/backend.ts), each in a chunk named for its package, so a page on
      // the CPU fetches and parses neither, and e2e/training.spec can tell them apart by name.
      output: { chunkFileNames: (chunk) => `assets/${gpuBackendChunk(chunk.facadeModuleId) ?? '[name]'}-[hash].js` },
    },
    plugins: () => [workerGuard()],
  },
  // Pre-bundled up front so the dev server does not discover them (and reload) when the worker starts.
  optimizeDeps: {
    include: ['@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-cpu', '@tensorflow/tfjs-backend-webgl', '@tensorflow/tfjs-backend-webgpu'],
  },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2500,
    rolldownOptions: {
      input: pages(mode),
      // The first screen's lazily loaded code in one chunk, the probes' charts with it (scripts/firstScreenChunk.ts).
      output: { codeSplitting: { groups: [firstScreenChunk(Object.values(pages(mode)))] } },
    },
  },
  // Cross-origin isolated in dev and preview (and so in the e2e suite, which serves the build with `vite preview`).
  server: { host: '127.0.0.1', port: 5173, headers: { 'Content-Security-Policy': DEV_CONTENT_SECURITY_POLICY_HEADER, ...CROSS_ORIGIN_ISOLATION_HEADERS } },
  preview: { headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY_HEADER, ...CROSS_ORIGIN_ISOLATION_HEADERS } },
  test: {
    environment: 'node',
    // No global setup: a test file that runs TF.js (itself or through what it imports) imports
    // src/test/setupTf.ts first, so the pure files do not pay for loading TF.js and its CPU backend.
    testTimeout: 60_000,
    // Every core: Vitest's default in a run is one fewer, which on CI's 2 cores is one worker. Measured here on
    // 2 cores, quiet: 149 s with one worker, 92 s with two (the files are CPU-bound; TF.js imports are 48 s of it).
    maxWorkers: availableParallelism(),
    // Worker threads, not Vitest's default child processes: each test file's environment starts cheaper. The whole
    // suite on 2 cores, quiet, 2026-12-06, two runs each: 155.1 and 157.0 s with forks, 139.3 and 138.6 s with
    // threads (summed import 96–97 s → 81–85 s); 1,586 of 1,586 pass either way.
    pool: 'threads',
    // Files share a worker's modules (no isolation), so TF.js and the engine load once per worker instead of once
    // per file: on 2 cores, quiet, the suite took 132 s isolated and 67 s shared (import 81 s → 23 s). A file that
    // replaces a module (vi.mock) cannot share: those run isolated, in a project of their own.
    projects: [
      { extends: true, test: { name: 'shared', include: UNIT_TESTS, exclude: MOCKING_TESTS, isolate: false } },
      { extends: true, test: { name: 'isolated', include: MOCKING_TESTS, isolate: true } },
    ],
  },
}));
