import { describe, expect, it } from 'vitest';
import { ALGORITHM_INFO, type AlgorithmName } from '../../algorithms/registry';
import { openingViews, PRESENTER_VIEWS, toggledViews, usePresenterStore, type PresenterView } from './presenterStore';

describe('presenter views', () => {
  it('offers the range test, accuracy and Explain as views, and starts with what fits one screen', () => {
    for (const view of ['range', 'accuracy', 'explain'] as const) expect(PRESENTER_VIEWS).toContain(view);
    expect(usePresenterStore.getState().views).toEqual(['scene', 'output', 'loss']);
  });
  it('opens with the views the compared algorithms ask for (LocoProp: the layer targets), and with the views a scene names', () => {
    const asked = (...names: AlgorithmName[]): PresenterView[] => [...new Set(names.flatMap((name) => ALGORITHM_INFO[name].stageViews))];
    expect(openingViews([], asked('backprop', 'feedback-alignment'))).toEqual(['scene', 'output', 'loss']);
    expect(openingViews([], asked('backprop', 'locoprop-m'))).toEqual(['scene', 'output', 'loss', 'targets']);
    expect(openingViews([], asked('locoprop-s'))).toEqual(['scene', 'output', 'loss', 'targets']);
    expect(openingViews(['rate'], asked('backprop'))).toEqual(['scene', 'output', 'loss', 'rate']);
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
