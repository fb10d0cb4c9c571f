/** Whether the shortcut help (opened by `?`) is showing. */
import { create } from 'zustand';

interface HelpState {
  open: boolean;
  set: (open: boolean) => void;
}

export const useShortcutHelp = create<HelpState>()((set) => ({ open: false, set: (open) => set({ open }) }));
