/**
 * Play moves at once on a GPU (issue 18 §3). A WebGPU backend compiles each shader on its first use: the fused
 * kernel's pipeline on the first tick, and the plain ops' shaders on the first diagnosed step (its targets and
 * probes run on the plain path, diagnosedStep.ts), about a second and then several more on a software GPU.
 * TF.js's WebGL backend compiles each op's program on its first use as well (it has no fused kernel). So,
 * once a configure's runs are shown, a scratch one-seed copy of each new problem shape takes one undiagnosed
 * step, one diagnosed step and one evaluation, and is disposed: every pipeline a tick uses is compiled before
 * Play, while the page is read. The scratch copy is a session of its own (as calibration.ts's is): the live runs
 * never see it, so their trajectories are unchanged (hostWarmUp.test.ts). Heavy runs are not warmed: their steps
 * cost more than their compiles, and a scratch copy would double their start.
 */
import type { ExperimentConfig } from '../config/experiment';
import type { DataAccess } from '../engine/data/dataSources';
import type { Slice } from '../engine/trainingLoop';
import { calibrationKey } from './calibration';
import { RunGroup } from './runGroup';

export class PipelineWarmer {
  /** The shapes warmed on the current device (calibrationKey: what changes the shaders a step compiles). */
  private readonly warmed = new Set<string>();
  private device: number | null = null;
  /** Scratch copies begun, run to the end, and stopped by Play after their first step (tests read them). */
  started = 0;
  warmUps = 0;
  stopped = 0;

  /**
   * Warms `config`'s shape on the device of backend generation `device` unless done there already; a new
   * device (a lost one replaced, a backend switch) compiles anew. It stops after its first step once `stop()`
   * says so (Play was pressed). Returns whether it ran to the end.
   */
  async warm(config: ExperimentConfig, device: number, data: DataAccess, slice: Slice, stop: () => boolean): Promise<boolean> {
    if (device !== this.device) {
      this.device = device;
      this.warmed.clear();
    }
    const key = calibrationKey(config);
    if (this.warmed.has(key)) return false;
    this.warmed.add(key);
    this.started += 1;
    const scratch = await RunGroup.create('warm-up', { ...config, repeatSeeds: 1 }, data);
    try {
      const { session } = scratch.lead;
      session.runSteps(1);
      await session.sync();
      // Play pressed meanwhile: the first tick (undiagnosed) needs only what is compiled now; its next tick
      // compiles the rest on first use, as without a warm-up.
      await slice();
      if (stop()) {
        this.stopped += 1;
        return false;
      }
      session.runSteps(1, true);
      await session.evaluate(true);
      await session.sync();
    } finally {
      scratch.dispose();
    }
    this.warmUps += 1;
    return true;
  }
}
