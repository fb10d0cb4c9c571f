/**
 * The Python half of "Export as PyTorch script": the code every exported script shares (pytorchScript.ts puts
 * the run's numbers in front of it). It mirrors the engine step for step so a researcher continues the very
 * run in PyTorch: the flat θ layout of engine/model/mlp.ts (W row-major in×out, then b, per layer), the losses
 * of engine/model/losses.ts (mean over the batch of the per-example loss summed over outputs), the sampler of
 * engine/data/dataset.ts with mulberry32 and Fisher–Yates of engine/random.ts, backprop through torch.optim
 * (PyTorch conventions, as engine/train/optimizers.ts follows them; Adam with a cycled β₁ divides by 1 − Πβ₁ as the
 * engine does, where torch.optim.Adam would take 1 − β₁ᵗ of the current β₁), schedules through torch's own CyclicLR
 * and OneCycleLR (LambdaLR where torch has none), and LocoProp's inner loop (engine/train/locoprop.ts; Amid,
 * Anil & Warmuth, AISTATS 2022, §3, Algorithm 1) written out, with the reference's TF1 RMSProp as its inner
 * optimizer. SGD-HD and Adam-HD (Baydin et al., ICLR 2018, §2) are written out as the engine runs them (one
 * rate for all of θ). The 2-D sets' feature inputs are pytorchFeatures.ts. The command line and --verify are in pytorchCli.ts.
 */

import { PYTHON_FEATURES } from './pytorchFeatures';
import { PYTHON_HYPERGRADIENT } from './pytorchHypergradient';

/** mulberry32 and the minibatch sampler: plain Python, so a test runs it without torch. */
export const PYTHON_SAMPLER = String.raw`
MASK32 = 0xFFFFFFFF


def _imul(a, b):
    return (a * b) & MASK32


class Mulberry32:
    """engine/random.ts: mulberry32 (Tommy Ettinger), uniform in [0, 1)."""

    def __init__(self, state):
        self.state = state & MASK32

    def next(self):
        self.state = (self.state + 0x6D2B79F5) & MASK32
        t = self.state
        t = _imul(t ^ (t >> 15), t | 1)
        t = (t ^ ((t + _imul(t ^ (t >> 7), t | 61)) & MASK32)) & MASK32
        return ((t ^ (t >> 14)) & MASK32) / 4294967296.0

    def int(self, n):
        return math.floor(self.next() * n)


class MinibatchSampler:
    """engine/data/dataset.ts: a fresh Fisher-Yates shuffle of the row order at every epoch."""

    def __init__(self, count, random_state):
        self.random = Mulberry32(random_state)
        self.order = list(range(count))
        self.position = count  # forces a shuffle on the first draw

    def next_rows(self, n):
        rows = []
        for _ in range(n):
            if self.position >= len(self.order):
                for i in range(len(self.order) - 1, 0, -1):
                    j = self.random.int(i + 1)
                    self.order[i], self.order[j] = self.order[j], self.order[i]
                self.position = 0
            rows.append(self.order[self.position])
            self.position += 1
        return rows
`;

