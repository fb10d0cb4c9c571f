/**
 * The page asks the worker for the per-unit view of one run only while the view is open and on screen
 * (probes/neurons): `neuronView` names the run the view shows, and null when it no longer shows one. One view is
 * mounted (the Network panel's); the worker measures nothing for a run no view shows. It also names the unit last
 * enlarged, whose targets the run's diagnosed steps then sample (engine/train/diagnostics.ts packDiagnostics).
 */
import { useEffect } from 'react';
import type { RunId } from '../../config/runs';
import type { TrainingClient } from '../../worker/client';

export interface NeuronUnit {
  layer: number;
  unit: number;
}

export function useNeuronViewRequest(client: Pick<TrainingClient, 'send'>, runId: RunId | null, unit: NeuronUnit | null = null): void {
  useEffect(() => {
    if (runId === null) return;
    client.send({ type: 'neuronView', runId });
    return () => client.send({ type: 'neuronView', runId: null });
  }, [client, runId]);
  // The unit, after the view is asked for and whenever it changes: the same run again, so the worker only notes it.
  const layer = unit?.layer ?? -1;
  const index = unit?.unit ?? -1;
  useEffect(() => {
    if (runId !== null && layer >= 0) client.send({ type: 'neuronView', runId, unit: { layer, unit: index } });
  }, [client, runId, layer, index]);
}
