/**
 * One narration for the page: the main view's targets panel and presenter mode's show the same phase, so a
 * presenter can open a slow step, go full screen and carry on. The shortcuts' `locolab:narration` events
 * (detail 'next' or 'back') are heard once, however many panels are mounted; the panel registers no key
 * handler of its own. A handled event is cancelled (preventDefault), so the sender can tell from
 * dispatchEvent's result that → moved the narration and should not also take a training step. A `start` event
 * begins a narration (a slow step) where a panel offers one (offerNarrationStart) and none is open.
 */
import { create } from 'zustand';
import { createNarrationPlayer, type NarrationState } from './narration';

export const NARRATION_EVENT = 'locolab:narration';

interface NarrationStore {
  narration: NarrationState | null;
  autoAdvance: boolean;
}

export const useNarrationStore = create<NarrationStore>(() => ({ narration: null, autoAdvance: false }));

export const narrationPlayer = createNarrationPlayer((narration) => useNarrationStore.setState({ narration }));

export function setAutoAdvance(on: boolean): void {
  narrationPlayer.setAutoAdvance(on);
  useNarrationStore.setState({ autoAdvance: on });
}

/** What starts a narration (a targets panel's slow step), latest registered first; empty while no panel offers one. */
const starters: (() => void)[] = [];

/**
 * Lets a `start` event (N in presenter mode, with no narration open) begin a slow step as the panel's "Slow step"
 * button does; returns the matching release. A panel registers its current handler on every render.
 */
export function offerNarrationStart(start: () => void): () => void {
  starters.unshift(start);
  return () => {
    const at = starters.indexOf(start);
    if (at >= 0) starters.splice(at, 1);
  };
}

function onNarrationEvent(event: Event): void {
  if (!(event instanceof CustomEvent)) return;
  if (event.detail === 'start') {
    // Starts one only where none is open and a panel offers one; otherwise the event is left uncancelled.
    if (narrationPlayer.state || starters.length === 0) return;
    starters[0]();
    event.preventDefault();
    return;
  }
  if (!narrationPlayer.state) return;
  if (event.detail === 'next') narrationPlayer.next();
  else if (event.detail === 'back') narrationPlayer.back();
  else return;
  event.preventDefault();
}

let listeners = 0;

/** Listens while at least one panel is mounted; returns the matching release. */
export function listenForNarrationEvents(): () => void {
  if (listeners++ === 0) window.addEventListener(NARRATION_EVENT, onNarrationEvent);
  return () => {
    if (--listeners === 0) window.removeEventListener(NARRATION_EVENT, onNarrationEvent);
  };
}
