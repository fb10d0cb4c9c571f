/**
 * `HIDDEN=1024,1024,... RUNS=1 PLAY_S=60 tsx bench/heavy-host-gaps.ts`: the worker host in Node (CPU backend) on a
 * heavy MNIST link, with a yield that times each synchronous stretch between two of the host's slices (what a
 * command waits for at worst) and says what ran in it by the host's counters (a sub-slice of steps, a piece of a
 * diagnosis, else an evaluation chunk or a run's start). Prints the longest stretches. Wall-clock: print the load.
 */
import '../src/test/setupTf';
import { readFile } from 'node:fs/promises';
import { defaultConfig, type ExperimentConfig } from '../src/config/experiment';
import { TrainingHost } from '../src/worker/host';
import type { RunConfig } from '../src/worker/protocol';
import { cpuOnly } from '../src/test/cpuBackendPort';
import { yieldToMessages } from '../src/engine/yieldToMessages';

const HIDDEN = (process.env.HIDDEN ?? '1024,1024,1024,1024,1024,1024,1024,1024').split(',').map(Number);
const RUNS = Number(process.env.RUNS ?? 1);
const PLAY_S = Number(process.env.PLAY_S ?? 60);
const config: ExperimentConfig = { ...defaultConfig(), backend: 'cpu', dataset: 'mnist', hidden: HIDDEN, activation: HIDDEN.map(() => 'tanh') as ExperimentConfig['activation'] };
const PACING = (process.env.PACING ?? 'lockstep') as ExperimentConfig['pacing'];
// MIXED=1: run 1 is the default light network, run 2 the heavy one (a light run beside a heavy one).
const runs: RunConfig[] = process.env.MIXED
  ? [{ runId: 'run-1', config: { ...defaultConfig(), backend: 'cpu', pacing: PACING } }, { runId: 'run-2', config: { ...config, pacing: PACING } }]
  : Array.from({ length: RUNS }, (_, i) => ({ runId: `run-${i + 1}`, config: { ...config, seed: i + 1, pacing: PACING } }));
const shipped = async (file: string): Promise<Uint8Array> => new Uint8Array(await readFile(new URL(`../public/data/${file}`, import.meta.url)));
const stretches: [number, string][] = [];
let last = performance.now();
let before = '';
let host: TrainingHost | null = null;
const counts = (): string => (host ? `${host.counters.stepSlices}/${host.counters.diagnosisPieces}` : '');
const events: string[] = [];
const t0 = performance.now();
host = new TrainingHost(
  (event) => {
    if (event.type === 'tick') events.push(`${((performance.now() - t0) / 1000).toFixed(1)} s tick ${event.runId} step ${event.metric.step}`);
    if (event.type === 'notice') events.push(`${((performance.now() - t0) / 1000).toFixed(1)} s notice ${event.notice.code}`);
  },
  cpuOnly,
  shipped,
  {
    yieldToMessages: async () => {
      const now = performance.now();
      const [s0, d0] = before.split('/').map(Number);
      const [s1, d1] = counts().split('/').map(Number);
      const what = s1 !== s0 ? 'steps' : d1 !== d0 ? 'diagnosis piece' : 'other (evaluation chunk, start)';
      stretches.push([now - last, what]);
      await yieldToMessages();
      last = performance.now();
      before = counts();
    },
  },
);
before = counts();
host.handle({ type: 'configure', runs });
host.handle({ type: 'play' });
await new Promise((r) => setTimeout(r, PLAY_S * 1000));
host.handle({ type: 'pause' });
await host.idle();
const top = [...stretches].sort((a, b) => b[0] - a[0]).slice(0, 15);
console.log(events.slice(0, Number(process.env.EVENTS ?? 30)).join('\n'));
console.log(`${stretches.length} stretches; longest: ${top.map(([ms, what]) => `${ms.toFixed(0)} ms ${what}`).join('; ')}`);
for (const kind of ['steps', 'diagnosis piece', 'other (evaluation chunk, start)']) {
  const of = stretches.filter(([, w]) => w === kind).map(([ms]) => ms).sort((a, b) => a - b);
  if (of.length) console.log(`${kind}: ${of.length}, median ${of[Math.floor(of.length / 2)].toFixed(0)} ms, max ${of.at(-1)?.toFixed(0)} ms`);
}
process.exit(0);
