/** A schema boolean field as a labelled checkbox. */
import { useId } from 'react';
import { EXPERIMENT_FIELDS, type ExperimentConfig } from '../../config/experiment';
import type { BooleanField } from '../../config/fields';
import { useConfigValue, useSetField } from '../services';

type Fields = typeof EXPERIMENT_FIELDS;
export type BooleanFieldName = { [K in keyof Fields]: Fields[K] extends BooleanField ? K : never }[keyof Fields];

export function BooleanControl({ name }: { name: BooleanFieldName }) {
  const field: BooleanField = EXPERIMENT_FIELDS[name];
  const value = useConfigValue(name) as boolean;
  const setField = useSetField();
  const id = useId();
  return (
    <div className="control">
      <label className="checkbox" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          checked={value}
          data-testid={`${name}-checkbox`}
          aria-describedby={`${id}-help`}
          onChange={(e) => setField(name, e.target.checked as ExperimentConfig[typeof name])}
        />
        {field.label}
      </label>
      <p className="help" id={`${id}-help`}>
        {field.help}
      </p>
    </div>
  );
}
