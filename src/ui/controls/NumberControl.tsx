/**
 * A schema number field as a range slider (log-spaced when the field is) paired with a number input.
 * Typed values outside the field's range are clamped; text that is not a number is refused and the previous value
 * kept; either way the reason stays beside the box (and in the field's one status banner) until the next valid
 * edit (numberEntry.ts).
 */
import { useEffect, useId, useRef, useState } from 'react';
import { EXPERIMENT_FIELDS, type ExperimentConfig } from '../../config/experiment';
import type { NumberField } from '../../config/fields';
import { useRunStore } from '../../state/runStore';
import { formatRate, roundToSignificant } from '../format';
import { useConfigValue, useSetField } from '../services';
import { applyNumberEntry, interpretNumberEntry } from './numberEntry';
import { useDraftInput } from './useDraftInput';

type Fields = typeof EXPERIMENT_FIELDS;
export type NumberFieldName = { [K in keyof Fields]: Fields[K] extends NumberField ? K : never }[keyof Fields];

const LOG_STEPS = 1000;

/** Log sliders: positions 0…LOG_STEPS over log10(min…max); with a zero minimum, position 0 is 0. */
function logRange(field: NumberField): [number, number] {
  return [Math.log10(field.min > 0 ? field.min : (field.logFloor ?? 1e-3)), Math.log10(field.max)];
}

function toSlider(field: NumberField, value: number): number {
  if (field.scale !== 'log') return value;
  if (value <= 0) return 0;
  const [lo, hi] = logRange(field);
  return Math.max(field.min > 0 ? 0 : 1, Math.round(((Math.log10(value) - lo) / (hi - lo)) * LOG_STEPS));
}

function fromSlider(field: NumberField, position: number): number {
  if (field.scale !== 'log') return position;
  if (position === 0 && field.min === 0) return 0;
  const [lo, hi] = logRange(field);
  return roundToSignificant(10 ** (lo + ((hi - lo) * position) / LOG_STEPS), 3);
}

interface Props {
  name: NumberFieldName;
  /** Replaces the field's label (e.g. "Base learning rate" under a cyclical schedule). */
  label?: string;
  disabled?: boolean;
  /** Replaces the field's help line (e.g. to explain why it is disabled). */
  note?: string;
}

export function NumberControl({ name, label, disabled = false, note }: Props) {
  const field: NumberField = EXPERIMENT_FIELDS[name];
  const title = label ?? field.label;
  const value = useConfigValue(name) as number;
  const setField = useSetField();
  const report = useRunStore((s) => s.report);
  const clearStatus = useRunStore((s) => s.clearStatus);
  const id = useId();
  const shown = field.scale === 'log' ? formatRate(value) : String(value);

  const set = (v: number): void => setField(name, v as ExperimentConfig[typeof name]);

  // The reason the last typed entry was refused or corrected, beside the box until the next valid edit.
  const [correction, setCorrection] = useState<string | null>(null);
  // A slider drag clears on every step: touch the store only when the field has a banner to clear.
  const clearBanner = (code: string): void => {
    if (useRunStore.getState().messages.some((m) => m.code === code)) clearStatus(code);
  };
  const sinks = { set, report, clearStatus: clearBanner, setNote: setCorrection };
  // The reason sits under the box: keep it in sight when it appears (the box may be at the window's bottom edge).
  const correctionRef = useRef<HTMLParagraphElement>(null);
  // A block body: Chromium's scrollIntoView returns a promise, which React would take for the effect's cleanup.
  useEffect(() => {
    correctionRef.current?.scrollIntoView({ block: 'nearest' });
  }, [correction]);
  const commit = (draft: string): void => applyNumberEntry(name, interpretNumberEntry(draft, field, title, shown), sinks);
  const draftInput = useDraftInput(shown, commit);

  return (
    <div className={`control${disabled ? ' is-disabled' : ''}`}>
      <div className="control-head">
        <label htmlFor={id}>{title}</label>
        <span className="control-kind" title={field.change === 'hot' ? 'Applies on the next step' : 'Starts a new run'}>
          {field.change === 'hot' ? 'live' : 'new run'}
        </span>
      </div>
      <div className="control-row">
        <input
          id={id}
          type="range"
          min={toSlider(field, field.min)}
          max={toSlider(field, field.max)}
          step={field.scale === 'log' ? 1 : field.step || 'any'}
          value={toSlider(field, value)}
          disabled={disabled}
          aria-valuetext={`${shown}${field.unit ?? ''}`}
          aria-describedby={`${id}-help`}
          data-testid={`${name}-slider`}
          onChange={(e) => applyNumberEntry(name, { kind: 'set', value: fromSlider(field, Number(e.target.value)), note: null }, sinks)}
        />
        <input
          className="number"
          type="text"
          inputMode="decimal"
          aria-label={`${title} value`}
          {...draftInput}
          aria-invalid={correction !== null}
          aria-describedby={correction !== null ? `${id}-correction` : undefined}
          disabled={disabled}
          data-testid={`${name}-input`}
        />
        {field.unit ? <span className="unit">{field.unit}</span> : null}
      </div>
      {correction !== null ? (
        <p ref={correctionRef} className="field-correction" id={`${id}-correction`} data-testid={`${name}-correction`}>
          {correction}
        </p>
      ) : null}
      <p className="help" id={`${id}-help`}>
        {note ?? field.help}
      </p>
    </div>
  );
}
