/**
 * The open scene's card: its narration, what to watch, "start when opened" and the sweep's buttons. It sits at
 * the top of the output column, on the first screen where the plane and the loss chart are (in the runs panel,
 * under the picker, it was some 1,100 px down at 1366×768). It folds to its title line (a WAI-ARIA APG
 * Disclosure button), and opens again when another scene is picked.
 */
import { useState } from 'react';
import { useSceneStore } from '../../state/urlSync';
import { useServices } from '../services';
import { startSweep } from '../sweep/startSweep';
import { useSweepStore } from '../sweep/sweepStoreInstance';
import { useSceneAutoStart } from './sceneAutoStart';
import { SceneLiveCost } from './SceneLiveCost';

/** Scrolls to the sweep's results (its rule line and chart), or to the panel while it has none. */
const showSweep = (): void =>
  (document.querySelector('[data-testid="sweep-rule"]') ?? document.querySelector('[data-testid="sweep-panel"]'))?.scrollIntoView({ behavior: 'smooth', block: 'start' });

export function SceneCard() {
  const { configStore } = useServices();
  const scene = useSceneStore((s) => s.scene);
  const autoStart = useSceneAutoStart();
  // The panel holds the scene's own sweep (not one the address brought, which keeps the scene's from starting).
  const ownSweep = useSweepStore((s) => scene?.sweep !== undefined && JSON.stringify(s.spec) === JSON.stringify(scene.sweep.spec));
  // The scene the card was folded for: another scene opens it again.
  const [foldedFor, setFoldedFor] = useState<string | null>(null);
  if (!scene) return null;
  const open = foldedFor !== scene.name;
  return (
    <section className="scene-card" data-testid="scene-card" aria-labelledby="scene-card-title">
      <div className="scene-card-head">
        <h2 id="scene-card-title">Scene: {scene.title}</h2>
        <button
          type="button"
          className="small"
          data-testid="scene-card-toggle"
          aria-expanded={open}
          aria-controls="scene-card-body"
          onClick={() => setFoldedFor(open ? scene.name : null)}
        >
          {open ? 'Hide' : 'Show'}
          <span className="sr-only"> the scene&apos;s description</span>
        </button>
      </div>
      <div id="scene-card-body" hidden={!open} aria-live="polite">
        <p data-testid="scene-narration">{scene.narration}</p>
        <p data-testid="scene-watch">
          <strong>What to watch: </strong>
          {scene.watch}
        </p>
        {scene.liveCost ? <SceneLiveCost of={scene.liveCost.of} against={scene.liveCost.against} /> : null}
        <label className="inline scene-autostart" title="Every scene you open here, or restart, starts training its runs at once (remembered in this browser); a scene's sweep starts by itself either way">
          <input type="checkbox" data-testid="scene-autostart" checked={autoStart.on} onChange={(event) => autoStart.set(event.target.checked)} /> Start when opened
        </label>
        {scene.sweep && scene.sweep.autoStart !== false && ownSweep ? (
          <span className="help" data-testid="scene-sweep-starts">
            {' '}
            Its sweep starts by itself, in the Sweep panel below.
          </span>
        ) : null}
        {scene.sweep?.autoStart === false ? (
          <button
            type="button"
            className="small"
            data-testid="scene-run-sweep"
            onClick={() => {
              // The scene's own sweep, whatever the panel held (the scene may have been opened by a preset button).
              if (scene.sweep) {
                useSweepStore.getState().setSpec(scene.sweep.spec, true);
                useSweepStore.getState().setMetric(scene.sweep.metric);
              }
              startSweep(configStore);
              showSweep();
            }}
          >
            Run the sweep
          </button>
        ) : null}
        {scene.sweep ? (
          <button type="button" className="small" data-testid="scene-show-sweep" onClick={showSweep}>
            Show the sweep
          </button>
        ) : null}
      </div>
    </section>
  );
}
