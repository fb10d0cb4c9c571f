/**
 * The "Explain" panels as data: per concept a title, sections of prose and display formulas (TeX, rendered
 * by KaTeX in ExplainDialog), and the papers it rests on. Prose may hold inline math between single `$`
 * signs. Every formula is checked to render with KaTeX in explanations.test.ts. The notation follows the
 * engine: row-major batches (X_m is B × d_in), A_m = X_m W_m + b_m, Y_m = f(A_m), G_m = ∂L/∂A_m with a
 * batch-mean loss, as in `compute_cross_entropy_loss` of the LocoProp authors' notebook (locoprop/
 * locoprop_training.ipynb in github.com/google-research/google-research); each panel's papers are its `citations`.
 */

import { FEEDBACK_ALIGNMENT_EXPLANATION } from '../../algorithms/feedback-alignment/explanation';

export const EXPLANATION_IDS = ['backprop', 'locoprop', 'feedback-alignment', 'schedules', 'range-test'] as const;
export type ExplanationId = (typeof EXPLANATION_IDS)[number];

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
  id: ExplanationId;
  title: string;
  sections: Section[];
  citations: Citation[];
  /** Other panels worth reading next. */
  related: ExplanationId[];
}

const text = (t: string): Block => ({ kind: 'text', text: t });
const math = (tex: string, note?: string): Block => (note === undefined ? { kind: 'math', tex } : { kind: 'math', tex, note });

const LOCOPROP_PAPER: Citation = {
  authors: 'Ehsan Amid, Rohan Anil, Manfred K. Warmuth',
  title: 'LocoProp: Enhancing BackProp via Local Loss Optimization',
  venue: 'AISTATS 2022, PMLR 151:9626–9642',
  year: 2022,
  url: 'https://proceedings.mlr.press/v151/amid22a.html',
};

const BACKPROP_PAPER: Citation = {
  authors: 'David E. Rumelhart, Geoffrey E. Hinton, Ronald J. Williams',
  title: 'Learning representations by back-propagating errors',
  venue: 'Nature 323:533–536',
  year: 1986,
  url: 'https://doi.org/10.1038/323533a0',
};

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

