/**
 * The scene picker: a curated experiment (config/scenes.ts) replaces the runs, and its narration and what to
 * watch stay on a small card while it trains (SceneCard, at the top of the output column). The address then holds `scene=<name>` and only what differs.
 */
import { findScene, SCENES, type Scene } from '../../config/scenes';
import { openScene, useSceneStore } from '../../state/urlSync';
import { useServices, type Services } from '../services';
import { useSceneAutoStart } from './sceneAutoStart';
import { startSweep } from '../sweep/startSweep';
import { useSweepStore } from '../sweep/sweepStoreInstance';

/**
 * Opens a scene; one with a sweep writes it into the sweep panel and starts it (picking the scene is the ask),
 * unless the scene says its sweep is too long to start unasked (the card then offers to run it). With "start
 * when opened" chosen (sceneAutoStart.ts) the scene's runs start training at once; the configure message the
 * new runs send goes to the worker first, so play starts the scene's runs.
 */
function open({ configStore, client }: Pick<Services, 'configStore' | 'client'>, scene: Scene | null): void {
  openScene(configStore, scene);
  if (scene && useSceneAutoStart.getState().on) client.send({ type: 'play' });
  if (!scene?.sweep) return;
  const sweeps = useSweepStore.getState();
  sweeps.setSpec(scene.sweep.spec, true);
  sweeps.setMetric(scene.sweep.metric);
  // Replaces a sweep still running (state/sweepStore.ts).
  if (scene.sweep.autoStart !== false) startSweep(configStore);
}

export function ScenePicker() {
  const services = useServices();
  const scene = useSceneStore((s) => s.scene);
  return (
    <div className="scene-picker">
      <div className="scene-picker-row">
        <label htmlFor="scene-select">Scene</label>
        <select
          id="scene-select"
          data-testid="scene-select"
          value={scene?.name ?? ''}
          aria-describedby="scene-select-help"
          onChange={(event) => open(services, findScene(event.target.value) ?? null)}
        >
          <option value="">Your own settings (no scene)</option>
          {SCENES.map((s) => (
            <option key={s.name} value={s.name}>
              {s.title}
            </option>
          ))}
        </select>
        {scene ? (
          <button
            type="button"
            className="small"
            data-testid="scene-restart"
            title="Set the runs back to the scene as it was written"
            onClick={() => open(services, scene)}
          >
            Restart scene
          </button>
        ) : null}
      </div>
      {scene ? (
        <p className="help" id="scene-select-help">
          The scene&apos;s description is at the top of the output.
        </p>
      ) : (
        <p className="help" id="scene-select-help">
          A scene is a curated experiment: it replaces the runs and explains what to watch. The address then holds the scene&apos;s name and
          only what you change.
        </p>
      )}
    </div>
  );
}
