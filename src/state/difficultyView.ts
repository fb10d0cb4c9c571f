/**
 * How the page looks at which test examples tell the runs apart (ui/charts/DifficultyPanel.tsx), for this page
 * only (not the URL, not stored): whether the plane's test points and the gallery's images are coloured by the
 * share of runs that get them right, and which examples the filter keeps ('all', 'differ', or a pair of run
 * groups, ui/charts/difficultyModel.ts filterOptions). Or, instead, a sweep's runs (ui/sweep/SweepDifficulty.tsx,
 * issue 17 §6): their shares and filter, for the live runs on the same test set. One at a time: turning either on
 * turns the other off.
 */
import { create } from 'zustand';

/** A sweep's runs as the plane and the gallery colour and filter by them. */
export interface SweepOverlay {
  /** testSetKey of the runs compared: only a live run on this test set is coloured. */
  testSet: string;
  /** Per test example, the share of the runs right, and how many are. */
  share: Float32Array;
  right: Uint8Array;
  runs: number;
  /** The examples the sweep's filter keeps (1 = kept), or null for all. */
  mask: Uint8Array | null;
  /** What colours the points, for the plane's key: "6 sweep runs of seed 1, where runs differ". */
  label: string;
}

interface DifficultyView {
  colour: boolean;
  filter: string;
  /**
   * Which seed of each run is compared: 0 its own seed, k its (k+1)-th of a repeated run (each seed draws its own
   * split, so runs are compared seed by seed; ui/charts/useDifficulty.ts).
   */
  seedIndex: number;
  sweep: SweepOverlay | null;
  setColour: (colour: boolean) => void;
  setFilter: (filter: string) => void;
  setSeedIndex: (seedIndex: number) => void;
  setSweep: (sweep: SweepOverlay | null) => void;
}

export const useDifficultyView = create<DifficultyView>((set) => ({
  colour: false,
  filter: 'all',
  seedIndex: 0,
  sweep: null,
  setColour: (colour) => set(colour ? { colour, sweep: null } : { colour }),
  setFilter: (filter) => set(filter === 'all' ? { filter } : { filter, sweep: null }),
  setSeedIndex: (seedIndex) => set({ seedIndex }),
  setSweep: (sweep) => set(sweep ? { sweep, colour: false, filter: 'all' } : { sweep }),
}));
