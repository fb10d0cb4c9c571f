/**
 * Data: the data set (2-D, images, tables or a CSV file), what applies to it (noise and points, the split,
 * the task, the features, the 2-D sets' feature inputs), what a pick did to the network, a summary of the run's
 * data, the batch size and the seed.
 */
import { useEffect, useId, useState } from 'react';
import { EXPERIMENT_FIELDS } from '../../config/experiment';
import { LEARNING_GOALS } from '../../engine/data/dataset';
import type { DatasetName } from '../../engine/data/problem';
import { interpretTypedNumber } from '../../config/typedNumber';
import { NumberControl } from '../controls/NumberControl';
import { useCsvStore } from '../../state/csvStore';
import { useRunStore } from '../../state/runStore';
import { useConfigValue, useSelectedRun, useServices, useSetField } from '../services';
import { useDraftInput } from '../controls/useDraftInput';
import { CsvPanel } from './CsvPanel';
import { RovingToolbar } from '../RovingToolbar';
import { INPUT_FEATURE_LABELS, INPUT_FEATURES, inputFeaturesOf, type InputFeature } from '../../engine/data/features';
import { controlsFor, DATASET_GROUPS, DATASET_LABELS, featuresInUse, isTabularShipped, pickDataset, problemSummary, TASK_LABELS, toggleFeature, toggleInputFeature, type TabularDataset } from './dataPanelModel';
import { AfterPaint } from '../stages/afterPaint';

export { DATASET_LABELS };

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

/** Classify the image or reconstruct it (image sets). */
function TaskToggle() {
  const task = useConfigValue('task');
  const setField = useSetField();
  const name = useId();
  return (
    <fieldset className="control data-task" data-testid="task-toggle">
      <legend>{EXPERIMENT_FIELDS.task.label}</legend>
      {LEARNING_GOALS.map((goal) => (
        <label key={goal} className="radio-option">
          <input type="radio" name={name} value={goal} checked={task === goal} data-testid={`task-${goal}`} onChange={() => setField('task', goal)} />
          {TASK_LABELS[goal]}
        </label>
      ))}
    </fieldset>
  );
}

/** Which columns of a shipped table the network sees (at least one). */
function FeatureChoice({ dataset, names }: { dataset: TabularDataset; names: readonly string[] }) {
  const features = useConfigValue('features');
  const setField = useSetField();
  const inUse = featuresInUse(dataset, features);
  return (
    <fieldset className="control data-features" data-testid="feature-choice">
      <legend>{EXPERIMENT_FIELDS.features.label}</legend>
      {names.map((feature, i) => {
        const checked = inUse.includes(feature);
        return (
          <label key={feature} className="feature-option">
            <input
              type="checkbox"
              checked={checked}
              disabled={checked && inUse.length === 1}
              data-testid={`feature-${i}`}
              onChange={(e) => setField('features', toggleFeature(dataset, features, feature, e.target.checked))}
            />
            {feature}
          </label>
        );
      })}
      <p className="help">Two features show the decision regions on the plane.</p>
    </fieldset>
  );
}

/**
 * The 2-D sets' feature inputs, as TensorFlow Playground's (engine/data/features.ts): toggles, the network's input
 * layer follows them; the last one on stays on, and pressing it says why.
 */
function InputFeatureToggles() {
  const features = useConfigValue('features');
  const setField = useSetField();
  const report = useRunStore((s) => s.report);
  const clearStatus = useRunStore((s) => s.clearStatus);
  // A set without feature inputs (images, tables, a CSV file): what their last toggle did no longer applies.
  useEffect(() => () => clearStatus('input-features'), [clearStatus]);
  const [refused, setRefused] = useState<string | null>(null);
  const on = inputFeaturesOf(features);
  const press = (feature: InputFeature): void => {
    const next = toggleInputFeature(features, feature);
    setRefused(next.refused);
    if (next.refused) return;
    setField('features', next.features);
    if (next.restarted) report('info', 'input-features', next.restarted);
  };
  return (
    <fieldset className="control data-features" data-testid="feature-inputs">
      <legend>
        Feature inputs{' '}
        <span className="control-kind" title="Starts a new run" data-testid="feature-inputs-kind">
          new run
        </span>
      </legend>
      <div className="dataset-group">
        {INPUT_FEATURES.map((feature) => (
          <button
            key={feature}
            type="button"
            className={`chip${on.includes(feature) ? ' is-active' : ''}`}
            aria-pressed={on.includes(feature)}
            data-testid="feature-toggle"
            data-feature={feature}
            title={feature.startsWith('sin') ? "TensorFlow Playground's sine of the coordinate: its plane spans ±6 where ours spans ±1" : undefined}
            onClick={() => press(feature)}
          >
            {INPUT_FEATURE_LABELS[feature]}
          </button>
        ))}
      </div>
      <p className="help" role="status" data-testid="feature-toggle-note">
        {refused ?? `${on.length === 1 ? '1 input' : `${on.length} inputs`} computed from each point; the plane still shows x₁ across, x₂ up.`}
      </p>
    </fieldset>
  );
}

