/**
 * The probes' charts, in the registry's order, loaded before the Output panel's module finishes evaluating (a
 * top-level await): the registry names each chart by a loader (probes/probe.ts) so that the worker, which reads
 * the same list, never bundles React or Recharts. The Output panel is itself in a chunk loaded on demand
 * (stages/firstScreen.ts), so the charts come with it and the panel renders them at once, in its stage.
 */
import type { ComponentType } from 'react';
import { PROBES } from '../../probes/registry';

export interface ProbeChart {
  name: string;
  Chart: ComponentType;
}

export const PROBE_CHARTS: readonly ProbeChart[] = await Promise.all(PROBES.map(async (probe) => ({ name: probe.declaration.name, Chart: await probe.loadChart() })));
