/**
 * The comparison in numbers, one row per run: final and best losses, accuracy, when each run first reached a
 * target loss the person sets (in steps and in training time: lockstep compares the first, equal-time pacing
 * the second), and its time per step; for runs repeated over seeds, whether their final bands overlap. The
 * numbers come from summary.ts, which the CSV export writes as they are.
 */
import type { RunId } from '../../config/runs';
import { parseDecimal } from '../../config/typedNumber';
import type { BandKind } from '../../engine/seedBand';
import { useComparisonView } from '../../state/comparisonView';
import { useRunStore, type RunData } from '../../state/runStore';
import { useDraftInput } from '../controls/useDraftInput';
import { formatAccuracy, formatDuration, formatLoss, formatRate } from '../format';
import { useThrottledSelector } from '../useThrottled';
import { useRuns } from '../useRuns';
import { EMPTY_SUMMARY_HISTORY, compareFinalBands, effectiveTargetLoss, summarizeRun, summaryCsv, type BandComparison, type SummaryHistory, type SummaryRow } from './summary';

const BAND_WORDS: Record<BandKind, string> = { minmax: 'min–max over seeds', iqr: 'interquartile range over seeds' };
const selectRunData = (state: { runs: Record<RunId, RunData> }): Record<RunId, RunData> => state.runs;

function downloadText(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

/**
 * The target train loss, typed: applied on Enter or blur; empty goes back to auto (the loss every run has
 * reached); anything else but a positive number is refused.
 */
function TargetLossInput() {
  const targetLoss = useComparisonView((s) => s.targetLoss);
  const setTargetLoss = useComparisonView((s) => s.setTargetLoss);
  const report = useRunStore((s) => s.report);
  const shown = targetLoss === null ? '' : formatRate(targetLoss);
  const draftInput = useDraftInput(shown, (draft) => {
    if (draft.trim() === '') {
      setTargetLoss(null);
      return;
    }
    const value = parseDecimal(draft.trim()) ?? Number.NaN;
    if (!Number.isFinite(value) || value <= 0) {
      report('warning', 'input-targetLoss', `Target loss: "${draft}" is not a positive number; kept ${shown === '' ? 'auto' : shown}.`);
      return;
    }
    setTargetLoss(value);
  });
  return (
    <label className="inline">
      Target train loss
      <input className="number" type="text" inputMode="decimal" placeholder="auto" aria-describedby="target-loss-help" data-testid="target-loss-input" {...draftInput} />
    </label>
  );
}

const bandText = (band: { low: number; high: number }): string => `${formatLoss(band.low)}–${formatLoss(band.high)}`;

function BandSentence({ pair, kind }: { pair: BandComparison; kind: BandKind }) {
  const bands = `(${BAND_WORDS[kind]}: ${bandText(pair.lowerBand)} vs ${bandText(pair.higherBand)})`;
  return pair.overlap ? (
    <li data-overlap="true">
      Run {pair.lower} and run {pair.higher}: final train-loss bands overlap {bands}, so the difference is within seed noise.
    </li>
  ) : (
    <li data-overlap="false">
      Run {pair.lower} ends lower than run {pair.higher}: their final train-loss bands do not overlap {bands}.
    </li>
  );
}

/** A final value with the run's best below it. */
function LossCell({ final, best, testId }: { final: number; best: number; testId: string }) {
  return (
    <td className="num">
      <span data-testid={`summary-final-${testId}`}>{formatLoss(final)}</span>
      <span className="cell-sub">
        best <span data-testid={`summary-best-${testId}`}>{formatLoss(best)}</span>
      </span>
    </td>
  );
}

export function SummaryTable() {
  const runs = useRuns();
  const runData = useThrottledSelector(useRunStore, selectRunData, 500);
  const chosenTarget = useComparisonView((s) => s.targetLoss);
  const band = useComparisonView((s) => s.band);
  const histories = runs.map((run): SummaryHistory => runData[run.id]?.history ?? EMPTY_SUMMARY_HISTORY);
  const targetLoss = effectiveTargetLoss(chosenTarget, histories);
  const rows: (SummaryRow & { id: RunId; color: string })[] = runs.map((run, i) => ({
    id: run.id,
    color: run.color,
    position: run.position,
    name: run.name,
    summary: summarizeRun(histories[i], runData[run.id]?.seeds.length ?? 1, targetLoss),
  }));
  const pairs = compareFinalBands(rows, band);

  return (
    <section className="panel" aria-labelledby="summary-heading">
      <div className="panel-head">
        <h2 id="summary-heading">Summary</h2>
        <button type="button" className="small" data-testid="export-summary" onClick={() => downloadText(summaryCsv(rows, targetLoss), 'locolab-summary.csv')}>
          Export CSV
        </button>
      </div>
      <TargetLossInput />
      <p className="help" id="target-loss-help">
        Steps and training time until the train loss first reached the target (checked at every reported tick).
        {chosenTarget === null ? ' Auto: the highest best loss among the runs, so each run has a time; type a loss to fix it.' : ' Clear the field for auto.'}
      </p>
      <div className="runs-scroll">
        <table className="summary-table" data-testid="summary-table">
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col" className="num">
                Train loss
              </th>
              <th scope="col" className="num">
                Test loss
              </th>
              <th scope="col" className="num" title="Share of points classified right; none for regression">
                Accuracy
              </th>
              <th scope="col" className="num">
                Reached <span data-testid="summary-target-loss">{Number.isFinite(targetLoss) ? formatLoss(targetLoss) : '—'}</span>
              </th>
              <th scope="col" className="num" title="Training time per step so far, evaluation included">
                ms/step
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ id, color, position, name, summary: s }) => (
              <tr key={id} data-testid="summary-row" data-run-id={id}>
                <th scope="row">
                  <span className="run-label">
                    <span className="swatch" style={{ background: color }} aria-hidden="true" />
                    <span>
                      Run {position} <span className="cell-sub">{name}</span>
                      {s.seedCount > 1 ? (
                        <span className="cell-sub" data-testid="summary-seeds">
                          median of {s.seedCount} seeds
                        </span>
                      ) : null}
                    </span>
                  </span>
                </th>
                <LossCell final={s.finalTrainLoss} best={s.bestTrainLoss} testId="train-loss" />
                <LossCell final={s.finalTestLoss} best={s.bestTestLoss} testId="test-loss" />
                <td className="num">
                  <span data-testid="summary-train-accuracy">{formatAccuracy(s.trainAccuracy)}</span>
                  <span className="cell-sub">
                    test <span data-testid="summary-test-accuracy">{formatAccuracy(s.testAccuracy)}</span>
                  </span>
                </td>
                <td className="num">
                  {s.target ? (
                    <>
                      <span data-testid="summary-target-step">step {s.target.step}</span>
                      <span className="cell-sub" data-testid="summary-target-time">
                        {formatDuration(s.target.wallMs)}
                      </span>
                    </>
                  ) : (
                    <span data-testid="summary-target-step" className="muted">
                      not yet
                    </span>
                  )}
                </td>
                <td className="num" data-testid="summary-ms-per-step">
                  {Number.isFinite(s.msPerStep) ? Number(s.msPerStep.toPrecision(3)) : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pairs.length > 0 ? (
        <ul className="band-comparisons" data-testid="band-comparison">
          {pairs.map((pair) => (
            <BandSentence key={`${pair.lower}-${pair.higher}`} pair={pair} kind={band} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
