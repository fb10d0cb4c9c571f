import { describe, expect, it } from 'vitest';
import { PRESENTER_VIEWS, toggledViews, usePresenterStore } from './presenterStore';

describe('presenter views', () => {
  it('offers the range test, accuracy and Explain as views, and starts with what fits one screen', () => {
    for (const view of ['range', 'accuracy', 'explain'] as const) expect(PRESENTER_VIEWS).toContain(view);
    expect(usePresenterStore.getState().views).toEqual(['scene', 'output', 'loss', 'targets']);
  });
  it('toggles a view in and out, keeping the stage order', () => {
    expect(toggledViews(['output', 'targets'], 'range')).toEqual(['output', 'range', 'targets']);
    expect(toggledViews(['output', 'range', 'targets'], 'range')).toEqual(['output', 'targets']);
  });
  it('showView adds a view once and never removes it', () => {
    usePresenterStore.setState({ views: ['output', 'loss'] });
    usePresenterStore.getState().showView('range');
    expect(usePresenterStore.getState().views).toEqual(['output', 'loss', 'range']);
    usePresenterStore.getState().showView('range');
    expect(usePresenterStore.getState().views).toEqual(['output', 'loss', 'range']);
  });
});
