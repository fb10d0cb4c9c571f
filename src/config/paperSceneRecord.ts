/**
 * What the paper scene's card quotes, as measured: its claims are checked against these numbers
 * (sceneClaims.test.ts), so a sentence they contradict fails there. Each record says how, where and when it was
 * measured. Not imported by the page.
 */
import type { AlgorithmName } from '../algorithms/registry';

type PaperMethod = Extract<AlgorithmName, 'backprop' | 'locoprop-m'>;

/**
 * PAPER_SWEEP's results (bench/paper-sweep.ts backprop|locoprop-m; Node, CPU backend, seed 1, a busy 2-core Linux
 * machine, 2026-12-05): the final validation loss at step 500 at each of the grid's rates (axisValues of its one
 * axis), in the grid's order.
 */
export const PAPER_SWEEP_RECORD = {
  finalValidationLoss: { backprop: [52.2, 40.9, 33.4, 30.6, 33.7], 'locoprop-m': [28.7, 27.5, 32.7, 99.5, 593] } as Record<PaperMethod, number[]>,
};

/**
 * bench/paper-sweep.ts equal-time at the scene's rates (Node, CPU backend, one thread, a busy 2-core Linux machine,
 * 2026-12-05; commit eba8f74): each method's time per step over 20 steps after 5 to warm up (rounded to the ms in
 * that commit's message), backprop then trained for as many steps as fit in LocoProp-M's 500 (round(500 × the ratio)), and its
 * validation loss there. The ratio depends on the machine and its load: see PAPER_CURVES_RECORD's.
 */
export const PAPER_EQUAL_TIME_RECORD = {
  where: 'in Node on the CPU backend of a busy 2-core Linux machine',
  date: '2026-12-05',
  msPerStep: { backprop: 80, 'locoprop-m': 517 } as Record<PaperMethod, number>,
  budget: 500,
  backpropSteps: 3217,
  backpropValidationLoss: 26.9,
};

/**
 * The scene's two runs as the page trains them (paperScene(), seed 1, no validation split): the train loss
 * over the whole training set (what the loss chart shows) at `steps`, every step from 100 to 200 and every 5th
 * elsewhere up to 500 (bench/paper-curves.ts, Node, CPU backend, one process per run side by side, 2-core Linux
 * machine, load average 8–11 at the end, 2026-12-05). The page on the CPU backend showed the same values (new-user
 * walk: 37.01 and 37.43 at step 145). Steps alone took 59 and 256 ms per step there (4.3 times; 6.4 in the record
 * above; 6.5 measured by the page in Chromium on the fused CPU path, e2e/paperSceneCard.spec.ts; 2.9 in the
 * page's Summary on the walk, evaluations included): the ratio is the machine's, its load's and the path's.
 */
