/**
 * A new probe is its folder and one line in the registry (issue 20 §3): the session packs its values into the
 * tick's one readback and unpacks them by its declaration, the worker's tick carries it, the run's series and the
 * metric CSV pick it up by name, and the Output panel draws its chart. A test-only probe is added to the registry
 * for this file alone (vi.mock). It reads ‖∂L/∂W_m‖ (which the layer statistics probe also reads, in another slot
 * of the same readback) and ‖W_m‖/‖W_m‖ = 1, so a slot or a quantity taken from the wrong offset shows.
 */
import '../test/setupTf';
import { describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../config/experiment';
import { metricLogOf, useRunStore } from '../state/runStore';
import { CIRCLE_PROBLEM } from '../test/problems';
import { cpuOnly } from '../test/cpuBackendPort';
import { logColumns, lossCsv } from '../ui/charts/lossCsv';
import { PROBE_CHARTS } from '../ui/panels/probeCharts';
import { TrainingHost } from '../worker/host';
import type { WorkerEvent } from '../worker/protocol';
import type { Probe } from './probe';
import type * as Registry from './registry';
import { PROBES } from './registry';

const TEST_PROBE = vi.hoisted(() => ({ name: 'testOnlyNorms', csv: { gradientNorm: 'test_gradient_norm', unit: 'test_unit' } }));
const TestChart = vi.hoisted(() => () => null);

vi.mock('./registry', async (importOriginal) => {
  const real = await importOriginal<typeof Registry>();
  const { LAYER_STATISTICS } = await import('./layer-statistics/probe');
  const probe: Probe = {
    declaration: { name: TEST_PROBE.name, quantities: ['gradientNorm', 'unit'], seeds: 'lead', csv: TEST_PROBE.csv },
    measure: (tf, _step, shared) => {
      const before = tf.stack(shared.norms('before'));
      return tf.concat([tf.stack(shared.norms('gradient')), tf.div(before, before)]) as ReturnType<Probe['measure']>;
    },
    loadChart: () => Promise.resolve(TestChart),
  };
  expect(real.PROBES[0]).toBe(LAYER_STATISTICS);
  return { ...real, PROBES: [...real.PROBES, probe] };
});

type Tick = Extract<WorkerEvent, { type: 'tick' }>;

describe('a test-only probe, added by one registry line', () => {
  it('is measured in the tick’s readback, reaches the run’s series and the CSV by name, and has its chart drawn', async () => {
    expect(PROBES.map((probe) => probe.declaration.name)).toContain(TEST_PROBE.name);
    const events: WorkerEvent[] = [];
    const host = new TrainingHost((event) => events.push(event), cpuOnly);
    host.handle({ type: 'configure', runs: [{ runId: 'np', config: { ...defaultConfig(), backend: 'cpu', seed: 5, hidden: [6, 4], activation: ['tanh', 'tanh'] } }] });
    await host.idle();
    host.handle({ type: 'step' });
    await host.idle();
    const ticks = events.filter((e): e is Tick => e.type === 'tick' && e.runId === 'np');
    const diagnosed = ticks.filter((tick) => tick.probes !== null);
    expect(diagnosed.length).toBeGreaterThan(0);
    const last = diagnosed[diagnosed.length - 1];
    const reading = last.probes?.[TEST_PROBE.name];
    const layerStatistics = last.probes?.layerStatistics;
    if (!reading || !layerStatistics) throw new Error('the tick carries no reading of the test-only probe or of the layer statistics');
    // Unpacked from its own slot: the layer statistics' gradient norms to the bit, then one per layer.
    expect(reading.gradientNorm).toHaveLength(3);
    expect(reading.gradientNorm).toEqual(layerStatistics.gradientNorm);
    expect(reading.unit).toEqual([1, 1, 1]);

    // The run's series and the CSV, through the page's store, by the probe's name.
    const store = useRunStore.getState();
    const empty = { inputs: new Float32Array(0), targets: new Float32Array(0) };
    store.startRun({ runId: 'np', problem: CIRCLE_PROBLEM, train: empty, test: empty, gallery: null, parameterCount: 0, seeds: [5] });
    for (const tick of ticks) store.addTick(tick);
    const series = useRunStore.getState().runs.np.probes?.[TEST_PROBE.name];
    expect(series?.step).toEqual(diagnosed.map((tick) => tick.metric.step));
    const csv = lossCsv(
      [{ position: 1, name: 'new probe', seeds: [5], history: logColumns(metricLogOf('np')), probes: useRunStore.getState().runs.np.probes }],
      PROBES.map((probe) => probe.declaration),
    ).split('\n');
    const at = last.metric.step;
    expect(csv.filter((line) => line.includes(`,${TEST_PROBE.csv.unit}_layer`)).map((line) => line.split(',').slice(1, 2).concat(line.split(',').slice(-2)))).toEqual(
      [1, 2, 3].map((m) => [String(at), `${TEST_PROBE.csv.unit}_layer${m}`, '1']),
    );
    expect(csv.filter((line) => line.includes(`,${TEST_PROBE.csv.gradientNorm}_layer`))).toHaveLength(3);

    // The Output panel's charts, in the registry's order, end with its chart.
    const charts = await PROBE_CHARTS.load();
    expect(charts.map((chart) => chart.name)).toEqual(PROBES.map((probe) => probe.declaration.name));
    expect(charts[charts.length - 1].Chart).toBe(TestChart);
  });
});
