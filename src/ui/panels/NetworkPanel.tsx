/** Network: hidden layers (add, remove, units, activation), initialisation and regularisation. */
import { ACTIVATIONS, type Activation } from '../../engine/names';
import { addLayer, parameterCount, removeLayer, setActivation, setUnits, type HiddenLayers, type NetworkLimits } from '../../config/network';
import { isShipped, networkLimitsFor } from '../../engine/data/problem';
import { interpretTypedNumber } from '../../config/typedNumber';
import { useRunStore } from '../../state/runStore';
import { NumberControl } from '../controls/NumberControl';
import { SelectControl } from '../controls/SelectControl';
import { useConfigValue, useSelectedRun, useServices } from '../services';
import { useDraftInput } from '../controls/useDraftInput';
import { groupedNumber } from '../../text/groupedNumber';
import { applyPreset, NETWORK_PRESETS, PRESET_HELP, PRESET_LABELS } from './networkPresets';
import { NeuronGrid } from '../neurons/NeuronGrid';
import { AfterPaint } from '../stages/afterPaint';

const INIT_LABELS = { glorot: 'Glorot uniform', he: 'He normal' };
const REGULARIZATION_LABELS = { none: 'None', l1: 'L1', l2: 'L2' };

/** A layer's unit count as typed text: applied on Enter or blur (each change starts a new run), clamps reported. */
function UnitsInput({ layer, units, limits, onCommit }: { layer: number; units: number; limits: NetworkLimits; onCommit: (units: number) => void }) {
  const MAX_UNITS = limits.units;
  const report = useRunStore((s) => s.report);
  const draftInput = useDraftInput(String(units), (draft) => {
    const typed = interpretTypedNumber(draft, { min: 1, max: MAX_UNITS, integer: true });
    const what = `Units in layer ${layer}`;
    if (typed.kind === 'rejected') {
      report('warning', `input-units-${layer}`, `${what}: "${draft}" is not a whole number from 1 to ${MAX_UNITS}; kept ${units}.`);
      return;
    }
    if (typed.adjusted) report('warning', `input-units-${layer}`, `${what}: ${draft} is outside 1–${MAX_UNITS} or not a whole number; using ${typed.value}.`);
    if (typed.value !== units) onCommit(typed.value);
  });
  return (
    <input
      className="units"
      type="text"
      inputMode="numeric"
      aria-label={`Units in layer ${layer}`}
      data-testid={`units-${layer}`}
      {...draftInput}
    />
  );
}

export function NetworkPanel() {
  const { configStore } = useServices();
  const hidden = useConfigValue('hidden');
  const activation = useConfigValue('activation');
  const regularization = useConfigValue('regularization');
  const dataset = useConfigValue('dataset');
  const limits = networkLimitsFor(dataset);
  const layers: HiddenLayers = { hidden, activation };
  const task = useConfigValue('task');
  // Input and output sizes come from the data; before the run's data has loaded, from the 2-D sets' sizes.
  const problem = useSelectedRun((run) => run.problem, null);
  const inputSize = problem?.inputSize ?? 2;
  const outputSize = problem?.outputSize ?? 1;
  // Just after another data set or task is picked, the run still describes the previous data; before the first
  // run of a loaded data set arrives, there is none to describe (not the 2-D sets' sizes: "2 → 1024 → 1" for MNIST).
  const stale =
    problem === null ? dataset === 'custom' || isShipped(dataset) : problem.dataset !== dataset || (problem.task === 'autoencoder') !== (task === 'autoencoder');
  const apply = (next: HiddenLayers): void => {
    const { config, replace } = configStore.getState();
    replace({ ...config, hidden: next.hidden, activation: next.activation });
  };
  const sizes = [inputSize, ...hidden, outputSize];

  return (
    <section className="panel" aria-labelledby="network-heading">
      <h2 id="network-heading">Network</h2>
      <p className="architecture" data-testid="architecture" aria-busy={stale}>
        {stale ? (
          <>
            {['inputs', ...hidden, 'outputs'].join(' → ')} <span className="muted">· {dataset === 'custom' ? 'waiting for the CSV file' : 'loading the data…'}</span>
          </>
        ) : (
          <>
            {sizes.join(' → ')} <span className="muted">· {groupedNumber(parameterCount(inputSize, hidden, outputSize))} parameters</span>
          </>
        )}
      </p>
      <div className="layers" role="group" aria-label="Hidden layers">
        {hidden.map((units, index) => (
          <div className="layer-row" key={index} data-testid={`layer-${index + 1}`}>
            <span className="layer-name">Layer {index + 1}</span>
            <button
              type="button"
              className="icon"
              aria-label={`Fewer units in layer ${index + 1}`}
              disabled={units <= 1}
              onClick={() => apply(setUnits(layers, index, units - 1, limits))}
            >
              −
            </button>
            <UnitsInput layer={index + 1} units={units} limits={limits} onCommit={(n) => apply(setUnits(layers, index, n, limits))} />
            <button
              type="button"
              className="icon"
              aria-label={`More units in layer ${index + 1}`}
              disabled={units >= limits.units}
              onClick={() => apply(setUnits(layers, index, units + 1, limits))}
            >
              +
            </button>
            <select
              value={activation[index]}
              aria-label={`Activation of layer ${index + 1}`}
              data-testid={`activation-${index + 1}`}
              onChange={(e) => apply(setActivation(layers, index, e.target.value as Activation))}
            >
              {ACTIVATIONS.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="icon remove"
              aria-label={`Remove layer ${index + 1}`}
              onClick={() => apply(removeLayer(layers, index))}
            >
              ×
            </button>
          </div>
        ))}
        {hidden.length === 0 ? <p className="muted">No hidden layer: a linear model of the inputs.</p> : null}
        <button
          type="button"
          className="small"
          data-testid="add-layer"
          disabled={hidden.length >= limits.layers}
          onClick={() => apply(addLayer(layers, limits))}
        >
          + Add layer
        </button>
        <p className="help">Up to {limits.layers} layers of 1–{limits.units} units on this data set. Changing the network starts a new run.</p>
      </div>
      {/* Below the first screen at a laptop's size: mounted after the first paint (AfterPaint). */}
      <AfterPaint>
        <NeuronGrid />
        <div className="presets" role="group" aria-labelledby="presets-heading">
          <span id="presets-heading" className="presets-heading">
            Presets
          </span>
          {NETWORK_PRESETS.map((preset) => (
            <button
              key={preset}
              type="button"
              className="small"
              title={PRESET_HELP[preset]}
              data-testid={`preset-${preset}`}
              onClick={() => {
                const { config, replace } = configStore.getState();
                replace(applyPreset(config, preset));
              }}
            >
              {PRESET_LABELS[preset]}
            </button>
          ))}
          <p className="help">Sets the data, the network and the optimizer in one step (a new run).</p>
        </div>
        <SelectControl name="init" labels={INIT_LABELS} />
        <SelectControl name="regularization" labels={REGULARIZATION_LABELS} />
        <NumberControl name="regularizationRate" disabled={regularization === 'none'} />
      </AfterPaint>
    </section>
  );
}
