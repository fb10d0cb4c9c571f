/** Data: the data set, its noise, split and size, the batch size and the seed. */
import { GENERATED_DATASETS, taskOf, type GeneratedDataset } from '../../engine/data/generators';
import { EXPERIMENT_FIELDS } from '../../config/experiment';
import { interpretTypedNumber } from '../../config/typedNumber';
import { NumberControl } from '../controls/NumberControl';
import { useRunStore } from '../../state/runStore';
import { useConfigValue, useSetField } from '../services';
import { useDraftInput } from '../controls/useDraftInput';

export const DATASET_LABELS: Record<GeneratedDataset, string> = {
  circle: 'Circle',
  xor: 'XOR',
  gaussians: 'Two Gaussians',
  spiral: 'Spiral',
  moons: 'Two moons',
  plane: 'Plane',
  hills: 'Hills',
};

function SeedControl() {
  const seed = useConfigValue('seed');
  const setField = useSetField();
  const report = useRunStore((s) => s.report);
  const field = EXPERIMENT_FIELDS.seed;
  const draftInput = useDraftInput(String(seed), (draft) => {
    const typed = interpretTypedNumber(draft, field);
    if (typed.kind === 'rejected') {
      report('warning', 'input-seed', `Seed: "${draft}" is not a whole number from ${field.min} to ${field.max}; kept ${seed}.`);
      return;
    }
    if (typed.adjusted) report('warning', 'input-seed', `Seed: ${draft} is outside ${field.min}–${field.max} or not a whole number; using ${typed.value}.`);
    setField('seed', typed.value);
  });
  return (
    <div className="control">
      <div className="control-head">
        <label htmlFor="seed-input">{field.label}</label>
        <span className="control-kind" title="Starts a new run">new run</span>
      </div>
      <div className="control-row">
        <input
          id="seed-input"
          className="number"
          type="text"
          inputMode="numeric"
          {...draftInput}
          data-testid="seed-input"
        />
        <button
          type="button"
          className="small"
          data-testid="new-seed"
          onClick={() => setField('seed', Math.floor(Math.random() * (field.max + 1)))}
        >
          New seed
        </button>
      </div>
      <p className="help">{field.help}</p>
    </div>
  );
}

export function DataPanel() {
  const dataset = useConfigValue('dataset');
  const setField = useSetField();
  return (
    <section className="panel" aria-labelledby="data-heading">
      <h2 id="data-heading">Data</h2>
      <fieldset className="dataset-picker">
        <legend>{EXPERIMENT_FIELDS.dataset.label}</legend>
        {(['classification', 'regression'] as const).map((task) => (
          <div key={task} className="dataset-group">
            <span className="dataset-task">{task}</span>
            {GENERATED_DATASETS.filter((name) => taskOf(name) === task).map((name) => (
              <button
                key={name}
                type="button"
                className={`chip${name === dataset ? ' is-active' : ''}`}
                aria-pressed={name === dataset}
                data-testid={`dataset-${name}`}
                onClick={() => setField('dataset', name)}
              >
                {DATASET_LABELS[name]}
              </button>
            ))}
          </div>
        ))}
      </fieldset>
      <NumberControl name="noise" />
      <NumberControl name="trainPercent" />
      <NumberControl name="points" />
      <NumberControl name="batchSize" />
      <SeedControl />
    </section>
  );
}
