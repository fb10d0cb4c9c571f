/** Start-up: read the experiment from the URL, start the training worker, render. */
import './config/zodSetup';
// The panels' stylesheets before the page's, as when every panel was in the entry (stages/panelStyles.ts).
import './ui/stages/panelStyles';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { decodeExperiment, sceneOfQuery } from './config/experimentUrl';
import { describeAddressProblems } from './config/url';
import { decodeSweep } from './config/sweepUrl';
import { sweepAxisLabel } from './config/sweep';
import { createConfigStore } from './state/configStore';
import { useRunStore } from './state/runStore';
import { connectTraining } from './state/trainingBridge';
import { syncConfigToUrl } from './state/urlSync';
import { App, preloadFirstScreen } from './ui/App';
import { useSweepStore } from './ui/sweep/sweepStoreInstance';
import { defaultAxis } from './ui/sweep/sweepForm';
import { ServicesContext } from './ui/services';
import { startTrainingClient, type TrainingClient } from './worker/client';
import './styles.css';
// The page's layout (settings | output, the top bar, the phone layout), over styles.css's panels.
import './ui/layout.css';
// After styles.css: presenter mode's rules override the page's at equal specificity.
import './ui/presenter/presenter.css';

declare global {
  interface Window {
    /** Automation hooks for end-to-end tests (DESIGN.md §6). */
    locolab?: { client: TrainingClient; sweepDeviceLoss: () => void };
  }
}

const { runs, problems } = decodeExperiment(window.location.search);
// One message for the whole address: the status area keeps only MAX_MESSAGES, and every bad field must show.
const addressProblems = describeAddressProblems(problems);
if (addressProblems) useRunStore.getState().report('warning', 'url', addressProblems);

// A sweep in the address fills the sweep panel (it starts when asked: a sweep can take minutes).
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
  const shown = unread.length > 0 ? ` The panel shows ${unread.map(({ field }) => sweepAxisLabel(field).toLowerCase()).join(' and ')} with default values to edit.` : '';
  useRunStore.getState().report('warning', 'url-sweep', `The sweep in the address: ${sweep.problems.map((p) => p.message).join(' ')}${shown}`);
}

const configStore = createConfigStore(runs);
syncConfigToUrl(configStore, useSweepStore);
const client = startTrainingClient();
connectTraining(client, configStore);
window.locolab = { client, sweepDeviceLoss: () => useSweepStore.getState().simulateDeviceLoss() };

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <ServicesContext.Provider value={{ configStore, client }}>
      <App />
    </ServicesContext.Provider>
  </StrictMode>,
);
preloadFirstScreen();
