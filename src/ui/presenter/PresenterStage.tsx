/**
 * Presenter mode's stage: the chosen views large for a room — the plane (or the test-image gallery for image
 * data) at the left, as large as the screen's height allows, the overlaid loss chart, the learning rate used
 * (when asked) and the layer targets at the right — under the always-visible transport bar, in the high-contrast presenter theme (styles.css,
 * `.app[data-presenter='on']`). The page's own components are reused; the loss chart and the targets are
 * scaled with CSS zoom on wide screens, so their type reads from the back of a room.
 */
import { useEffect, useState } from 'react';
import { isPlanar, type Problem } from '../../engine/data/problem';
import { DecisionBoundary } from '../charts/DecisionBoundary';
import { ImageGallery } from '../charts/ImageGallery';
import { LossChart } from '../charts/LossChart';
import { RateChart } from '../charts/RateChart';
import { useSelectedRun } from '../services';
import { StatusMessages } from '../StatusMessages';
import { TargetsPanel } from '../targets/TargetsPanel';
import { useSceneStore } from '../../state/urlSync';
import { PresenterBar } from './PresenterBar';
import { usePresenterStore } from './presenterStore';

/** Room the plane leaves for the bar above it and its legend and readout below, in CSS pixels. */
const VERTICAL_ALLOWANCE = 250;
const MIN_PLANE = 280;
const MAX_PLANE = 1000;

/** The plane's largest side for a window `height` px tall: what fits under the bar with its legend. */
export function stagePlaneSize(height: number): number {
  return Math.max(MIN_PLANE, Math.min(MAX_PLANE, Math.floor(height - VERTICAL_ALLOWANCE)));
}

function useWindowHeight(): number {
  const [height, setHeight] = useState(() => window.innerHeight);
  useEffect(() => {
    const onResize = (): void => setHeight(window.innerHeight);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return height;
}

export function PresenterStage() {
  const views = usePresenterStore((s) => s.views);
  const problem = useSelectedRun<Problem | null>((run) => run.problem, null);
  const height = useWindowHeight();
  const scene = useSceneStore((s) => s.scene);
  const showOutput = views.includes('output');
  const side = views.filter((view) => view !== 'output' && view !== 'scene');
  return (
    <div className="presenter-stage" data-testid="presenter-stage">
      <PresenterBar />
      <StatusMessages />
      {scene && views.includes('scene') ? (
        <p className="presenter-scene" data-testid="presenter-scene">
          <strong>{scene.title}.</strong> {scene.watch}
        </p>
      ) : null}
      <main className={`presenter-main${showOutput && side.length > 0 ? ' two' : ''}`} aria-label="Presenter stage">
        {showOutput ? (
          <section className="panel presenter-output" aria-labelledby="presenter-output-heading">
            <h2 id="presenter-output-heading" className="sr-only">
              {problem?.image ? 'Test images' : 'Output over the input plane'}
            </h2>
            {problem && isPlanar(problem) ? <DecisionBoundary maxSize={stagePlaneSize(height)} /> : null}
            {problem?.image ? (
              <div className="presenter-zoom">
                <ImageGallery />
              </div>
            ) : null}
          </section>
        ) : null}
        {side.length > 0 ? (
          <div className="presenter-side">
            {views.includes('loss') ? (
              <section className="panel presenter-loss" aria-labelledby="presenter-loss-heading">
                <h2 id="presenter-loss-heading">Loss</h2>
                <div className="presenter-zoom">
                  <LossChart />
                </div>
              </section>
            ) : null}
            {views.includes('rate') ? (
              <section className="panel presenter-rate" aria-labelledby="presenter-rate-heading">
                <h2 id="presenter-rate-heading">Learning rate</h2>
                <div className="presenter-zoom">
                  <RateChart />
                </div>
              </section>
            ) : null}
            {views.includes('targets') ? (
              <div className="presenter-zoom presenter-targets">
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
