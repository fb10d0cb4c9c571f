/** One layer's targets: activation vs target and vs where it landed, the inner loop's local loss, the shift. */
import { memo, useEffect, useRef } from 'react';
import type { LayerDiagnostics } from '../../engine/train/diagnostics';
import { LEARNING_RATE_COLOR, TEST_COLOR, TRAIN_COLOR } from '../colors';
import { useEffectiveTheme } from '../presenter/theme';
import { beginPlot, drawIdentity, drawLine, drawScatter, exactDomain, paddedDomain } from './canvasPlot';

interface Props {
  title: string;
  diagnostics: LayerDiagnostics;
  /** "A" or "Y": what the x axis shows. */
  activationName: string;
  showInnerLoop: boolean;
  shiftSteps: number[];
  shifts: number[];
  highlighted: boolean;
}

const last = (values: ArrayLike<number>): number => values[values.length - 1];
/** A caption number with a true minus sign, as the axes write it. */
const signed = (value: number | undefined): string => (value === undefined ? '—' : value.toPrecision(3).replace('-', '\u2212'));

export const LayerCard = memo(function LayerCard({ title, diagnostics, activationName, showInnerLoop, shiftSteps, shifts, highlighted }: Props) {
  const scatterRef = useRef<HTMLCanvasElement>(null);
  const lossRef = useRef<HTMLCanvasElement>(null);
  const shiftRef = useRef<HTMLCanvasElement>(null);
  const { activation, target, landed, localLoss, shift } = diagnostics;
  // The plots take the theme's paper and ink (canvasPlot.plotStyleFrom): redrawn when it changes.
  const theme = useEffectiveTheme();

  useEffect(() => {
    if (scatterRef.current) {
      const domain = paddedDomain([...activation, ...target, ...landed]);
      const area = beginPlot(scatterRef.current, domain, domain, activationName);
      if (area) {
        drawIdentity(area);
        drawScatter(area, activation, target, TRAIN_COLOR, 'circle');
        drawScatter(area, activation, landed, TEST_COLOR, 'triangle');
      }
    }
    if (lossRef.current && showInnerLoop) {
      const ks = Array.from(localLoss, (_, k) => k);
      const area = beginPlot(lossRef.current, [0, Math.max(1, ks.length - 1)], paddedDomain(localLoss), 'inner iteration k');
      if (area) drawLine(area, ks, localLoss, LEARNING_RATE_COLOR, true);
    }
    if (shiftRef.current) {
      // A relative shift is never negative: the axis starts at 0, padded above only.
      const area = beginPlot(shiftRef.current, exactDomain(shiftSteps), [0, paddedDomain([0, ...shifts])[1]], 'step');
      if (area) drawLine(area, shiftSteps, shifts, TRAIN_COLOR, shiftSteps.length <= 20);
    }
  }, [activation, target, landed, localLoss, showInnerLoop, shiftSteps, shifts, activationName, theme]);

  return (
    <article className={`layer-card${highlighted ? ' is-active' : ''}`} data-testid="layer-card" aria-label={title}>
      <h3>{title}</h3>
      <canvas
        ref={scatterRef}
        width={230}
        height={170}
        role="img"
        aria-label={`${title}: targets and landed values against ${activationName} for ${activation.length} pairs`}
      />
      <p className="card-caption">
        <span className="key target" /> target <span className="key landed" /> landed, against {activationName}; dashed: unchanged.
      </p>
      {showInnerLoop ? (
        <>
          <canvas ref={lossRef} width={230} height={80} role="img" aria-label={`${title}: local loss over the inner loop`} />
          <p className="card-caption">Local loss change in the inner loop (0 = before); after K steps {signed(last(localLoss))}.</p>
        </>
      ) : null}
      <canvas ref={shiftRef} width={230} height={80} role="img" aria-label={`${title}: target shift over training`} />
      <p className="card-caption">
        Target shift ‖T − {activationName}‖ / ‖{activationName}‖ over training; now {shift.toPrecision(3)}.
      </p>
    </article>
  );
});
