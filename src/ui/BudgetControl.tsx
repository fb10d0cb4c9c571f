/**
 * The training budget (issue 19 §1), at the top of the Training panel: "stop at N steps or epochs", one value for every run of the
 * comparison (the experiment's `budget` and `budgetUnit`, engine/budget.ts); empty or 0 is no budget. Every run
 * pauses at it, all at the same point (worker/budgetKeeper.ts); Play at the budget says so in the status area
 * and trains nothing until it is raised here. Beside the box the budget reads in the other unit, for the runs'
 * data and batch sizes (an epoch is training rows / batch size steps, rounded as the schedule rounds it).
 * It is not in the top bar beside the pace: measured there, the bar had no room (at 1366×768 with one run it is
 * one row with 25 px to spare, at 390 px its second row has 8 px), and the control would have added a row.
 */
import { useEffect, useId, useRef } from 'react';
import { EXPERIMENT_FIELDS } from '../config/experiment';
import { interpretTypedNumber, parseDecimal } from '../config/typedNumber';
import { budgetSteps, stepsPerEpoch, type BudgetUnit } from '../engine/budget';
import { BUDGET_AT_PLAY, NO_BUDGET_WORDS } from '../state/runMessages';
import { useRunStore } from '../state/runStore';
import { useDraftInput } from './controls/useDraftInput';
import { useConfigValue, useSetField } from './services';
import { useRuns } from './useRuns';
import { groupedNumber } from '../text/groupedNumber';
import './BudgetControl.css';

/** "25", "44.9": steps per epoch as people read them. */
function formatSteps(steps: number): string {
  return Number.isInteger(steps) ? groupedNumber(steps) : steps.toFixed(1);
}

/** "75", "30–75": a range over the runs, or one value when they agree. */
function span(values: readonly number[], format: (value: number) => string): string {
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low === high ? format(low) : `${format(low)}–${format(high)}`;
}

/** Each run's training rows and batch size, once the worker has reported its data (else none). */
function useRunShapes(): { rows: number; batchSize: number }[] {
  const runs = useRuns();
  // A string, so that the store's ticks do not re-render the bar: rows change only with a run's data.
  const rows = useRunStore((state) => runs.map((run) => state.runs[run.id]?.problem.trainCount ?? 0).join(','));
  const counts = rows.split(',').map(Number);
  return runs.flatMap((run, i) => (counts[i] > 0 ? [{ rows: counts[i], batchSize: run.config.batchSize }] : []));
}

/**
 * The budget in the other unit, for the runs' data and batch sizes: `short` is shown ("3 epochs = 75 steps (1 epoch
 * = 25)"), `long` adds the training rows and batch sizes it comes from (the control's title).
 */
export function budgetHint(value: number, unit: BudgetUnit, shapes: readonly { rows: number; batchSize: number }[]): { short: string; long: string } {
  if (shapes.length === 0) return { short: '', long: '' };
  const perEpoch = span(shapes.map((shape) => stepsPerEpoch(shape.rows, shape.batchSize)), formatSteps);
  const source = `${span(shapes.map((s) => s.rows), (n) => groupedNumber(n))} training rows / batch ${span(shapes.map((s) => Math.min(s.batchSize, s.rows)), String)}`;
  let short = `1 epoch = ${perEpoch} steps`;
  if (value > 0 && unit === 'epochs' && value !== 1) {
    const steps = shapes.map((shape) => budgetSteps({ value, unit }, shape.rows, shape.batchSize) ?? 0);
    short = `${groupedNumber(value)} epochs = ${span(steps, formatSteps)} steps (1 epoch = ${perEpoch})`;
  } else if (value > 0 && unit === 'steps') {
    const format = (n: number): string => (n >= 10 ? groupedNumber(Math.round(n)) : n.toFixed(1));
    const epochs = shapes.map((shape) => value / stepsPerEpoch(shape.rows, shape.batchSize));
    short = `${groupedNumber(value)} steps ≈ ${span(epochs, format)} epochs (1 epoch = ${perEpoch} steps)`;
  }
  return { short, long: `${short}; an epoch is ${source}.` };
}

