/**
 * Which test examples tell a sweep's runs apart (issue 17 §6; Meding et al., ICLR 2022): for one seed, each group at
 * its best point (or every run of the sweep), the examples learned by all, by some and by none, with counts and
 * shares, and how many one group gets right where another gets them wrong. From what each run's final θ gets right
 * (sweepDifficulty.ts); the split and its counts are the comparison panel's (charts/DifficultyPanel.tsx).
 */
import { useEffect, useMemo, useState } from 'react';
import type { SweepPlan } from '../../config/sweep';
import type { GroupBest } from '../../engine/sweep/response';
import type { SweepRunResult } from '../../engine/sweep/types';
import { FilterCount, Split } from '../charts/DifficultyPanel';
import { difficultyModel, FILTER_ALL, filterMask, filterOptions } from '../charts/difficultyModel';
import { useDifficultyView, type SweepOverlay } from '../../state/difficultyView';
import { sweepDifficultyGroups, sweepDifficultyRuns, type SweepCompared } from './sweepDifficulty';
import { groupedNumber } from '../../text/groupedNumber';
import '../charts/difficulty.css';

const count = (n: number): string => groupedNumber(n);

export interface SweepDifficultyProps {
  plan: Pick<SweepPlan, 'runs' | 'seeds'>;
  results: readonly SweepRunResult[];
  groupNames: readonly string[];
  best: readonly (GroupBest | null)[];
  /** A grid point in words: "learning rate 0.01". */
  valueWords: (point: readonly number[]) => string;
}

/** Why a run is left out, in the sweep's words: a run without a record diverged or has not finished. */
function leftOutReason(id: string, reason: string, results: readonly SweepRunResult[]): string {
  const result = results.find((r) => `sweep-run-${r.index}` === id);
  if (!result) return 'not finished';
  return result.diverged ? 'diverged' : result.correct === null ? 'no record of the examples it gets right' : reason;
}

