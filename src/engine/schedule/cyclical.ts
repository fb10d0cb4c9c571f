/**
 * Cyclical learning rates with PyTorch `torch.optim.lr_scheduler.CyclicLR` semantics
 * (https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.CyclicLR.html), which extend Smith
 * (WACV 2017, arXiv:1506.01186, §3.1) to asymmetric cycles: t is the global step counter (never reset),
 * lr(0) = base, and exp_range scales the amplitude by γ^t with the global t.
 *   total = up + down, r = up/total, cycle = ⌊1 + t/total⌋, x = 1 + t/total − cycle,
 *   h = x/r (rising) or (x − 1)/(r − 1) (falling),
 *   lr = base + (max − base)·h·f,   momentum = maxM − (maxM − baseM)·h·f,
 *   f = 1 (triangular), 1/2^(cycle−1) (triangular2), γ^t (exp_range).
 */
export const CYCLICAL_MODES = ['triangular', 'triangular2', 'exp_range'] as const;
export type CyclicalMode = (typeof CYCLICAL_MODES)[number];

export interface CyclicalParams {
  baseLr: number;
  maxLr: number;
  stepSizeUp: number;
  /** Falling half; the rising half's length when not given. */
  stepSizeDown?: number;
  mode: CyclicalMode;
  /** exp_range's γ. */
  gamma?: number;
  baseMomentum: number;
  maxMomentum: number;
}

export function cyclical(t: number, p: CyclicalParams): { lr: number; momentum: number } {
  const up = p.stepSizeUp;
  const down = p.stepSizeDown ?? up;
  const total = up + down;
  const ratio = up / total;
  const cycle = Math.floor(1 + t / total);
  const x = 1 + t / total - cycle;
  const h = x <= ratio ? x / ratio : (x - 1) / (ratio - 1);
  const scale = p.mode === 'triangular' ? 1 : p.mode === 'triangular2' ? 1 / 2 ** (cycle - 1) : (p.gamma ?? 1) ** t;
  return {
    lr: p.baseLr + (p.maxLr - p.baseLr) * h * scale,
    momentum: p.maxMomentum - (p.maxMomentum - p.baseMomentum) * h * scale,
  };
}
