/**
 * A small "Explain" button beside the control it explains; it opens that concept's panel (ExplainDialog,
 * loaded with KaTeX on first use), in a portal on the body so that it sits inside no panel's markup.
 */
import { lazy, Suspense, useState } from 'react';
import { createPortal } from 'react-dom';
import { EXPLANATIONS, type ExplanationId } from './explanations';

const ExplainDialog = lazy(() => import('./ExplainDialog'));

export function ExplainButton({ concept, label = 'Explain' }: { concept: ExplanationId; label?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="small explain-button"
        data-testid={`explain-${concept}`}
        aria-haspopup="dialog"
        aria-expanded={open}
        title={`Explain: ${EXPLANATIONS[concept].title}`}
        onClick={() => setOpen(true)}
      >
        {label}
      </button>
      {open
        ? createPortal(
            <Suspense fallback={null}>
              <ExplainDialog initial={concept} onClose={() => setOpen(false)} />
            </Suspense>,
            document.body,
          )
        : null}
    </>
  );
}
