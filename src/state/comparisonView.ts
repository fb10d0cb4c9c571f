/**
 * How the comparison is looked at, for this page only (not the URL, not stored): which runs are hidden from
 * the charts, how a repeated run's band is drawn, and the target loss the summary table times.
 */
import { create } from 'zustand';
import type { RunId } from '../config/runs';
import type { BandKind } from '../engine/seedBand';

interface ComparisonView {
  hidden: ReadonlySet<RunId>;
  band: BandKind;
  /** The summary's "steps and time to reach" this training loss; null: the loss every run has reached (summary.ts). */
  targetLoss: number | null;
  toggleHidden: (runId: RunId) => void;
  setBand: (band: BandKind) => void;
  setTargetLoss: (loss: number | null) => void;
}

export const useComparisonView = create<ComparisonView>((set) => ({
  hidden: new Set(),
  band: 'minmax',
  targetLoss: null,
  toggleHidden: (runId) =>
    set((state) => {
      const hidden = new Set(state.hidden);
      if (hidden.has(runId)) hidden.delete(runId);
      else hidden.add(runId);
      return { hidden };
    }),
  setBand: (band) => set({ band }),
  setTargetLoss: (targetLoss) => set({ targetLoss }),
}));
