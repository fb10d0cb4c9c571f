/**
 * The y-axis width the loss chart and the rate chart under it share (rateChartModel.sharedAxisWidth): each
 * publishes the width its own labels need while mounted and draws with the wider of the two.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import { sharedAxisWidth } from './rateChartModel';

type ChartName = 'loss' | 'rate';

const useWidths = create<{ widths: Partial<Record<ChartName, number>> }>(() => ({ widths: {} }));

export function useSharedAxisWidth(chart: ChartName, own: number | null): number | null {
  useEffect(() => {
    useWidths.setState((s) => {
      if (own === null) {
        const rest = { ...s.widths };
        delete rest[chart];
        return { widths: rest };
      }
      return s.widths[chart] === own ? s : { widths: { ...s.widths, [chart]: own } };
    });
  }, [chart, own]);
  useEffect(
    () => () =>
      useWidths.setState((s) => {
        const rest = { ...s.widths };
        delete rest[chart];
        return { widths: rest };
      }),
    [chart],
  );
  const shared = useWidths((s) => sharedAxisWidth(s.widths));
  return own === null ? null : Math.max(own, shared ?? own);
}
