/**
 * An algorithm without a PyTorch emitter gets no script, and the page says why (issue 20 §1): the export used to
 * treat every algorithm other than backprop as LocoProp, so a new one would have been exported, silently, as
 * LocoProp-M. A test-only description (backprop's, renamed, its emitter replaced by a reason) is added to the
 * page registry for this file alone (vi.mock), so the production registry stays as it is, and the real lookup,
 * script, sweep export and Share panel are asked about it; backprop, through the same code, is the control.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type * as Registry from '../../algorithms/registry';
import { ALGORITHM_INFO, ALGORITHMS, type AlgorithmName } from '../../algorithms/registry';
import { defaultConfig, type ExperimentConfig } from '../../config/experiment';
import { expandSweep } from '../../config/sweep';
import type { Problem } from '../../engine/data/problem';
import { createConfigStore } from '../../state/configStore';
import type { RunExportPayload } from '../../worker/protocol';
import { SharePanel } from '../panels/SharePanel';
import { ServicesContext, type Services } from '../services';
import { optunaRefusal } from './optunaScript';
import { pytorchEmitterOf, pytorchScript } from './pytorchScript';

const TEST_ONLY = vi.hoisted(() => ({ name: 'test-only-no-emitter', label: 'Test-only rule', reason: 'its update has no torch counterpart (a test-only algorithm)' }));

vi.mock('../../algorithms/registry', async (importOriginal) => {
  const real = await importOriginal<typeof Registry>();
  const description = { ...real.ALGORITHM_INFO.backprop, name: TEST_ONLY.name, label: TEST_ONLY.label, pytorch: { unavailable: TEST_ONLY.reason } };
  return {
    ...real,
    ALGORITHMS: [...real.ALGORITHMS, TEST_ONLY.name],
    ALGORITHM_INFO: { ...real.ALGORITHM_INFO, [TEST_ONLY.name]: description },
    ALGORITHM_LABELS: { ...real.ALGORITHM_LABELS, [TEST_ONLY.name]: TEST_ONLY.label },
  };
});

/** The test-only name, typed as the registry's names are (the mock above adds it to the registry). */
const withoutEmitter = TEST_ONLY.name as AlgorithmName;
const NO_EXPORT = `No PyTorch export for ${TEST_ONLY.label}: ${TEST_ONLY.reason}`;

const base: ExperimentConfig = { ...defaultConfig(), dataset: 'circle', hidden: [3], activation: ['tanh'], algorithm: 'backprop', optimizer: 'sgd', seed: 5 };

/** A made-up export of a 2-3-1 run on 4 training points over 2 steps (the script needs no TF.js to be written). */
function payload(): RunExportPayload {
  const values = (n: number): Float32Array => Float32Array.from({ length: n }, (_, i) => Math.fround(Math.sin(i + 1) / 3));
  const problem: Problem = { dataset: 'circle', title: 'Circle', task: 'binary', inputSize: 2, outputSize: 1, featureNames: ['x1', 'x2'], classNames: ['0', '1'], image: null, extent: 6, trainCount: 4, validationCount: 0, testCount: 0 };
  return {
    problem,
    theta: values(2 * 3 + 3 + 3 + 1),
    trainInputs: values(8),
    trainTargets: Float32Array.from([0, 1, 0, 1]),
    trainCount: 4,
    batchSize: 2,
    rows: Int32Array.from([0, 1, 2, 3]),
    losses: Float32Array.from([0.7, 0.69]),
    learningRates: Float64Array.from([0.03, 0.03]),
    momenta: Float64Array.from([0, 0]),
    samplerState: 1005,
    algorithmState: [],
  };
}

/** The Share panel's markup with the selected run training `algorithm`. */
function sharePanelFor(algorithm: AlgorithmName): string {
  const services: Services = {
    configStore: createConfigStore({ ...base, algorithm }),
    client: { send: () => undefined, subscribe: () => () => undefined, dispose: () => undefined },
  };
  return renderToStaticMarkup(createElement(ServicesContext.Provider, { value: services }, createElement(SharePanel)));
}

/** The PyTorch button's opening tag, and the reason paragraph if there is one. */
function pytorchControls(markup: string): { button: string; reason: string | null } {
  const button = /<button[^>]*data-testid="export-pytorch"[^>]*>/.exec(markup)?.[0];
  if (!button) throw new Error('the Share panel has no PyTorch button');
  const reason = /<p[^>]*data-testid="pytorch-unavailable"[^>]*>(.*?)<\/p>/s.exec(markup)?.[1] ?? null;
  return { button, reason: reason === null ? null : reason.replace(/<!-- -->/g, '') };
}

describe('an algorithm without a PyTorch emitter', () => {
  it('is in the registry this file sees, beside the real ones, which all have an emitter', () => {
    expect(ALGORITHMS).toContain(withoutEmitter);
    expect(ALGORITHM_INFO[withoutEmitter].pytorch).toEqual({ unavailable: TEST_ONLY.reason });
    for (const name of ALGORITHMS.filter((a) => a !== withoutEmitter)) expect(pytorchEmitterOf(name).emitter, name).not.toBeNull();
  });

  it('has no emitter from the lookup, only its own reason (no other algorithm’s emitter in its place)', () => {
    expect(pytorchEmitterOf(withoutEmitter)).toEqual({ emitter: null, unavailable: TEST_ONLY.reason });
  });

  it('gets no script: writing one throws with its label and the reason, where backprop’s same run is written', () => {
    expect(pytorchScript({ config: base, runName: 'bp', export: payload() })).toContain('def make_step(model, carrier)');
    expect(() => pytorchScript({ config: { ...base, algorithm: withoutEmitter }, runName: 'x', export: payload() })).toThrow(NO_EXPORT);
  });

  it('refuses a sweep that trains it, naming the group, the algorithm and the reason', () => {
    const expansion = expandSweep({ axes: [{ field: 'learningRate', values: { kind: 'list', values: [0.01] } }], seeds: 1, budget: 10, budgetUnit: 'steps' }, [base, { ...base, algorithm: withoutEmitter }], {
      msPerStep: 1,
      maxMs: Number.POSITIVE_INFINITY,
    });
    if (!expansion.ok) throw new Error(expansion.reasons.join(' '));
    expect(optunaRefusal(expansion.plan)).toBe(`Group 2 trains ${TEST_ONLY.label}, which has no PyTorch export: ${TEST_ONLY.reason}`);
    expect(optunaRefusal({ ...expansion.plan, runs: expansion.plan.runs.filter((run) => run.group === 0) })).toBeNull();
  });

  it('disables the Share panel’s PyTorch button and shows the reason beside it; backprop’s is enabled, with none', () => {
    const offered = pytorchControls(sharePanelFor('backprop'));
    expect(offered.button).not.toMatch(/\sdisabled=/);
    expect(offered.reason).toBeNull();
    const refused = pytorchControls(sharePanelFor(withoutEmitter));
    expect(refused.button).toMatch(/\sdisabled=""/);
    expect(refused.button).toContain('aria-describedby="pytorch-unavailable"');
    expect(refused.reason).toBe(NO_EXPORT);
  });
});
