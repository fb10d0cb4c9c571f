/**
 * The sweep builder (issue 17 §1): one or two fields, each as from / to / count / log or linear or as a list
 * (a choice field's options as check boxes), the seeds and the budget, then Start. Before it starts the page
 * shows the sweep's size; a sweep too large or too long is refused with its computed numbers.
 */
import { useId } from 'react';
import { choicesOf, MAX_SWEEP_RUNS, SWEEP_BUDGET_UNITS, sweepAxisLabel, sweptField, type SweepAxis, type SweepAxisName, type SweepSpec, type SweepValue } from '../../config/sweep';
import { useDraftInput } from '../controls/useDraftInput';
import { defaultAxis, sweepableFields, sweepSize, typedList, typedNumber } from './sweepForm';
import type { ExperimentConfig } from '../../config/experiment';
import { groupedNumber } from '../../text/groupedNumber';

const FIELDS = sweepableFields();

function NumberInput({ label, value, testId, onCommit, wide }: { label: string; value: number; testId: string; onCommit: (value: number) => void; wide?: boolean }) {
  const input = useDraftInput(Number.isNaN(value) ? '' : String(value), (text) => onCommit(typedNumber(text)));
  return (
    <label className={wide ? 'sweep-input wide' : 'sweep-input'}>
      <span>{label}</span>
      <input type="text" inputMode="decimal" data-testid={testId} aria-invalid={Number.isNaN(value)} {...input} />
    </label>
  );
}

function ListInput({ values, testId, onCommit }: { values: readonly SweepValue[]; testId: string; onCommit: (values: number[]) => void }) {
  const input = useDraftInput(values.join(', '), (text) => onCommit(typedList(text)));
  return (
    <label className="sweep-input wide">
      <span>values</span>
      <input type="text" inputMode="decimal" data-testid={testId} placeholder="0.01, 0.03, 0.1" {...input} />
    </label>
  );
}

interface AxisProps {
  axis: SweepAxis;
  suffix: '' | '-2';
  onChange: (axis: SweepAxis) => void;
}

function AxisEditor({ axis, suffix, onChange }: AxisProps) {
  const found = sweptField(axis.field);
  const choices = 'reason' in found ? null : choicesOf(found.field);
  const { values } = axis;
  if (choices) {
    const chosen = values.kind === 'list' ? values.values : [];
    const toggle = (option: SweepValue): void => {
      const next = chosen.includes(option) ? chosen.filter((v) => v !== option) : choices.filter((c) => c === option || chosen.includes(c));
      onChange({ ...axis, values: { kind: 'list', values: next } });
    };
    return (
      <div className="sweep-axis-values" role="group" aria-label={`Values of ${sweepAxisLabel(axis.field as SweepAxisName)}`}>
        {choices.map((option) => (
          <label key={String(option)} className="inline">
            <input type="checkbox" checked={chosen.includes(option)} data-testid={`sweep-option${suffix}-${String(option)}`} onChange={() => toggle(option)} />
            {String(option)}
          </label>
        ))}
      </div>
    );
  }
  const range = values.kind === 'range' ? values : null;
  const setRange = (patch: Partial<{ from: number; to: number; count: number; scale: 'log' | 'linear' }>): void =>
    onChange({ ...axis, values: { kind: 'range', from: range?.from ?? 0, to: range?.to ?? 1, count: range?.count ?? 5, scale: range?.scale ?? 'linear', ...patch } });
  return (
    <div className="sweep-axis-values">
      <label className="sweep-input">
        <span>as</span>
        <select
          data-testid={`sweep-kind${suffix}`}
          value={values.kind}
          onChange={(e) => {
            if (e.target.value === 'list') onChange({ ...axis, values: { kind: 'list', values: range ? [range.from, range.to] : [] } });
            else setRange({});
          }}
        >
          <option value="range">a range</option>
          <option value="list">a list</option>
        </select>
      </label>
      {range ? (
        <>
          <NumberInput label="from" value={range.from} testId={`sweep-from${suffix}`} onCommit={(from) => setRange({ from })} />
          <NumberInput label="to" value={range.to} testId={`sweep-to${suffix}`} onCommit={(to) => setRange({ to })} />
          <NumberInput label="count" value={range.count} testId={`sweep-count${suffix}`} onCommit={(count) => setRange({ count })} />
          <label className="sweep-input">
            <span>scale</span>
            <select data-testid={`sweep-scale${suffix}`} value={range.scale} onChange={(e) => setRange({ scale: e.target.value as 'log' | 'linear' })}>
              <option value="log">log</option>
              <option value="linear">linear</option>
            </select>
          </label>
        </>
      ) : (
        <ListInput values={values.kind === 'list' ? values.values : []} testId={`sweep-values${suffix}`} onCommit={(list) => onChange({ ...axis, values: { kind: 'list', values: list } })} />
      )}
    </div>
  );
}

