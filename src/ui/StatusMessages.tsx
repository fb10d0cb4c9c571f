/** The aria-live status area: fallbacks, divergence, rejected input, lost devices. */
import { useRunStore } from '../state/runStore';

const ICONS = { info: 'ℹ', warning: '⚠', error: '⛔' };

export function StatusMessages() {
  const messages = useRunStore((s) => s.messages);
  const dismiss = useRunStore((s) => s.dismiss);
  return (
    <div className="status-area" role="status" aria-live="polite" data-testid="status">
      {messages.map((m) => (
        <div key={m.id} className={`message ${m.level}`} data-code={m.code}>
          <span className="message-icon" aria-hidden="true">
            {ICONS[m.level]}
          </span>
          <span className="message-text">{m.text}</span>
          <button type="button" className="icon" aria-label="Dismiss message" onClick={() => dismiss(m.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
