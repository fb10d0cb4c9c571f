/**
 * The probes' charts, in the registry's order, loaded on demand: the registry names each chart by a loader
 * (probes/probe.ts) so that the worker, which reads the same list, never bundles React or Recharts. The page starts
 * loading them with the first screen's chunk and mounts the views under the output's first row, where the Output
 * panel draws them, only once they are there (App.tsx), so the panel renders them at once, in its stage.
 *
 * Not a top-level await in this module (as 924510c had it): Rolldown turns its chunk optimizations (common chunks
 * merged into the chunk that loads them, no chunk loaded again by a dynamic import) off for the whole build when
 * any module has one (its `experimental.chunkOptimization` option: "automatically disabled when any module uses
 * top-level await"), and the page's first load was 18 JS files instead of 5 (DESIGN §7).
 */
import type { ComponentType } from 'react';
import { PROBES } from '../../probes/registry';
import { lazyModule } from '../stages/lazyModule';

export interface ProbeChart {
  name: string;
  Chart: ComponentType;
}

export const PROBE_CHARTS = lazyModule<readonly ProbeChart[]>(() =>
  Promise.all(PROBES.map(async (probe) => ({ name: probe.declaration.name, Chart: await probe.loadChart() }))),
);
