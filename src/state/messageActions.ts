/**
 * What a status message offers to do, as data (the worker's facts stay numbers, DESIGN.md §1): the status area
 * shows it as a button (ui/StatusMessages.tsx) and performs it here, through the config store, as the panels do.
 */
import type { Activation } from '../engine/model/activations';
import type { RunId } from '../config/runs';
import type { ConfigStore } from './configStore';

/** Sets the message's run's hidden layers (a heavy run's smaller network, runMessages.ts heavyRunText). */
export interface SetHiddenAction {
  kind: 'set-hidden';
  hidden: readonly number[];
  /** The button's words: "Use 64 × 8", "Use 128, 64". */
  label: string;
}

export type MessageAction = SetHiddenAction;

/** "Use 64 × 8" for equal layers, "Use 128, 64" otherwise, "Use 64" for one. */
export function setHiddenAction(hidden: readonly number[]): SetHiddenAction {
  const equal = hidden.length > 1 && hidden.every((units) => units === hidden[0]);
  return { kind: 'set-hidden', hidden: [...hidden], label: `Use ${equal ? `${hidden[0]} × ${hidden.length}` : hidden.join(', ')}` };
}

/** `activation` fitted to `count` layers: each layer keeps its own, a new one copies the last (or tanh). */
function activationsFor(activation: readonly Activation[], count: number): Activation[] {
  return Array.from({ length: count }, (_, i) => activation[Math.min(i, activation.length - 1)] ?? 'tanh');
}

/**
 * Performs `action` on the message's run (`runId`; null: the selected run), which it selects, so the panels show
 * the change. False when that run is gone (removed since the message came).
 */
export function applyMessageAction(action: MessageAction, runId: RunId | null, configStore: ConfigStore): boolean {
  if (runId !== null) {
    if (!configStore.getState().runs.some((run) => run.id === runId)) return false;
    configStore.getState().selectRun(runId);
  }
  const { config, replace } = configStore.getState();
  replace({ ...config, hidden: [...action.hidden], activation: activationsFor(config.activation, action.hidden.length) });
  return true;
}
