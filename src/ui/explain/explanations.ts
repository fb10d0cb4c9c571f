/**
 * The "Explain" panels as data: per concept a title, sections of prose and display formulas (TeX, rendered
 * by KaTeX in ExplainDialog), and the papers it rests on. Prose may hold inline math between single `$`
 * signs. Every formula is checked to render with KaTeX in explanations.test.ts. The notation follows the
 * engine: row-major batches (X_m is B × d_in), A_m = X_m W_m + b_m, Y_m = f(A_m), G_m = ∂L/∂A_m with a
 * batch-mean loss, as in `compute_cross_entropy_loss` of the LocoProp authors' notebook (locoprop/
 * locoprop_training.ipynb in github.com/google-research/google-research); each panel's papers are its `citations`.
 */

import { ALGORITHM_EXPLANATIONS } from '../../algorithms/registry';
export { text, math, type Block, type Citation, type Explanation, type ExplanationId, type Section } from './explanationTypes';
import { math, text, type Citation, type Explanation } from './explanationTypes';
import { HYPERGRADIENT_EXPLANATION } from './hypergradient';

const CLR_PAPER: Citation = {
  authors: 'Leslie N. Smith',
  title: 'Cyclical Learning Rates for Training Neural Networks',
  venue: 'WACV 2017 (arXiv 1506.01186)',
  year: 2017,
  url: 'https://arxiv.org/abs/1506.01186',
};

const SUPER_CONVERGENCE_PAPER: Citation = {
  authors: 'Leslie N. Smith, Nicholay Topin',
  title: 'Super-Convergence: Very Fast Training of Neural Networks Using Large Learning Rates',
  venue: 'SPIE Artificial Intelligence and Machine Learning for Multi-Domain Operations Applications, 2019 (arXiv 1708.07120)',
  year: 2019,
  url: 'https://arxiv.org/abs/1708.07120',
};

const FASTAI: Citation = {
  authors: 'Jeremy Howard, Sylvain Gugger',
  title: 'fastai: A Layered API for Deep Learning (the library’s lr_find and its suggestion functions)',
  venue: 'Information 11(2):108; fastai/callback/schedule.py',
  year: 2020,
  url: 'https://docs.fast.ai/callback.schedule.html',
};

