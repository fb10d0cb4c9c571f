import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../config/experiment';
import type { HeavyRunFacts } from '../worker/protocol';
import { createConfigStore } from './configStore';
import { applyMessageAction, setHiddenAction } from './messageActions';
import { useRunStore } from './runStore';
import { applyWorkerEvent } from './trainingBridge';

const facts: HeavyRunFacts = {
  backend: 'cpu',
  parameters: 8_161_290,
  batchSize: 32,
  stepFlops: 1.565e9,
  evaluationFlops: 2.087e9,
  flopsPerMs: 3e5,
  rateMeasured: false,
  stepMs: 5217,
  evaluationMs: 6957,
  seeds: 1,
  evaluationRows: { train: 64, test: 64 },
  fullRows: { train: 2000, test: 2000 },
  trainCount: 10_000,
  smallerHidden: [256, 256, 256, 256, 256, 256, 256],
};

describe("a message's action", () => {
  it("a heavy run's notice offers its smaller network, and the action gives that run those hidden layers", () => {
    const configStore = createConfigStore([
      { ...defaultConfig(), dataset: 'mnist', hidden: [16], activation: ['relu'] },
      { ...defaultConfig(), dataset: 'mnist', hidden: [1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024], activation: ['relu', 'relu', 'relu', 'relu', 'relu', 'relu', 'relu', 'tanh'] },
    ]);
    const [light, heavy] = configStore.getState().runs;
    configStore.getState().selectRun(light.id);
    applyWorkerEvent({ type: 'notice', runId: heavy.id, notice: { code: 'heavy-run', facts } }, configStore);
    const message = useRunStore.getState().messages.find((m) => m.code === 'heavy-run' && m.runId === heavy.id);
    expect(message?.action).toEqual({ kind: 'set-hidden', hidden: [256, 256, 256, 256, 256, 256, 256], label: 'Use 256 × 7' });
    if (!message?.action) return;
    expect(applyMessageAction(message.action, message.runId, configStore)).toBe(true);
    const [lightAfter, heavyAfter] = configStore.getState().runs;
    expect(heavyAfter.config.hidden).toEqual([256, 256, 256, 256, 256, 256, 256]);
    // One activation a layer, each layer keeping its own (the dropped eighth layer's goes with it).
    expect(heavyAfter.config.activation).toEqual(['relu', 'relu', 'relu', 'relu', 'relu', 'relu', 'relu']);
    // The run the message is about is selected, so the Network panel shows the change; the other run is as it was.
    expect(configStore.getState().selectedRunId).toBe(heavy.id);
    expect(lightAfter.config.hidden).toEqual([16]);
  });

  it('does nothing to a run removed since the message came', () => {
    const configStore = createConfigStore([defaultConfig(), defaultConfig()]);
    const [first, second] = configStore.getState().runs;
    configStore.getState().removeRun(second.id);
    expect(applyMessageAction(setHiddenAction([8, 8]), second.id, configStore)).toBe(false);
    expect(configStore.getState().runs.map((run) => run.id)).toEqual([first.id]);
    expect(configStore.getState().config.hidden).toEqual(defaultConfig().hidden);
  });

  it('names equal layers by their count, others one by one', () => {
    expect(setHiddenAction([64, 64, 64, 64, 64, 64, 64, 64]).label).toBe('Use 64 × 8');
    expect(setHiddenAction([128, 64]).label).toBe('Use 128, 64');
    expect(setHiddenAction([32]).label).toBe('Use 32');
  });
});