export function SweepDifficulty({ plan, results, groupNames, best, valueWords }: SweepDifficultyProps) {
  const [compared, setCompared] = useState<SweepCompared>(groupNames.length > 1 ? 'best' : 'every');
  const [seedIndex, setSeedIndex] = useState(0);
  const [filter, setFilter] = useState(FILTER_ALL);
  const runs = useMemo(() => sweepDifficultyRuns(plan, results, groupNames, best, compared, seedIndex, valueWords), [plan, results, groupNames, best, compared, seedIndex, valueWords]);
  const model = useMemo(() => difficultyModel(runs), [runs]);
  const groups = useMemo(() => (model ? sweepDifficultyGroups(model, compared) : []), [model, compared]);
  const options = filterOptions(groups);
  const chosen = options.some((o) => o.value === filter) ? filter : FILTER_ALL;
  // Colouring the plane and the gallery (the live runs on this test set) by these runs: the store's sweep overlay,
  // kept in step with the model and the filter while on, and taken down when the results go. The comparison's own
  // colouring or filter, turned on, takes it down (difficultyView.ts).
  const colouring = useDifficultyView((state) => state.sweep !== null);
  const setSweep = useDifficultyView((state) => state.setSweep);
  const mask = useMemo(() => (model ? filterMask(model, groups, chosen) : null), [model, groups, chosen]);
  const seedWord = plan.runs.find((run) => run.seedIndex === seedIndex)?.config.seed ?? seedIndex + 1;
  const overlayLabel = model ? `${model.runs.length} sweep run${model.runs.length === 1 ? '' : 's'} of seed ${seedWord}${chosen === FILTER_ALL ? '' : `, ${options.find((o) => o.value === chosen)?.label ?? ''}`}` : '';
  const overlay = (): SweepOverlay | null => (model ? { testSet: model.testSet, share: model.share, right: model.right, runs: model.runs.length, mask, label: overlayLabel } : null);
  useEffect(() => {
    if (colouring && model) setSweep({ testSet: model.testSet, share: model.share, right: model.right, runs: model.runs.length, mask, label: overlayLabel });
  }, [colouring, model, mask, overlayLabel, setSweep]);
  useEffect(() => () => setSweep(null), [setSweep]);
  if (!results.some((result) => result.correct !== null)) return null;
  const seeds = [...new Set(plan.runs.map((run) => run.seedIndex))].sort((a, b) => a - b);
  const seedOf = (index: number): number | undefined => plan.runs.find((run) => run.seedIndex === index)?.config.seed;
  return (
    <section className="sweep-difficulty" data-testid="sweep-difficulty" aria-labelledby="sweep-difficulty-heading">
      <h4 id="sweep-difficulty-heading">Which test examples tell the runs apart</h4>
      <div className="sweep-read">
        <label className="sweep-input wide">
          <span>Compare</span>
          <select data-testid="sweep-difficulty-runs" value={compared} onChange={(e) => setCompared(e.target.value === 'every' ? 'every' : 'best')}>
            <option value="best">each group at its best</option>
            <option value="every">every run of the sweep</option>
          </select>
        </label>
        {seeds.length > 1 ? (
          <label className="sweep-input">
            <span>Seed</span>
            <select data-testid="sweep-difficulty-seed" value={seedIndex} onChange={(e) => setSeedIndex(Number(e.target.value))}>
              {seeds.map((index) => (
                <option key={index} value={index}>
                  {seedOf(index) ?? index + 1}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {model && model.runs.length > 1 ? (
          <label className="sweep-input wide">
            <span>Count</span>
            <select data-testid="sweep-difficulty-filter" value={chosen} onChange={(e) => setFilter(e.target.value)}>
              {options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      {model === null ? (
        <p className="help" data-testid="sweep-difficulty-none">
          No run of seed {seedOf(seedIndex) ?? seedIndex + 1} has finished with a record of which examples it gets right{compared === 'best' ? ' at its group’s best' : ''} (a diverged run has none).
        </p>
      ) : (
        <>
          <Split model={model} />
          {model.runs.length < 2 ? (
            <p className="help" data-testid="sweep-difficulty-one">
              Only one run is compared, so every example is right for all of it or for none
              {compared === 'every'
                ? `: no other run of seed ${seedOf(seedIndex) ?? seedIndex + 1} has finished with a record (still training, diverged, or the sweep has no other).`
                : `: compare every run of the sweep${groupNames.length > 1 ? ' (the other groups have no finished run at a best value)' : ', or sweep two groups'}.`}
            </p>
          ) : null}
          <p className="help">
            {count(model.count)} test examples of seed {seedOf(seedIndex) ?? seedIndex + 1}, judged by each run&apos;s final weights; {model.runs.length} run{model.runs.length === 1 ? '' : 's'} compared
            {compared === 'best' ? ` (${model.runs.map((run) => run.name).join('; ')})` : ''}. A seed draws its own train/test split, so one seed at a time.
          </p>
          {model.leftOut.length > 0 ? (
            <p className="help" data-testid="sweep-difficulty-left-out">
              Left out: {model.leftOut.map((run) => `${runs.find((r) => r.id === run.id)?.name ?? run.label}, ${leftOutReason(run.id, run.reason, results)}`).join('; ')}.
            </p>
          ) : null}
          {chosen !== FILTER_ALL ? <FilterCount model={model} filter={chosen} groups={groups} /> : null}
          <label className="inline">
            <input
              type="checkbox"
              data-testid="sweep-difficulty-colour"
              checked={colouring}
              onChange={(e) => setSweep(e.target.checked ? overlay() : null)}
            />{' '}
            colour the plane&apos;s test points and the gallery&apos;s images by the share of these runs right
            {chosen !== FILTER_ALL ? ', and show only the examples counted' : ''} (the live runs on seed {seedOf(seedIndex) ?? seedIndex + 1}&apos;s test set)
          </label>
        </>
      )}
    </section>
  );
}
