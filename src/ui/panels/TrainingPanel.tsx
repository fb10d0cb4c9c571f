/**
 * Training: the learning rate first (TF Playground's top row has it beside the epoch counter; it is then the
 * seventh Tab stop from the top of the page, issue 19 §10), the budget ("Stop at", BudgetControl), algorithm, optimizer,
 * momentum, backend and kernels (the speed is in the top bar, SpeedSelect).
 */
import { ALGORITHM_INFO, ALGORITHM_LABELS } from '../../algorithms/registry';
import { groupValues } from '../../algorithms/settings';
import { adaptsLearningRate, OPTIMIZER_LABELS } from '../../engine/names';
import { NumberControl } from '../controls/NumberControl';
import { SelectControl } from '../controls/SelectControl';
import { ExplainButton } from '../explain/ExplainButton';
import { BudgetControl } from '../BudgetControl';
import { useConfigValue, useServices } from '../services';
import { AlgorithmSettingsControls } from './AlgorithmSettingsControls';

const BACKEND_LABELS = { auto: 'Automatic', webgpu: 'WebGPU', webgl: 'WebGL', cpu: 'CPU' };
const KERNEL_LABELS = { auto: 'Auto (fused if possible)', fused: 'Fused', plain: 'Plain TF.js ops (reference)' };

export function TrainingPanel() {
  const optimizer = useConfigValue('optimizer');
  const config = useServices().configStore((state) => state.config);
  const algorithm = useConfigValue('algorithm');
  const schedule = useConfigValue('schedule');
  const scheduleRole = {
    constant: 'Learning rate',
    step: 'Initial learning rate',
    exponential: 'Initial learning rate',
    cosine: 'Peak learning rate (after warm-up)',
    cyclical: 'Base learning rate',
    'one-cycle': 'Learning rate',
  }[schedule];
  const info = ALGORITHM_INFO[algorithm];
  // The algorithm's own wording of the learning rate (LocoProp's inner ρ), from its settings group.
  const ownRate = info.settings?.learningRate;
  // The optimizer its settings group declares as its own (LocoProp's inner one), shown with the group's fields; else the config's.
  const own = info.settings?.optimizer;
  const ownValues = info.settings && own ? groupValues(info.settings, config) : null;
  const inner = own !== undefined;
  const usesMomentum = own && ownValues ? own.usesMomentum(ownValues) : optimizer === 'momentum' || optimizer === 'nesterov' || optimizer === 'adam' || optimizer === 'adam-hd';
  // SGD-HD and Adam-HD (backprop's and feedback alignment's optimizer field only) adapt the rate themselves.
  const hypergradient = !inner && adaptsLearningRate(optimizer);
  const optimizerName = own && ownValues ? own.name(ownValues, info.label) : OPTIMIZER_LABELS[optimizer];
  return (
    <section className="panel" aria-labelledby="training-heading">
      <h2 id="training-heading">Training</h2>
      <NumberControl
        name="learningRate"
        label={hypergradient && schedule === 'constant' ? 'Initial learning rate α₀' : ownRate && schedule === 'constant' ? ownRate.label : scheduleRole}
        disabled={schedule === 'one-cycle'}
        note={
          hypergradient
            ? `${OPTIMIZER_LABELS[optimizer]} starts from ${schedule === 'constant' ? 'this rate' : "the schedule's rate at its first step"} and sets every later rate itself (the learning-rate chart shows each step's)${schedule === 'one-cycle' ? '' : `; a new value here starts it again from ${schedule === 'constant' ? 'that value' : "the schedule's rate at that step"}`}.`
            : schedule === 'one-cycle'
            ? 'The one-cycle schedule sets the rate (maximum ÷ start divisor, up to the maximum).'
            : ownRate
              ? ownRate.note
              : schedule === 'constant'
                ? undefined
                : 'The schedule starts from this rate; see Learning-rate schedule.'
        }
      />
      <BudgetControl />
      <div className="explain-row">
        <SelectControl name="algorithm" labels={ALGORITHM_LABELS} />
        <ExplainButton concept={info.explanation.id} />
      </div>
      {info.settings ? <AlgorithmSettingsControls info={info} group={info.settings} /> : null}
      {inner ? null : (
        <div className="explain-row">
          <SelectControl name="optimizer" labels={OPTIMIZER_LABELS} />
          {hypergradient ? <ExplainButton concept="hypergradient" /> : null}
        </div>
      )}
      {hypergradient ? <NumberControl name="hypergradientRate" /> : null}
      <NumberControl
        name="momentum"
        disabled={!usesMomentum}
        note={
          !usesMomentum
            ? `${optimizerName} has no momentum term.`
            : own?.momentumNote
        }
      />
      <SelectControl name="backend" labels={BACKEND_LABELS} />
      <SelectControl name="kernels" labels={KERNEL_LABELS} />
    </section>
  );
}
