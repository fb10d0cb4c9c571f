/**
 * After Play, the first steps can take seconds before any tick: TF.js compiles each WebGPU/WebGL program on its
 * first use (slow on a software GPU; 11–21 s measured for plain kernels and feedback alignment on Debian's
 * Chromium), and until then the page looked frozen with Pause lit. When Play was pressed and no tick has come
 * FIRST_STEPS_DELAY_MS later, the status bar says what is happening; the first tick, or Pause, takes it back.
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
  const unsubscribe = useRunStore.subscribe((state, previous) => {
    if (state.playing && !previous.playing) {
      cancel();
      const mark = state.version;
      timer = timers.set(() => {
        timer = null;
        const now = useRunStore.getState();
        if (now.playing && now.version === mark && !heavyNotice()) now.report('info', FIRST_STEPS_CODE, firstStepsText(now.backend?.name ?? null).text);
      }, FIRST_STEPS_DELAY_MS);
      return;
    }
    const ticked = state.version !== previous.version;
    const paused = !state.playing && previous.playing;
    if (ticked || paused) cancel();
    if ((ticked || paused || heavyNotice()) && shown()) useRunStore.getState().clearStatus(FIRST_STEPS_CODE);
  });
  return () => {
    cancel();
    unsubscribe();
  };
}
