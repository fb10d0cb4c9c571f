/**
 * The Explain panel: a modal dialog with one concept's prose, formulas (KaTeX, fonts bundled by Vite and
 * served from the page's origin) and papers, and buttons to the related concepts. Loaded on first use, so
 * KaTeX stays out of the page's first chunk. Esc, the close button or a click on the backdrop closes it.
 */
import { useEffect, useRef, useState } from 'react';
import { EXPLANATIONS, splitInlineMath, type Block, type ExplanationId } from './explanations';
import { Tex } from './Tex';

function Prose({ text }: { text: string }) {
  return (
    <p>
      {splitInlineMath(text).map((segment, i) => (segment.kind === 'math' ? <Tex key={i} tex={segment.tex} /> : <span key={i}>{segment.text}</span>))}
    </p>
  );
}

export function BlockView({ block }: { block: Block }) {
  if (block.kind === 'text') return <Prose text={block.text} />;
  return (
    <div className="explain-formula">
      <Tex tex={block.tex} display />
      {block.note ? <span className="explain-note">{block.note}</span> : null}
    </div>
  );
}

export default function ExplainDialog({ initial, onClose }: { initial: ExplanationId; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [id, setId] = useState<ExplanationId>(initial);
  const explanation = EXPLANATIONS[id];
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  useEffect(() => {
    ref.current?.querySelector('.explain-body')?.scrollTo?.({ top: 0 });
  }, [id]);
  return (
    <dialog
      ref={ref}
      className="explain-dialog"
      data-testid="explain-panel"
      data-concept={id}
      aria-labelledby="explain-title"
      onClose={onClose}
      onClick={(event) => {
        // A click on the backdrop lands on the dialog element itself.
        if (event.target === event.currentTarget) ref.current?.close();
      }}
    >
      <div className="explain-inner">
        <header className="explain-header">
          <h2 id="explain-title">{explanation.title}</h2>
          <button type="button" className="small" data-testid="explain-close" onClick={() => ref.current?.close()} aria-label="Close the explanation">
            Close
          </button>
        </header>
        <div className="explain-body">
          {explanation.sections.map((section) => (
            <section key={section.heading} className="explain-section">
              <h3>{section.heading}</h3>
              {section.blocks.map((block, i) => (
                <BlockView key={i} block={block} />
              ))}
            </section>
          ))}
          <section className="explain-section explain-sources">
            <h3>Sources</h3>
            <ul>
              {explanation.citations.map((c) => (
                <li key={c.title} data-testid="explain-citation">
                  {c.authors}. <cite>{c.title}</cite>. {c.venue}.{' '}
                  <a href={c.url} target="_blank" rel="noreferrer noopener">
                    {c.url.replace(/^https:\/\//, '')}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        </div>
        {explanation.related.length > 0 ? (
          <footer className="explain-related">
            <span className="muted">See also:</span>
            {explanation.related.map((r) => (
              <button key={r} type="button" className="small" data-testid={`explain-related-${r}`} onClick={() => setId(r)}>
                {EXPLANATIONS[r].title}
              </button>
            ))}
          </footer>
        ) : null}
      </div>
    </dialog>
  );
}
