/**
 * After Play, the first steps can take seconds before any tick: TF.js compiles each WebGPU/WebGL program on its
 * first use (slow on a software GPU; 11–21 s measured for plain kernels and feedback alignment on Debian's
 * Chromium), and until then the page looked frozen with Pause lit. When Play was pressed and no tick has come
 * FIRST_STEPS_DELAY_MS later, the status bar says what is happening; the first tick, or Pause, takes it back.
 * Play pressed before the runs are shown (their first evaluation) says so at once: on WebGL the backend's start and
 * the runs' first evaluation took 2–3 s after such a click, with Pause lit and nothing said (new-user walk).
 * A heavy run says its own first-tick progress (worker/runNotices.ts, code "heavy-progress"): then this stays quiet.
 */
import { firstStepsText } from './runMessages';
import { useRunStore } from './runStore';

export const FIRST_STEPS_DELAY_MS = 1500;
export const FIRST_STEPS_CODE = 'first-steps';
const HEAVY_PROGRESS = 'heavy-progress';

type TimerId = ReturnType<typeof setTimeout>;

export interface Timers<Id = TimerId> {
  set: (fn: () => void, ms: number) => Id;
  clear: (id: Id) => void;
}

const globalTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (id) => clearTimeout(id),
};

/** Watches the run store from now on; returns the function that stops watching. */
export function watchFirstSteps<Id>(timers: Timers<Id> = globalTimers as unknown as Timers<Id>): () => void {
  let timer: Id | null = null;
  const cancel = (): void => {
    if (timer !== null) timers.clear(timer);
    timer = null;
  };
  const heavyNotice = (): boolean => useRunStore.getState().messages.some((m) => m.code === HEAVY_PROGRESS);
  const shown = (): boolean => useRunStore.getState().messages.some((m) => m.code === FIRST_STEPS_CODE);
  /** Every run the page has has shown its first evaluation (before that, Play waits for the runs to start). */
  const runsShown = (state: ReturnType<typeof useRunStore.getState>): boolean => {
    const runs = Object.values(state.runs);
    return runs.length > 0 && runs.every((run) => run.latest !== null);
  };
  /** Play came before the runs were shown: said at once, until they are. */
  let starting = false;
  const arm = (): void => {
    const mark = useRunStore.getState().version;
    timer = timers.set(() => {
      timer = null;
      const now = useRunStore.getState();
      if (now.playing && now.version === mark && !heavyNotice()) now.report('info', FIRST_STEPS_CODE, firstStepsText(now.backend?.name ?? null).text);
    }, FIRST_STEPS_DELAY_MS);
  };
  const unsubscribe = useRunStore.subscribe((state, previous) => {
    if (state.playing && !previous.playing) {
      cancel();
      starting = !runsShown(state);
      if (starting && !heavyNotice()) state.report('info', FIRST_STEPS_CODE, firstStepsText(state.backend?.name ?? null, false).text);
      else if (!starting) arm();
      return;
    }
    const paused = !state.playing && previous.playing;
    if (starting) {
      // The runs being started (a 'run' event, their first evaluation) are not a step: the words stay until every
      // run is shown, then the first steps are waited for as after any Play.
      if (paused || runsShown(state) || heavyNotice()) {
        starting = false;
        if (shown()) useRunStore.getState().clearStatus(FIRST_STEPS_CODE);
        if (!paused && runsShown(state)) arm();
      }
      return;
    }
    const ticked = state.version !== previous.version;
    if (ticked || paused) cancel();
    if ((ticked || paused || heavyNotice()) && shown()) useRunStore.getState().clearStatus(FIRST_STEPS_CODE);
  });
  return () => {
    cancel();
    unsubscribe();
  };
}
