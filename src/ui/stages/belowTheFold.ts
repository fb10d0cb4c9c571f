/**
 * The output column's panels below the first screen, one chunk loaded on demand (App.tsx, stages/lazyModule.ts):
 * the runs, the summary, sharing and export, the range test, the sweep and the layer targets.
 */
export { RangeTestPanel } from '../panels/RangeTestPanel';
export { RunsPanel } from '../panels/RunsPanel';
export { SharePanel } from '../panels/SharePanel';
export { SummaryTable } from '../panels/SummaryTable';
export { SweepPanel } from '../sweep/SweepPanel';
export { TargetsPanel } from '../targets/TargetsPanel';
