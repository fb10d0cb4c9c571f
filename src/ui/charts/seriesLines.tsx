/**
 * The Recharts <Line> of every series of a chart model, styled as the model says: one definition for the loss,
 * rate, layer-statistics, alignment and accuracy charts. No animation, no legend entry (the charts draw their own
 * keys), no hover dot (the readouts say the values).
 */
import type { ReactElement } from 'react';
import { Line } from 'recharts';
import type { LineSeries, SeriesStyle } from './runChartModel';

interface Options {
  /** A line of fewer points than this is drawn with a dot at each (a short run's few diagnosed steps). */
  dotsBelow?: number;
  /** Each line on its style's y axis ('left' or 'right'), for a chart with two. */
  twoAxes?: boolean;
}

export function seriesLines(lines: readonly LineSeries[], styles: Readonly<Record<string, SeriesStyle>>, { dotsBelow = 0, twoAxes = false }: Options = {}): ReactElement[] {
  return lines.map((line) => {
    const style = styles[line.id];
    return (
      <Line
        key={line.id}
        {...(twoAxes ? { yAxisId: style.axis } : {})}
        data={line.points}
        dataKey="y"
        type="linear"
        stroke={style.color}
        strokeWidth={style.width}
        strokeOpacity={style.opacity}
        strokeDasharray={style.dash}
        dot={line.points.length < dotsBelow ? { r: 2, fill: style.color, strokeWidth: 0 } : false}
        activeDot={false}
        isAnimationActive={false}
        legendType="none"
      />
    );
  });
}
