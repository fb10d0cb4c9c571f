/**
 * The page asks the worker for the per-unit view of one run only while the view is open and on screen
 * (probes/neurons): `neuronView` names the run the view shows, and null when it no longer shows one. One view is
 * mounted (the Network panel's); the worker measures nothing for a run no view shows.
 */
import { useEffect } from 'react';
import type { RunId } from '../../config/runs';
import type { TrainingClient } from '../../worker/client';

export function useNeuronViewRequest(client: Pick<TrainingClient, 'send'>, runId: RunId | null): void {
  useEffect(() => {
    if (runId === null) return;
    client.send({ type: 'neuronView', runId });
    return () => client.send({ type: 'neuronView', runId: null });
  }, [client, runId]);
}
