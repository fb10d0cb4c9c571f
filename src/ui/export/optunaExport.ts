/**
 * The page's side of "Export as an Optuna script" (issue 17 §7): asks the training worker (`exportConfig`,
 * worker/configExport.ts) for the start of each distinct run of a sweep — its data, initial weights, batch-sampler
 * seed and evaluation rows — and writes the script (optunaScript.ts). Runs whose start is the same share one
 * export: a group's runs at one seed share it unless a swept field changes the data set, the network or the
 * algorithm's per-run state (what runSpecOf and the algorithm fix). It waits as long as answers keep coming, and
 * gives up after `silenceMs` without one (a dead worker's answers never come; exportRequest.ts waits alike).
 */
import type { ExperimentConfig } from '../../config/experiment';
import type { SweepPlan } from '../../config/sweep';
import { runSpecOf } from '../../config/toEngine';
import type { TrainingClient } from '../../worker/client';
import type { ConfigExportPayload } from '../../worker/protocol';
import { exportRefusalText } from '../../state/dataMessages';
import { EXPORT_SILENCE_MS, type ExportTimers } from './exportRequest';
import { optunaRefusal, optunaScript } from './optunaScript';

export interface OptunaExportOptions {
  /** A name per group, for the script's docstring and its trials' "group" attribute. */
  groupNames?: readonly string[];
  studyName?: string;
  silenceMs?: number;
  timers?: ExportTimers;
}

/** Request ids of this page's config exports (the worker answers each with the same id). */
let nextRequestId = 1;

const browserTimers: ExportTimers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/** What fixes a run's start: the data and network (runSpecOf, the seed with them) and the algorithm (its per-run state). */
export function runStartKey(config: ExperimentConfig): string {
  return JSON.stringify({ spec: runSpecOf(config), algorithm: config.algorithm });
}

/** The worker's exports of `configs`, in order; rejects with the worker's reason or after `silenceMs` of silence. */
function requestConfigExports(client: Pick<TrainingClient, 'send' | 'subscribe'>, configs: readonly ExperimentConfig[], silenceMs: number, timers: ExportTimers): Promise<ConfigExportPayload[]> {
  return new Promise((resolve, reject) => {
    const ids = configs.map(() => nextRequestId++);
    const answers = new Map<number, ConfigExportPayload>();
    let timer: unknown = null;
    const stop = (): void => {
      timers.clearTimeout(timer);
      unsubscribe();
    };
    const watch = (): void => {
      timers.clearTimeout(timer);
      timer = timers.setTimeout(() => {
        stop();
        reject(new Error(`the training worker sent no export for ${Math.round(silenceMs / 1000)} s (${answers.size} of ${configs.length} runs exported)`));
      }, silenceMs);
    };
    const unsubscribe = client.subscribe((event) => {
      if (event.type !== 'configExport' || !ids.includes(event.requestId)) return;
      if (!event.payload) {
        stop();
        reject(new Error(event.error ? exportRefusalText(event.error) : 'the training worker sent no export'));
        return;
      }
      answers.set(event.requestId, event.payload);
      watch();
      if (answers.size === ids.length) {
        stop();
        resolve(ids.map((id) => answers.get(id) as ConfigExportPayload));
      }
    });
    watch();
    configs.forEach((config, i) => client.send({ type: 'exportConfig', requestId: ids[i], config, steps: 0 }));
  });
}

/** The Optuna script of a sweep; rejects, naming the group, for a sweep the export cannot carry (optunaRefusal). */
export async function exportOptunaScript(plan: SweepPlan, client: Pick<TrainingClient, 'send' | 'subscribe'>, options: OptunaExportOptions = {}): Promise<string> {
  const refusal = optunaRefusal(plan);
  if (refusal) throw new Error(refusal);
  const starts = new Map<string, number>();
  const configs: ExperimentConfig[] = [];
  const startOfRun = plan.runs.map((run) => {
    const key = runStartKey(run.config);
    if (!starts.has(key)) {
      starts.set(key, configs.length);
      configs.push(run.config);
    }
    return starts.get(key) as number;
  });
  const payloads = await requestConfigExports(client, configs, options.silenceMs ?? EXPORT_SILENCE_MS, options.timers ?? browserTimers);
  const exports = plan.runs.map((run) => payloads[startOfRun[run.index]]);
  return optunaScript({ plan, exports, groupNames: options.groupNames, studyName: options.studyName });
}
