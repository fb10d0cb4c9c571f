import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { DISABLE_FEATURES_SWITCH } from './scripts/chromiumFeatures';

/** Debian's Chromium where it exists (CI installs it); never a downloaded browser. */
const SYSTEM_CHROMIUM = '/usr/bin/chromium';
/** E2E_PORT and E2E_DIST let several checkouts' builds be tested side by side; the defaults are what npm test uses. */
const PORT = Number(process.env.E2E_PORT ?? 4173);
const DIST = process.env.E2E_DIST ?? 'dist';
const OUTPUT = process.env.E2E_OUTPUT ?? 'test-results';

export default defineConfig({
  testDir: 'e2e',
  outputDir: OUTPUT,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  // Two spec files at a time (tests within a file stay in order): on CI's 2 cores the suite took 9.9 min with one
  // worker, quiet, and 8.6 min with two while another process held a core busy; the tests wait on the runs' own
  // counters, never on wall-clock bounds, so sharing the cores slows them without changing what they assert.
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1400, height: 1000 },
    launchOptions: {
      executablePath: existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined,
      args: [
        '--enable-unsafe-webgpu',
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
        // Playwright's own list plus the address bar's WebUI popups, which cost every test's context about 1.6 s of
        // CPU here (scripts/chromiumFeatures.ts); one switch, because Chromium keeps only the last one given.
        DISABLE_FEATURES_SWITCH,
        // Extra switches for a measured A/B run (E2E_EXTRA_ARGS='--a --b'); none in npm test.
        ...(process.env.E2E_EXTRA_ARGS ? process.env.E2E_EXTRA_ARGS.split(' ') : []),
      ],
    },
  },
  webServer: {
    command: `npm run preview -- --port ${PORT} --outDir ${DIST}`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
