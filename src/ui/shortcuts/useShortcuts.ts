/**
 * Carries out the keymap's actions (keymap.ts) for key presses anywhere on the page. Narration belongs to the
 * targets panel: it is moved only through a `locolab:narration` CustomEvent on window (detail 'next' or
 * 'back'), cancelable: the narration calls preventDefault() when it acted, so → steps the network only when
 * no narration took the key.
 */
import { useEffect } from 'react';
import { useRunStore } from '../../state/runStore';
import { leavePresenter, togglePresenter, usePresenterStore } from '../presenter/presenterStore';
import { useServices, type Services } from '../services';
import { shortcutFor, type KeyTarget, type ShortcutAction } from './keymap';
import { useShortcutHelp } from './shortcutHelpStore';

export const NARRATION_EVENT = 'locolab:narration';
/** 'start' begins a narration (a slow step) where a targets panel offers one and none is open. */
export type NarrationDirection = 'next' | 'back' | 'start';

/** Asks the narration to move; true when it did (its listener cancelled the event). */
export function moveNarration(direction: NarrationDirection): boolean {
  const event = new CustomEvent<NarrationDirection>(NARRATION_EVENT, { detail: direction, cancelable: true });
  return !window.dispatchEvent(event);
}

function targetOf(event: KeyboardEvent): KeyTarget | null {
  const element = event.target instanceof HTMLElement ? event.target : null;
  if (!element) return null;
  return {
    tagName: element.tagName,
    isContentEditable: element.isContentEditable,
    type: element instanceof HTMLInputElement ? element.type : undefined,
    role: element.getAttribute('role'),
  };
}

function startRangeTest({ client, configStore }: Services): void {
  const { selectedRunId, config } = configStore.getState();
  const store = useRunStore.getState();
  if (store.runs[selectedRunId]?.rangeTest.running) return;
  store.startRangeTest(selectedRunId, config.rangeSteps);
  client.send({ type: 'rangeTest', runId: selectedRunId });
}

export function perform(action: ShortcutAction, services: Services): void {
  const { client, configStore } = services;
  switch (action.type) {
    case 'togglePlay':
      client.send({ type: useRunStore.getState().playing ? 'pause' : 'play' });
      return;
    case 'step':
      client.send({ type: 'step' });
      return;
    case 'nextOrStep':
      if (!moveNarration('next')) client.send({ type: 'step' });
      return;
    case 'narration':
      moveNarration(action.direction);
      return;
    case 'narrationNextOrStart':
      if (!moveNarration('next')) moveNarration('start');
      return;
    case 'reset':
      client.send({ type: 'reset' });
      return;
    case 'findLearningRate':
      startRangeTest(services);
      return;
    case 'selectRun': {
      const run = configStore.getState().runs[action.position - 1];
      if (run) configStore.getState().selectRun(run.id);
      return;
    }
    case 'togglePresenter':
      togglePresenter();
      return;
    case 'leavePresenter':
      leavePresenter();
      return;
    case 'toggleHelp':
      useShortcutHelp.getState().set(!useShortcutHelp.getState().open);
      return;
    case 'closeHelp':
      useShortcutHelp.getState().set(false);
      return;
  }
}

export function useShortcuts(): void {
  const services = useServices();
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.isComposing) return;
      const action = shortcutFor(event, targetOf(event), { presenter: usePresenterStore.getState().on, helpOpen: useShortcutHelp.getState().open });
      if (!action) return;
      event.preventDefault();
      perform(action, services);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [services]);
}
