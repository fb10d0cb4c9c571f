/**
 * The page's main-thread tasks while 8 runs train at full speed (issue 20 §7: "keep every main-thread task
 * under 50 ms with 8 runs, and with a 512-run sweep's results on screen"): a PerformanceObserver for long tasks
 * (over 50 ms of wall time) for MINUTES minutes (default 2; 0 measures the start only), printed per minute as
 * count, longest and total, after the tasks of the start. The start runs from the address to Play: the page's
 * load, its staged mount to the last stage (the runs list, App.tsx) and its runs' first evaluations, then
 * SETTLE_MS (default 1500) for what they set off. Beside each, the same tasks by the main thread's own CPU time
 * (a Chromium trace, category 'toplevel': RunTask's thread duration): on a shared machine a task's wall time is
 * mostly the time other processes held the cores, its CPU time is what the page asked of the core; the start's
 * tasks over 50 ms of CPU (LIST_MS another bound) are listed with their time from the first task. The start also gives the first paint
 * (first-contentful-paint: the top bar and the controls, mounted together) and when the controls were painted
 * (the learning-rate slider's first frame: a MessageChannel message posted from its requestAnimationFrame
 * callback runs after that frame). SWEEP=1 first runs a 512-run sweep (8 groups × 8 learning rates × 4 widths ×
 * 2 seeds, SWEEP_STEPS steps, default 20) and scrolls its results into view before Play. Serves the e2e build
 * (`npm run build:e2e` first; E2E_DIST another build, E2E_PORT another port). QUERY adds to the address (default
 * `?backend=cpu&runs=8&speed=0`). Each minute also gives the page's heap in use (CDP Runtime.getHeapUsage).
 * PROFILE_ALL=1 with it sums each whole minute's samples: what the main thread spends its CPU on.
 * PROFILE=1 adds the V8 sampler to the same trace and prints, for each task over 50 ms (CPU or wall; PROFILE_MS another bound), what it ran (PROFILE_TOP functions, default 10)
 * (taskProfile.ts): functions, and with a `--minify false` build as E2E_DIST, the source modules.
 * LOAF=1 prints, for the start and each minute, the long animation frames over LOAF_MS (default 50) of wall time
 * (the Long Animation Frames API, no sampler: it costs the page nothing worth measuring) with the scripts in each:
 * what invoked them (a MessageChannel message, a ResizeObserver, a click), their function and file (a
 * `--minify false` build names them), their duration and the style and layout they forced, and the frame's own
 * rendering (style, layout, paint) after its scripts. PLAY_MS (default 0) gives the first ms after Play (the
 * first ticks: the rate chart's first draw, the planes' first grids) apart: the start's trace runs on through
 * them and is cut at a performance mark made just before the click; the minutes start after them. BROWSER=used or
 * revisit has the browser draw another page, or this one, before it opens the page (warmUp below; default cold).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { moduleResolver, moduleSummary, taskSummary, traceSamples, type ProfileEvent } from './taskProfile.ts';

const minutes = Number(process.env.MINUTES ?? 2);
const sweep = process.env.SWEEP === '1';
const sweepQuery = `&sweep=learningRate,0.001,1,8,log&sweep2=width,2,16,4,linear&sweepSeeds=2&sweepBudget=${process.env.SWEEP_STEPS ?? 20}`;
const query = (process.env.QUERY ?? '?backend=cpu&runs=8&speed=0') + (sweep ? sweepQuery : '');
const port = process.env.E2E_PORT ?? '4176';
const settleMs = Number(process.env.SETTLE_MS ?? 1500);
/** PROFILE=1: the V8 sampler in the same trace, and what each task over 50 ms (CPU or wall) did (taskProfile.ts). */
const profile = process.env.PROFILE === '1';
/**
 * TRACE=0: no Chromium trace, so no CPU times, profiles or marks: the trace's events stream to this process,
 * which then takes 20 % of a core beside the page (12 s a minute with 8 runs), and on 2 cores that stretches the
 * page's tasks by wall clock; without it the long tasks counted are those a user's page would have.
 */
const traced = process.env.TRACE !== '0';
/** PROFILE_ALL=1 (with PROFILE=1): each minute's samples summed, what the main thread ran over the whole minute. */
const profileAll = process.env.PROFILE_ALL === '1';
/** PLAY_MS: the first ms after Play (its first ticks) measured apart from the start, in the same trace. */
const playMs = Number(process.env.PLAY_MS ?? 0);
const categories = [...(profile ? ['toplevel', 'disabled-by-default-v8.cpu_profiler'] : ['toplevel']), ...(playMs > 0 ? ['blink.user_timing'] : [])];
let samples: ReturnType<typeof traceSamples> = [];
const moduleOf = profile || process.env.LOAF === '1' ? moduleResolver(process.env.E2E_DIST ?? 'dist') : (frame: string): string => frame;