/** One line on the selected run's data, as the worker built it. */
function DataSummary({ dataset }: { dataset: DatasetName }) {
  const problem = useSelectedRun((run) => run.problem, null);
  // Until the worker has built this set's data, the run still holds the previous one: say nothing wrong.
  if (!problem || problem.dataset !== dataset) return null;
  return (
    <p className="data-summary" data-testid="data-summary">
      {problemSummary(problem)}
    </p>
  );
}

export function DataPanel() {
  const { configStore } = useServices();
  const dataset = useConfigValue('dataset');
  const csvLoaded = useCsvStore((s) => s.loaded !== null);
  // "CSV file" with no file loaded yet opens the CSV panel; the run moves to the file once it loads.
  const [csvOpen, setCsvOpen] = useState(false);
  const showCsv = dataset === 'custom' || csvOpen;
  const controls = controlsFor(dataset);
  // What the last pick did to the network (its own preset, or the user's kept), until the next pick.
  const [networkNote, setNetworkNote] = useState<string | null>(null);
  // A pick (a chip, or a CSV file taken by the worker) sets the set's own network, as every pick does, and says so.
  const apply = (name: DatasetName): void => {
    const { config, replace } = configStore.getState();
    const picked = pickDataset(config, name);
    if (picked.note) setNetworkNote(picked.note);
    replace(picked.config);
  };
  const pick = (name: DatasetName): void => {
    if (name === 'custom' && !csvLoaded && dataset !== 'custom') {
      setCsvOpen(true);
      return;
    }
    setCsvOpen(false);
    apply(name);
  };
  const pressed = (name: DatasetName): boolean => (name === 'custom' ? showCsv : name === dataset && !csvOpen);
  return (
    <section className="panel" aria-labelledby="data-heading">
      <h2 id="data-heading">Data</h2>
      <fieldset className="dataset-picker">
        <legend>{EXPERIMENT_FIELDS.dataset.label}</legend>
        {/* One Tab stop for every data set (WAI-ARIA APG Toolbar): arrows move, Enter or Space picks. */}
        <RovingToolbar label={EXPERIMENT_FIELDS.dataset.label} startAtPressed>
          {DATASET_GROUPS.map((group) => (
            <div key={group.title} className="dataset-group">
              <span className="dataset-task">{group.title}</span>
              {group.names.map((name) => (
                <button
                  key={name}
                  type="button"
                  className={`chip${pressed(name) ? ' is-active' : ''}`}
                  aria-pressed={pressed(name)}
                  data-testid={`dataset-${name}`}
                  onClick={() => pick(name)}
                >
                  {DATASET_LABELS[name]}
                </button>
              ))}
            </div>
          ))}
        </RovingToolbar>
      </fieldset>
      {networkNote ? (
        <p className="help" role="status" data-testid="dataset-network-note">
          {networkNote}
        </p>
      ) : null}
      {csvOpen && dataset !== 'custom' ? null : <DataSummary dataset={dataset} />}
      {/* Below the first screen at a laptop's size: mounted after the first paint (AfterPaint). */}
      <AfterPaint>
        {showCsv ? <CsvPanel onFileTaken={() => apply('custom')} /> : null}
        {controls.task ? <TaskToggle /> : null}
        {controls.featureNames && isTabularShipped(dataset) ? <FeatureChoice dataset={dataset} names={controls.featureNames} /> : null}
        {controls.inputFeatures ? <InputFeatureToggles /> : null}
        {controls.noise ? <NumberControl name="noise" /> : null}
        {controls.trainPercent ? <NumberControl name="trainPercent" /> : null}
        {controls.fixedSplit ? (
          <p className="help data-fixed-split" data-testid="fixed-split">
            {EXPERIMENT_FIELDS.trainPercent.label}: {controls.fixedSplit}
          </p>
        ) : null}
        <NumberControl name="validationPercent" />
        {controls.points ? <NumberControl name="points" /> : null}
        <NumberControl name="batchSize" />
        <SeedControl />
      </AfterPaint>
    </section>
  );
}