interface Props {
  spec: SweepSpec;
  groups: readonly ExperimentConfig[];
  running: boolean;
  onChange: (spec: SweepSpec) => void;
  onStart: () => void;
  onCancel: () => void;
}

export function SweepBuilder({ spec, groups, running, onChange, onStart, onCancel }: Props) {
  const id = useId();
  const [first, second] = spec.axes;
  const size = sweepSize(spec, groups.length);
  const setAxis = (index: 0 | 1, axis: SweepAxis | null): void => {
    const axes = [...spec.axes];
    if (axis) axes[index] = axis;
    else axes.splice(index, 1);
    onChange({ ...spec, axes });
  };
  const pickField = (index: 0 | 1, name: string): void => setAxis(index, name === '' ? null : defaultAxis(name as SweepAxisName, groups[0]));
  return (
    <div className="sweep-builder">
      {/* While a sweep runs its set-up is locked: what it trains is what the builder shows (the fieldsets disable every control in them). */}
      <fieldset className="sweep-lock" disabled={running}>
        <div className="sweep-axis">
          <label className="sweep-input">
            <span>Field</span>
            <select id={`${id}-f1`} data-testid="sweep-field" value={first?.field ?? ''} onChange={(e) => pickField(0, e.target.value)}>
              {FIELDS.map((f) => (
                <option key={f.name} value={f.name}>
                  {f.label}
                </option>
              ))}
            </select>
          </label>
          {first ? <AxisEditor axis={first} suffix="" onChange={(axis) => setAxis(0, axis)} /> : null}
        </div>
        <div className="sweep-axis">
          <label className="sweep-input">
            <span>Second field</span>
            <select data-testid="sweep-field-2" value={second?.field ?? ''} onChange={(e) => pickField(1, e.target.value)}>
              <option value="">none</option>
              {FIELDS.filter((f) => f.name !== first?.field).map((f) => (
                <option key={f.name} value={f.name}>
                  {f.label}
                </option>
              ))}
            </select>
          </label>
          {second ? <AxisEditor axis={second} suffix="-2" onChange={(axis) => setAxis(1, axis)} /> : null}
        </div>
      </fieldset>
      <div className="sweep-axis">
        <fieldset className="sweep-lock" disabled={running}>
          <NumberInput label="Seeds" value={spec.seeds} testId="sweep-seeds" onCommit={(seeds) => onChange({ ...spec, seeds })} />
          <NumberInput label="Budget per run" value={spec.budget} testId="sweep-budget" onCommit={(budget) => onChange({ ...spec, budget })} wide />
          <label className="sweep-input" title="Epochs: passes over each run's own training rows at its own batch size, so runs of different batch sizes see the same data and stop at different steps. Seconds: each run trains that long on its own clock (evaluations excluded), so a costlier step gets fewer steps; the steps reached depend on this device and its load.">
            <span>in</span>
            <select data-testid="sweep-budget-unit" value={spec.budgetUnit} onChange={(e) => onChange({ ...spec, budgetUnit: SWEEP_BUDGET_UNITS.find((u) => u === e.target.value) ?? 'steps' })}>
              <option value="steps">steps</option>
              <option value="epochs">epochs</option>
              <option value="seconds">seconds of training</option>
            </select>
          </label>
        </fieldset>
        {running ? (
          <button type="button" className="small" data-testid="sweep-cancel" onClick={onCancel}>
            Cancel
          </button>
        ) : (
          <button type="button" className="small primary-action" data-testid="sweep-start" onClick={onStart}>
            Start sweep
          </button>
        )}
      </div>
      <p className="help" data-testid="sweep-size">
        {size
          ? `Start trains ${groupedNumber(size.runs)} runs: ${groups.length} group${groups.length === 1 ? '' : 's'} × ${size.points.join(' × ')} value${size.points.every((n) => n === 1) ? '' : 's'} × ${spec.seeds} seed${spec.seeds === 1 ? '' : 's'}${size.runs > MAX_SWEEP_RUNS ? ` (at most ${MAX_SWEEP_RUNS})` : ''}; each run now in the comparison is a group.`
          : 'Give the values of each field to see the sweep’s size.'}
      </p>
    </div>
  );
}
