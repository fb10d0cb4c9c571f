/**
 * Share and export (issue 12): the whole experiment as JSON and back (checked against the schema: a bad file
 * is refused with its field named and nothing changes), the full metric history as CSV, the decision
 * boundary as PNG, and the selected run as a PyTorch script that rebuilds it (ui/export/pytorchScript.ts).
 * What each button did goes to the status area.
 */
import { ALGORITHM_INFO } from '../../algorithms/registry';
import { PROBES } from '../../probes/registry';
import { useRef, useState } from 'react';
import { useComparisonView } from '../../state/comparisonView';
import { metricLogOf, useRunStore } from '../../state/runStore';
import { exportRefusalText } from '../../state/dataMessages';
import { logColumns, lossCsv } from '../charts/lossCsv';
import { canvasToPng, exportFileName } from '../export/chartImage';
import { runLosses, SLIDE, slidePng, slideTitle } from '../export/slide';
import { formatLoss } from '../format';
import { downloadBlob, downloadText } from '../export/download';
import { EXPERIMENT_FILE_LIMIT, experimentJson, parseExperimentJson } from '../export/experimentJson';
import { readChosenText } from '../export/fileLimit';
import { requestRunExport } from '../export/exportRequest';
import { pytorchEmitterOf, pytorchScript } from '../export/pytorchScript';
import { useConfigValue, useServices } from '../services';
import { runViews } from '../useRuns';
import { EMPTY_SUMMARY_HISTORY, effectiveTargetLoss, summarizeRun, type SummaryHistory } from './summary';
import { groupedNumber } from '../../text/groupedNumber';

/** Steps whose losses the PyTorch script is checked against. */
export const PYTORCH_CHECKED_STEPS = 100;

