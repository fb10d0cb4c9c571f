/** Reset, play/pause and step: the training controls of the top bar and of presenter mode's bar. */
import { useRunStore } from '../state/runStore';
import { PauseIcon, PlayIcon, ResetIcon, StepIcon } from './icons';
import { useServices } from './services';

export function Transport() {
  const { client } = useServices();
  const playing = useRunStore((s) => s.playing);
  return (
    <div className="transport" role="group" aria-label="Training controls">
      <button type="button" className="round" data-testid="reset" title="New run from the seed (R)" onClick={() => client.send({ type: 'reset' })}>
        <ResetIcon />
        <span className="sr-only">Reset</span>
      </button>
      <button
        type="button"
        className="round primary"
        data-testid={playing ? 'pause' : 'play'}
        aria-pressed={playing}
        aria-label={playing ? 'Pause' : 'Play'}
        title={`${playing ? 'Pause' : 'Play'} (Space)`}
        onClick={() => client.send({ type: playing ? 'pause' : 'play' })}
      >
        {playing ? <PauseIcon /> : <PlayIcon />}
      </button>
      <button type="button" className="round" data-testid="step" title="One optimizer step (→)" onClick={() => client.send({ type: 'step' })}>
        <StepIcon />
        <span className="sr-only">Step</span>
      </button>
    </div>
  );
}
