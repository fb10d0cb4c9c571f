/** Display preferences: remembered in localStorage, never part of the experiment URL. */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export const X_AXES = ['step', 'epoch', 'examples', 'time'] as const;
export type XAxisKind = (typeof X_AXES)[number];

interface ViewState {
  /** Debiased-EMA weight, 0–0.99 (TensorBoard caps it below 1). */
  smoothing: number;
  logY: boolean;
  xAxis: XAxisKind;
  set: (patch: Partial<Pick<ViewState, 'smoothing' | 'logY' | 'xAxis'>>) => void;
}

export const useViewStore = create<ViewState>()(
  persist(
    (set) => ({
      smoothing: 0,
      logY: false,
      xAxis: 'step',
      set: (patch) => set(patch),
    }),
    { name: 'locolab-view', storage: createJSONStorage(() => localStorage), version: 1 },
  ),
);
