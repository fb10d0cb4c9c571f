/**
 * Your own data: a CSV file chosen or dropped here goes to the worker as bytes (it is parsed and checked
 * there, never on the page; only its size is checked here, before a byte of it is read); the worker's answer (csvStore) shows as a summary with the label and feature
 * columns to choose, or as the reason the file was refused.
 */
import { useId, useState, type DragEvent } from 'react';
import { useCsvStore, type CsvLoaded, type CsvRejection } from '../../state/csvStore';
import { useRunStore } from '../../state/runStore';
import { useConfigValue, useServices } from '../services';
import { DATASET_LABELS } from './dataPanelModel';
import { CsvFeatureList } from './CsvFeatureList';
import { chooseLabel, columnDescription, csvErrorView, csvSummary, featureCandidates, labelCandidates, readCsvFile } from './csvPanelModel';

/** The latest file's bytes, kept so that it can be loaded again with other options. */
interface LastFile {
  fileName: string;
  bytes: Uint8Array;
}

/**
 * The columns just chosen, shown until the worker answers: its answer (a new `loaded`, or a refusal) replaces
 * them. The worker reads the file again for a new choice, which took seconds for a 100,000-column file, and
 * meanwhile the controlled checkbox sprang back to its old state as if the click had been lost.
 */
interface ChosenColumns {
  label: number;
  features: number[];
  /** The answer it was chosen on: once `loaded` or `rejected` is another, the worker has answered. */
  on: CsvLoaded;
  rejected: CsvRejection | null;
}

