/**
 * What an algorithm contributes to the exported PyTorch script (ui/export/pytorchScript.ts): the Python that
 * takes one training step of this algorithm, and the constants it reads. The shared script supplies the
 * model (`model.layers`, each an nn.Linear), the data, the batch order, the schedule (`carrier`, made by
 * `make_optimizer(params, CARRIER_OPTIMIZER)`, carrying the scheduled rate), `loss_of`, `transfer`,
 * `derivative_from_output`, `penalty_gradient`, `InnerOptimizer`, and every settings group's constants (its
 * pythonConstants, settings.ts: LocoProp's `GAMMA`, `INNER_*` and `PROXIMAL_WEIGHT`).
 * TF.js-free: the page writes the script.
 */
import type { ExperimentConfig } from '../config/experiment';

export interface PytorchStepInput {
  config: ExperimentConfig;
  /** [input, hidden…, output] units. */
  layerSizes: number[];
  /** Per-run state the worker sent with the export (feedback alignment's B), as flat float32 arrays. */
  state: Float32Array[];
  /** A float32 tensor literal of the given shape (exact: readable list or base64 bytes). */
  floatTensor(values: Float32Array, shape: number[]): string;
}

export interface PytorchEmitter {
  /**
   * Python definitions placed before the training loop. They define `make_step(model, carrier)`, which
   * returns `step(x, t, lr, momentum)`: one training step of this algorithm on the minibatch (x, t) that
   * ends with `carrier.step()` and returns the minibatch loss before the update (a 0-d tensor).
   */
  definitions: string;
  /** Module-level constants the definitions read, as Python source lines (`NAME = value`). */
  constants(input: PytorchStepInput): string[];
  /** The optimizer torch's `carrier` is: backprop's own, or plain momentum SGD that only carries the rates. */
  carrierOptimizer(config: ExperimentConfig): string;
  /** The run's algorithm in the script's docstring: "backprop with adam". */
  describe(config: ExperimentConfig): string;
}
