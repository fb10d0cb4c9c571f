/** The alignment probe's entry in the registry (probe.ts): its declaration, measurement and chart. */
import type { Probe } from '../probe';
import { ALIGNMENT_PROBE } from './declaration';
import { measureAlignment } from './measure';

export const ALIGNMENT: Probe = {
  declaration: ALIGNMENT_PROBE,
  measure: measureAlignment,
  loadChart: () => import('./AlignmentChart').then((module) => module.AlignmentChart),
};
