/** The layer statistics probe's entry in the registry (probe.ts): its declaration, measurement and chart. */
import type { Probe } from '../probe';
import { LAYER_STATISTICS_PROBE } from './declaration';
import { measureLayerStatistics } from './measure';

export const LAYER_STATISTICS: Probe = {
  declaration: LAYER_STATISTICS_PROBE,
  measure: measureLayerStatistics,
  loadChart: () => import('../../ui/charts/LayerStatsChart').then((module) => module.LayerStatsChart),
};
