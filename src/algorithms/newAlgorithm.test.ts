/**
 * A new algorithm is its folder and one line in each registry (issue 20 §1): nothing else in the page or the
 * worker has to learn its name. A test-only sixth algorithm (feedback alignment's description and
 * implementation under another name, label and Explain id, the implementation's calls counted) is
 * added to both registries for this file alone (vi.mock); the URL, the run names, the Explain panels, the
 * PyTorch export and a training session then have to find it through the registries. A
 * table keyed by the five real names anywhere on those paths fails here. (What the README must list is
 * config/readme.test.ts's.)
 */
import '../test/setupTf';
import { describe, expect, it, vi } from 'vitest';
import { describeFirstRun } from '../config/runNames';
import { decodeConfig } from '../config/url';
import { runSpecOf, trainingSettingsOf } from '../config/toEngine';
import { defaultConfig, type ExperimentConfig } from '../config/experiment';
import { sessionOnGeneratedData } from '../engine/session';
import { EXPLANATIONS } from '../ui/explain/explanations';
import { pytorchEmitterOf } from '../ui/export/pytorchScript';
import type * as PageRegistry from './registry';
import { ALGORITHM_EXPLANATIONS, ALGORITHM_INFO, ALGORITHM_LABELS, ALGORITHMS, type AlgorithmName } from './registry';
import type * as WorkerRegistry from './workerRegistry';
import { ALGORITHM_IMPLEMENTATIONS } from './workerRegistry';

const SIXTH = vi.hoisted(() => ({ name: 'test-only-sixth', label: 'Sixth rule' }));

/** The page registry's exports that list algorithms; the mock below adds the sixth to each. */
const LISTING_EXPORTS = ['ALGORITHMS', 'ALGORITHM_INFO', 'ALGORITHM_LABELS', 'ALGORITHM_EXPLANATIONS'];

vi.mock('./registry', async (importOriginal) => {
  const real = await importOriginal<typeof PageRegistry>();
  const model = real.ALGORITHM_INFO['feedback-alignment'];
  const sixth = { ...model, name: SIXTH.name, label: SIXTH.label, inSentence: SIXTH.label.toLowerCase(), explanation: { ...model.explanation, id: SIXTH.name, title: SIXTH.label } };
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
  const sixth = { ...model, name: SIXTH.name, step: vi.fn(model.step), createState: vi.fn(model.createState) };
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
});