/** The help line's own words (the field's full help is the control's title), "no budget" as the status says it. */
const SHORT_HELP = `Every run pauses there, all at the same step; ${NO_BUDGET_WORDS}.`;

/**
 * What a typed budget means: the value to set (null: kept as it was) and a warning naming the rule the text broke
 * (not a number, below 0, above the most, not whole) and the value used, as the field then shows it (0 shows empty).
 */
export function budgetCommit(draft: string, shown: string): { value: number | null; warning: string | null } {
  const field = EXPERIMENT_FIELDS.budget;
  if (draft.trim() === '') return { value: 0, warning: null };
  const typed = interpretTypedNumber(draft, field);
  const kept = shown === '' ? 'no budget' : shown;
  if (typed.kind === 'rejected') return { value: null, warning: `${field.label}: "${draft.trim()}" is not a number; kept ${kept}.` };
  if (!typed.adjusted) return { value: typed.value, warning: null };
  const parsed = parseDecimal(draft.trim()) ?? typed.value;
  const used = typed.value === 0 ? 'no budget (the field is empty)' : `using ${groupedNumber(typed.value)}`;
  const rule =
    parsed < field.min ? `is below ${field.min}` : parsed > field.max ? `is above the most, ${groupedNumber(field.max)}` : 'is not a whole number';
  return { value: typed.value, warning: `${field.label}: ${draft.trim()} ${rule}; ${used}.` };
}

export function BudgetControl() {
  const budget = useConfigValue('budget');
  const unit = useConfigValue('budgetUnit');
  const setField = useSetField();
  const report = useRunStore((s) => s.report);
  const id = useId();
  const field = EXPERIMENT_FIELDS.budget;
  const hint = budgetHint(budget, unit, useRunShapes());
  const shown = budget > 0 ? String(budget) : '';

  // Empty is no budget; anything else is checked as every typed number is, and a refusal names the field.
  const commit = (draft: string): void => {
    const { value, warning } = budgetCommit(draft, shown);
    if (warning) report('warning', 'input-budget', warning);
    if (value !== null) setField('budget', value);
  };
  const draftInput = useDraftInput(shown, commit);
  // Play pressed at the budget: the status says so again, and the budget to raise takes the focus.
  const input = useRef<HTMLInputElement>(null);
  const playedAtBudget = useRunStore((s) => s.messages.find((m) => m.code === 'budget-reached' && m.text.startsWith(BUDGET_AT_PLAY))?.id ?? null);
  // Only a message that comes while the control is shown moves the focus (not one standing when it mounts).
  const seen = useRef(playedAtBudget);
  useEffect(() => {
    if (playedAtBudget !== null && playedAtBudget !== seen.current) input.current?.focus();
    seen.current = playedAtBudget;
  }, [playedAtBudget]);

  return (
    <div className="control budget-control" role="group" aria-labelledby={`${id}-label`} title={`${field.help}${hint.long ? ` ${hint.long}` : ''}`}>
      <div className="control-head">
        <label id={`${id}-label`} htmlFor={id}>
          {field.label}
        </label>
        <span className="control-kind" title="Applies to every run of the comparison, from the next step">
          all runs
        </span>
      </div>
      <div className="control-row">
        <input
          id={id}
          className="number"
          type="text"
          inputMode="numeric"
          placeholder="none"
          autoComplete="off"
          aria-describedby={`${id}-help`}
          data-testid="budget-input"
          ref={input}
          {...draftInput}
        />
        <select aria-label={EXPERIMENT_FIELDS.budgetUnit.label} data-testid="budget-unit" value={unit} onChange={(e) => setField('budgetUnit', e.target.value as BudgetUnit)}>
          {EXPERIMENT_FIELDS.budgetUnit.options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      </div>
      <p className="help" id={`${id}-help`}>
        {hint.short ? <span data-testid="budget-hint">{`${hint.short}. `}</span> : null}
        {SHORT_HELP}
      </p>
    </div>
  );
}
