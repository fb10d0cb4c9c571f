/**
 * A new algorithm is its folder and one line in each registry (issue 20 §1): nothing else in the page or the
 * worker has to learn its name or its settings. A test-only sixth algorithm (feedback alignment's description
 * and implementation under another name, label and Explain id, with a settings group of its own holding one
 * number field, the implementation's calls counted) is added to both registries for this file alone (vi.mock);
 * the URL, the schema's range check, the run names, the Explain panels, the PyTorch export, a training
 * session and the cost model (its step's inner iterations, the calibration's key) then have to find it and its
 * setting through the registries; its group's presentation (the setting's short form and main field in run
 * names, its note in the cost message, its PyTorch constant) through presentation.ts. A table keyed by the five real names,
 * or a field list or StepHyper member spelled out per algorithm, anywhere on those paths fails here. (What the README must list is
 * config/readme.test.ts's.)
 */
import '../test/setupTf';
import { describe, expect, it, vi } from 'vitest';
import { describeDifference, describeFirstRun } from '../config/runNames';
import { costText } from '../state/runMessages';
import { pythonSettingConstants, settingValuesOf } from './presentation';
import { decodeConfig, encodeConfig } from '../config/url';
import { runSpecOf, trainingSettingsOf } from '../config/toEngine';
import { defaultConfig, type ExperimentConfig } from '../config/experiment';
import { sessionOnGeneratedData } from '../engine/session';
import { estimateSweepMsPerStep } from '../state/sweepEstimate';
import { calibrationKey } from '../worker/calibration';
import { stepShapeOf } from '../worker/runCost';
import { EXPLANATIONS } from '../ui/explain/explanations';
import { pytorchEmitterOf } from '../ui/export/pytorchScript';
import type * as PageRegistry from './registry';
import type { SettingsGroup } from './settings';
import { ALGORITHM_EXPLANATIONS, ALGORITHM_INFO, ALGORITHM_LABELS, ALGORITHMS, type AlgorithmName } from './registry';
import type * as WorkerRegistry from './workerRegistry';
import { ALGORITHM_IMPLEMENTATIONS } from './workerRegistry';

const SIXTH = vi.hoisted(() => ({ name: 'test-only-sixth', label: 'Sixth rule', setting: 'sixthScale' }));

/** The page registry's exports that list algorithms; the mock below adds the sixth to each. */
const LISTING_EXPORTS = ['ALGORITHMS', 'ALGORITHM_INFO', 'ALGORITHM_LABELS', 'ALGORITHM_EXPLANATIONS'];

vi.mock('./registry', async (importOriginal) => {
  const real = await importOriginal<typeof PageRegistry>();
  const { numberField } = await import('../config/fields');
  const { numberSetting } = await import('./settings');
  const model = real.ALGORITHM_INFO['feedback-alignment'];
  const scale = numberField({ label: 'Sixth scale', help: 'A test-only setting.', change: 'hot', defaultValue: 1, min: 0.5, max: 2 });
  const settings: SettingsGroup<{ [SIXTH.setting]: typeof scale }> = {
    id: SIXTH.name,
    fields: { [SIXTH.setting]: scale },
    toStep: (values) => ({ scale: values[SIXTH.setting] }),
    intro: 'A test-only group.',
    explainLabel: 'Sixth rule',
    // Its step's work: 4 · scale inner iterations (6 at scale 1.5), and the scale changes what a step costs.
    innerIterations: (step) => Math.round(4 * numberSetting(SIXTH.label, step, 'scale')),
    costFields: [SIXTH.setting],
    // Its presentation: "Sixth rule, scale ×1.5" in run names, "scale 1.5" in the cost message, SIXTH_SCALE in the script.
    controls: { [SIXTH.setting]: { runName: (values) => `scale ×${values[SIXTH.setting]}` } },
    mainField: SIXTH.setting,
    costNote: (values) => `scale ${values[SIXTH.setting]}`,
    pythonConstants: (values) => [['SIXTH_SCALE', String(values[SIXTH.setting])]],
  };
  const sixth = { ...model, name: SIXTH.name, label: SIXTH.label, inSentence: SIXTH.label.toLowerCase(), explanation: { ...model.explanation, id: SIXTH.name, title: SIXTH.label }, settings, fusedOn: [], batchedOn: [] };
  return {
    ...real,
    ALGORITHMS: [...real.ALGORITHMS, SIXTH.name],
    ALGORITHM_INFO: { ...real.ALGORITHM_INFO, [SIXTH.name]: sixth },
    ALGORITHM_LABELS: { ...real.ALGORITHM_LABELS, [SIXTH.name]: SIXTH.label },
    ALGORITHM_EXPLANATIONS: [...real.ALGORITHM_EXPLANATIONS, sixth.explanation],
  };
});

