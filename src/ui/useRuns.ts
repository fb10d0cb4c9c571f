/**
 * The runs as the page shows them: in the experiment's order, each with its colour (Okabe–Ito, safe for the
 * common colour-vision deficiencies; never the only cue: names go with it) and its name ("Backprop, Adam,
 * lr 0.01" for run 1, its differences from run 1 for the others).
 */
import { useMemo } from 'react';
import type { RunId } from '../config/runs';
import type { ExperimentConfig } from '../config/experiment';
import { runEntryName, type RunEntry } from '../state/configStore';
import { useServices } from './services';

export const RUN_COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'] as const;

export interface RunView {
  id: RunId;
  /** 1-based position, as in "Run 2". */
  position: number;
  name: string;
  color: string;
  config: ExperimentConfig;
}

export function runViews(runs: readonly RunEntry[]): RunView[] {
  return runs.map((run, i) => ({
    id: run.id,
    position: i + 1,
    name: runEntryName(runs, i),
    color: RUN_COLORS[i % RUN_COLORS.length],
    config: run.config,
  }));
}

export function useRuns(): RunView[] {
  const runs = useServices().configStore((state) => state.runs);
  return useMemo(() => runViews(runs), [runs]);
}
