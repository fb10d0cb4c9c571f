/**
 * The PyTorch export of a 2-D run on feature inputs (engine/data/features.ts): the script carries the points and
 * computes the network's inputs itself, and its input_features gives the playground's inputs bit for bit.
 */
import '../../test/setupTf';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../../config/experiment';
import { TrainingHost } from '../../worker/host';
import type { RunExportPayload, WorkerEvent } from '../../worker/protocol';
import { cpuOnly } from '../../test/cpuBackendPort';
import { PYTHON_FEATURES } from './pytorchFeatures';
import { base64Of, pytorchScript } from './pytorchScript';

/** The first Python with torch: $PYTHON, python3, or the system's (Debian's python3-torch). */
const PYTHON = [process.env.PYTHON, 'python3', '/usr/bin/python3'].find((p): p is string => p !== undefined && spawnSync(p, ['-c', 'import torch']).status === 0);

async function exportOf(config: ExperimentConfig, steps: number): Promise<RunExportPayload> {
  const events: WorkerEvent[] = [];
  const host = new TrainingHost((event) => events.push(event), cpuOnly);
  host.handle({ type: 'configure', runs: [{ runId: 'run-1', config }] });
  host.handle({ type: 'exportRun', runId: 'run-1', steps });
  await host.idle();
  const answer = events.find((e): e is Extract<WorkerEvent, { type: 'runExport' }> => e.type === 'runExport');
  if (!answer?.payload) throw new Error(`no export: ${answer?.error}`);
  return answer.payload;
}

const featured: ExperimentConfig = { ...defaultConfig(), backend: 'cpu', features: ['x1', 'x1sq', 'sinx1'] };

describe('the PyTorch export of feature inputs', () => {
  it('writes the points and computes the features from them; the layer sizes follow the features', async () => {
    const data = await exportOf(featured, 5);
    expect(data.problem.inputSize).toBe(3);
    expect(data.trainPoints?.length).toBe(data.trainCount * 2);
    const script = pytorchScript({ config: featured, runName: 'Run 1', export: data });
    expect(script).toContain('LAYER_SIZES = [3, 8, 8, 1]');
    expect(script).toContain('def input_features(points, names):');
    expect(script).toMatch(/^TRAIN_X = input_features\(torch\.tensor\(\[[^\]]+\], dtype=torch\.float32\)\.reshape\(250, 2\), \["x1", "x1sq", "sinx1"\]\) {2}# the inputs x₁, x₁², sin 6x₁ of the points/m);
    expect(script).toContain('"sinx1": lambda: torch.sin(6 * x1),');
    expect(script).toContain('on the feature inputs x₁, x₁², sin 6x₁ of the 2-D points');
  });

  it('a run on the points themselves (x1, x2) exports its inputs as before', async () => {
    const config: ExperimentConfig = { ...defaultConfig(), backend: 'cpu' };
    const data = await exportOf(config, 2);
    expect(data.trainPoints).toBeNull();
    const script = pytorchScript({ config, runName: 'Run 1', export: data });
    expect(script).toMatch(/^TRAIN_X = torch\.tensor\(\[[^\]]+\], dtype=torch\.float32\)\.reshape\(250, 2\)$/m);
    expect(script).toContain('LAYER_SIZES = [2, 8, 8, 1]');
  });

  it.runIf(PYTHON !== undefined)("the script's input_features gives the playground's inputs bit for bit (every feature)", async () => {
    const config: ExperimentConfig = { ...featured, dataset: 'spiral', features: ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2'] };
    const data = await exportOf(config, 1);
    if (!data.trainPoints) throw new Error('no points');
    const program = [
      'import base64, sys, torch',
      PYTHON_FEATURES,
      `points = torch.frombuffer(bytearray(base64.b64decode("${base64Of(data.trainPoints)}")), dtype=torch.float32).reshape(-1, 2)`,
      `inputs = input_features(points, ${JSON.stringify(config.features)})`,
      'sys.stdout.write(base64.b64encode(inputs.contiguous().numpy().tobytes()).decode())',
    ].join('\n');
    const result = spawnSync(PYTHON ?? 'python3', ['-c', program], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    const computed = new Float32Array(new Uint8Array(Buffer.from(result.stdout, 'base64')).buffer);
    expect(computed.length).toBe(data.trainCount * 7);
    expect(computed).toEqual(data.trainInputs);
  });
});
