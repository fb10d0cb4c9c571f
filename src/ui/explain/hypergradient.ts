/**
 * The Explain panel of SGD-HD and Adam-HD (engine/train/optimizers.ts): Baydin, Cornish, Martínez Rubio, Schmidt
 * & Wood, "Online Learning Rate Adaptation with Hypergradient Descent", ICLR 2018, §2 (the hypergradient of the
 * learning rate) and its SGD-HD and Adam-HD algorithms; the playground's choices around them (α₀, β, where the
 * fused kernels take them) as the engine makes them.
 */
import { math, text, type Citation, type Explanation } from './explanationTypes';

export const HYPERGRADIENT_PAPER: Citation = {
  authors: 'Atılım Güneş Baydin, Robert Cornish, David Martínez Rubio, Mark Schmidt, Frank Wood',
  title: 'Online Learning Rate Adaptation with Hypergradient Descent',
  venue: 'ICLR 2018 (arXiv 1703.04782); the authors’ PyTorch code: github.com/gbaydin/hypergradient-descent',
  year: 2018,
  url: 'https://openreview.net/forum?id=BkrsAzWAb',
};

const ADAM_PAPER: Citation = {
  authors: 'Diederik P. Kingma, Jimmy Ba',
  title: 'Adam: A Method for Stochastic Optimization',
  venue: 'ICLR 2015 (arXiv 1412.6980)',
  year: 2015,
  url: 'https://arxiv.org/abs/1412.6980',
};

export const HYPERGRADIENT_EXPLANATION: Explanation = {
  id: 'hypergradient',
  title: 'Hypergradient descent: a learning rate that tunes itself (SGD-HD, Adam-HD)',
  sections: [
    {
      heading: 'The hypergradient',
      blocks: [
        text('Each step moves the weights by an update $u$ that is proportional to the learning rate $\\alpha$, so the loss at the next step depends on the $\\alpha$ of the last one. Its derivative with respect to $\\alpha$ (the hypergradient, §2 of the paper) needs only the new gradient and the last update:'),
        math('h_t = \\nabla f(\\theta_{t-1}) \\cdot \\nabla_{\\alpha}\\, u_{t-1}, \\qquad \\alpha_t = \\alpha_{t-1} - \\beta\\, h_t'),
        text('The learning rate takes its own gradient step, of size $\\beta$ (the hypergradient rate), before the weights take theirs with the new $\\alpha_t$. The first step has no previous update ($\\nabla_{\\alpha} u_0 = 0$), so it uses $\\alpha_0$ as it is.'),
      ],
    },
    {
      heading: 'SGD-HD',
      blocks: [
        text('SGD’s update is $u_t = -\\alpha_t\\, g_t$ with $g_t = \\nabla f(\\theta_{t-1})$ on the step’s minibatch, so $\\nabla_{\\alpha} u_{t-1} = -g_{t-1}$:'),
        math('\\alpha_t = \\alpha_{t-1} + \\beta\\; g_t \\cdot g_{t-1}, \\qquad \\theta_t = \\theta_{t-1} - \\alpha_t\\, g_t'),
        text('While successive gradients agree the rate grows; once steps overshoot and the gradients turn against each other it shrinks. One dot product over all the weights per step, and one stored gradient.'),
      ],
    },
    {
      heading: 'Adam-HD',
      blocks: [
        text('Adam’s update is $u_t = -\\alpha_t\\, \\hat m_t / (\\sqrt{\\hat v_t} + \\epsilon)$ with its bias-corrected moments (Kingma & Ba, Algorithm 1), so the hypergradient uses the last step’s direction:'),
        math('\\alpha_t = \\alpha_{t-1} + \\beta\\; g_t \\cdot \\frac{\\hat m_{t-1}}{\\sqrt{\\hat v_{t-1}} + \\epsilon}, \\qquad \\theta_t = \\theta_{t-1} - \\alpha_t\\, \\frac{\\hat m_t}{\\sqrt{\\hat v_t} + \\epsilon}'),
        text('Adam’s direction has entries of about $\\pm 1$, so this dot product sums roughly $|g|$ over every weight and is far larger than SGD’s $g_t \\cdot g_{t-1}$: the paper used $\\beta = 0.001$ for SGD-HD and $\\beta = 10^{-7}$ for Adam-HD on MNIST and CIFAR-10 (on the circle here, $10^{-5}$ to $10^{-4}$ already moves it visibly within 1,000 steps).'),
      ],
    },
    {
      heading: 'In the playground',
      blocks: [
        text('$\\alpha_0$ is the schedule’s rate at the optimizer’s first step (the learning rate itself with the constant schedule); from then on the optimizer owns the rate, and the learning-rate chart shows the $\\alpha_t$ each step used. Typing a new learning rate starts $\\alpha$ again from the schedule’s rate at that step. There is one $\\alpha$ for the whole network, its $h_t$ summed over all weights, as in the paper.'),
        text('Nothing keeps $\\alpha$ positive: with too large a $\\beta$ the noisy minibatch hypergradient can drive it below zero, as in the authors’ code, which adds no safeguard. The paper’s claim is that a run becomes much less sensitive to $\\alpha_0$ — compare a sweep of the learning rate with Adam against Adam-HD. The fused kernels compute the hypergradient where they step: in their loops on the CPU, and on WebGPU in one workgroup, which sums every parameter’s share in a fixed order before any update; networks wider than one workgroup (64 units) train these runs on the plain TF.js path there.'),
      ],
    },
  ],
  citations: [HYPERGRADIENT_PAPER, ADAM_PAPER],
  related: ['schedules', 'range-test'],
};