export const EXPLANATIONS: Record<ExplanationId, Explanation> = {
  'feedback-alignment': FEEDBACK_ALIGNMENT_EXPLANATION,
  backprop: {
    id: 'backprop',
    title: 'Backprop: the gradient G_m of every layer',
    sections: [
      {
        heading: 'Forward pass',
        blocks: [
          text('Each layer $m = 1, \\dots, M$ takes its input $X_m$ (a batch of $B$ rows, $X_1 = x$) and computes'),
          math('A_m = X_m W_m + b_m, \\qquad Y_m = f_m(A_m), \\qquad X_{m+1} = Y_m', 'pre-activations A, outputs Y'),
        ],
      },
      {
        heading: 'Backward pass',
        blocks: [
          text('$G_m = \\partial L / \\partial A_m$ is the gradient of the batch-mean loss with respect to layer $m$’s pre-activations. At the output, for cross-entropy on a sigmoid or softmax output (and squared error on a linear one), it is the error divided by the batch size:'),
          math('G_M = \\frac{\\hat{y} - t}{B}'),
          text('Every earlier layer receives it through the next layer’s weights, gated by the slope of its transfer function:'),
          math('G_{m-1} = \\left(G_m W_m^{\\top}\\right) \\odot f\'_{m-1}(A_{m-1})'),
        ],
      },
      {
        heading: 'The step',
        blocks: [
          text('The weight gradients are sums over the batch of input times error, and the optimizer (SGD here) steps against them with the learning rate $\\eta$:'),
          math('\\nabla_{W_m} L = X_m^{\\top} G_m, \\qquad \\nabla_{b_m} L = \\mathbf{1}^{\\top} G_m, \\qquad W_m \\leftarrow W_m - \\eta \\, \\nabla_{W_m} L'),
          text('LocoProp starts from the same $G_m$: it turns it into a target for every layer instead of a weight step.'),
        ],
      },
    ],
    citations: [BACKPROP_PAPER, LOCOPROP_PAPER],
    related: ['locoprop', 'range-test'],
  },
  locoprop: {
    id: 'locoprop',
    title: 'LocoProp: targets and local losses',
    sections: [
      {
        heading: 'Targets',
        blocks: [
          text('One forward and one backward pass give every layer its input $X_m$, its pre-activations $A_m$, its outputs $Y_m = f(A_m)$ and $G_m = \\partial L/\\partial A_m$. Each layer gets a target a step $\\gamma$ against that gradient:'),
          math('\\text{LocoProp-S:}\\quad T_m = A_m - \\gamma\\, G_m \\qquad\\qquad \\text{LocoProp-M:}\\quad T_m = Y_m - \\gamma\\, G_m'),
          text('In M the output $Y$ moves by the gradient with respect to the pre-activation $A$, not $\\partial L/\\partial Y$.'),
        ],
      },
      {
        heading: 'Local losses',
        blocks: [
          text('With the input $X_m$ and the target frozen, each layer solves its own problem in its weights $\\tilde W, \\tilde b$, where $\\tilde A = X_m \\tilde W + \\tilde b$. LocoProp-S uses the squared loss:'),
          math('\\ell_S(\\tilde W, \\tilde b) = \\tfrac12 \\lVert \\tilde A - T_m \\rVert^2, \\qquad \\nabla_{\\tilde A}\\, \\ell_S = \\tilde A - T_m'),
          text('LocoProp-M uses the Bregman loss matched to the transfer function $f$, with $F$ its convex integral ($F\' = f$): softplus for the sigmoid, $\\log\\cosh$ for tanh, $\\tfrac12\\operatorname{relu}^2$ for ReLU, $\\tfrac12 a^2$ for the identity, and for a softmax output (many classes) $\\log\\sum_j e^{a_j}$ per example, whose gradient is the softmax itself. Up to a term free of $\\tilde W$:'),
          math('\\ell_M(\\tilde W, \\tilde b) = \\sum \\big( F(\\tilde A) - T_m \\odot \\tilde A \\big), \\qquad \\nabla_{\\tilde A}\\, \\ell_M = f(\\tilde A) - T_m'),
          text('The norm and the sum run over the batch and the layer’s units; in M the sum covers both terms. Either way the local gradients are $X_m^{\\top}\\delta$ for $\\tilde W$ and $\\mathbf 1^{\\top}\\delta$ for $\\tilde b$, with $\\delta = \\nabla_{\\tilde A}\\,\\ell$, summed over the batch. The inner optimizer takes $K$ steps on them (with decay, step $k$ uses $\\rho_k = \\rho\\max(1 - k/K,\\ 0.25)$).'),
          text('The proximal term, when on, adds a pull back to where the inner loop started, on the biases as well as the weights; it adds $(\\tilde W - W_m)/\\eta$ and $(\\tilde b - b_m)/\\eta$ to the gradients:'),
          math('\\ell(\\tilde W, \\tilde b) + \\tfrac{1}{2\\eta}\\big( \\lVert \\tilde W - W_m \\rVert^2 + \\lVert \\tilde b - b_m \\rVert^2 \\big)'),
        ],
      },
      {
        heading: 'Why the first inner step is backprop',
        blocks: [
          text('At the start of the inner loop $\\tilde W = W_m$, so $\\tilde A = A_m$ and $f(\\tilde A) = Y_m$: both residuals are the scaled gradient, and the proximal term is zero.'),
          math('\\delta_S = A_m - (A_m - \\gamma G_m) = \\gamma\\, G_m, \\qquad \\delta_M = Y_m - (Y_m - \\gamma G_m) = \\gamma\\, G_m'),
          text('One inner SGD step of rate $\\rho$ is then, for every layer at once,'),
          math('W_m^{(1)} = W_m - \\rho\\, X_m^{\\top} (\\gamma G_m) = W_m - \\rho\\gamma\\, \\nabla_{W_m} L'),
          text('so with inner SGD and $K = 1$ one LocoProp step is exactly a backprop SGD step with learning rate $\\rho\\gamma$. The further inner steps (and RMSProp or Adam inside) are what LocoProp adds: they act like a preconditioner built from each layer’s inputs.'),
        ],
      },
    ],
    citations: [LOCOPROP_PAPER],
    related: ['backprop', 'range-test'],
  },
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
