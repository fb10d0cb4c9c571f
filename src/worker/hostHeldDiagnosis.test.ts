/**
 * A run whose diagnosis would hold the worker for seconds is not diagnosed while it plays (issue 21 item 3): a
 * diagnosis runs on TF.js's plain kernels whatever path the steps take, one forward and backward pass a piece, and on
 * MNIST 8 × 1024 (batch 16, 783 MFLOP a pass) each piece took 2–8 s in the worker beside fused steps of ~1 s: a pause
 * waited for it, and a light run beside it in equal time went 14–17 s between ticks. The heavy-run notice says so, and
 * a Step still diagnoses. The rates are the test's own (a device whose plain path does 1 operation per ms and whose
 * fused path is fast), so the default network stands in for the heavy one; the host's counters and events say what
 * happened: no clock is read.
 */
import '../test/setupTf';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../config/experiment';
import { DeviceRates } from './deviceRate';
import { TrainingHost } from './host';
import type { HeavyRunFacts, RunConfig, WorkerEvent } from './protocol';
import { cpuOnly } from '../test/cpuBackendPort';

type Tick = Extract<WorkerEvent, { type: 'tick' }>;

const base: ExperimentConfig = { ...defaultConfig(), backend: 'cpu', seed: 7, speed: 0, kernels: 'fused' };
const runs = (...configs: ExperimentConfig[]): RunConfig[] => configs.map((config, i) => ({ runId: `run-${i + 1}`, config }));

function hostAt(plainFlopsPerMs: number) {
  const events: WorkerEvent[] = [];
  const rates = new DeviceRates({ cpu: plainFlopsPerMs, webgl: plainFlopsPerMs, webgpu: plainFlopsPerMs }, { cpu: 1e9, webgl: 1e9, webgpu: 1e9 });
  const host = new TrainingHost((event) => events.push(event), cpuOnly, undefined, { rates });
  const ticks = (runId: string): Tick[] => events.filter((e): e is Tick => e.type === 'tick' && e.runId === runId);
  const facts = (): HeavyRunFacts[] => events.flatMap((e) => (e.type === 'notice' && e.notice.code === 'heavy-run' ? [e.notice.facts] : []));
  const playTo = async (step: number): Promise<void> => {
    host.handle({ type: 'play' });
    while ((ticks('run-1').at(-1)?.metric.step ?? 0) < step) await new Promise((resolve) => setTimeout(resolve, 5));
    host.handle({ type: 'pause' });
    await host.idle();
  };
  return { host, events, ticks, facts, playTo };
}

describe('a diagnosis that would hold the worker', () => {
  it('is not taken while the run plays, is said in the heavy-run notice, and is taken on Step', async () => {
    const { host, ticks, facts, playTo } = hostAt(1);
    host.handle({ type: 'configure', runs: runs(base) });
    await host.idle();
    // A pass of the default network on its batch, at 1 operation per ms: seconds, and far over its fused step.
    const [said] = facts();
    expect(said.diagnosisHeldMs).toBeGreaterThan(1000);
    expect(said.diagnosisHeldMs).toBeGreaterThan(said.stepMs);
    await playTo(200);
    expect(host.counters.diagnosisPieces).toBe(0);
    expect(ticks('run-1').every((tick) => tick.probes === null && tick.diagnostics === null)).toBe(true);
    host.handle({ type: 'step' });
    await host.idle();
    expect(host.counters.diagnosisPieces).toBeGreaterThan(0);
    expect(ticks('run-1').at(-1)?.probes).not.toBeNull();
  });

  it('a run whose diagnosis is quick (the plain path as fast as assumed) is diagnosed while it plays, with no notice', async () => {
    const { host, facts, playTo } = hostAt(3e5);
    host.handle({ type: 'configure', runs: runs(base) });
    await host.idle();
    expect(facts()).toEqual([]);
    await playTo(200);
    expect(host.counters.diagnosisPieces).toBeGreaterThan(0);
  });
});
