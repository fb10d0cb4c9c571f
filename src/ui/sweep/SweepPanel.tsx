/**
 * The sweep panel (issue 17): every run of the comparison is a group, trained across the values of one or two
 * fields over the same seeds, in sweep workers (one per core) without per-run views, choosing on a validation
 * split carved from the training points. Results fill in live; cancel keeps what finished.
 */
import { useMemo, useState } from 'react';
import { EXPERIMENT_FIELDS, type ExperimentConfig } from '../../config/experiment';
import { hasClasses } from '../../engine/data/problem';
import { useRunStore } from '../../state/runStore';
import { formatDuration } from '../format';
import { useServices } from '../services';
import { importSweepFile } from './sweepFile';
import { SweepBuilder } from './SweepBuilder';
import { SweepResults } from './SweepResults';
import { inNextTask, startSweep } from './startSweep';
import { useSweepStore } from './sweepStoreInstance';
import type { SweepRecord } from '../../state/sweepStore';
import { prewarmSweepWorkers } from './warmSweepWorkers';
import { sweepPlace } from './sweepPlace';
import './sweepPanel.css';

const VALIDATION = EXPERIMENT_FIELDS.validationPercent;

function formatLeft(ms: number | null): string {
  if (ms === null) return 'estimating time left';
  if (ms < 60_000) return `about ${Math.ceil(ms / 1000)} s left`;
  return `about ${(ms / 60_000).toFixed(1)} min left`;
}

/**
 * A sweep loaded from a file: which file, where and when it trained, and that the builder above is not its set-up
 * (the builder kept its own, which read as the loaded results' until now: new-user walk, 2026-12-07).
 */
export function loadedWords(record: Pick<SweepRecord, 'file' | 'backend' | 'startedAt' | 'plan'>, finished: number): string {
  const when = record.startedAt ? `, started ${record.startedAt.replace('T', ' ').slice(0, 16)} UTC` : '';
  const on = record.backend === 'webgpu' ? 'WebGPU' : 'the CPU';
  return `Loaded from ${record.file ?? 'a file'}: ${finished} of ${record.plan.runs.length} runs, trained on ${on}${when}. The set-up above is not its own: Start trains that one over the comparison's runs.`;
}

export function SweepPanel() {
  const { configStore } = useServices();
  const runs = configStore((s) => s.runs);
  const spec = useSweepStore((s) => s.spec);
  const status = useSweepStore((s) => s.status);
  const results = useSweepStore((s) => s.results);
  const progress = useSweepStore((s) => s.progress);
  const refused = useSweepStore((s) => s.refused);
  const record = useSweepStore((s) => s.record);
  const validationPercent = useSweepStore((s) => s.validationPercent);
  const [importError, setImportError] = useState<string | null>(null);
  const running = status === 'running';
  const groups: ExperimentConfig[] = runs.map((run) => ({ ...run.config, validationPercent }));
  // Planned in the task after the click's, once however often clicked (inNextTask).
  const startInNextTask = useMemo(() => inNextTask(() => startSweep(configStore)), [configStore]);

  const importFile = async (file: File): Promise<void> => {
    // The size first: a huge file is never read whole (issue 21).
    const result = await importSweepFile(file);
    if (!result.ok) {
      setImportError(`${file.name} was not loaded, nothing changed. ${result.error}`);
      return;
    }
    setImportError(null);
    useSweepStore.getState().load({ ...result.record, file: file.name }, result.results, result.failures);
  };

  const warm = (): void => {
    if (!running) prewarmSweepWorkers(typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency, groups[0]);
  };

  const classes = runs.some((run) => {
    const problem = useRunStore.getState().runs[run.id]?.problem;
    return problem ? hasClasses(problem) : false;
  });

  return (
    <section
      className="panel sweep-panel"
      data-testid="sweep-panel"
      aria-labelledby="sweep-heading"
      // The sweep workers start loading while the sweep is set up, not when it starts (warmSweepWorkers.ts).
      onPointerEnter={warm}
      onFocus={warm}
    >
      <h2 id="sweep-heading">Sweep</h2>
      <p className="help">
        Trains each run of the comparison (a group) across the values of one or two fields, over the same seeds, without its views, in
        sweep workers on the CPU, one per core, or, where the runs train on WebGPU, in one worker on WebGPU, many runs a dispatch where the algorithm has batched kernels and the network fits them. It chooses on a validation split of the training points{classes ? ' (loss or accuracy)' : ''}, never on the test set.
      </p>
      <SweepBuilder spec={spec} groups={groups} running={running} onChange={(next) => useSweepStore.getState().setSpec(next)} onStart={startInNextTask} onCancel={() => useSweepStore.getState().cancel()} />
      <div className="sweep-options">
        <label className="sweep-input wide">
          <span>Validation split (% of the training points)</span>
          <input
            type="number"
            min={0}
            max={VALIDATION.max}
            step={1}
            value={validationPercent}
            disabled={running}
            data-testid="sweep-validation"
            onChange={(e) => {
              const value = Math.round(Number(e.target.value));
              if (Number.isFinite(value)) useSweepStore.getState().setValidationPercent(Math.min(VALIDATION.max, Math.max(0, value)));
            }}
          />
        </label>
        <label className="small button-like">
          Load sweep JSON…
          <input
            type="file"
            accept="application/json,.json"
            className="sr-only"
            data-testid="import-sweep-json"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void importFile(file);
            }}
          />
        </label>
      </div>
      {refused ? (
        <div className="sweep-refused" role="alert" data-testid="sweep-refused">
          The sweep was not started. {refused.join(' ')}
        </div>
      ) : null}
      {importError ? (
        <div className="sweep-refused" role="alert" data-testid="sweep-import-error">
          {importError}
        </div>
      ) : null}
      {progress && record ? (
        <p className="sweep-progress-line" aria-live="polite">
          <progress max={progress.stepsTotal} value={progress.stepsDone} aria-label="Sweep progress" />{' '}
          <span data-testid="sweep-progress">
            {progress.runsDone} / {progress.runsTotal} runs
          </span>
          {progress.runsFailed > 0 ? `, ${progress.runsFailed} failed` : ''}
          {' · '}
          {running ? formatLeft(progress.remainingMs) : status === 'cancelled' ? 'cancelled, finished runs kept' : `done in ${formatDuration(progress.elapsedMs)}`}
          {' · '}
          <span data-testid="sweep-backend">{sweepPlace(record, results)}</span>
        </p>
      ) : null}
      {record?.file && !running ? (
        <p className="help" data-testid="sweep-loaded">
          {loadedWords(record, results.length)}
        </p>
      ) : null}
      {record ? <SweepResults record={record} /> : null}
    </section>
  );
}
