/**
 * Feedback alignment in the exported PyTorch script (Lillicrap, Cownden, Tweed & Akerman, "Random synaptic
 * feedback weights support error backpropagation for deep learning", Nature Communications 7:13276, 2016,
 * eq. in Fig. 1): backprop's backward pass with the run's fixed random matrices B_m where backprop uses W_mᵀ.
 * The B_m are the playground's own, embedded bit for bit.
 */
import type { PytorchEmitter } from '../pytorchEmitter';

const FEEDBACK_ALIGNMENT_STEP = `
def make_step(model, carrier):
    """Feedback alignment: the error reaches layer m - 1 through the fixed FEEDBACK[m] (in x out, so the
    signal is g @ FEEDBACK[m].t(), where backprop has g @ W_m.t()); each layer's gradient is X_m^T g_m."""
    fs = list(HIDDEN_ACTIVATIONS) + [OUTPUT_FUNCTION]

    def step(x, t, lr, momentum):
        carrier.zero_grad()
        with torch.no_grad():
            loss = loss_of(model(x), t)
            inputs, outs = [], []
            h = x
            for layer, f in zip(model.layers, fs):
                inputs.append(h)
                h = transfer(f, h @ layer.weight.t() + layer.bias)
                outs.append(h)
            g = (outs[-1] - t) / x.shape[0]  # G_M = (y_hat - t)/B for every loss we use
            for m in range(len(fs) - 1, -1, -1):
                layer = model.layers[m]
                grad_w = (inputs[m].t() @ g).t()  # torch stores W as out x in
                extra = penalty_gradient(layer.weight)
                layer.weight.grad = grad_w if extra is None else grad_w + extra
                layer.bias.grad = g.sum(0)
                if m > 0:
                    g = (g @ FEEDBACK[m].t().to(g.dtype)) * derivative_from_output(fs[m - 1], outs[m - 1])
        carrier.step()
        return loss
    return step
`;

export const feedbackAlignmentPytorch: PytorchEmitter = {
  definitions: FEEDBACK_ALIGNMENT_STEP,
  constants: ({ layerSizes, state, floatTensor }) => {
    const [feedback] = state;
    if (!feedback) throw new Error('feedback alignment: the export carries no feedback matrices');
    const literals: string[] = ['None'];
    let offset = 0;
    for (let m = 0; m + 1 < layerSizes.length; m++) {
      const [inputs, outputs] = [layerSizes[m], layerSizes[m + 1]];
      if (m > 0) literals.push(floatTensor(feedback.subarray(offset, offset + inputs * outputs), [inputs, outputs]));
      offset += inputs * outputs + outputs;
    }
    return [`FEEDBACK = [${literals.join(', ')}]  # B_m^T per layer (layer 0 sends no error back)`];
  },
  carrierOptimizer: (config) => config.optimizer,
  describe: (config) => `feedback alignment with ${config.optimizer}`,
};
