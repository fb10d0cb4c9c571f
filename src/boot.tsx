/** The page's start (main.tsx loads this module once React is evaluated): read the experiment from the URL, start the training worker, render. */
import './config/zodSetup';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { decodeExperiment, sceneOfQuery } from './config/experimentUrl';
import { describeAddressProblems } from './config/url';
import { decodeSweep } from './config/sweepUrl';
import { inSentence, sweepAxisLabel } from './config/sweep';
import { createConfigStore } from './state/configStore';
import { useRunStore } from './state/runStore';
import { startSweepOnceShown } from './ui/sweep/sceneSweepOnLoad';
import { connectTraining } from './state/trainingBridge';
import { syncConfigToUrl } from './state/urlSync';
import { App, preloadFirstScreen } from './ui/App';
import { useSweepStore } from './ui/sweep/sweepStoreInstance';
import { defaultAxis } from './ui/sweep/sweepForm';
import { ServicesContext } from './ui/services';
import { startTrainingClient, type TrainingClient } from './worker/client';
import { messageTask } from './ui/stages/messageTask';

declare global {
  interface Window {
    /** Automation hooks for end-to-end tests (DESIGN.md §6). */
    locolab?: { client: TrainingClient; sweepDeviceLoss: () => void };
  }
}

// The start-up's work in a task after the modules' evaluation, not in it (issue 20 §7): together they were the
// start's longest task with 8 runs, 42–57 ms of CPU. Nothing is drawn before it ends. main.tsx calls it in a task
// of its own.
export function start(): void {
  const { runs, problems } = decodeExperiment(window.location.search);
  // One message for the whole address: the status area keeps only MAX_MESSAGES, and every bad field must show.
  const addressProblems = describeAddressProblems(problems);
  if (addressProblems) useRunStore.getState().report('warning', 'url', addressProblems);

  // A sweep in the address fills the sweep panel (it starts when asked: a sweep can take minutes; a sweep scene's
  // starts once its runs show, below).
  const sweep = decodeSweep(window.location.search);
  const sceneSweep = sceneOfQuery(window.location.search)?.sweep;
  if (sceneSweep) {
    useSweepStore.getState().setSpec(sceneSweep.spec);
    useSweepStore.getState().setMetric(sceneSweep.metric);
  }
  // A field named rightly with values that could not be read is shown with its default values, to be fixed there.
  const unread = sweep.unreadFields.flatMap((field) => {
    try {
      return [{ field, axis: defaultAxis(field, runs[0]) }];
    } catch {
      return [];
    }
  });
  const unreadAxes = unread.map(({ axis }) => axis);
  const sweepSpec = sweep.spec ?? (unreadAxes.length > 0 ? { axes: [], seeds: sweep.seeds, ...sweep.budget } : null);
  if (sweepSpec) useSweepStore.getState().setSpec({ ...sweepSpec, axes: [...sweepSpec.axes, ...unreadAxes].slice(0, 2) }, true);
  if (sweep.problems.length > 0) {
    const shown = unread.length > 0 ? ` The panel shows ${unread.map(({ field }) => inSentence(sweepAxisLabel(field))).join(' and ')} with default values to edit.` : '';
    useRunStore.getState().report('warning', 'url-sweep', `The sweep in the address: ${sweep.problems.map((p) => p.message).join(' ')}${shown}`);
  }

  const configStore = createConfigStore(runs);
  syncConfigToUrl(configStore, useSweepStore);
  const client = startTrainingClient();
  connectTraining(client, configStore);
  // A sweep scene opened by its address starts its sweep as picking it does, unless the scene holds it back (too
  // long to start unasked: its card offers it) or the address gives a sweep of its own.
  if (sceneSweep && sceneSweep.autoStart !== false && !sweep.spec) startSweepOnceShown(configStore);
  window.locolab = { client, sweepDeviceLoss: () => useSweepStore.getState().simulateDeviceLoss() };

  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  // The first screen's chunks are asked for in a task of their own, posted before React's first render posts its
  // own (issue 20 §7): Vite's preload helper adds a <link rel=modulepreload> per chunk, a tenth of the entry's task
  // by the V8 sampler (27 of 231 samples).
  messageTask(preloadFirstScreen);
  // The first render as a transition: React renders it in slices of about 5 ms, a task each, and commits it at
  // once, so the controls come on screen whole, as before; rendered in one task, the top bar and the controls were
  // 29–33 ms of CPU, 93–145 ms of wall time at load 1.3–2 (the training worker starts beside it); now its tasks
  // are 5–16 ms (Long Animation Frames; issue 20 §7). An update meanwhile (none is expected this early: the worker
  // is still loading) would have React render it again, still in slices.
  const app = createRoot(root);
  startTransition(() =>
    app.render(
      <StrictMode>
        <ServicesContext.Provider value={{ configStore, client }}>
          <App />
        </ServicesContext.Provider>
      </StrictMode>,
    ),
  );
}
