/**
 * The first screen's panels after the controls, one chunk loaded on demand (App.tsx, stages/lazyModule.ts): the
 * schedule (its preview chart), the scene's card and the output panel with its charts. Recharts comes with
 * them, and stays out of the entry module.
 */
export { OutputPanel } from '../panels/OutputPanel';
export { SceneCard } from '../panels/SceneCard';
export { SchedulePanel } from '../panels/SchedulePanel';
