// TF.js on its CPU backend (./setupTf) with every op's gradient registered, for the test files that check the
// hand-written backward passes against TF.js's autodiff (tf.grad, tf.grads, variableGrads). Only those import it:
// registering the gradients evaluates tfjs-core's several hundred ESM gradient modules in each test file's
// context, which cost the files that never call autodiff most of their import time.
import './setupTf';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
