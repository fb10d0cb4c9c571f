/**
 * The panels' own stylesheets, in the entry's stylesheet though the panels load later (App.tsx, firstScreen.ts,
 * belowTheFold.ts): a lazily loaded chunk's CSS is linked after the entry's, and would then override the page's
 * rules (styles.css, layout.css, presenter mode's presenter.css) at equal specificity. main.tsx imports this
 * before anything else that has a stylesheet, so the cascade keeps the order it had with every panel in the entry.
 */
import '../neurons/neurons.css';
import '../charts/charts.css';
import '../charts/difficulty.css';
import '../charts/galleryComparison.css';
import '../export/export.css';
import '../sweep/sweep.css';
import '../sweep/sweepPanel.css';
import '../BudgetControl.css';