export const PAPER_CURVES_RECORD = {
  seed: 1,
  steps: [
    0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90, 95, 100, 101, 102, 103, 104, 105, 106,
    107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127, 128,
    129, 130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 140, 141, 142, 143, 144, 145, 146, 147, 148, 149, 150,
    151, 152, 153, 154, 155, 156, 157, 158, 159, 160, 161, 162, 163, 164, 165, 166, 167, 168, 169, 170, 171, 172,
    173, 174, 175, 176, 177, 178, 179, 180, 181, 182, 183, 184, 185, 186, 187, 188, 189, 190, 191, 192, 193, 194,
    195, 196, 197, 198, 199, 200, 205, 210, 215, 220, 225, 230, 235, 240, 245, 250, 255, 260, 265, 270, 275, 280,
    285, 290, 295, 300, 305, 310, 315, 320, 325, 330, 335, 340, 345, 350, 355, 360, 365, 370, 375, 380, 385, 390,
    395, 400, 405, 410, 415, 420, 425, 430, 435, 440, 445, 450, 455, 460, 465, 470, 475, 480, 485, 490, 495, 500,
  ],
  trainLoss: {
    backprop: [
      136.54, 59.052, 54.303, 53.286, 52.773, 52.338, 52.199, 50.056, 49.346, 48.55, 47.912, 45.73, 45.805, 44.909,
      43.87, 43.131, 42.601, 41.637, 40.964, 40.757, 40.32, 40.869, 39.624, 39.171, 39.069, 38.967, 38.895, 39.158,
      39.474, 39.309, 39.348, 39.412, 39.188, 39.271, 38.534, 38.525, 38.345, 38.595, 39.322, 39.739, 38.481, 38.095,
      37.87, 37.863, 37.915, 38.307, 38.896, 38.202, 38.151, 37.739, 37.725, 37.424, 37.461, 37.831, 38.463, 38.07,
      37.393, 37.621, 38.413, 38.421, 37.626, 37.865, 37.129, 37.078, 37.019, 37.009, 37.053, 37.133, 37.134, 37.489,
      36.888, 36.983, 36.853, 36.678, 36.694, 37.087, 37.446, 37.367, 36.815, 36.524, 36.437, 36.473, 36.385, 36.456,
      36.206, 36.471, 36.553, 36.167, 36.13, 36.003, 36.122, 36.877, 37.185, 37.276, 36.177, 36.168, 36.45, 36.936,
      36.082, 36.502, 36.303, 36.229, 35.649, 35.813, 36.05, 36.046, 35.823, 35.737, 35.58, 35.625, 35.656, 35.565,
      35.398, 35.435, 35.952, 36.362, 37.251, 35.391, 35.287, 35.434, 35.925, 34.96, 34.967, 35.165, 36.694, 34.373,
      35.406, 34.125, 34.858, 34.533, 34.176, 33.706, 35.548, 33.553, 34.43, 34.364, 33.813, 33.78, 33.238, 34.241,
      33.051, 32.973, 33.18, 32.998, 32.975, 34.078, 32.548, 32.544, 32.958, 33.501, 32.317, 32.545, 33.373, 31.962,
      32.517, 32.39, 31.883, 32.327, 33.552, 31.828, 31.787, 32.741, 31.483, 31.484, 33.623, 31.085, 31.423, 31.778,
      31.246, 31.277, 31.205, 32.054, 30.662, 30.599, 32.056, 30.476, 31.671, 32.076, 30.257, 30.448, 31.356,
    ],
    'locoprop-m': [
      136.54, 117.62, 110.51, 104.76, 100.64, 98.772, 96.454, 90.374, 80.502, 71.965, 67.504, 64.946, 62.864, 60.961,
      58.83, 56.704, 54.694, 52.597, 50.752, 49.012, 47.307, 47.087, 46.907, 46.637, 46.473, 46.08, 45.822, 45.65,
      45.478, 45.111, 44.874, 44.549, 44.354, 44.186, 43.857, 43.621, 43.394, 43.147, 42.867, 42.638, 42.42, 42.145,
      41.932, 41.842, 41.526, 41.394, 41.095, 40.863, 40.67, 40.511, 40.299, 40.161, 40.003, 39.796, 39.635, 39.324,
      39.107, 38.943, 38.646, 38.433, 38.296, 38.116, 37.94, 37.811, 37.612, 37.432, 37.24, 37.071, 36.943, 36.761,
      36.59, 36.44, 36.277, 36.184, 36.13, 36.022, 35.866, 35.738, 35.681, 35.53, 35.431, 35.264, 35.139, 35.008,
      34.892, 34.756, 34.616, 34.497, 34.414, 34.342, 34.238, 34.138, 34.043, 33.973, 33.863, 33.741, 33.731, 33.702,
      33.595, 33.474, 33.346, 33.231, 33.17, 33.04, 32.924, 32.845, 32.805, 32.742, 32.661, 32.538, 32.439, 32.394,
      32.275, 32.22, 32.15, 32.079, 31.984, 31.888, 31.824, 31.729, 31.698, 31.433, 31.165, 30.851, 30.544, 30.434,
      30.115, 29.898, 29.634, 29.51, 29.396, 29.179, 29.113, 29.02, 28.825, 28.703, 28.737, 28.56, 28.399, 28.363,
      28.426, 28.276, 28.294, 28.202, 28.024, 28.06, 28.036, 27.982, 27.963, 27.947, 27.926, 27.869, 27.83, 27.779,
      27.797, 27.647, 27.603, 27.684, 27.705, 27.562, 27.667, 27.529, 28.012, 27.86, 27.751, 27.78, 27.807, 27.656,
      27.573, 27.537, 27.664, 27.62, 27.524, 27.47, 27.47, 27.51, 27.533, 27.624, 27.537, 27.423, 27.464,
    ],
  } as Record<PaperMethod, number[]>,
};