/** `onFileTaken`: moves the run to the file once the worker has taken it (the Data panel's pick of "CSV file"). */
export function CsvPanel({ onFileTaken }: { onFileTaken: () => void }) {
  const { client, configStore } = useServices();
  const dataset = useConfigValue('dataset');
  const loaded = useCsvStore((s) => s.loaded);
  const rejected = useCsvStore((s) => s.rejected);
  const pending = useCsvStore((s) => s.pending);
  const [dropMissing, setDropMissing] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [lastFile, setLastFile] = useState<LastFile | null>(null);
  const [chosen, setChosen] = useState<ChosenColumns | null>(null);
  const inputId = useId();
  const labelId = useId();

  const send = (file: LastFile, drop: boolean): void => {
    setLastFile(file);
    const before = useCsvStore.getState().loaded;
    useCsvStore.getState().setPending(file.fileName, { ...file, dropMissing: drop });
    client.send({ type: 'loadCsv', fileName: file.fileName, bytes: file.bytes, dropMissing: drop });
    if (configStore.getState().config.dataset === 'custom') return;
    // The run moves to the file once the worker has taken it; a refused file leaves the run on its data.
    const stop = useCsvStore.subscribe((state) => {
      if (state.pending !== null) return;
      stop();
      if (state.loaded !== null && state.loaded !== before) onFileTaken();
    });
  };

  const loadFile = async (file: File): Promise<void> => {
    // The size first: a 1 GB file was read whole (4.99 GB of memory) before the worker refused it.
    const read = await readCsvFile(file);
    if (!read.ok) {
      useCsvStore.getState().setRejected(file.name, read.error);
      useRunStore.getState().report('error', 'csv-rejected', read.error.message);
      return;
    }
    send({ fileName: file.name, bytes: read.bytes }, dropMissing);
  };

  const onDrop = (event: DragEvent<HTMLDivElement>): void => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void loadFile(file);
  };

  const choose = (label: number, features: number[]): void => {
    if (loaded) setChosen({ label, features, on: loaded, rejected });
    client.send({ type: 'chooseCsvColumns', label, features });
  };
  // What the label select and the feature list show: the choice on its way, else the worker's last answer.
  const shown = chosen !== null && chosen.on === loaded && chosen.rejected === rejected ? chosen : loaded;

  const retryDroppingMissing = (): void => {
    if (!lastFile) return;
    setDropMissing(true);
    send(lastFile, true);
  };

  const candidates = loaded ? featureCandidates(loaded.columns, shown?.label ?? loaded.label) : null;

  return (
    <div
      className={`csv-panel${dragging ? ' is-dragging' : ''}`}
      data-testid="csv-panel"
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <div className="csv-load">
        <label htmlFor={inputId} className="csv-file-button">
          Choose a CSV file…
        </label>
        <input
          id={inputId}
          className="csv-file-input"
          type="file"
          accept=".csv,text/csv,text/plain"
          data-testid="csv-input"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void loadFile(file);
          }}
        />
        <span className="muted csv-drop-hint">or drop it here</span>
      </div>
      {dataset !== 'custom' ? (
        <p className="help" data-testid="csv-waiting">
          The run keeps its data ({DATASET_LABELS[dataset]}) until a file loads.
        </p>
      ) : null}
      <label className="checkbox csv-option">
        <input type="checkbox" checked={dropMissing} data-testid="csv-drop-missing" onChange={(e) => setDropMissing(e.target.checked)} />
        Drop rows with missing values
      </label>
      {pending !== null ? (
        <p className="muted" role="status" data-testid="csv-pending">
          Reading {pending}…
        </p>
      ) : null}
      {rejected ? <CsvErrorBox rejected={rejected} canRetry={lastFile?.fileName === rejected.fileName} onRetry={retryDroppingMissing} stillUsing={loaded?.fileName ?? null} /> : null}
      {loaded && candidates ? (
        <div className="csv-loaded">
          <p className="csv-summary" data-testid="csv-summary">
            {csvSummary(loaded)}
          </p>
          <div className="control">
            <div className="control-head">
              <label htmlFor={labelId}>Label</label>
              <span className="control-kind" title="Starts a new run">
                new run
              </span>
            </div>
            <select id={labelId} value={shown?.label ?? loaded.label} data-testid="csv-label" onChange={(e) => {
              const next = chooseLabel(loaded.columns, shown ?? loaded, Number(e.target.value));
              choose(next.label, next.features);
            }}>
              {labelCandidates(loaded.columns).map((i) => (
                <option key={i} value={i}>
                  {columnDescription(loaded.columns[i])}
                </option>
              ))}
            </select>
            <p className="help">The column the network learns: classes when it has words or a few whole numbers, else a number (regression).</p>
          </div>
          <CsvFeatureList columns={loaded.columns} label={shown?.label ?? loaded.label} features={shown?.features ?? loaded.features} candidates={candidates} choose={choose} />
          {loaded.notes.length > 0 ? (
            <ul className="csv-notes" data-testid="csv-notes">
              {loaded.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : (
        <p className="help csv-intro" data-testid="csv-intro">
          Load a CSV file: its first row names the columns; one column is the label (a column named label, class, target or y, else the last one).
        </p>
      )}
    </div>
  );
}

/** Why the latest file (or choice) was refused: its message, then every problem listed, and what dropping rows would do. */
function CsvErrorBox({ rejected, canRetry, onRetry, stillUsing }: { rejected: CsvRejection; canRetry: boolean; onRetry: () => void; stillUsing: string | null }) {
  const view = csvErrorView(rejected.error);
  return (
    <div className="csv-error" role="alert" data-testid="csv-error">
      <p>{rejected.error.message}</p>
      {view.problems.length > 0 ? (
        // Up to 20 problems scroll within 18rem; a list that may scroll takes the focus so keys can scroll it.
        <ul className="csv-problems" data-testid="csv-problems" aria-label="Problems" tabIndex={view.problems.length > 6 ? 0 : undefined}>
          {view.problems.map((text, i) => (
            <li key={i} data-testid="csv-problem">
              {text}
            </li>
          ))}
        </ul>
      ) : null}
      {view.more !== null ? <p data-testid="csv-problems-more">{view.more}</p> : null}
      {view.drop !== null && canRetry ? (
        <button type="button" className="small" data-testid="csv-drop-and-reload" onClick={onRetry}>
          {view.drop}
        </button>
      ) : null}
      {view.dropNote !== null ? <p className="muted">{view.dropNote}</p> : null}
      {stillUsing !== null ? <p className="muted">Still using {stillUsing}.</p> : null}
    </div>
  );
}
