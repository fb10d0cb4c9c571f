/**
 * `exportConfig`: a config's run from its start (runPayloads.ts's export on a fresh session), with the test
 * examples and the rows its evaluations measure, so that a script can compute the losses a sweep records
 * (engine/sweep/sweepJob.ts: session.evaluate, train loss on the first evaluationRows.train training examples,
 * test loss on the first evaluationRows.test test examples, validation loss on the first evaluationRows.validation
 * held-out examples). The config is checked as `configure` checks one.
 */
import { sanitizeConfig, type ExperimentConfig } from '../config/experiment';
import type { DataAccess } from '../engine/data/dataSources';
import type { TrainingSession } from '../engine/session';
import { exportPayloadOf, exportSession, payloadTransfer } from './runPayloads';
import type { ConfigExportPayload, WorkerEvent } from './protocol';
import { exportRefusalOf, type ExportRefusal } from './dataFacts';

type ConfigExportEvent = Extract<WorkerEvent, { type: 'configExport' }>;

export async function configExportEvent(
  requestId: number,
  config: ExperimentConfig,
  steps: number,
  data: DataAccess,
): Promise<{ event: ConfigExportEvent; transfer: Transferable[] }> {
  const refused = (error: ExportRefusal): { event: ConfigExportEvent; transfer: Transferable[] } => ({ event: { type: 'configExport', requestId, payload: null, error }, transfer: [] });
  const { problems } = sanitizeConfig(config);
  if (problems.length > 0) return refused({ code: 'config-problems', messages: problems.map((problem) => problem.message) });
  if (!Number.isInteger(steps) || steps < 0) return refused({ code: 'bad-steps', steps });
  let session: TrainingSession | null = null;
  try {
    session = await exportSession(config, data);
    const run = await exportPayloadOf(session, config, steps);
    const evaluationRows = { ...session.evaluationRows };
    const { test, validation, problem } = session.dataset;
    const rowsOf = (values: Float32Array, rows: number, width: number): Float32Array => new Float32Array(values.subarray(0, rows * width));
    const payload: ConfigExportPayload = {
      ...run,
      evaluationRows,
      testInputs: rowsOf(test.inputs, evaluationRows.test, problem.inputSize),
      testTargets: test.targets === test.inputs ? null : rowsOf(test.targets, evaluationRows.test, problem.outputSize),
      validationInputs: validation ? rowsOf(validation.inputs, evaluationRows.validation, problem.inputSize) : null,
      validationTargets: validation && validation.targets !== validation.inputs ? rowsOf(validation.targets, evaluationRows.validation, problem.outputSize) : null,
    };
    const buffers = [payload.testInputs, payload.testTargets, payload.validationInputs, payload.validationTargets].filter((values) => values !== null);
    const transfer = [...payloadTransfer(run), ...buffers.map((values) => values.buffer)];
    return { event: { type: 'configExport', requestId, payload, error: null }, transfer };
  } catch (error) {
    return refused(exportRefusalOf(error));
  } finally {
    session?.dispose();
  }
}