vi.mock('./workerRegistry', async (importOriginal) => {
  const real = await importOriginal<typeof WorkerRegistry>();
  const model = real.ALGORITHM_IMPLEMENTATIONS['feedback-alignment'];
  // Its plain step only: no fused kernels, no batched sweep steps (feedback alignment's are its own).
  const sixth = { ...model, name: SIXTH.name, step: vi.fn(model.step), createState: vi.fn(model.createState), fused: undefined, sweepBatch: undefined };
  return { ...real, ALGORITHM_IMPLEMENTATIONS: { ...real.ALGORITHM_IMPLEMENTATIONS, [SIXTH.name]: sixth } };
});

const sixth = SIXTH.name as AlgorithmName;

describe('a sixth algorithm, added to the two registries only', () => {
  it('is in every listing the page registry exports (a new listing export must be added to the mock above)', async () => {
    const real = await vi.importActual<typeof PageRegistry>('./registry');
    const listing = Object.entries(real)
      .filter(([, value]) => Array.isArray(value) || (typeof value === 'object' && value !== null && 'backprop' in value))
      .map(([name]) => name);
    expect(listing.sort()).toEqual([...LISTING_EXPORTS].sort());
    expect(ALGORITHMS).toContain(sixth);
    expect(ALGORITHM_INFO[sixth].label).toBe(SIXTH.label);
    expect(ALGORITHM_LABELS[sixth]).toBe(SIXTH.label);
    expect(ALGORITHM_EXPLANATIONS.map((e) => e.id)).toContain(SIXTH.name);
  });

  it('is taken from the address, named in run names, explained and given its PyTorch emitter', () => {
    const decoded = decodeConfig(`algorithm=${SIXTH.name}`);
    expect(decoded.problems).toEqual([]);
    expect(decoded.config.algorithm).toBe(sixth);
    expect(describeFirstRun({ ...defaultConfig(), algorithm: sixth })).toMatch(new RegExp(`^${SIXTH.label}, `));
    expect(EXPLANATIONS[SIXTH.name]?.title).toBe(SIXTH.label);
    expect(pytorchEmitterOf(sixth).emitter).toBe(ALGORITHM_INFO[sixth].pytorch);
  });

  it('trains in a session through its own implementation: its state drawn once, its step taken every step', async () => {
    const implementation = ALGORITHM_IMPLEMENTATIONS[sixth];
    const config: ExperimentConfig = { ...defaultConfig(), algorithm: sixth, optimizer: 'sgd', learningRate: 0.1, kernels: 'auto' };
    const session = sessionOnGeneratedData(runSpecOf(config), trainingSettingsOf(config));
    expect(session.kernelPath).toBe('plain');
    expect(session.runSteps(5)).toBe(5);
    const { evaluation, snapshot } = await session.evaluate(false);
    expect(implementation.createState).toHaveBeenCalledTimes(1);
    expect(implementation.step).toHaveBeenCalledTimes(5);
    expect(evaluation.step).toBe(5);
    expect(Number.isFinite(evaluation.trainLoss)).toBe(true);
    expect(snapshot.algorithmState).toHaveLength(1);
    session.dispose();
  });

  it('has a setting of its own: taken from the address, range-checked by name, and passed to its step', async () => {
    const decoded = decodeConfig(`algorithm=${SIXTH.name}&${SIXTH.setting}=1.5`);
    expect(decoded.problems).toEqual([]);
    const config: Readonly<Record<string, unknown>> = decoded.config;
    expect(config[SIXTH.setting]).toBe(1.5);
    expect(encodeConfig(decoded.config)).toContain(`${SIXTH.setting}=1.5`);

    const outOfRange = decodeConfig(`algorithm=${SIXTH.name}&${SIXTH.setting}=7`);
    expect(outOfRange.problems.map((p) => p.field)).toEqual([SIXTH.setting]);
    expect(outOfRange.problems[0].message).toBe(`"${SIXTH.setting}" = "7" is not valid (must be at most 2); using the default, 1.`);

    const implementation = vi.mocked(ALGORITHM_IMPLEMENTATIONS[sixth]);
    implementation.step.mockClear();
    const settings = trainingSettingsOf({ ...decoded.config, optimizer: 'sgd', kernels: 'auto' });
    expect(settings.settings).toEqual({ scale: 1.5 });
    const session = sessionOnGeneratedData(runSpecOf(decoded.config), settings);
    expect(session.runSteps(2)).toBe(2);
    expect(implementation.step).toHaveBeenCalledTimes(2);
    for (const [, , hyper] of implementation.step.mock.calls) expect(hyper.settings).toEqual({ scale: 1.5 });
    session.dispose();
  });

  it('shows its setting in run names, the cost message and the PyTorch constants through its group’s declarations', () => {
    const first = defaultConfig();
    const config = { ...first, algorithm: sixth, [SIXTH.setting]: 1.5 } as ExperimentConfig;
    expect(describeDifference(first, config)).toBe('Sixth rule, scale ×1.5');
    // Its main field is named beside it when only the algorithm differs, and alone when only the field does.
    expect(describeDifference(first, { ...first, algorithm: sixth })).toBe('Sixth rule, scale ×1');
    expect(describeDifference({ ...config, [SIXTH.setting]: 1 } as ExperimentConfig, config)).toBe('scale ×1.5');
    const cost = costText({ type: 'cost', runId: 'run-1', backend: 'cpu', batchSize: 16, settings: settingValuesOf(config), msPerStep: {} });
    expect(cost.text).toContain(`${SIXTH.label} too fast to measure`);
    expect(cost.text).toMatch(/\(K = 10; scale 1\.5\)\.$/);
    expect(pythonSettingConstants(config)).toContainEqual(['SIXTH_SCALE', '1.5']);
    expect(pythonSettingConstants(config).map(([name]) => name)).toContain('GAMMA');
  });

  it('declares its work per step: the cost estimates take its inner iterations, the calibration its cost field', () => {
    const config = { ...defaultConfig(), algorithm: sixth, [SIXTH.setting]: 1.5 } as ExperimentConfig;
    const session = sessionOnGeneratedData(runSpecOf(config), trainingSettingsOf(config));
    expect(stepShapeOf(session).innerIterations).toBe(6);
    session.dispose();
    // Its 6 inner iterations cost what LocoProp-M's K = 6 costs on the same network and batch (on plain ops: it has
    // no fused kernels, and LocoProp-M's would be estimated at their rate).
    const problem = { inputSize: 2, outputSize: 1, trainCount: 200, testCount: 200 };
    const locoprop: ExperimentConfig = { ...defaultConfig(), algorithm: 'locoprop-m', innerSteps: 6, kernels: 'plain' };
    expect(estimateSweepMsPerStep(config, problem, 1000)).toBe(estimateSweepMsPerStep(locoprop, problem, 1000));
    expect(calibrationKey({ ...config, [SIXTH.setting]: 2 } as ExperimentConfig)).not.toBe(calibrationKey(config));
  });
});
