/**
 * What the browser benchmarks share: serving a build with `vite preview`, Debian's Chromium with the flags
 * this environment needs (never a downloaded browser), and a recorder of the page's frames and long tasks.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = ['--enable-unsafe-webgpu', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];

/** Serves `dist` on 127.0.0.1:`port` and resolves once it answers; stop it with stopPreview. */
export async function startPreview(port: number, dist = 'dist'): Promise<ChildProcess> {
  const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', dist], { stdio: 'ignore', detached: true });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(base)).ok) return server;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  stopPreview(server);
  throw new Error(`vite preview did not answer on ${base}`);
}

export function stopPreview(server: ChildProcess): void {
  if (server.pid) process.kill(-server.pid);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined, args: CHROMIUM_ARGS });
}

export interface FrameStats {
  longestFrameMs: number;
  frames: number;
  longTasks: number;
  longestTaskMs: number;
}

/**
 * Starts recording frame gaps and long tasks (> 50 ms) on the page's main thread into `window.frameStats`.
 * A string to evaluate in the page: tsx's transform would wrap a named function in a helper the page lacks.
 */
export const FRAME_RECORDER = `(() => {
  const stats = { longestFrameMs: 0, frames: 0, longTasks: 0, longestTaskMs: 0 };
  window.frameStats = stats;
  let last = performance.now();
  const frame = (now) => {
    stats.longestFrameMs = Math.max(stats.longestFrameMs, now - last);
    stats.frames += 1;
    last = now;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      stats.longTasks += 1;
      stats.longestTaskMs = Math.max(stats.longestTaskMs, entry.duration);
    }
  }).observe({ type: 'longtask' });
})()`;
