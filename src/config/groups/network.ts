/** The network: hidden layers, activations, initialisation, regularisation. */
import { type Activation, ACTIVATIONS, type Initializer, INITIALIZERS, type Regularization, REGULARIZATIONS } from '../../engine/names';
import { MAX_HIDDEN_LAYERS, MAX_UNITS } from './limits';
import { enumField, enumListField, intListField, numberField } from '../fields';

export const NETWORK_FIELDS = {
  hidden: intListField({
    label: 'Hidden layers',
    help: `Units per hidden layer, input to output (0–${MAX_HIDDEN_LAYERS} layers of 1–${MAX_UNITS} on real data; 6 of 64 on the 2-D sets).`,
    change: 'structural',
    defaultValue: [8, 8],
    minLength: 0,
    maxLength: MAX_HIDDEN_LAYERS,
    min: 1,
    max: MAX_UNITS,
  }),
  activation: enumListField<Activation>({
    label: 'Activation',
    help: 'Transfer function of each hidden layer (one value in the URL applies to all).',
    change: 'structural',
    defaultValue: ['tanh', 'tanh'],
    options: ACTIVATIONS,
  }),
  init: enumField<Initializer>({
    label: 'Initialisation',
    help: 'Glorot uniform (suits tanh, sigmoid) or He normal (suits ReLU); biases start at 0.',
    change: 'structural',
    defaultValue: 'glorot',
    options: INITIALIZERS,
  }),
  regularization: enumField<Regularization>({
    label: 'Regularisation',
    help: 'Penalty on the weights (not the biases), added to the gradient.',
    change: 'hot',
    defaultValue: 'none',
    options: REGULARIZATIONS,
  }),
  regularizationRate: numberField({
    label: 'Regularisation rate',
    help: 'λ: the L2 term adds λW to the gradient, the L1 term λ·sign(W).',
    change: 'hot',
    defaultValue: 0.001,
    min: 1e-5,
    max: 10,
    scale: 'log',
  }),
};
