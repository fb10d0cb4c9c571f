/**
 * The page asks the worker for the per-unit view only while one is on screen and open (probes/neurons): each
 * mounted view that wants it counts once, and the worker hears `neuronView` when the count leaves or reaches 0.
 */
import { useEffect } from 'react';
import type { TrainingClient } from '../../worker/client';

let wanting = 0;

export function useNeuronViewRequest(client: Pick<TrainingClient, 'send'>, wanted: boolean): void {
  useEffect(() => {
    if (!wanted) return;
    wanting += 1;
    if (wanting === 1) client.send({ type: 'neuronView', on: true });
    return () => {
      wanting -= 1;
      if (wanting === 0) client.send({ type: 'neuronView', on: false });
    };
  }, [client, wanted]);
}
