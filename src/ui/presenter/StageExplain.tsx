/**
 * The stage's Explain view: one Explain panel's text and formulas inline, large, beside the charts (the
 * page opens them as a dialog, ExplainDialog.tsx, whose renderers it reuses). It starts at the selected run's
 * algorithm and a select turns to any other panel. Loaded lazily with KaTeX, as the dialog is.
 */
import { useState } from 'react';
import { ALGORITHM_INFO, ALGORITHMS } from '../../algorithms/registry';
import { BlockView } from '../explain/ExplainDialog';
import { EXPLANATION_IDS, EXPLANATIONS, type ExplanationId } from '../explain/explanations';
import { useSelectedRun } from '../services';

export default function StageExplain() {
  const algorithm = useSelectedRun((run) => run.algorithm, ALGORITHMS[0]);
  const [chosen, setChosen] = useState<ExplanationId | null>(null);
  const id = chosen ?? ALGORITHM_INFO[algorithm].explanation.id;
  const explanation = EXPLANATIONS[id];
  return (
    <section className="panel presenter-explain" aria-labelledby="presenter-explain-heading" data-testid="presenter-explain" data-concept={id}>
      <div className="presenter-explain-head">
        <h2 id="presenter-explain-heading">{explanation.title}</h2>
        <label className="inline">
          <span className="sr-only">Explain panel</span>
          <select value={id} data-testid="presenter-explain-select" onChange={(event) => setChosen(event.target.value)}>
            {EXPLANATION_IDS.map((option) => (
              <option key={option} value={option}>
                {EXPLANATIONS[option].title}
              </option>
            ))}
          </select>
        </label>
      </div>
      {/* Scrolls on its own (a long panel), so it is focusable for the keyboard. */}
      <div className="explain-body presenter-explain-body" tabIndex={0} role="region" aria-label={`${explanation.title}, text`}>
        {explanation.sections.map((section) => (
          <section key={section.heading} className="explain-section">
            <h3>{section.heading}</h3>
            {section.blocks.map((block, i) => (
              <BlockView key={i} block={block} />
            ))}
          </section>
        ))}
        <p className="muted presenter-explain-sources">Sources: {explanation.citations.map((c) => `${c.authors} (${c.year}), ${c.title}`).join('; ')}.</p>
      </div>
    </section>
  );
}
