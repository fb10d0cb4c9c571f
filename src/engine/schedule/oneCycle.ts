/**
 * The 1cycle policy with PyTorch `OneCycleLR` semantics (https://pytorch.org/docs/stable/generated/
 * torch.optim.lr_scheduler.OneCycleLR.html; Smith & Topin 2017, arXiv:1708.07120; Smith 2018,
 * arXiv:1803.09820): initial = max/div, min = initial/finalDiv, phases ending at pct·N − 1 and N − 1
 * (three-phase: pct·N − 1, 2·pct·N − 2, N − 1), cosine or linear annealing within a phase, momentum inverse
 * to the learning rate (held at its maximum in the third phase).
 * Unlike PyTorch, t ≥ N does not extrapolate (pytorch/pytorch#91765): it holds the final values and says so.
 */
export const ANNEAL_STRATEGIES = ['cos', 'linear'] as const;
export type AnnealStrategy = (typeof ANNEAL_STRATEGIES)[number];

export interface OneCycleParams {
  maxLr: number;
  totalSteps: number;
  pctStart: number;
  anneal: AnnealStrategy;
  divFactor: number;
  finalDivFactor: number;
  threePhase: boolean;
  baseMomentum: number;
  maxMomentum: number;
}

interface Phase {
  end: number;
  lr: [number, number];
  momentum: [number, number];
}

function anneal(strategy: AnnealStrategy, start: number, end: number, pct: number): number {
  if (strategy === 'linear') return start + pct * (end - start);
  return end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1);
}

export function oneCycle(t: number, p: OneCycleParams): { lr: number; momentum: number; finished: boolean } {
  const initial = p.maxLr / p.divFactor;
  const minimum = initial / p.finalDivFactor;
  const n = p.totalSteps;
  const phases: Phase[] = p.threePhase
    ? [
        { end: p.pctStart * n - 1, lr: [initial, p.maxLr], momentum: [p.maxMomentum, p.baseMomentum] },
        { end: 2 * p.pctStart * n - 2, lr: [p.maxLr, initial], momentum: [p.baseMomentum, p.maxMomentum] },
        { end: n - 1, lr: [initial, minimum], momentum: [p.maxMomentum, p.maxMomentum] },
      ]
    : [
        { end: p.pctStart * n - 1, lr: [initial, p.maxLr], momentum: [p.maxMomentum, p.baseMomentum] },
        { end: n - 1, lr: [p.maxLr, minimum], momentum: [p.baseMomentum, p.maxMomentum] },
      ];
  const finished = t >= n;
  const step = Math.min(t, n - 1);
  let start = 0;
  for (let i = 0; i < phases.length; i++) {
    const phase = phases[i];
    if (step <= phase.end || i === phases.length - 1) {
      const pct = (step - start) / (phase.end - start);
      return {
        lr: anneal(p.anneal, phase.lr[0], phase.lr[1], pct),
        momentum: anneal(p.anneal, phase.momentum[0], phase.momentum[1], pct),
        finished,
      };
    }
    start = phase.end;
  }
  throw new Error('unreachable: the last phase always matches');
}

/**
 * fastai's `fit_one_cycle` flavour (https://docs.fast.ai/callback.schedule.html#learner.fit_one_cycle:
 * pct_start 0.25, div 25, div_final 1e5, moms 0.95/0.85/0.95): position pos = t/N set before each batch,
 * two cosine segments `SchedCos(a, b)(p) = a + (1 + cos(π(1 − p)))(b − a)/2` joined at pctStart:
 * max/div → max → max/finalDiv for the learning rate and maxM → baseM → maxM for momentum.
 * The last step uses pos = (N − 1)/N, so the final rate is never quite reached (as in fastai).
 */
export function fastaiOneCycle(t: number, p: OneCycleParams): { lr: number; momentum: number; finished: boolean } {
  const finished = t >= p.totalSteps;
  const pos = Math.min(t, p.totalSteps - 1) / p.totalSteps;
  const cos = (a: number, b: number, q: number): number => a + ((1 + Math.cos(Math.PI * (1 - q))) * (b - a)) / 2;
  const rising = pos < p.pctStart;
  const q = rising ? pos / p.pctStart : (pos - p.pctStart) / (1 - p.pctStart);
  const initial = p.maxLr / p.divFactor;
  return {
    lr: rising ? cos(initial, p.maxLr, q) : cos(p.maxLr, p.maxLr / p.finalDivFactor, q),
    momentum: rising ? cos(p.maxMomentum, p.baseMomentum, q) : cos(p.baseMomentum, p.maxMomentum, q),
    finished,
  };
}
