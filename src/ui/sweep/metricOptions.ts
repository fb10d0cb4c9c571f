/** The sweep's metric picker (issue 17 §3): every metric the response can read, with the words the page uses. Pure. */
import { describeMetric, type LossSeries, type MetricSeries, type SweepMetric } from '../../engine/sweep/response';

export interface MetricOption {
  key: string;
  metric: SweepMetric;
  label: string;
}

/** Options for a sweep whose runs have (or lack) classes and a validation split; `target` is the loss "steps to" reads. */
export function metricOptions(classes: boolean, validation: boolean, target: number): MetricOption[] {
  const losses: LossSeries[] = validation ? ['validationLoss', 'trainLoss', 'testLoss'] : ['trainLoss', 'testLoss'];
  const accuracies: MetricSeries[] = classes ? (validation ? ['validationAccuracy', 'trainAccuracy', 'testAccuracy'] : ['trainAccuracy', 'testAccuracy']) : [];
  const metrics: SweepMetric[] = [
    ...losses.map((of): SweepMetric => ({ kind: 'final', of })),
    ...losses.map((of): SweepMetric => ({ kind: 'best', of })),
    ...accuracies.map((of): SweepMetric => ({ kind: 'final', of })),
    ...accuracies.map((of): SweepMetric => ({ kind: 'best', of })),
    ...losses.filter((of) => of !== 'testLoss').map((of): SweepMetric => ({ kind: 'stepsTo', of, target })),
    ...losses.map((of): SweepMetric => ({ kind: 'area', of })),
  ];
  return metrics.map((metric) => ({ key: metricKey(metric), metric, label: describeMetric(metric) }));
}

export function metricKey(metric: SweepMetric): string {
  return `${metric.kind}:${metric.of}`;
}
