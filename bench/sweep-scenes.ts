/**
 * `npm run bench`, sweep scenes (Node, CPU backend): every scene with a sweep (config/scenes.ts), run exactly as
 * the page runs it (the scene's runs as groups, the sweep panel's default 20 % validation split, the sweep job),
 * printing each group's median of the scene's metric and of the final train loss per grid point, and its best.
 * The scenes' narrations quote these numbers; the runs are deterministic, so the page's sweep shows the same.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '../src/config/zodSetup';
import { SCENES, sceneConfigs } from '../src/config/scenes';
import { expandSweep, type SweepValue } from '../src/config/sweep';
import { runSpecOf, trainingSettingsOf } from '../src/config/toEngine';
import { isGeneratedSpec } from '../src/engine/data/dataset';
import { describeMetric, sweepResponse, type SweepMetric } from '../src/engine/sweep/response';
import { runSweepJob } from '../src/engine/sweep/sweepJob';
import { DEFAULT_VALIDATION_PERCENT } from '../src/state/sweepStore';
import { printTable } from './table';

tf.env().set('PROD', true);
await tf.setBackend('cpu');

const value = (v: SweepValue): string => (typeof v === 'number' ? String(Number(v.toPrecision(3))) : String(v));

for (const scene of SCENES) {
  if (!scene.sweep) continue;
  const groups = sceneConfigs(scene).map((config) => ({ ...config, validationPercent: DEFAULT_VALIDATION_PERCENT }));
  // The paper scene's sweep trains on shipped MNIST 14×14 for minutes: bench/paper-sweep.ts runs it (one method a
  // process, the two side by side), with each run's time per step.
  const shipped = groups.filter((config) => !isGeneratedSpec(runSpecOf(config).dataset));
  if (shipped.length > 0) {
    console.log(`\nScene ${scene.name}: trains on ${runSpecOf(shipped[0]).dataset.name}, not measured here: npx tsx bench/paper-sweep.ts backprop|locoprop-m`);
    continue;
  }
  const expansion = expandSweep(scene.sweep.spec, groups, { msPerStep: 1e-6, maxMs: Number.POSITIVE_INFINITY });
  if (!expansion.ok) throw new Error(`${scene.name}: ${expansion.reasons.join(' ')}`);
  const { plan } = expansion;
  const started = performance.now();
  const { results } = await runSweepJob(
    plan.runs.map((run) => ({ spec: runSpecOf(run.config), settings: trainingSettingsOf(run.config) })),
    { budgetSteps: plan.budgetSteps, yieldControl: () => Promise.resolve() },
  );
  const seconds = (performance.now() - started) / 1000;
  const metrics: SweepMetric[] = [scene.sweep.metric, { kind: 'final', of: 'trainLoss' }];
  const responses = metrics.map((metric) => sweepResponse(plan.runs, results, metric));
  console.log(`\nScene ${scene.name}: ${plan.runs.length} runs × ${plan.budgetSteps} steps in ${seconds.toFixed(1)} s on one thread`);
  printTable(
    ['group', ...plan.fields, ...metrics.map((m) => `median ${describeMetric(m)}`), 'diverged seeds'],
    responses[0].cells.map((cell, i) => [
      String(cell.group + 1),
      ...cell.point.map((p, axis) => value(plan.axisValues[axis][p])),
      ...responses.map((r) => r.cells[i].median.toPrecision(3)),
      String(cell.diverged),
    ]),
  );
  responses[0].best.forEach((best, group) => console.log(`group ${group + 1} best: ${best ? best.point.map((p, a) => value(plan.axisValues[a][p])).join(', ') : 'none'} (${responses[0].rule})`));
}
