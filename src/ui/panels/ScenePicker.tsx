/**
 * The scene picker: a curated experiment (config/scenes.ts) replaces the runs, and its narration and what to
 * watch stay on a small card while it trains. The address then holds `scene=<name>` and only what differs.
 */
import { findScene, SCENES } from '../../config/scenes';
import { openScene, useSceneStore } from '../../state/urlSync';
import { useServices } from '../services';

export function ScenePicker() {
  const { configStore } = useServices();
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
          onChange={(event) => openScene(configStore, findScene(event.target.value) ?? null)}
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
            onClick={() => openScene(configStore, scene)}
          >
            Restart scene
          </button>
        ) : null}
      </div>
      {scene ? (
        <div className="scene-card" data-testid="scene-card" aria-live="polite">
          <h3>{scene.title}</h3>
          <p data-testid="scene-narration">{scene.narration}</p>
          <p data-testid="scene-watch">
            <strong>What to watch: </strong>
            {scene.watch}
          </p>
        </div>
      ) : (
        <p className="help" id="scene-select-help">
          A scene is a curated experiment: it replaces the runs and explains what to watch. The address then holds the scene&apos;s name and
          only what you change.
        </p>
      )}
    </div>
  );
}
