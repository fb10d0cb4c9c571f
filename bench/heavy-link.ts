/**
 * `DIST=/tmp/dist-x PORT=4411 QUERY='?backend=cpu&dataset=mnist&hidden=…' PAUSES=6 tsx bench/heavy-link.ts`:
 * a heavy link as a user meets it (issue 21 item 3). Opens the link, presses Play as soon as the button is there,
 * and records (in the page, every 20 ms, by the page's clock from navigation start) the status, the architecture
 * line and the step count as they change, so the time from Play to the first stated cost and to the first step can
 * be read off. Then, with LIGHT_S, each run's step count over that many seconds (a light run beside a heavy one;
 * EVENTS=1 also prints the worker's tick and notice events, each worker message's silence over 3 s and the main
 * thread's longest gap); PAUSES times Play, a random 0.3–3.5 s, Pause, and the time until the Play button is back;
 * ACTIONS (reset, remove: comma-separated) the same for Reset (until the worker's first 'run' event) and removing
 * the last run (until 'runRemoved'). Wall-clock on a shared machine: print the load beside it.
 */
import { launchChromium, startPreview, stopPreview } from './browserHarness';

const PORT = Number(process.env.PORT ?? 4411);
const DIST = process.env.DIST ?? 'dist';
const QUERY = process.env.QUERY ?? '?backend=cpu&dataset=mnist&hidden=1024,1024,1024,1024,1024,1024,1024,1024';
const PAUSES = Number(process.env.PAUSES ?? 6);
const FIRST_STEP_MS = Number(process.env.FIRST_STEP_MS ?? 300_000);
let seed = 12345;
const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

const RECORDER = `(() => {
  // Every message of the page's workers, by type, with the page's clock (pongs and run states included).
  window.workerMessages = [];
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => window.workerMessages.push([Math.round(performance.now()), e.data?.type ?? '?']));
    }
  };
  const log = [];
  window.heavyLog = log;
  const seen = {};
  // The main thread's own responsiveness: the longest gap between two of these reads, and when.
  window.mainGap = [0, 0];
  let lastRead = performance.now();
  const read = () => {
    const gapNow = performance.now();
    if (gapNow - lastRead > window.mainGap[0]) window.mainGap = [Math.round(gapNow - lastRead), Math.round(gapNow)];
    lastRead = gapNow;
    const text = (id) => document.querySelector('[data-testid="' + id + '"]')?.textContent ?? null;
    const now = Math.round(performance.now());
    for (const id of ['status', 'architecture', 'step-count']) {
      const value = text(id);
      if (value !== seen[id]) { seen[id] = value; log.push([now, id, value]); }
    }
    const button = document.querySelector('[data-testid="pause"]') ? 'pause' : document.querySelector('[data-testid="play"]') ? 'play' : 'none';
    if (button !== seen.button) { seen.button = button; log.push([now, 'button', button]); }
  };
  setInterval(read, 20);
})()`;

