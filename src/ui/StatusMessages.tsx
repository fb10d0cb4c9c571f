/**
 * The aria-live status area: fallbacks, divergence, rejected input, lost devices. A message that offers an action
 * (state/messageActions.ts: a heavy run's smaller network) has a button after its words that performs it and
 * takes the message down.
 */
import { applyMessageAction } from '../state/messageActions';
import { useRunStore } from '../state/runStore';
import { useServices } from './services';
import type { StatusLevel } from '../worker/protocol';

/** Drawn, not typed: emoji and symbol glyphs are missing from some systems' fonts. */
function LevelIcon({ level }: { level: StatusLevel }) {
  const mark = level === 'info' ? <path d="M11 10h2v7h-2zM11 6.5h2v2h-2z" fill="#fff" /> : <path d="M11 6h2v8h-2zM11 15.5h2v2h-2z" fill="#fff" />;
  const fill = level === 'info' ? '#0072b2' : level === 'warning' ? '#b07800' : '#c0392b';
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="11" fill={fill} />
      {mark}
    </svg>
  );
}

export function StatusMessages() {
  const messages = useRunStore((s) => s.messages);
  const dismiss = useRunStore((s) => s.dismiss);
  const { configStore } = useServices();
  return (
    <div className="status-area" role="status" aria-live="polite" data-testid="status">
      {messages.map((m) => (
        <div key={m.id} className={`message ${m.level}`} data-code={m.code}>
          <LevelIcon level={m.level} />
          <span className="sr-only">{m.level}:</span>
          <span className="message-text">
            {m.text}
            {m.action ? (
              <>
                {' '}
                <button
                  type="button"
                  className="small"
                  data-testid="message-action"
                  title={`Sets this run's hidden layers to ${m.action.hidden.join(',')}; the run starts afresh with that network.`}
                  onClick={() => {
                    if (m.action) applyMessageAction(m.action, m.runId, configStore);
                    dismiss(m.id);
                  }}
                >
                  {m.action.label}
                </button>
              </>
            ) : null}
          </span>
          <button type="button" className="icon" aria-label="Dismiss message" onClick={() => dismiss(m.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
