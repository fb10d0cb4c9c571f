/**
 * Where the page's main thread spends its time while training at full speed: samples it for 10 s with the
 * DevTools profiler and prints self time per function. Build first (`npx vite build --minify false` for
 * readable names); `BACKEND=webgl npm run profile:main` profiles another backend, `QUERY='&runs=4'` another experiment.
 */
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';
const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', '4175', '--strictPort'], { stdio: 'ignore', detached: true });
await new Promise((resolve) => setTimeout(resolve, 2500));
try {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'] });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto('http://127.0.0.1:4175/?backend=' + (process.env.BACKEND ?? 'cpu') + '&batchSize=32' + (process.env.QUERY ?? ''));
  await page.getByTestId('train-loss').filter({ hasText: /^\d/ }).waitFor();
  await page.getByTestId('play').click();
  await page.waitForTimeout(3000);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page.waitForTimeout(10000);
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const dt = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => {
    const node = byId.get(id)!;
    const key = `${node.callFrame.functionName || '(anon)'} ${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log('total sampled ms', total.toFixed(0));
  [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).forEach(([k, v]) => console.log(v.toFixed(0).padStart(6), k));
  await browser.close();
} finally { process.kill(-server.pid!); }
