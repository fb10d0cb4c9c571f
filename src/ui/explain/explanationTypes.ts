/**
 * What an Explain panel is (data: title, sections of prose and TeX, papers), apart from the panels themselves,
 * so an algorithm's folder can hold its own panel (src/algorithms/<name>/explanation.ts). Prose may hold
 * inline math between single `$` signs.
 */

/** A panel's id: an algorithm's panel (its description's `explanation.id`), 'schedules', 'range-test' or 'hypergradient'. */
export type ExplanationId = string;

export type Block = { kind: 'text'; text: string } | { kind: 'math'; tex: string; note?: string };

export interface Section {
  heading: string;
  blocks: Block[];
}

export interface Citation {
  authors: string;
  title: string;
  venue: string;
  year: number;
  url: string;
}

export interface Explanation {
  /** The panel's id, as ExplainButton's `concept` names it. */
  id: ExplanationId;
  title: string;
  sections: Section[];
  citations: Citation[];
  /** Other panels worth reading next. */
  related: ExplanationId[];
}

export const text = (t: string): Block => ({ kind: 'text', text: t });
export const math = (tex: string, note?: string): Block => (note === undefined ? { kind: 'math', tex } : { kind: 'math', tex, note });


export const LOCOPROP_PAPER: Citation = {
  authors: 'Ehsan Amid, Rohan Anil, Manfred K. Warmuth',
  title: 'LocoProp: Enhancing BackProp via Local Loss Optimization',
  venue: 'AISTATS 2022, PMLR 151:9626–9642',
  year: 2022,
  url: 'https://proceedings.mlr.press/v151/amid22a.html',
};

export const BACKPROP_PAPER: Citation = {
  authors: 'David E. Rumelhart, Geoffrey E. Hinton, Ronald J. Williams',
  title: 'Learning representations by back-propagating errors',
  venue: 'Nature 323:533–536',
  year: 1986,
  url: 'https://doi.org/10.1038/323533a0',
};

