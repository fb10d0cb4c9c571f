/** LocoProp's Explain panel, shared by LocoProp-S and -M (rendered by ui/explain/ExplainDialog with KaTeX). */
import { LOCOPROP_PAPER, math, text, type Explanation } from '../../ui/explain/explanationTypes';

export const LOCOPROP_EXPLANATION: Explanation = {
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
};
