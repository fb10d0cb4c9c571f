/**
 * LocoProp-S and -M in the exported PyTorch script: Amid, Anil & Warmuth, "LocoProp: Enhancing BackProp via
 * Local Loss Optimization", AISTATS 2022, Algorithm 1 — targets from one forward and backward pass (§3,
 * eq. 5 for S, eq. 8 for M), then K inner iterations of the inner optimizer on every layer's local loss with
 * inputs and targets frozen; the last inner iterate becomes the weights.
 */
import type { PytorchEmitter } from '../pytorchEmitter';

const LOCOPROP_STEP = `
def make_step(model, carrier):
    """LocoProp: the carrier only carries the scheduled rates (it has no gradients, so its step changes
    nothing); the inner optimizer updates every layer's (W, b) on its local loss."""
    inner = InnerOptimizer(INNER_OPTIMIZER, [p for layer in model.layers for p in (layer.weight, layer.bias)])
    fs = list(HIDDEN_ACTIVATIONS) + [OUTPUT_FUNCTION]

    def step(x, t, lr, momentum):
        with torch.no_grad():
            loss = loss_of(model(x), t)
            weights = [layer.weight.t() for layer in model.layers]  # views: in×out
            biases = [layer.bias for layer in model.layers]
            inputs, pre, outs = [], [], []
            h = x
            for W, b, f in zip(weights, biases, fs):
                inputs.append(h)
                a = h @ W + b
                h = transfer(f, a)
                pre.append(a)
                outs.append(h)
            G = [None] * len(fs)
            G[-1] = (outs[-1] - t) / x.shape[0]  # G_M = (y_hat - t)/B for every loss we use
            for m in range(len(fs) - 2, -1, -1):
                G[m] = (G[m + 1] @ weights[m + 1].t()) * derivative_from_output(fs[m], outs[m])
            current = pre if LOCOPROP_VARIANT == "S" else outs
            targets = [c - GAMMA * g for c, g in zip(current, G)]
            start = [p.clone() for p in inner.tensors]
            if INNER_RESET:
                inner.reset()
            for k in range(INNER_STEPS):
                gradients = []
                for m, (W, b, f) in enumerate(zip(weights, biases, fs)):
                    a = inputs[m] @ W + b
                    delta = (a if LOCOPROP_VARIANT == "S" else transfer(f, a)) - targets[m]
                    gW, gb = inputs[m].t() @ delta, delta.sum(0)
                    if PROXIMAL_WEIGHT > 0:
                        gW = gW + PROXIMAL_WEIGHT * (W - start[2 * m].t())
                        gb = gb + PROXIMAL_WEIGHT * (b - start[2 * m + 1])
                    extra = penalty_gradient(W)
                    if extra is not None:
                        gW = gW + extra
                    gradients += [gW.t(), gb]
                factor = max(1 - k / INNER_STEPS, 0.25) if INNER_DECAY else 1.0
                inner.apply(gradients, lr * factor, momentum)
        carrier.step()  # no gradients: keeps torch's schedulers in their expected order
        return loss
    return step
`;

export function locopropPytorch(variant: 'S' | 'M'): PytorchEmitter {
  return {
    definitions: LOCOPROP_STEP,
    constants: () => [`LOCOPROP_VARIANT = "${variant}"`],
    carrierOptimizer: () => 'momentum',
    describe: (config) => `LocoProp-${variant} (inner ${config.innerOptimizer}, K = ${config.innerSteps}, gamma = ${config.gamma})`,
  };
}
