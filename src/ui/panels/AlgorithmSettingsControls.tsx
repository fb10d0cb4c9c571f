/**
 * The active algorithm's own settings (its settings group, src/algorithms/settings.ts), shown with the generic
 * field controls in the group's order: a number field as a slider, a boolean as a checkbox, an enum as a select,
 * with the group's option labels, notes and conditions. Nothing here knows an algorithm.
 */
import type { AlgorithmInfo } from '../../algorithms/registry';
import { groupValues, type FieldControl, type SettingsGroup } from '../../algorithms/settings';
import { EXPERIMENT_FIELDS } from '../../config/experiment';
import { BooleanControl, type BooleanFieldName } from '../controls/BooleanControl';
import { NumberControl, type NumberFieldName } from '../controls/NumberControl';
import { SelectControl, type EnumFieldName } from '../controls/SelectControl';
import { ExplainButton } from '../explain/ExplainButton';
import { useServices } from '../services';

const fieldType = (name: string): string | undefined => (Object.hasOwn(EXPERIMENT_FIELDS, name) ? EXPERIMENT_FIELDS[name as keyof typeof EXPERIMENT_FIELDS].type : undefined);
const isNumberField = (name: string): name is NumberFieldName => fieldType(name) === 'number';
const isBooleanField = (name: string): name is BooleanFieldName => fieldType(name) === 'boolean';
const isEnumField = (name: string): name is EnumFieldName => fieldType(name) === 'enum';

type Values = ReturnType<typeof groupValues>;

function FieldOf({ name, control, values, batchSize }: { name: string; control: FieldControl<Values> | undefined; values: Values; batchSize: number }) {
  if (control?.shownWhen !== undefined && values[control.shownWhen] !== true) return null;
  if (isNumberField(name)) return <NumberControl name={name} note={control?.note?.(values, batchSize)} />;
  if (isBooleanField(name)) return <BooleanControl name={name} />;
  if (isEnumField(name)) return <SelectControl name={name} labels={control?.labels} />;
  return null;
}

export function AlgorithmSettingsControls({ info, group }: { info: AlgorithmInfo; group: SettingsGroup }) {
  const config = useServices().configStore((state) => state.config);
  const values = groupValues(group, config);
  const controls: Readonly<Record<string, FieldControl<Values> | undefined>> = group.controls ?? {};
  return (
    <div className="subpanel" data-testid={`${group.id}-controls`}>
      <p className="subpanel-intro">
        {info.summary} {group.intro} <ExplainButton concept={info.explanation.id} label={group.explainLabel} />
      </p>
      {Object.keys(group.fields).map((name) => (
        <FieldOf key={name} name={name} control={controls[name]} values={values} batchSize={config.batchSize} />
      ))}
    </div>
  );
}
