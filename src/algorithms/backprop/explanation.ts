/** Backprop's Explain panel (rendered by ui/explain/ExplainDialog with KaTeX). */
import { BACKPROP_PAPER, LOCOPROP_PAPER, math, text, type Explanation } from '../../ui/explain/explanationTypes';

export const BACKPROP_EXPLANATION: Explanation = {
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
};