export const PYTHON_BODY = String.raw`
def _f32(text, *shape):
    """Little-endian float32 values, base64: the playground's numbers bit for bit."""
    values = torch.frombuffer(bytearray(base64.b64decode(text)), dtype=torch.float32).clone()
    return values.reshape(*shape) if shape else values


def _i32(text):
    return torch.frombuffer(bytearray(base64.b64decode(text)), dtype=torch.int32).clone().long()


${PYTHON_FEATURES}

def transfer(name, a):
    if name == "tanh":
        return torch.tanh(a)
    if name == "relu":
        return torch.relu(a)
    if name == "sigmoid":
        return torch.sigmoid(a)
    if name == "softmax":
        return torch.softmax(a, dim=1)
    return a  # linear


def derivative_from_output(name, y):
    """f'(A) written with Y = f(A), as engine/model/activations.ts (relu'(0) = 0)."""
    if name == "tanh":
        return 1 - y * y
    if name == "sigmoid":
        return y * (1 - y)
    if name == "relu":
        return (y > 0).to(y.dtype)
    return torch.ones_like(y)


OUTPUT_FUNCTION = {"sigmoid-cross-entropy": "sigmoid", "softmax-cross-entropy": "softmax", "squared-error": "linear"}[LOSS]


class MLP(torch.nn.Module):
    """Hidden layers with their activations, then a linear output layer giving the logits."""

    def __init__(self):
        super().__init__()
        self.layers = torch.nn.ModuleList(torch.nn.Linear(LAYER_SIZES[m], LAYER_SIZES[m + 1]) for m in range(len(LAYER_SIZES) - 1))
        self.activations = list(HIDDEN_ACTIVATIONS) + ["linear"]

    def forward(self, x):
        for layer, f in zip(self.layers, self.activations):
            x = transfer(f, layer(x))
        return x

    def load_flat(self, theta):
        """θ = [W1, b1, W2, b2, ...], W row-major in×out (TF.js: A = X·W + b); torch's weight is W transposed."""
        offset = 0
        with torch.no_grad():
            for layer in self.layers:
                n_in, n_out = layer.in_features, layer.out_features
                layer.weight.copy_(theta[offset:offset + n_in * n_out].reshape(n_in, n_out).t())
                offset += n_in * n_out
                layer.bias.copy_(theta[offset:offset + n_out])
                offset += n_out

    def flat(self):
        return torch.cat([torch.cat([layer.weight.detach().t().reshape(-1), layer.bias.detach()]) for layer in self.layers])


def loss_of(logits, targets):
    """L = mean over the batch of the per-example loss summed over output units (engine/model/losses.ts)."""
    batch = logits.shape[0]
    if LOSS == "softmax-cross-entropy":
        return -(targets * torch.log_softmax(logits, dim=1)).sum() / batch
    if LOSS == "squared-error":
        return 0.5 * ((logits - targets) ** 2).sum() / batch
    return torch.nn.functional.binary_cross_entropy_with_logits(logits, targets, reduction="sum") / batch


def penalty_gradient(weight):
    if REGULARIZATION == "l2" and REGULARIZATION_RATE > 0:
        return REGULARIZATION_RATE * weight
    if REGULARIZATION == "l1" and REGULARIZATION_RATE > 0:
        return REGULARIZATION_RATE * torch.sign(weight)
    return None


# ---- optimizer and schedule -------------------------------------------------------------------------------

class CycledBeta1Adam(torch.optim.Adam):
    """torch.optim.Adam with the playground's bias correction when a schedule cycles beta1: m is divided by
    1 - (the product of the beta1s actually used), the sum of m's weights, where torch.optim.Adam divides by
    1 - beta1**t with the current beta1. The two agree while beta1 is constant. Written as Kingma & Ba's
    epsilon-hat form, as engine/train/optimizers.ts: p -= lr*sqrt(1 - beta2**t)/(1 - prod beta1) * m/(sqrt(v) + eps*sqrt(1 - beta2**t))."""

    @torch.no_grad()
    def step(self, closure=None):
        for group in self.param_groups:
            beta1, beta2 = group["betas"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                state = self.state[p]
                if not state:
                    state.update(t=0, beta1_product=1.0, m=torch.zeros_like(p), v=torch.zeros_like(p))
                state["t"] += 1
                state["beta1_product"] *= beta1
                state["m"].mul_(beta1).add_(p.grad, alpha=1 - beta1)
                state["v"].mul_(beta2).addcmul_(p.grad, p.grad, value=1 - beta2)
                correction = math.sqrt(1 - beta2 ** state["t"])
                step_size = group["lr"] * correction / (1 - state["beta1_product"])
                p.addcdiv_(state["m"], state["v"].sqrt().add_(group["eps"] * correction), value=-step_size)


${PYTHON_HYPERGRADIENT}


ADAPTS_RATE = CARRIER_OPTIMIZER in ("sgd-hd", "adam-hd")


def make_optimizer(params, kind):
    """The optimizer in torch.optim that make_step's step ends with (CARRIER_OPTIMIZER): the algorithm's own
    where it updates the weights with torch's optimizer; an algorithm with an inner optimizer of its own
    (LocoProp) uses this one only to carry the scheduled learning rate and momentum (so torch's schedulers
    drive both)."""
    if kind == "sgd":
        return torch.optim.SGD(params, lr=LEARNING_RATE, momentum=0.0)
    if kind == "momentum":
        return torch.optim.SGD(params, lr=LEARNING_RATE, momentum=MOMENTUM)
    if kind == "nesterov":
        return torch.optim.SGD(params, lr=LEARNING_RATE, momentum=MOMENTUM, nesterov=True)
    if kind == "adam":
        adam = CycledBeta1Adam if CYCLES_MOMENTUM else torch.optim.Adam
        return adam(params, lr=LEARNING_RATE, betas=(MOMENTUM, 0.999), eps=1e-8)
    if kind == "rmsprop":
        return torch.optim.RMSprop(params, lr=LEARNING_RATE, alpha=0.9, eps=1e-8)
    if kind in ("sgd-hd", "adam-hd"):
        return HypergradientOptimizer(params, kind, LEARNING_RATE, CONFIG["hypergradientRate"], betas=(MOMENTUM, 0.999), eps=1e-8)
    raise ValueError(kind)


def momentum_of(group):
    return group["betas"][0] if "betas" in group else group.get("momentum", MOMENTUM)


def set_rates(group, lr, momentum):
    group["lr"] = lr
    if "betas" in group:
        group["betas"] = (momentum, group["betas"][1])
    elif "momentum" in group and CYCLES_MOMENTUM:
        group["momentum"] = momentum


def make_scheduler(optimizer):
    s = SCHEDULE
    kind = s["kind"]
    if kind == "constant":
        return None
    if kind == "step":
        return torch.optim.lr_scheduler.StepLR(optimizer, step_size=s["stepSize"], gamma=s["decayFactor"])
    if kind == "exponential":
        return torch.optim.lr_scheduler.LambdaLR(optimizer, lambda t: s["decayFactor"] ** (t / s["stepSize"]))
    if kind == "cosine":
        def cosine(t):
            warmup, total, lr0, low = s["warmupSteps"], s["totalSteps"], s["learningRate"], s["minLearningRate"]
            if t < warmup:
                return (t + 1) / warmup
            if t >= total:
                return low / lr0
            progress = (t - warmup) / max(1, total - warmup)
            return (low + (lr0 - low) * (1 + math.cos(math.pi * progress)) / 2) / lr0
        return torch.optim.lr_scheduler.LambdaLR(optimizer, cosine)
    if kind == "cyclical":
        return torch.optim.lr_scheduler.CyclicLR(
            optimizer, base_lr=s["learningRate"], max_lr=s["maxLearningRate"], step_size_up=s["stepSize"],
            step_size_down=s["stepSizeDown"], mode=s["cyclicalMode"], gamma=s["cyclicalGamma"],
            cycle_momentum=CYCLES_MOMENTUM, base_momentum=s["baseMomentum"], max_momentum=s["maxMomentum"])
    if kind == "one-cycle" and s["oneCycleStyle"] == "pytorch":
        return torch.optim.lr_scheduler.OneCycleLR(
            optimizer, max_lr=s["maxLearningRate"], total_steps=s["totalSteps"], pct_start=s["pctStart"],
            anneal_strategy=s["anneal"], cycle_momentum=CYCLES_MOMENTUM, base_momentum=s["baseMomentum"],
            max_momentum=s["maxMomentum"], div_factor=s["divFactor"], final_div_factor=s["finalDivFactor"],
            three_phase=s["threePhase"])
    # fastai's one-cycle has no torch scheduler: the playground's rates for the exported steps, then the last.
    return torch.optim.lr_scheduler.LambdaLR(optimizer, lambda t: PLAYGROUND_LR[min(t, len(PLAYGROUND_LR) - 1)] / LEARNING_RATE)


class InnerOptimizer:
    """LocoProp's inner optimizer on each layer's (W, b), elementwise as engine/train/optimizers.ts:
    sgd; rmsprop as TF1 RMSPropOptimizer (ms starts at 1, eps 1e-5 inside the root, rho 0.9, momentum);
    adam with the bias correction of the beta1s actually used."""

    def __init__(self, kind, tensors):
        self.kind = kind
        self.tensors = tensors
        self.reset()

    def reset(self):
        self.slots = [[torch.ones_like(p), torch.zeros_like(p)] if self.kind == "rmsprop" else [torch.zeros_like(p), torch.zeros_like(p)] for p in self.tensors]
        self.steps = 0
        self.beta1_product = 1.0

    def apply(self, gradients, lr, momentum):
        self.steps += 1
        if self.kind == "adam":
            self.beta1_product *= momentum
        for p, g, (a, b) in zip(self.tensors, gradients, self.slots):
            if self.kind == "sgd":
                p -= lr * g
            elif self.kind == "rmsprop":
                a.mul_(0.9).add_(0.1 * g * g)
                b.mul_(momentum).add_(lr * g / torch.sqrt(a + 1e-5))
                p -= b
            else:
                a.mul_(momentum).add_((1 - momentum) * g)
                b.mul_(0.999).add_(0.001 * g * g)
                correction = math.sqrt(1 - 0.999 ** self.steps)
                p -= (lr * correction / (1 - self.beta1_product)) * a / (torch.sqrt(b) + 1e-8 * correction)


# ---- the algorithm's step (src/algorithms/<name>/pytorch.ts) ------------------------------------------------

{{ALGORITHM_STEP}}

# ---- training ----------------------------------------------------------------------------------------------

def train(steps, use_playground_rates=False, log=print, dtype=torch.float32):
    """The run for steps steps in dtype (float32 as the playground; float64 to see what float32 rounding does)."""
    torch.manual_seed(0)  # unused by the run itself: weights, data and batches all come from the playground
    model = MLP().to(dtype)
    model.load_flat(THETA0.to(dtype))
    train_x, train_y = TRAIN_X.to(dtype), TRAIN_Y.to(dtype)
    carrier = make_optimizer(list(model.parameters()), CARRIER_OPTIMIZER)
    scheduler = make_scheduler(carrier)
    step_of_algorithm = make_step(model, carrier)
    sampler = MinibatchSampler(TRAIN_X.shape[0], SAMPLER_STATE)
    losses, rates = [], []
    for step in range(steps):
        rows = torch.tensor(sampler.next_rows(BATCH_SIZE))
        if step < PLAYGROUND_STEPS and not torch.equal(rows, ROW_ORDER[step * BATCH_SIZE:(step + 1) * BATCH_SIZE]):
            raise RuntimeError(f"the batch order differs from the playground's at step {step}")
        x, t = train_x[rows], train_y[rows]
        group = carrier.param_groups[0]
        if use_playground_rates and step < PLAYGROUND_STEPS:
            set_rates(group, PLAYGROUND_LR[step], PLAYGROUND_MOMENTUM[step])
        lr, momentum = group["lr"], (momentum_of(group) if CYCLES_MOMENTUM else MOMENTUM)
        loss = step_of_algorithm(x, t, lr, momentum)  # the minibatch loss before the update
        rates.append(float(carrier.adapted_rate) if ADAPTS_RATE else lr)  # SGD-HD, Adam-HD: the rate they set
        losses.append(loss.item())
        if scheduler is not None and not (SCHEDULE["kind"] == "one-cycle" and step + 1 >= SCHEDULE["totalSteps"]):
            scheduler.step()  # OneCycleLR refuses steps past its total: the rate then holds, as in the playground
        if log and (step % 100 == 0 or step == steps - 1):
            log(f"step {step:6d}  minibatch loss {losses[-1]:.6f}  lr {rates[-1]:.6g}")
    return model, losses, rates
`;
