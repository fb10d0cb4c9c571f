/**
 * The page's registry of probes: each declaration with the chart that shows it (OutputPanel draws them in this
 * order). The worker's twin, with each probe's measurement, is workerRegistry.ts. A new probe is its folder
 * (declaration, measurement, chart), a line here and a line there.
 */
import type { ComponentType } from 'react';
import { LayerStatsChart } from '../ui/charts/LayerStatsChart';
import { AlignmentChart } from './alignment/AlignmentChart';
import { ALIGNMENT_PROBE } from './alignment/declaration';
import type { ProbeDeclaration } from './declaration';
import { LAYER_STATISTICS_PROBE } from './layer-statistics/declaration';

export interface ProbeView {
  declaration: ProbeDeclaration;
  Chart: ComponentType;
}

export const PROBE_VIEWS: readonly ProbeView[] = [
  { declaration: LAYER_STATISTICS_PROBE, Chart: LayerStatsChart },
  { declaration: ALIGNMENT_PROBE, Chart: AlignmentChart },
];
