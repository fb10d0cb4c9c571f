/**
 * SGD-HD and Adam-HD in the exported PyTorch script (pytorchTemplate.ts places this class before make_optimizer):
 * the update written out as engine/train/optimizers.ts runs it (Baydin, Cornish, Martínez Rubio, Schmidt & Wood,
 * "Online Learning Rate Adaptation with Hypergradient Descent", ICLR 2018, §2 and its SGD-HD and Adam-HD
 * algorithms; the authors' PyTorch code, github.com/gbaydin/hypergradient-descent, hypergrad/sgd_hd.py and
 * adam_hd.py, for what happens on the first step).
 */
export const PYTHON_HYPERGRADIENT = String.raw`
class HypergradientOptimizer(torch.optim.Optimizer):
    """SGD-HD and Adam-HD (Baydin, Cornish, Martinez Rubio, Schmidt & Wood, "Online Learning Rate Adaptation
    with Hypergradient Descent", ICLR 2018, section 2 and its SGD-HD and Adam-HD algorithms) as
    engine/train/optimizers.ts runs them. h_t = g_t . grad_alpha u_{t-1}, alpha_t = alpha_{t-1} - beta*h_t, then
    the plain rule's step with alpha_t:
        sgd-hd:  alpha_t = alpha_{t-1} + beta * g_t . g_{t-1};  p -= alpha_t * g_t
        adam-hd: alpha_t = alpha_{t-1} + beta * g_t . mhat_{t-1}/(sqrt(vhat_{t-1}) + eps);  p -= alpha_t * mhat_t/(sqrt(vhat_t) + eps)
    One alpha for all parameters, its hypergradient the dot product over all of them (the authors' sgd_hd.py
    flattens the gradient so; their adam_hd.py updates the rate per parameter tensor in turn). Step 1 uses
    alpha_0 (grad_alpha u_0 = 0), the group's lr at the first step, i.e. the schedule's rate at step 0; alpha is
    then this optimizer's own (adapted_rate, in the run's dtype): a scheduler moving group["lr"] later changes
    nothing, though it still moves Adam-HD's beta1 when momentum is cycled. Adam's bias correction divides by
    1 - (the product of the beta1s used), in the epsilon-hat form, as CycledBeta1Adam."""

    def __init__(self, params, kind, lr, hypergrad_lr, betas=(0.9, 0.999), eps=1e-8):
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps) if kind == "adam-hd" else dict(lr=lr))
        self.kind, self.hypergrad_lr = kind, hypergrad_lr
        self.adapted_rate, self.t, self.beta1_product = None, 0, 1.0

    @torch.no_grad()
    def step(self, closure=None):
        group = self.param_groups[0]
        params = group["params"]
        g = torch.cat([p.grad.reshape(-1) for p in params])
        self.t += 1
        first = self.t == 1
        alpha = torch.tensor(group["lr"], dtype=g.dtype) if first else self.adapted_rate
        if self.kind == "sgd-hd":
            if not first:
                alpha = alpha + self.hypergrad_lr * torch.dot(g, self.previous)
            self.previous = g.clone()
            direction = g
        else:
            beta1, beta2 = group["betas"]
            eps = group["eps"]
            if first:
                self.m, self.v = torch.zeros_like(g), torch.zeros_like(g)
            else:
                c2 = math.sqrt(1 - beta2 ** (self.t - 1))
                alpha = alpha + self.hypergrad_lr * torch.dot(g, self.m / (self.v.sqrt() + eps * c2)) * (c2 / (1 - self.beta1_product))
            self.beta1_product *= beta1
            self.m.mul_(beta1).add_(g, alpha=1 - beta1)
            self.v.mul_(beta2).addcmul_(g, g, value=1 - beta2)
            c2 = math.sqrt(1 - beta2 ** self.t)
            direction = self.m / (self.v.sqrt() + eps * c2) * (c2 / (1 - self.beta1_product))
        self.adapted_rate = alpha
        offset = 0
        for p in params:
            p.sub_(alpha * direction[offset:offset + p.numel()].view_as(p))
            offset += p.numel()
`;
