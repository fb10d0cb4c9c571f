import { describe, expect, it } from 'vitest';
import { openingViews, PRESENTER_VIEWS, toggledViews, usePresenterStore } from './presenterStore';

describe('presenter views', () => {
  it('offers the range test, accuracy and Explain as views, and starts with what fits one screen', () => {
    for (const view of ['range', 'accuracy', 'explain'] as const) expect(PRESENTER_VIEWS).toContain(view);
    expect(usePresenterStore.getState().views).toEqual(['scene', 'output', 'loss']);
  });
  it('opens with the layer targets only where a LocoProp run is compared, and with the views a scene names', () => {
    expect(openingViews([], false)).toEqual(['scene', 'output', 'loss']);
    expect(openingViews([], true)).toEqual(['scene', 'output', 'loss', 'targets']);
    expect(openingViews(['rate'], false)).toEqual(['scene', 'output', 'loss', 'rate']);
  });
  it('openFor sets the views once per comparison, keeping the presenter\'s own choice after', () => {
    usePresenterStore.getState().openFor('one-cycle|false', ['scene', 'output', 'loss', 'rate']);
    usePresenterStore.getState().toggleView('rate');
    usePresenterStore.getState().openFor('one-cycle|false', ['scene', 'output', 'loss', 'rate']);
    expect(usePresenterStore.getState().views).toEqual(['scene', 'output', 'loss']);
    usePresenterStore.getState().openFor('digits|false', ['scene', 'output', 'loss', 'accuracy']);
    expect(usePresenterStore.getState().views).toEqual(['scene', 'output', 'loss', 'accuracy']);
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
