/** LocoProp's settings, shown when a LocoProp variant is the algorithm. */
import { ALGORITHM_INFO } from '../../algorithms/registry';
import { INNER_OPTIMIZER_LABELS } from '../../engine/names';
import { formatRate } from '../format';
import { BooleanControl } from '../controls/BooleanControl';
import { NumberControl } from '../controls/NumberControl';
import { SelectControl } from '../controls/SelectControl';
import { ExplainButton } from '../explain/ExplainButton';
import { useConfigValue } from '../services';

export function LocoPropControls() {
  const gamma = useConfigValue('gamma');
  const batchSize = useConfigValue('batchSize');
  const proximal = useConfigValue('proximal');
  const algorithm = useConfigValue('algorithm');
  return (
    <div className="subpanel" data-testid="locoprop-controls">
      <p className="subpanel-intro">
        {ALGORITHM_INFO[algorithm].summary}{' '}
        The inputs and targets stay fixed for K inner steps.{' '}
        <ExplainButton concept={ALGORITHM_INFO[algorithm].explanation.id} label="Targets, local losses and why step 1 is backprop" />
      </p>
      <NumberControl name="gamma" note={`Per example γ/B = ${formatRate(gamma / batchSize)} (batch ${batchSize}). The reference used γ/B = 0.01.`} />
      <NumberControl name="innerSteps" />
      <SelectControl name="innerOptimizer" labels={INNER_OPTIMIZER_LABELS} />
      <BooleanControl name="innerDecay" />
      <BooleanControl name="proximal" />
      {proximal ? <NumberControl name="proximalWeight" /> : null}
      <BooleanControl name="innerReset" />
    </div>
  );
}