const server = await startPreview(PORT, DIST);
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.addInitScript(RECORDER);
  await page.goto(`http://127.0.0.1:${PORT}/${QUERY}`);
  await page.getByTestId('play').waitFor({ timeout: 60_000 });
  // The worker's events as the page's client hears them (tick: run and step; notice: its code).
  await page.evaluate(`(() => { window.eventLog = []; window.locolab?.client.subscribe((e) => { if (e.type === 'tick' || e.type === 'notice' || e.type === 'playing' || e.type === 'runRemoved') window.eventLog.push([Math.round(performance.now()), e.type, e.runId ?? '', e.type === 'tick' ? e.metric.step : e.type === 'notice' ? e.notice.code : e.type === 'playing' ? e.playing : '']); }); })()`);
  const playedAt = (await page.evaluate('Math.round(performance.now())')) as number;
  await page.getByTestId('play').click();
  const started = Date.now();
  while (Date.now() - started < FIRST_STEP_MS) {
    const step = Number(((await page.getByTestId('step-count').first().textContent()) ?? '0').replace(/,/g, ''));
    if (step >= 1) break;
    await page.waitForTimeout(200);
  }
  await page.waitForTimeout(1500);
  const log = (await page.evaluate('window.heavyLog')) as [number, string, string | null][];
  console.log(`Play clicked at ${playedAt} ms`);
  for (const [t, id, value] of log) console.log(`${String(t).padStart(7)} ms (${t - playedAt >= 0 ? '+' : ''}${t - playedAt} from Play) ${id}: ${(value ?? 'null').slice(0, 400)}`);
  if (process.env.EVENTS) {
    const seen = (await page.evaluate('window.eventLog')) as [number, string, string, unknown][];
    console.log(seen.map(([t, type, run, what]) => `${t - playedAt} ${type} ${run} ${String(what)}`).join('\n'));
  }
  // The runs' own step counts over LIGHT_S seconds of play (a light run beside a heavy one, pacing).
  const lightS = Number(process.env.LIGHT_S ?? 0);
  if (lightS > 0) {
    const counts = async (): Promise<number[]> => (await page.getByTestId('run-step-count').allTextContents()).map((t) => Number(t.replace(/,/g, '')));
    const first = await counts();
    await page.waitForTimeout(lightS * 1000);
    const last = await counts();
    if (process.env.EVENTS) {
      const seen = (await page.evaluate('window.eventLog')) as [number, string, string, unknown][];
      console.log(seen.map(([t, type, run, what]) => `${t - playedAt} ${type} ${run} ${String(what)}`).join('\n'));
    }
    const messages = (await page.evaluate('window.workerMessages')) as [number, string][];
    let lastMessage = playedAt;
    for (const [t, type] of messages) {
      if (t - lastMessage > 3000) console.log(`worker silent ${lastMessage - playedAt} -> ${t - playedAt} ms after Play (then ${type})`);
      lastMessage = t;
    }
    console.log(`worker messages: ${messages.length}, last ${messages.at(-1)?.[0] ?? 0 - playedAt} ms; types after Play: ${JSON.stringify(Object.entries(messages.filter(([t]) => t > playedAt).reduce((c: Record<string, number>, [, type]) => ({ ...c, [type]: (c[type] ?? 0) + 1 }), {})))}`);
    console.log(`main thread's longest gap between 20 ms reads: ${JSON.stringify(await page.evaluate('window.mainGap'))} (ms, ending at)`);
    console.log(`run steps in ${lightS} s: ${first.map((c, i) => `run ${i + 1} ${c} -> ${last[i]} (+${last[i] - c})`).join(', ')}`);
  }
  const times: number[] = [];
  for (let i = 0; i < PAUSES; i++) {
    if (!(await page.getByTestId('play').count())) await page.getByTestId('pause').click();
    await page.getByTestId('play').waitFor({ timeout: 120_000 });
    await page.getByTestId('play').click();
    await page.waitForTimeout(300 + 3200 * random());
    const ms = (await page.evaluate(`new Promise((resolve) => {
      const button = document.querySelector('[data-testid="pause"]');
      if (!button) return resolve(-1);
      const started = performance.now();
      button.click();
      const check = () => (document.querySelector('[data-testid="play"]') ? resolve(performance.now() - started) : setTimeout(check, 2));
      check();
    })`)) as number;
    times.push(ms);
    await page.waitForTimeout(1000);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const step = await page.getByTestId('step-count').first().textContent();
  if (times.length) console.log(`pause: median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(0)} ms, max ${sorted.at(-1)?.toFixed(0)} ms, each ${times.map((t) => t.toFixed(0)).join(' ')} (step ${step})`);
  // Reset and removing a run while it works: click, then the worker's answer by its events (the page's client).
  await page.evaluate(`(() => { window.workerLog = []; window.locolab?.client.subscribe((e) => window.workerLog.push([performance.now(), e.type, e.type === 'playing' ? e.playing : e.type === 'tick' ? e.metric.step : e.runId ?? null])); })()`);
  for (const action of (process.env.ACTIONS ?? '').split(',').filter(Boolean)) {
    if (await page.getByTestId('play').count()) await page.getByTestId('play').click();
    await page.waitForTimeout(300 + 3200 * random());
    const selector = action === 'reset' ? '[data-testid="reset"]' : '[data-testid="remove-run"]';
    const clickedAt = (await page.evaluate(`(() => { const buttons = document.querySelectorAll('${selector}'); const t = performance.now(); buttons[buttons.length - 1].click(); return t; })()`)) as number;
    const wanted = action === 'reset' ? "e[1] === 'run'" : "e[1] === 'runRemoved'";
    const answeredAt = (await page.evaluate(`new Promise((resolve) => { const started = performance.now(); const check = () => { const hit = window.workerLog.find((e) => e[0] >= ${clickedAt} && ${wanted}); if (hit) resolve(hit[0]); else if (performance.now() - started > 120000) resolve(-1); else setTimeout(check, 5); }; check(); })`)) as number;
    const paused = (await page.evaluate(`window.workerLog.find((e) => e[0] >= ${clickedAt} && e[1] === 'playing' && e[2] === false)?.[0] ?? -1`)) as number;
    console.log(`${action}: playing false after ${paused < 0 ? 'never' : (paused - clickedAt).toFixed(0) + ' ms'}, ${action === 'reset' ? "first 'run' event (a run restarted)" : 'runRemoved'} after ${answeredAt < 0 ? '>120 s' : (answeredAt - clickedAt).toFixed(0) + ' ms'}`);
    await page.waitForTimeout(1000);
  }
  if (process.env.SHOT) await page.screenshot({ path: process.env.SHOT });
} finally {
  await browser.close();
  stopPreview(server);
}
