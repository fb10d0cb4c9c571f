/**
 * The pace, beside the transport in the top bar and the presenter bar: steps per second at most (the
 * experiment's `speed`, for every run), or full speed (0), one choice away. The default, 100 steps/s, lets a
 * class see the default circle learn over a few seconds (config/groups/training.ts).
 */
import { EXPERIMENT_FIELDS } from '../config/experiment';
import { useConfigValue, useSetField } from './services';

const SPEEDS = [0, 1, 3, 10, 30, 100, 300, 1000];

export function speedLabel(speed: number): string {
  return speed === 0 ? 'Full speed' : `${speed} steps/s`;
}

export function SpeedSelect() {
  const speed = useConfigValue('speed');
  const setField = useSetField();
  // A hand-written address may ask for a pace not in the list: show it rather than a wrong one.
  const speeds = SPEEDS.includes(speed) ? SPEEDS : [...SPEEDS, speed].sort((a, b) => a - b);
  const field = EXPERIMENT_FIELDS.speed;
  return (
    <label className="speed-control" title={`${field.label}: ${field.help} Every run trains at this pace.`}>
      <span className="stat-label">{field.label}</span>
      <select id="speed-select" data-testid="speed-select" value={speed} onChange={(e) => setField('speed', Number(e.target.value))}>
        {speeds.map((s) => (
          <option key={s} value={s}>
            {speedLabel(s)}
          </option>
        ))}
      </select>
    </label>
  );
}
