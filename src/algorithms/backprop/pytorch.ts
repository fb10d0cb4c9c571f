/** Backprop in the exported PyTorch script: autograd's gradient, the penalty's, one torch.optim step. */
import type { PytorchEmitter } from '../pytorchEmitter';

export const backpropPytorch: PytorchEmitter = {
  definitions: `
def make_step(model, carrier):
    """Backprop: autograd's gradient of the minibatch loss (plus the weight penalty's), one optimizer step."""
    def step(x, t, lr, momentum):
        carrier.zero_grad()
        loss = loss_of(model(x), t)
        loss.backward()
        for layer in model.layers:
            extra = penalty_gradient(layer.weight.detach())
            if extra is not None:
                layer.weight.grad += extra
        carrier.step()
        return loss.detach()
    return step
`,
  constants: () => [],
  carrierOptimizer: (config) => config.optimizer,
  describe: (config) => `backprop with ${config.optimizer}`,
};