const GENERAL_EXPLANATIONS: Record<string, Explanation> = {
  hypergradient: HYPERGRADIENT_EXPLANATION,
  schedules: {
    id: 'schedules',
    title: 'Cyclical learning rates and one-cycle',
    sections: [
      {
        heading: 'Cyclical learning rates (CLR)',
        blocks: [
          text('Step $t$ counts minibatches from 0; $s$ is the half-cycle (“Rising half”), $\\eta_{\\min}$ the base and $\\eta_{\\max}$ the maximum rate:'),
          math('c = \\left\\lfloor 1 + \\frac{t}{2s} \\right\\rfloor, \\qquad x = \\left| \\frac{t}{s} - 2c + 1 \\right|'),
          math('\\eta_t = \\eta_{\\min} + (\\eta_{\\max} - \\eta_{\\min}) \\max(0,\\ 1 - x)\\; \\sigma'),
          text('The policy picks the scale $\\sigma$: triangular $\\sigma = 1$; triangular2 halves the swing every cycle, $\\sigma = 1/2^{c-1}$; exp_range shrinks it every step, $\\sigma = \\gamma^{t}$. With a different falling half the cycle is asymmetric (PyTorch’s CyclicLR). Cycled momentum moves the other way: $\\mu_t = \\mu_{\\max} - (\\mu_{\\max} - \\mu_{\\min}) \\max(0, 1 - x)\\,\\sigma$. Smith advises a half-cycle of 2–10 epochs and stopping at the end of a cycle.'),
        ],
      },
      {
        heading: 'One-cycle',
        blocks: [
          text('One cycle over the whole run of $N$ steps, rising for the fraction $p$ (pct_start) from $\\eta_{\\max}/d$ to $\\eta_{\\max}$, then annealing to $\\eta_{\\max}/(d\\,d_f)$, with $d$ the start divisor and $d_f$ the final one:'),
          math('\\eta_t = \\operatorname{anneal}\\!\\left(\\frac{\\eta_{\\max}}{d},\\ \\eta_{\\max},\\ \\frac{t}{pN - 1}\\right) \\quad \\text{for } t \\le pN - 1', 'rising'),
          math('\\eta_t = \\operatorname{anneal}\\!\\left(\\eta_{\\max},\\ \\frac{\\eta_{\\max}}{d\\, d_f},\\ \\frac{t - (pN - 1)}{N - pN}\\right) \\quad \\text{after}', 'annealing'),
          math('\\operatorname{anneal}_{\\cos}(a, b, q) = b + \\frac{a - b}{2}\\left(1 + \\cos \\pi q\\right), \\qquad \\operatorname{anneal}_{\\text{lin}}(a, b, q) = a + q\\,(b - a)'),
          text('Momentum runs inversely, from $\\mu_{\\max}$ down to $\\mu_{\\min}$ and back. The three-phase form returns to $\\eta_{\\max}/d$ by step $2pN - 2$ and then annihilates to the minimum; the fastai flavour uses the position $t/N$ in both halves (cosine only) and ends at $\\eta_{\\max}/d_f$ (its defaults: $p = 0.25$, $d_f = 10^5$). Smith and Topin found that one cycle with a large maximum rate trains residual networks many times faster (“super-convergence”), the large rates acting as a regulariser.'),
        ],
      },
    ],
    citations: [CLR_PAPER, SUPER_CONVERGENCE_PAPER],
    related: ['range-test'],
  },
  'range-test': {
    id: 'range-test',
    title: 'The learning-rate range test',
    sections: [
      {
        heading: 'The sweep',
        blocks: [
          text('On a copy of the run, step $i = 0, \\dots, n-1$ trains one minibatch at a rate that grows from $\\eta_0$ towards $\\eta_1$, exponentially (fastai; drawn on a log axis) or linearly (Smith’s original test):'),
          math('\\eta_i = \\eta_0 \\left(\\frac{\\eta_1}{\\eta_0}\\right)^{i/n} \\qquad \\text{or} \\qquad \\eta_i = \\eta_0 + (\\eta_1 - \\eta_0)\\,\\frac{i}{n}'),
          text('Afterwards the run is put back exactly as it was: weights, optimizer state, batch order and counters.'),
        ],
      },
      {
        heading: 'Smoothing and stopping',
        blocks: [
          text('The minibatch losses $\\ell_i$ are smoothed with a bias-corrected exponential moving average, $\\beta = 0.98$, so the first smoothed value is the first loss:'),
          math('v_i = \\beta\\, v_{i-1} + (1 - \\beta)\\,\\ell_i, \\quad v_{-1} = 0, \\qquad s_i = \\frac{v_i}{1 - \\beta^{\\,i+1}}'),
          text('The sweep stops once the loss has clearly diverged:'),
          math('s_i > 4 \\min_{j \\le i} s_j'),
        ],
      },
      {
        heading: 'Suggestions',
        blocks: [
          text('Suggestions are read from the smoothed curve without its first $\\lfloor n/10 \\rfloor$ and last 5 points, cut at the first NaN:'),
          text('valley: the middle of the longest decreasing run. With $d_i$ the length of the longest strictly decreasing subsequence ending at $i$, $e$ the first index of the largest $d$ and $a = e - d_e$:'),
          math('i^{\\ast} = a + \\left\\lfloor \\frac{e - a}{3} \\right\\rfloor + \\left\\lfloor \\frac{e - a}{6} \\right\\rfloor'),
          text('steepest: the left end of the segment where the loss falls fastest against $\\ln \\eta$, on the descent up to the lowest loss (fastai searches the whole curve, and past the minimum the loss is already exploding):'),
          math('i^{\\ast} = \\arg\\min_{k < \\arg\\min s} \\frac{s_{k+1} - s_k}{\\ln \\eta_{k+1} - \\ln \\eta_k}'),
          text('minimum ÷ 10: a tenth of the rate at the lowest loss, $\\eta_{\\arg\\min s} / 10$, since the minimum itself is already too high. For cyclical bounds Smith takes the maximum where the loss still falls well and the base a quarter to a third of it. These are heuristics: read the curve.'),
        ],
      },
    ],
    citations: [FASTAI, CLR_PAPER],
    related: ['schedules'],
  },
};

/** Every panel by id: each algorithm's (from its folder, through the registry), then the schedules' and the range test's. */
export const EXPLANATIONS: Record<string, Explanation> = {
  ...Object.fromEntries(ALGORITHM_EXPLANATIONS.map((explanation) => [explanation.id, explanation])),
  ...GENERAL_EXPLANATIONS,
};

export const EXPLANATION_IDS = Object.keys(EXPLANATIONS);

export type Segment = { kind: 'text'; text: string } | { kind: 'math'; tex: string };

/** Splits prose at single `$` signs into text and inline math (an unmatched `$` stays text). */
export function splitInlineMath(source: string): Segment[] {
  const segments: Segment[] = [];
  const parts = source.split('$');
  const closed = parts.length % 2 === 1;
  parts.forEach((part, i) => {
    const isMath = i % 2 === 1 && (closed || i < parts.length - 1);
    if (isMath) segments.push({ kind: 'math', tex: part });
    else if (part !== '') {
      const last = segments[segments.length - 1];
      const piece = i % 2 === 1 ? `$${part}` : part;
      if (last?.kind === 'text') last.text += piece;
      else segments.push({ kind: 'text', text: piece });
    }
  });
  return segments;
}

/** Every TeX string of an explanation, display and inline, in order. */
export function formulasOf(explanation: Explanation): string[] {
  return explanation.sections.flatMap((section) =>
    section.blocks.flatMap((block) =>
      block.kind === 'math' ? [block.tex] : splitInlineMath(block.text).flatMap((s) => (s.kind === 'math' ? [s.tex] : [])),
    ),
  );
}
