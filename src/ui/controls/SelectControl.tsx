/** A schema enum field as a labelled <select>. */
import { useId } from 'react';
import { EXPERIMENT_FIELDS, type ExperimentConfig } from '../../config/experiment';
import type { EnumField } from '../../config/fields';
import { useConfigValue, useSetField } from '../services';

type Fields = typeof EXPERIMENT_FIELDS;
export type EnumFieldName = { [K in keyof Fields]: Fields[K] extends EnumField<string> ? K : never }[keyof Fields];

interface Props {
  name: EnumFieldName;
  /** Display names per option; the option itself otherwise. */
  labels?: Record<string, string>;
  disabled?: boolean;
}

export function SelectControl({ name, labels = {}, disabled = false }: Props) {
  const field: EnumField<string> = EXPERIMENT_FIELDS[name];
  const value = useConfigValue(name) as string;
  const setField = useSetField();
  const id = useId();
  return (
    <div className="control">
      <div className="control-head">
        <label htmlFor={id}>{field.label}</label>
        <span className="control-kind" title={field.change === 'hot' ? 'Applies on the next step' : 'Starts a new run'}>
          {field.change === 'hot' ? 'live' : 'new run'}
        </span>
      </div>
      <select
        id={id}
        value={value}
        disabled={disabled}
        data-testid={`${name}-select`}
        aria-describedby={`${id}-help`}
        onChange={(e) => setField(name, e.target.value as ExperimentConfig[typeof name])}
      >
        {field.options.map((option) => (
          <option key={option} value={option}>
            {labels[option] ?? option}
          </option>
        ))}
      </select>
      <p className="help" id={`${id}-help`}>
        {field.help}
      </p>
    </div>
  );
}
