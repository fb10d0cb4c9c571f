/**
 * A text box whose typing is a draft: nothing is applied per keystroke (typing "12" must not first make a
 * 1-unit network and start a run); Enter or leaving the box commits, Escape drops the draft.
 */
import { useState, type ChangeEvent, type KeyboardEvent } from 'react';

export interface DraftInputProps {
  value: string;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
  onBlur: () => void;
  onKeyDown: (event: KeyboardEvent<HTMLInputElement>) => void;
}

export function useDraftInput(shown: string, commit: (text: string) => void): DraftInputProps {
  const [draft, setDraft] = useState<string | null>(null);
  const finish = (): void => {
    if (draft === null) return;
    setDraft(null);
    commit(draft);
  };
  return {
    value: draft ?? shown,
    onChange: (event) => setDraft(event.target.value),
    onBlur: finish,
    onKeyDown: (event) => {
      if (event.key === 'Enter') finish();
      if (event.key === 'Escape') setDraft(null);
    },
  };
}
