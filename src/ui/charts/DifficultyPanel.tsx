/**
 * Which test examples tell the visible runs apart (Meding, Schulze Buschoff, Geirhos and Wichmann, "Trivial or
 * impossible — dichotomous data difficulty masks model differences (on ImageNet and beyond)", ICLR 2022): the
 * examples learned by every run, by none and by some, with counts and shares; a filter to the examples where
 * runs differ, or where one run (or one algorithm's runs) is right and another wrong, which the plane and the
 * gallery then show alone; and a toggle that colours their test points and images by the share of runs right.
 * From the readbacks the runs already make with their confusion matrix (worker tick `correct`), no second pass.
 */
import type { Problem } from '../../engine/data/problem';
import { useDifficultyView } from '../../state/difficultyView';
import { useSelectedRun } from '../services';
import { useOnScreen } from '../useOnScreen';
import { css } from '../colors';
import { formatShare } from './confusionModel';
import { agreementColor, FILTER_ALL, FILTER_DIFFER, filterOptions, filterPair, rightAndWrong, type DifficultyModel, type Part, type RunGroup } from './difficultyModel';
import { useDifficulty } from './useDifficulty';
import { groupedNumber } from '../../text/groupedNumber';
import './difficulty.css';

const count = (n: number): string => groupedNumber(n);

/** "1st", "2nd", "3rd", "4th" … (seeds: at most 10). */
const ordinal = (n: number): string => `${n}${n === 1 ? 'st' : n === 2 ? 'nd' : n === 3 ? 'rd' : 'th'}`;

const PARTS = [
  { key: 'all', testId: 'difficulty-all', label: 'learned by all', share: 1, note: 'every run right ("trivial")' },
  { key: 'some', testId: 'difficulty-some', label: 'by some', share: 0.5, note: 'some runs right, some wrong: these tell the runs apart' },
  { key: 'none', testId: 'difficulty-none', label: 'by none', share: 0, note: 'every run wrong ("impossible")' },
] as const;

export function Split({ model }: { model: DifficultyModel }) {
  const parts: Record<(typeof PARTS)[number]['key'], Part> = { all: model.all, some: model.some, none: model.none };
  return (
    <>
      <ul className="difficulty-split">
        {PARTS.map((part) => (
          <li key={part.key} className="difficulty-part" data-testid={part.testId} data-count={parts[part.key].count} title={part.note}>
            <span className="difficulty-swatch" style={{ background: css(agreementColor(part.share)) }} aria-hidden="true" />
            <span className="difficulty-label">{part.label}</span>
            <strong className="difficulty-count">{count(parts[part.key].count)}</strong>
            <span className="difficulty-share">{formatShare(parts[part.key].share)}</span>
          </li>
        ))}
      </ul>
      <div className="difficulty-bar" aria-hidden="true">
        {PARTS.map((part) => (
          <span key={part.key} style={{ flexGrow: parts[part.key].share, background: css(agreementColor(part.share)) }} />
        ))}
      </div>
    </>
  );
}

/** What the filter keeps, in numbers: the examples where runs differ, or both sides of a pair. */
export function FilterCount({ model, filter, groups }: { model: DifficultyModel; filter: string; groups: readonly RunGroup[] }) {
  if (filter === FILTER_DIFFER) {
    return (
      <p className="difficulty-filter-count" data-testid="difficulty-filter-count">
        {count(model.some.count)} examples where runs differ.
      </p>
    );
  }
  const pair = filterPair(filter, groups);
  if (!pair) return null;
  const [a, b] = pair;
  const sum = (mask: Uint8Array): number => mask.reduce((s, v) => s + v, 0);
  return (
    <p className="difficulty-filter-count" data-testid="difficulty-filter-count">
      {count(sum(rightAndWrong(model, a, b)))} examples where {a.label} is right and {b.label} wrong; {count(sum(rightAndWrong(model, b, a)))} the other way round.
    </p>
  );
}

export function DifficultyPanel() {
  const [ref, onScreen] = useOnScreen<HTMLElement>();
  const problem = useSelectedRun<Problem | null>((run) => run.problem, null);
  const difficulty = useDifficulty(!onScreen);
  const { colour, filter, setColour, setFilter, setSeedIndex } = useDifficultyView();
  if (!problem || !difficulty || difficulty.visibleRuns < 2) return null;
  const { model, groups, steps, seedIndex, maxSeeds } = difficulty;
  const options = filterOptions(groups);
  const chosen = options.some((o) => o.value === filter) ? filter : FILTER_ALL;
  const names = model.runs.map((run) => run.label).join(', ');
  return (
    <section ref={ref} className="chart-section difficulty" data-testid="difficulty-panel" aria-labelledby="difficulty-heading">
      <div className="chart-head">
        <h3 id="difficulty-heading">
          Which test examples tell the runs apart{steps === null ? '' : steps.from === steps.to ? ` (step ${count(steps.from)})` : ` (steps ${count(steps.from)}–${count(steps.to)})`}
        </h3>
      </div>
      <Split model={model} />
      <p className="chart-explain">
        {count(model.count)} test examples, {model.runs.length} runs compared ({names})
        {maxSeeds > 1 ? `, each at its ${ordinal(seedIndex + 1)} seed: a repeated run is compared one seed at a time, since each seed draws its own train/test split` : ''}. Meding et al. (ICLR 2022) found about half of
        ImageNet&apos;s images learned by every model they tried and a seventh by none: only the rest can tell models apart.
      </p>
      {seedIndex > 0 && (colour || filter !== FILTER_ALL) ? (
        <p className="difficulty-note" data-testid="difficulty-seed-note">
          The plane and the image gallery show each run&apos;s 1st seed: they are coloured and filtered at the 1st seed only.
        </p>
      ) : null}
      {model.runs.length < 2 ? <p className="difficulty-note">Only one run on this test set: nothing to compare yet.</p> : null}
      {model.leftOut.length > 0 ? (
        <p className="difficulty-note" data-testid="difficulty-left-out">
          Left out: {model.leftOut.map((run) => `${run.label}, ${run.reason}`).join('; ')}. Runs are compared on one test set ({model.testSet}).
        </p>
      ) : null}
      <div className="difficulty-controls">
        {maxSeeds > 1 ? (
          <label className="inline">
            Seed
            <select className="difficulty-seed" data-testid="difficulty-seed" value={seedIndex} onChange={(e) => setSeedIndex(Number(e.target.value))}>
              {Array.from({ length: maxSeeds }, (_, k) => (
                <option key={k} value={k}>
                  {ordinal(k + 1)} of each run
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="inline">
          Show
          <select data-testid="difficulty-filter" value={chosen} onChange={(e) => setFilter(e.target.value)}>
            {options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          <input type="checkbox" data-testid="difficulty-colour" checked={colour} onChange={(e) => setColour(e.target.checked)} /> colour test points and images by the share of runs right
        </label>
      </div>
      <FilterCount model={model} filter={chosen} groups={groups} />
      {chosen !== FILTER_ALL ? <p className="chart-explain">The plane and the image gallery show only these test examples.</p> : null}
      {colour ? (
        <div className="difficulty-scale" data-testid="difficulty-scale">
          <span>no run right</span>
          <span className="difficulty-gradient" aria-hidden="true" style={{ background: `linear-gradient(to right, ${[0, 0.5, 1].map((s) => css(agreementColor(s))).join(', ')})` }} />
          <span>every run right</span>
        </div>
      ) : null}
    </section>
  );
}
