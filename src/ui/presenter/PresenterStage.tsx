/**
 * Presenter mode's stage: the chosen views large for a room — the plane (or the test-image gallery for image
 * data) at the left, as large as the screen's height allows, and at the right the overlaid loss chart, the
 * learning rate used, the range test, accuracy, an Explain panel and the layer targets, as chosen — under the
 * always-visible transport bar, in the high-contrast presenter theme (presenter.css). The page's own components
 * are reused; presenter.css leaves out what is for working, not showing (the status banners, the charts' tool
 * rows, the targets' help text). The side column's charts are scaled together (CSS zoom) to the height beside
 * the plane (useStageFit), so the default views fill one screen without scrolling; the column reaches the stage's
 * bottom, the loss chart taking what its zoom leaves.
 */
import { lazy, Suspense, useEffect, useLayoutEffect, useRef, type CSSProperties } from 'react';
import { isPlanar, type Problem } from '../../engine/data/problem';
import { useRunStore } from '../../state/runStore';
import { useSceneStore } from '../../state/urlSync';
import { DecisionBoundary } from '../charts/DecisionBoundary';
import { ImageGallery } from '../charts/ImageGallery';
import { LossChart } from '../charts/LossChart';
import { RateChart } from '../charts/RateChart';
import { RangeTestPanel } from '../panels/RangeTestPanel';
import { useSelectedRun } from '../services';
import { TargetsPanel } from '../targets/TargetsPanel';
import { AccuracyChart } from './AccuracyChart';
import { PresenterBar } from './PresenterBar';
import { openingViews, PRESENTER_VIEWS, usePresenterStore, type PresenterView } from './presenterStore';
import { useRuns } from '../useRuns';
import { ALGORITHM_INFO } from '../../algorithms/registry';
import { useStageFit } from './useStageFit';

/** KaTeX and the explanations' text load only when the Explain view is first shown. */
const StageExplain = lazy(() => import('./StageExplain'));

/**
 * The status messages for screen readers only: the banners (backend, divergence, rejected input) would push
 * the stage down by 52–85 px each; their words are still announced, and the page shows them on leaving.
 */
function StageStatus() {
  const messages = useRunStore((s) => s.messages);
  return (
    <div className="sr-only" role="status" aria-live="polite" data-testid="stage-status">
      {messages.map((m) => (
        <p key={m.id}>
          {m.level}: {m.text}
        </p>
      ))}
    </div>
  );
}

/** A range test started on the stage (L, or its button) puts its chart on the stage. */
function useRangeTestShown(): void {
  const running = useSelectedRun((run) => run.rangeTest.running, false);
  const showView = usePresenterStore((s) => s.showView);
  const was = useRef(running);
  useEffect(() => {
    if (running && !was.current) showView('range');
    was.current = running;
  }, [running, showView]);
}

/**
 * The stage opens with the views the comparison needs (openingViews): set before the first paint when the stage
 * opens, and again when another scene is opened or the views the runs' algorithms ask for change while it shows
 * (a LocoProp run joins or leaves: its description's stageViews).
 */
function useOpeningViews(): void {
  const scene = useSceneStore((s) => s.scene);
  const runs = useRuns();
  // As a string, so the effect runs only when the wanted views change, not with every new runs array.
  const algorithmViews = PRESENTER_VIEWS.filter((view) => runs.some((run) => ALGORITHM_INFO[run.config.algorithm].stageViews.includes(view))).join(',');
  const openFor = usePresenterStore((s) => s.openFor);
  const sceneViews = scene?.stageViews;
  useLayoutEffect(() => {
    const wanted = algorithmViews === '' ? [] : (algorithmViews.split(',') as PresenterView[]);
    openFor(`${scene?.name ?? ''}|${algorithmViews}`, openingViews(sceneViews ?? [], wanted));
  }, [scene?.name, sceneViews, algorithmViews, openFor]);
}

export function PresenterStage() {
  useOpeningViews();
  const views = usePresenterStore((s) => s.views);
  const problem = useSelectedRun<Problem | null>((run) => run.problem, null);
  const scene = useSceneStore((s) => s.scene);
  const showOutput = views.includes('output');
  const showScene = scene !== null && views.includes('scene');
  const side = views.filter((view) => view !== 'output' && view !== 'scene');
  const outputRef = useRef<HTMLElement>(null);
  const sideRef = useRef<HTMLDivElement>(null);
  const fit = useStageFit({ output: outputRef, side: sideRef }, [views.join(','), showScene, problem?.image ?? false]);
  useRangeTestShown();
  const zoom = { zoom: fit.zoom };
  return (
    <div className="presenter-stage" data-testid="presenter-stage">
      <PresenterBar />
      <main className={`presenter-main${showOutput && side.length > 0 ? ' two' : ''}`} aria-label="Presenter stage">
        <StageStatus />
        {showScene ? (
          <section className="presenter-scene" data-testid="presenter-scene" aria-label="Scene">
            <p>
              <strong>{scene.title}.</strong> {scene.watch}
            </p>
          </section>
        ) : null}
        {showOutput ? (
          <section ref={outputRef} className="panel presenter-output" aria-labelledby="presenter-output-heading" style={{ '--smalls-zoom': fit.smalls } as CSSProperties}>
            <h2 id="presenter-output-heading" className="sr-only">
              {problem?.image ? 'Test images' : 'Output over the input plane'}
            </h2>
            {problem && isPlanar(problem) ? <DecisionBoundary maxSize={fit.plane} /> : null}
            {problem?.image ? (
              <div className="presenter-gallery" style={{ zoom: fit.gallery }}>
                <ImageGallery />
              </div>
            ) : null}
          </section>
        ) : null}
        {side.length > 0 ? (
          <div ref={sideRef} className="presenter-side" style={{ minHeight: fit.side }}>
            {views.includes('loss') ? (
              <section className="panel presenter-loss" aria-labelledby="presenter-loss-heading" style={{ '--plot-least': `${fit.plot}px` } as CSSProperties}>
                <h2 id="presenter-loss-heading" className="sr-only">
                  Loss
                </h2>
                <div className="presenter-zoom" style={zoom}>
                  <LossChart />
                </div>
              </section>
            ) : null}
            {views.includes('rate') ? (
              <section className="panel presenter-rate" aria-labelledby="presenter-rate-heading">
                <h2 id="presenter-rate-heading">Learning rate</h2>
                <div className="presenter-zoom" style={zoom}>
                  <RateChart />
                </div>
              </section>
            ) : null}
            {views.includes('range') ? (
              <div className="presenter-zoom presenter-range" style={zoom}>
                <RangeTestPanel />
              </div>
            ) : null}
            {views.includes('accuracy') ? (
              <section className="panel presenter-accuracy" aria-labelledby="presenter-accuracy-heading">
                <h2 id="presenter-accuracy-heading">Accuracy</h2>
                <div className="presenter-zoom" style={zoom}>
                  <AccuracyChart />
                </div>
              </section>
            ) : null}
            {views.includes('explain') ? (
              <Suspense fallback={<p className="muted">Loading the explanation…</p>}>
                <StageExplain />
              </Suspense>
            ) : null}
            {views.includes('targets') ? (
              <div className="presenter-targets">
                <TargetsPanel />
              </div>
            ) : null}
          </div>
        ) : null}
        {!showOutput && side.length === 0 ? <p className="presenter-empty">Pick the views to show in the bar above.</p> : null}
      </main>
    </div>
  );
}
