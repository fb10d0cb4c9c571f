import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { narrationPhases } from './narration';
import { listenForNarrationEvents, NARRATION_EVENT, narrationPlayer, offerNarrationStart, useNarrationStore } from './narrationStore';

const diagnostics = [0.1, 0.2].map((shift) => ({ activation: new Float32Array(), target: new Float32Array(), landed: new Float32Array(), shift, localLoss: new Float32Array([0, -0.01]) }));
const phases = narrationPhases({ algorithm: 'locoprop-m', layerNames: ['layer 1', 'output'], diagnostics, targetGamma: 3, innerIterations: 1, optimizerName: 'Adam' });
const send = (detail: string): boolean => window.dispatchEvent(new CustomEvent(NARRATION_EVENT, { detail, cancelable: true }));

describe('the shared narration', () => {
  beforeEach(() => vi.stubGlobal('window', new EventTarget()));
  afterEach(() => {
    narrationPlayer.close();
    vi.unstubAllGlobals();
  });

  it('moves one phase per event however many panels listen, and cancels only the events it used', () => {
    const releaseMain = listenForNarrationEvents();
    const releaseStage = listenForNarrationEvents();
    expect(send('next')).toBe(true); // nothing open: not cancelled, so → may step the network
    narrationPlayer.open(phases);
    expect(send('next')).toBe(false);
    expect(useNarrationStore.getState().narration?.index).toBe(1);
    expect(send('sideways')).toBe(true);
    expect(send('back')).toBe(false);
    expect(useNarrationStore.getState().narration?.index).toBe(0);
    releaseStage();
    send('next');
    expect(useNarrationStore.getState().narration?.index).toBe(1);
    releaseMain();
    send('next');
    expect(useNarrationStore.getState().narration?.index).toBe(1);
  });

  it('a start event begins a narration where a panel offers one and none is open (N in presenter mode)', () => {
    const release = listenForNarrationEvents();
    expect(send('start')).toBe(true); // no panel offers one: not cancelled
    let started = 0;
    const withdraw = offerNarrationStart(() => {
      started++;
      narrationPlayer.open(phases);
    });
    expect(send('start')).toBe(false);
    expect(started).toBe(1);
    expect(useNarrationStore.getState().narration?.index).toBe(0);
    // One open: start leaves it alone, and next moves it.
    expect(send('start')).toBe(true);
    expect(started).toBe(1);
    narrationPlayer.close();
    withdraw();
    expect(send('start')).toBe(true);
    expect(started).toBe(1);
    release();
  });
});