export function SharePanel() {
  const { configStore, client } = useServices();
  const report = useRunStore((s) => s.report);
  const clearStatus = useRunStore((s) => s.clearStatus);
  const fileInput = useRef<HTMLInputElement>(null);
  /** The PyTorch export under way: steps of its twin done, or null when none is. */
  const [exporting, setExporting] = useState<{ done: number; total: number } | null>(null);

  const currentRuns = () => {
    const { runs, selectedRunId } = configStore.getState();
    return { views: runViews(runs), selectedRunId };
  };

  const saveJson = (): void => {
    const { views, selectedRunId } = currentRuns();
    const data = useRunStore.getState().runs;
    const targetLoss = effectiveTargetLoss(
      useComparisonView.getState().targetLoss,
      views.map((view) => (data[view.id]?.history as SummaryHistory | undefined) ?? EMPTY_SUMMARY_HISTORY),
    );
    const runs = views.map((view) => {
      const run = data[view.id];
      const seeds = run?.seeds ?? Array.from({ length: view.config.repeatSeeds }, (_, i) => view.config.seed + i);
      const summary = run ? { ...summarizeRun(run.history as SummaryHistory, seeds.length, targetLoss), targetLoss } : null;
      return { name: view.name, config: view.config, seeds, summary };
    });
    const fileName = exportFileName('experiment', 'json');
    downloadText(experimentJson(runs, Math.max(0, views.findIndex((v) => v.id === selectedRunId))), fileName, 'application/json');
    report('info', 'export', `Saved ${fileName}: ${runs.length} run${runs.length === 1 ? '' : 's'} with every setting.`);
  };

  const importJson = async (file: File): Promise<void> => {
    const refused = (why: string): void => report('error', 'import', `${file.name} was not loaded, nothing changed. ${why}`);
    // The size first: a huge file is never read whole (issue 21).
    const read = await readChosenText(file, EXPERIMENT_FILE_LIMIT);
    if (!read.ok) return refused(read.why);
    const result = parseExperimentJson(read.text);
    if (!result.ok) return refused(result.message);
    clearStatus('import');
    const store = configStore.getState();
    store.replaceRuns(result.configs);
    const imported = configStore.getState().runs[result.selectedIndex];
    if (imported) configStore.getState().selectRun(imported.id);
    report('info', 'export', `Loaded ${file.name}: ${result.configs.length} run${result.configs.length === 1 ? '' : 's'}, training from their seeds.`);
    if (result.notes.length > 0) report('warning', 'import', `${file.name}: ${result.notes.join(' ')}`);
  };

  const saveCsv = (): void => {
    const { views } = currentRuns();
    const data = useRunStore.getState().runs;
    const runs = views.filter((view) => data[view.id]).map((view) => ({ position: view.position, name: view.name, seeds: data[view.id].seeds, history: logColumns(metricLogOf(view.id)), probes: data[view.id].probes }));
    const text = lossCsv(runs, PROBES.map((probe) => probe.declaration));
    const fileName = exportFileName('metrics', 'csv');
    downloadText(text, fileName, 'text/csv');
    report('info', 'export', `Saved ${fileName}: ${groupedNumber(text.split('\n').length - 1)} rows, every reported step of ${runs.length} run${runs.length === 1 ? '' : 's'}.`);
  };

  const saveBoundary = async (): Promise<void> => {
    const canvas = document.querySelector<HTMLCanvasElement>('canvas[data-testid="decision-boundary"]');
    if (!canvas) return report('warning', 'export', 'There is no decision boundary to save: it is drawn for data with two inputs.');
    const png = await canvasToPng(canvas);
    const fileName = exportFileName('decision-boundary', 'png');
    downloadBlob(png.blob, fileName);
    report('info', 'export', `Saved ${fileName} (${png.width}×${png.height} px).`);
  };

  const saveSlide = async (): Promise<void> => {
    const { views, selectedRunId } = currentRuns();
    const data = useRunStore.getState().runs;
    const selected = data[selectedRunId];
    const runs = views
      .filter((view) => data[view.id])
      .map((view) => {
        const latest = data[view.id].latest;
        return { label: `Run ${view.position} · ${view.name}`, color: view.color, losses: runLosses(latest ? { step: latest.step, trainLoss: formatLoss(latest.trainLoss), testLoss: formatLoss(latest.testLoss) } : null) };
      });
    const title = slideTitle(selected?.problem.title ?? 'LocoLab', views.filter((view) => data[view.id]).map((view) => data[view.id].latest?.step ?? null));
    const selectedView = views.find((view) => view.id === selectedRunId);
    const blob = await slidePng({
      title,
      runs,
      pictureOf: selectedView ? `Run ${selectedView.position} · ${selectedView.name}` : 'the selected run',
      plane: document.querySelector<HTMLCanvasElement>('canvas[data-testid="decision-boundary"]'),
      images: Array.from(document.querySelectorAll<HTMLCanvasElement>('[data-testid="image-gallery"] canvas')),
      lossChart: document.querySelector<HTMLElement>('[data-testid="loss-chart"]'),
      others: Array.from(document.querySelectorAll<HTMLElement>('[data-testid="decision-boundary-small"]')).flatMap((small) => {
        const canvas = small.querySelector('canvas');
        const view = views.find((v) => v.id === small.dataset.runId);
        return canvas && view ? [{ canvas, label: `Run ${view.position}`, color: view.color }] : [];
      }),
    });
    const fileName = exportFileName('slide', 'png');
    downloadBlob(blob, fileName);
    report('info', 'export', `Saved ${fileName} (${SLIDE.width}×${SLIDE.height} px).`);
  };

  const algorithm = useConfigValue('algorithm');
  // An algorithm without a PyTorch emitter gets no script (a silently wrong one is worse): the button says why.
  const pytorchUnavailable = pytorchEmitterOf(algorithm).unavailable;

  const savePytorch = async (): Promise<void> => {
    const { views, selectedRunId } = currentRuns();
    const view = views.find((v) => v.id === selectedRunId);
    if (!view) return;
    setExporting({ done: 0, total: PYTORCH_CHECKED_STEPS });
    report('info', 'export', `Preparing the PyTorch script of run ${view.position}: replaying its first ${PYTORCH_CHECKED_STEPS} steps…`);
    const onProgress = (done: number, total: number): void => {
      setExporting({ done, total });
      report('info', 'export', `Preparing the PyTorch script of run ${view.position}: replayed ${done} of its first ${total} steps…`);
    };
    try {
      const answer = await requestRunExport(client, selectedRunId, PYTORCH_CHECKED_STEPS, onProgress);
      if (!answer.payload) throw new Error(answer.error ? exportRefusalText(answer.error) : 'no answer');
      const fileName = exportFileName(`run${view.position}-pytorch`, 'py');
      downloadText(pytorchScript({ config: view.config, runName: `Run ${view.position} · ${view.name}`, export: answer.payload }), fileName, 'text/x-python');
      report('info', 'export', `Saved ${fileName}: run it with python3 ${fileName} --verify to compare its first ${PYTORCH_CHECKED_STEPS} losses with the playground's.`);
    } catch (error) {
      report('error', 'export', `The PyTorch script could not be made: ${error instanceof Error ? error.message : String(error)}.`);
    } finally {
      setExporting(null);
    }
  };

  return (
    <section className="panel share-panel" aria-labelledby="share-heading" data-testid="share-panel">
      <div className="panel-head">
        <h2 id="share-heading">Share and export</h2>
      </div>
      <div className="share-groups">
        <div className="share-group" role="group" aria-labelledby="share-experiment">
          <h3 id="share-experiment">Experiment</h3>
          <button type="button" className="small" data-testid="export-json" onClick={saveJson} title="Every run with every setting (defaults included), its seeds and summary">
            Save JSON
          </button>
          <label className="small button-like" title="Load an experiment saved with “Save JSON”: checked against the settings' rules first">
            Load JSON…
            <input
              ref={fileInput}
              type="file"
              accept="application/json,.json"
              className="sr-only"
              data-testid="import-json"
              onChange={(event) => {
                const file = event.target.files?.[0];
                event.target.value = '';
                if (file) void importJson(file);
              }}
            />
          </label>
        </div>
        <div className="share-group" role="group" aria-labelledby="share-results">
          <h3 id="share-results">Results</h3>
          <button type="button" className="small" data-testid="export-csv" onClick={saveCsv} title="Every reported step of every run: run, step, epoch, examples, time, metric, value">
            Metrics CSV
          </button>
          <button type="button" className="small" data-testid="export-boundary-png" onClick={() => void saveBoundary()} title="The decision boundary at 2× its size on screen">
            Decision boundary PNG
          </button>
          <button type="button" className="small" data-testid="export-slide" onClick={() => void saveSlide()} title="A 1920×1080 slide: the runs and their losses, the picture of the selected run and the loss chart">
            Slide PNG (1920×1080)
          </button>
        </div>
        <div className="share-group" role="group" aria-labelledby="share-pytorch">
          <h3 id="share-pytorch">Take it to PyTorch</h3>
          <button
            type="button"
            className="small"
            data-testid="export-pytorch"
            disabled={exporting !== null || pytorchUnavailable !== null}
            aria-describedby={pytorchUnavailable ? 'pytorch-unavailable' : undefined}
            data-progress={exporting ? `${exporting.done}/${exporting.total}` : undefined}
            onClick={() => void savePytorch()}
            title="A Python script that rebuilds the selected run in PyTorch: network, initial weights, data, batch order, optimizer, schedule and LocoProp's inner loop"
          >
            {exporting ? `Preparing… step ${exporting.done} of ${exporting.total}` : 'Export as PyTorch script'}
          </button>
          {pytorchUnavailable ? (
            <p className="help" id="pytorch-unavailable" data-testid="pytorch-unavailable">
              No PyTorch export for {ALGORITHM_INFO[algorithm].label}: {pytorchUnavailable}
            </p>
          ) : null}
        </div>
      </div>
    </section>
  );
}
