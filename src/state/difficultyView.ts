/**
 * How the page looks at which test examples tell the runs apart (ui/charts/DifficultyPanel.tsx), for this page
 * only (not the URL, not stored): whether the plane's test points and the gallery's images are coloured by the
 * share of runs that get them right, and which examples the filter keeps ('all', 'differ', or a pair of run
 * groups, ui/charts/difficultyModel.ts filterOptions).
 */
import { create } from 'zustand';

interface DifficultyView {
  colour: boolean;
  filter: string;
  setColour: (colour: boolean) => void;
  setFilter: (filter: string) => void;
}

export const useDifficultyView = create<DifficultyView>((set) => ({
  colour: false,
  filter: 'all',
  setColour: (colour) => set({ colour }),
  setFilter: (filter) => set({ filter }),
}));
