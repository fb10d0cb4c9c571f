/** Feedback alignment's Explain panel (rendered by ui/explain/ExplainDialog with KaTeX). */
import { math, text, type Explanation } from '../../ui/explain/explanationTypes';

export const FEEDBACK_ALIGNMENT_EXPLANATION: Explanation = {
  id: 'feedback-alignment',
  title: 'Feedback alignment: errors sent back through fixed random weights',
  sections: [
    {
      heading: 'The backward pass',
      blocks: [
        text('The forward pass is backprop’s. The output error is the same too, $\\delta_M = (\\hat y - t)/B$. What changes is how it travels back: instead of the transpose of the next layer’s weights, each layer sends it through a fixed random matrix $B_m$ drawn once, from the run’s seed, with the shape of $W_m^{\\top}$:'),
        math('\\delta_{m-1} = \\left(\\delta_m B_m\\right) \\odot f\'_{m-1}(A_{m-1}) \\qquad\\text{where backprop has}\\qquad G_{m-1} = \\left(G_m W_m^{\\top}\\right) \\odot f\'_{m-1}(A_{m-1})'),
        text('Each layer then steps as backprop would, with $\\delta_m$ in place of $G_m$: $\\Delta W_m \\propto -X_m^{\\top}\\delta_m$. The output layer’s update is backprop’s exactly; every earlier layer’s is not a gradient of anything.'),
      ],
    },
    {
      heading: 'Why it learns: alignment',
      blocks: [
        text('The forward weights come to agree with the feedback: as training goes on, $W_m$ grows a component along $B_m^{\\top}$, and then $\\delta_m$ points within 90° of the true gradient $G_m$, so every step still lowers the loss. The alignment chart shows, per layer, the angle between the step’s weight update and backprop’s gradient on the same minibatch; below 90° the update descends.'),
        math('\\angle_m = \\arccos \\frac{\\langle -\\Delta W_m,\\ \\nabla_{W_m} L\\rangle}{\\lVert \\Delta W_m\\rVert\\, \\lVert \\nabla_{W_m} L\\rVert}', 'with SGD, −ΔW_m is ηX_mᵀδ_m'),
        text('With SGD the angle is that of feedback alignment’s error signal, the quantity in the paper’s Figure 2; with momentum, Adam or RMSProp it also holds the optimizer’s preconditioning, for backprop too.'),
      ],
    },
  ],
  citations: [
    {
      authors: 'Timothy P. Lillicrap, Daniel Cownden, Douglas B. Tweed, Colin J. Akerman',
      title: 'Random synaptic feedback weights support error backpropagation for deep learning',
      venue: 'Nature Communications 7:13276',
      year: 2016,
      url: 'https://doi.org/10.1038/ncomms13276',
    },
  ],
  related: ['backprop', 'locoprop'],
};