/** Tasks PROFILE=1 describes: over PROFILE_MS (default 50) of CPU or wall time. */
const profileMs = Number(process.env.PROFILE_MS ?? 50);
/** PROFILE=1: how many functions each task's summary lists (default 10; more to find the components a task rendered). */
const profileTop = Number(process.env.PROFILE_TOP ?? 10);

/** Each task over profileMs of CPU or wall time, with what its samples ran (PROFILE=1 only). */
function profileLines(tasks: Task[]): void {
  if (!profile) return;
  for (const t of tasks.filter((t) => t.cpu > profileMs || t.wall > profileMs)) console.log(`  task ${t.cpu.toFixed(0)}/${t.wall.toFixed(0)} ms (cpu/wall) at ${t.at.toFixed(0)}: ${taskSummary(samples, t.ts, t.ts + t.wall * 1000, profileTop)}${moduleSummary(samples, t.ts, t.ts + t.wall * 1000, moduleOf)}`);
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

interface Task {
  /** Start, in ms from the trace's first task on the thread. */
  at: number;
  /** Start on the trace's clock, µs. */
  ts: number;
  wall: number;
  cpu: number;
}

/** The trace time (µs) of the performance mark `name` (category blink.user_timing), NaN without one. */
function markTs(buffer: Buffer, name: string): number {
  const events = (JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  return events.find((e) => e.name === name)?.ts ?? Number.NaN;
}

/** The renderer main thread's tasks in a trace (the busiest CrRendererMain), with wall and CPU time in ms. */
function traceTasks(buffer: Buffer): Task[] {
  const events = (JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const mains = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}/${e.tid}`));
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const thread = `${e.pid}/${e.tid}`;
    if (e.ph !== 'X' || e.name !== 'ThreadControllerImpl::RunTask' || !mains.has(thread)) continue;
    byThread.set(thread, [...(byThread.get(thread) ?? []), e]);
  }
  const total = (tasks: TraceEvent[]): number => tasks.reduce((sum, t) => sum + (t.tdur ?? 0), 0);
  const busiest = [...byThread.values()].sort((a, b) => total(b) - total(a))[0] ?? [];
  if (profile && busiest[0]) samples = traceSamples(events as ProfileEvent[], `${busiest[0].pid}/${busiest[0].tid}`);
  const first = Math.min(...busiest.map((e) => e.ts));
  return busiest.map((e) => ({ at: (e.ts - first) / 1000, ts: e.ts, wall: (e.dur ?? 0) / 1000, cpu: (e.tdur ?? 0) / 1000 }));
}

function cpuLine(tasks: { cpu: number }[]): string {
  if (!traced) return 'by CPU time: not traced (TRACE=0)';
  const over = tasks.filter((t) => t.cpu > 50).length;
  const longest = Math.max(0, ...tasks.map((t) => t.cpu));
  return `by CPU time ${over} over 50 ms, longest ${longest.toFixed(0)} ms, ${tasks.reduce((sum, t) => sum + t.cpu, 0).toFixed(0)} ms in all (${tasks.length} tasks)`;
}

const load = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
/** The start's tasks listed: over LIST_MS (default 50) of CPU time. */
const listMs = Number(process.env.LIST_MS ?? 50);
/** The start's tasks over listMs of CPU time: "cpu/wall ms at time". */
const overLine = (tasks: Task[]): string =>
  tasks
    .filter((t) => t.cpu > listMs)
    .map((t) => `${t.cpu.toFixed(0)}/${t.wall.toFixed(0)} ms at ${t.at.toFixed(0)}`)
    .join(', ') || 'none';
/** LOAF=1: the long animation frames of the start and of each minute, with their scripts (see above). */
const loaf = process.env.LOAF === '1';
const loafMs = Number(process.env.LOAF_MS ?? 50);

interface LoafScript {
  invoker: string;
  fn: string;
  file: string;
  at: number;
  duration: number;
  forced: number;
}

interface Loaf {
  start: number;
  duration: number;
  /** From the frame's start to its rendering (style, layout, paint; 0 where it rendered nothing). */
  renderStart: number;
  scripts: LoafScript[];
}

/** The source module at a character of a built chunk (a `--minify false` build names it), else the chunk. */
function moduleAt(file: string, at: number): string {
  const path = join(process.env.E2E_DIST ?? 'dist', 'assets', file);
  if (!file.endsWith('.js') || !existsSync(path) || at < 0) return `${file}:${at}`;
  const line = readFileSync(path, 'utf8').slice(0, at).split('\n').length;
  const module = moduleOf(`x ${file}:${line}`);
  return module.startsWith('src/') || !module.includes('.js') ? module : `${file}:${at}`;
}

/** The long animation frames in [from, to) ms, over loafMs, each with its scripts over 2 ms (LOAF=1). */
async function loafLines(page: Page, from: number, to: number): Promise<void> {
  if (!loaf) return;
  const frames = (await page.evaluate(() => (window as unknown as { longFrames: Loaf[] }).longFrames)).filter((f) => f.start >= from && f.start < to && f.duration > loafMs);
  for (const f of frames) {
    const render = f.renderStart > 0 ? f.start + f.duration - f.renderStart : 0;
    const scripts = f.scripts
      .filter((s) => s.duration > 2)
      .map((s) => `${s.duration.toFixed(0)} ms ${s.invoker} → ${s.fn || '(anonymous)'} ${moduleAt(s.file, s.at)}${s.forced > 1 ? ` (forced style+layout ${s.forced.toFixed(0)})` : ''}`)
      .join('; ');
    console.log(`  frame ${f.duration.toFixed(0)} ms at ${f.start.toFixed(0)}: rendering ${render.toFixed(0)} ms; ${scripts || 'no script over 2 ms'}`);
  }
}

const longTasks = (page: Page): Promise<{ start: number; duration: number }[]> => page.evaluate(() => (window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks);

/** The page's JavaScript heap in use (CDP Runtime.getHeapUsage), MiB. */
async function heapMiB(page: Page): Promise<string> {
  const session = await page.context().newCDPSession(page);
  const { usedSize } = await session.send('Runtime.getHeapUsage');
  await session.detach();
  return `${(usedSize / 2 ** 20).toFixed(1)} MiB`;
}

async function measure(browser: Browser, page: Page): Promise<void> {
  if (traced) await browser.startTracing(page, { categories });
  await page.goto(`http://127.0.0.1:${port}/${query}`);
  await page.getByTestId('train-loss').filter({ hasText: /^\d/ }).waitFor({ timeout: 120_000 });
  await page.getByTestId('runs-list').waitFor({ timeout: 120_000 });
  await page.waitForTimeout(settleMs);
  const paints = await page.evaluate(() => ({
    firstPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
    controls: (window as unknown as { controlsPainted?: number }).controlsPainted ?? Number.NaN,
  }));
  if (sweep) {
    await page.getByTestId('sweep-start').click();
    await page.getByTestId('sweep-progress').filter({ hasText: '512 / 512 runs' }).waitFor({ timeout: 600_000 });
    await page.getByTestId('sweep-panel').scrollIntoViewIfNeeded();
    await page.waitForTimeout(1000);
  }
  const play = await page.evaluate(() => performance.mark('bench-play').startTime);
  await page.getByTestId('play').click();
  let started = await page.evaluate(() => performance.now());
  if (playMs > 0) await page.waitForTimeout(playMs);
  const trace = traced ? await browser.stopTracing() : null;
  const playTs = trace && playMs > 0 ? markTs(trace, 'bench-play') : Number.POSITIVE_INFINITY;
  const tasks = trace ? traceTasks(trace) : [];
  const startCpu = tasks.filter((t) => t.ts < playTs);
  const before = (await longTasks(page)).filter((t) => t.start < started);
  const what = `${sweep ? 'load, 512-run sweep, to Play' : 'load to Play'}, ${browserState} browser`;
  console.log(`start (${what}, ${started.toFixed(0)} ms): ${before.length} tasks over 50 ms: ${before.map((t) => `${t.duration.toFixed(0)} ms at ${t.start.toFixed(0)}`).join(', ')}; ${cpuLine(startCpu)}; load ${load()}`);
  console.log(`start by CPU time, over ${listMs} ms (cpu/wall): ${overLine(startCpu)}; first paint ${paints.firstPaint.toFixed(0)} ms, controls painted ${paints.controls.toFixed(0)} ms`);
  profileLines(startCpu);
  await loafLines(page, 0, started);
  if (playMs > 0) {
    const playCpu = tasks.filter((t) => t.ts >= playTs);
    const after = (await longTasks(page)).filter((t) => t.start >= play && t.start < play + playMs);
    console.log(`after Play (${playMs} ms): ${after.length} tasks over 50 ms: ${after.map((t) => `${t.duration.toFixed(0)} ms at +${(t.start - play).toFixed(0)}`).join(', ') || 'none'}; ${cpuLine(playCpu)}; load ${load()}`);
    console.log(`after Play by CPU time, over ${listMs} ms (cpu/wall): ${overLine(playCpu)}`);
    profileLines(playCpu);
    await loafLines(page, play, play + playMs);
    started = play + playMs;
  }
  for (let m = 1; m <= minutes; m++) {
    if (traced) await browser.startTracing(page, { categories });
    await page.waitForTimeout(60_000);
    const cpu = traced ? traceTasks(await browser.stopTracing()) : [];
    const inMinute = (await longTasks(page)).filter((t) => t.start >= started + (m - 1) * 60_000 && t.start < started + m * 60_000);
    const longest = Math.max(0, ...inMinute.map((t) => t.duration));
    const total = inMinute.reduce((sum, t) => sum + t.duration, 0);
    const step = await page.getByTestId('step-count').textContent();
    const when = inMinute.length > 0 ? ` (${inMinute.map((t) => `${t.duration.toFixed(0)} ms at ${((t.start - play) / 1000).toFixed(1)} s after Play`).join(', ')})` : '';
    console.log(`minute ${m}: ${inMinute.length} tasks over 50 ms${when}, longest ${longest.toFixed(0)} ms, ${total.toFixed(0)} ms in all; ${cpuLine(cpu)}; step ${step}; heap ${await heapMiB(page)}; load ${load()}`);
    profileLines(cpu);
    if (profileAll && samples.length > 0) console.log(`  the whole minute: ${taskSummary(samples, samples[0]!.ts, Number.POSITIVE_INFINITY, profileTop)}${moduleSummary(samples, samples[0]!.ts, Number.POSITIVE_INFINITY, moduleOf, profileTop)}`);
    await loafLines(page, started + (m - 1) * 60_000, started + m * 60_000);
  }
}

/**
 * BROWSER: what the browser did before it opened the page. `cold` (the default): nothing, it was just launched,
 * the worst case: its first layout loads fonts and its processes fault their code in, and the start's tasks ran
 * up to twice their CPU time by wall clock. `used`: it drew another page first (on another origin: nothing of
 * ours is cached), as a user's running browser has. `revisit`: it opened this page before (the HTTP cache and
 * V8's code cache hold our scripts).
 */
const browserState = process.env.BROWSER ?? 'cold';

async function warmUp(browser: Browser): Promise<void> {
  if (browserState === 'cold') return;
  const first = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  if (browserState === 'revisit') {
    await first.goto(`http://127.0.0.1:${port}/${query}`);
    await first.getByTestId('runs-list').waitFor({ timeout: 120_000 });
  } else if (browserState === 'used') {
    // localhost is another origin than 127.0.0.1; the page is the server's 404, then a document with text and controls.
    await first.goto(`http://localhost:${port}/nothing-here`);
    await first.setContent('<h1>A page</h1><p>Text, <b>bold</b>, <i>italic</i>, <code>code</code>.</p><button>A button</button><select><option>one</option></select><input type="range"><svg><text y="20">svg text</text></svg>');
    await first.waitForTimeout(1000);
  } else throw new Error(`BROWSER=${browserState}: cold, used or revisit`);
  await first.close();
}

const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', port, '--strictPort', '--outDir', process.env.E2E_DIST ?? 'dist'], { stdio: 'ignore', detached: true });
await new Promise((resolve) => setTimeout(resolve, 2500));
try {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'] });
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.addInitScript(() => {
    const tasks: { start: number; duration: number }[] = [];
    (window as unknown as { longTasks: typeof tasks }).longTasks = tasks;
    new PerformanceObserver((list) => list.getEntries().forEach((e) => tasks.push({ start: e.startTime, duration: e.duration }))).observe({ type: 'longtask', buffered: true });
    // Long animation frames with their scripts (LOAF=1 prints them); the entries' fields as Chromium gives them.
    interface ScriptTiming extends PerformanceEntry {
      invoker: string;
      sourceFunctionName: string;
      sourceURL: string;
      sourceCharPosition: number;
      forcedStyleAndLayoutDuration: number;
    }
    interface FrameTiming extends PerformanceEntry {
      renderStart: number;
      scripts: ScriptTiming[];
    }
    const frames: Loaf[] = [];
    (window as unknown as { longFrames: Loaf[] }).longFrames = frames;
    if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame'))
      new PerformanceObserver((list) =>
        (list.getEntries() as FrameTiming[]).forEach((e) =>
          frames.push({
            start: e.startTime,
            duration: e.duration,
            renderStart: e.renderStart,
            scripts: e.scripts.map((s) => ({ invoker: s.invoker, fn: s.sourceFunctionName, file: s.sourceURL.split('/').pop() ?? '', at: s.sourceCharPosition, duration: s.duration, forced: s.forcedStyleAndLayoutDuration })),
          }),
        ),
      ).observe({ type: 'long-animation-frame', buffered: true });
    // The controls' first frame: the learning-rate slider mounts with them (App.tsx's first stage).
    const seen = new MutationObserver(() => {
      if (!document.querySelector('[data-testid="learningRate-slider"]')) return;
      seen.disconnect();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => ((window as unknown as { controlsPainted: number }).controlsPainted = performance.now());
        channel.port2.postMessage(null);
      });
    });
    seen.observe(document, { childList: true, subtree: true });
  });
  await warmUp(browser);
  await measure(browser, page);
  await browser.close();
} finally {
  process.kill(-server.pid!);
}
