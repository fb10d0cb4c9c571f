import '../../test/setupTf';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../../config/experiment';
import { runSpecOf, trainingSettingsOf } from '../../config/toEngine';
import { sessionOnGeneratedData } from '../session';
import { locopropWorkspacesBuilt } from '../../algorithms/locoprop/cpuLocoPropSteps';
import { trainWorkspacesBuilt } from '../../algorithms/backprop/cpuTrainSteps';
import { parsedProblem } from './cpuKernelIo';

const CALLS = 5;

describe('a fused CPU kernel call allocates no work buffers the last call on the same problem built', () => {
  it.each([
    ['backprop', trainWorkspacesBuilt],
    ['locoprop-m', locopropWorkspacesBuilt],
  ] as const)(`%s: ${CALLS} one-step calls after the first build no workspace`, (algorithm, built) => {
    const config: ExperimentConfig = { ...defaultConfig(), algorithm, optimizer: 'adam', kernels: 'fused', hidden: [8, 6], activation: ['tanh', 'relu'] };
    const session = sessionOnGeneratedData(runSpecOf(config), trainingSettingsOf(config));
    expect(session.kernelPath).toBe('fused');
    session.runSteps(1);
    const before = built();
    for (let call = 0; call < CALLS; call++) expect(session.runSteps(1)).toBe(1);
    expect(built()).toBe(before);
    session.dispose();
  });

  it('parses a problem once while it is among the last few, and anew after others have pushed it out', () => {
    const json = (rate: number): string => JSON.stringify({ layout: { layers: [] }, regularizationRate: rate });
    const first = parsedProblem<object>(json(1));
    expect(parsedProblem<object>(json(1))).toBe(first);
    expect(parsedProblem<object>(json(2))).not.toBe(first);
    expect(parsedProblem<object>(json(1))).toBe(first); // still kept: the two alternate (two runs in one worker)
    for (let rate = 3; rate < 10; rate++) parsedProblem<object>(json(rate));
    const again = parsedProblem<object>(json(1));
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });
});
