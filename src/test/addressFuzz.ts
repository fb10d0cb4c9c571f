/**
 * The address fuzz's cases (DESIGN.md §2: "the page never crashes on input"), shared by the unit check of the
 * whole list (src/config/addressFuzz.test.ts: the app's decoder and status wording over every case) and the
 * browser check of a sample (e2e/fuzz.spec.ts: the page itself). The generator is the oracle: it builds every
 * query from tables of values it knows to be valid or invalid for each field kind (the ranges of
 * src/config/groups/*.ts, as the README documents them) and records which keys it made bad. Nothing here asks
 * the app's own decoder what to expect.
 */
import { createRandom } from '../engine/random';

export const CASES = 300;
const SEED = 20240917;

/** The engine's seeded generator (mulberry32), with the few draws the generator needs. */
function fuzzRandom(seed: number): { int: (n: number) => number; pick: <T>(items: readonly T[]) => T; chance: (p: number) => boolean } {
  const random = createRandom(seed);
  const int = (n: number): number => Math.floor(random.next() * n);
  return { int, pick: (items) => items[int(items.length)], chance: (p) => random.next() < p };
}
type Random = ReturnType<typeof fuzzRandom>;

// ---- The contract, written out by hand from the README's table (not imported from src/). ----
type Kind =
  | { type: 'number'; min: number; max: number; integer: boolean }
  | { type: 'enum'; options: readonly string[] }
  | { type: 'boolean' }
  | { type: 'hidden' }
  | { type: 'activation' };

const num = (min: number, max: number, integer = false): Kind => ({ type: 'number', min, max, integer });
const oneOf = (...options: string[]): Kind => ({ type: 'enum', options });
const BOOLEAN: Kind = { type: 'boolean' };

const FIELDS: Record<string, Kind> = {
  dataset: oneOf('circle', 'xor', 'gaussians', 'spiral', 'moons', 'plane', 'hills'),
  noise: num(0, 50, true),
  trainPercent: num(10, 90, true),
  points: num(50, 2000, true),
  batchSize: num(1, 256, true),
  seed: num(0, 999_999, true),
  hidden: { type: 'hidden' },
  activation: { type: 'activation' },
  init: oneOf('glorot', 'he'),
  regularization: oneOf('none', 'l1', 'l2'),
  regularizationRate: num(1e-5, 10),
  algorithm: oneOf('backprop', 'locoprop-s', 'locoprop-m', 'feedback-alignment'),
  gamma: num(0.001, 100),
  innerSteps: num(1, 20, true),
  innerOptimizer: oneOf('sgd', 'rmsprop', 'adam'),
  innerDecay: BOOLEAN,
  proximal: BOOLEAN,
  proximalWeight: num(0.001, 1000),
  innerReset: BOOLEAN,
  optimizer: oneOf('sgd', 'momentum', 'nesterov', 'adam', 'rmsprop'),
  learningRate: num(1e-5, 10),
  schedule: oneOf('constant', 'step', 'exponential', 'cosine', 'cyclical', 'one-cycle'),
  scheduleUnit: oneOf('steps', 'epochs'),
  maxLearningRate: num(1e-5, 10),
  minLearningRate: num(1e-7, 10),
  stepSize: num(0.01, 1e6),
  stepSizeDown: num(0, 1e6),
  decayFactor: num(0.001, 1),
  cyclicalMode: oneOf('triangular', 'triangular2', 'exp_range'),
  cyclicalGamma: num(0.9, 1),
  totalSteps: num(0.01, 1e6),
  warmupSteps: num(0, 1e6),
  pctStart: num(0.01, 0.99),
  anneal: oneOf('cos', 'linear'),
  divFactor: num(1, 1e4),
  finalDivFactor: num(1, 1e6),
  threePhase: BOOLEAN,
  oneCycleStyle: oneOf('pytorch', 'fastai'),
  cycleMomentum: BOOLEAN,
  baseMomentum: num(0, 0.999),
  maxMomentum: num(0, 0.999),
  momentum: num(0, 0.999),
  rangeMode: oneOf('exponential', 'linear'),
  rangeStart: num(1e-8, 100),
  rangeEnd: num(1e-7, 1000),
  rangeSteps: num(10, 2000, true),
  speed: num(0, 10_000, true),
  budget: num(0, 10_000_000, true),
  budgetUnit: oneOf('steps', 'epochs'),
  // webgpu and webgl are valid too, but left out: software WebGPU/WebGL would make the run take many minutes.
  backend: oneOf('cpu', 'auto'),
};
const FIELD_NAMES = Object.keys(FIELDS);
const ACTIVATIONS = ['tanh', 'relu', 'sigmoid', 'linear'];

/** A query value: `text` is encoded with encodeURIComponent, `raw` is written into the query as it is. */
type Value = { text: string } | { raw: string };

/** Written as they are: percent signs that do not start a valid escape, bytes that are not UTF-8. */
const MALFORMED_PERCENT = ['%ZZ', '%', '%2', '%E0%A4%A', '%C3%28', '%00', '%25', '%%', '%u0041'];
/** Not a number in any notation (and not a valid value of any other kind either). */
const NOT_NUMBERS = ['abc', '', 'NaN', 'Infinity', '-Infinity', '1e400', '-1e400', '1,2', '5px', '0x', '0xZZ', '--1', '1e', '١٢', '∞', 'null', '9'.repeat(400)];
const NOT_WORDS = ['', 'nope', '0', 'null', 'undefined', '__proto__', 'círculo', '学习', '🙂', 'x'.repeat(3000)];

function validNumber(random: Random, kind: Extract<Kind, { type: 'number' }>): string {
  const { min, max, integer } = kind;
  if (integer) {
    const value = min + random.int(Math.min(max - min, 1000) + 1);
    // Decimal notation only (config/typedNumber.ts parseDecimal): a sign, a point, an exponent.
    return random.pick([String(value), `+${value}`, value === 0 ? '0' : `${value}e0`, `${value}.000`]);
  }
  const value = random.pick([min, max, (min + max) / 2, min + (max - min) * 0.25]);
  // Leading zeros change no number's value: a very long valid value.
  return random.pick([String(value), value.toExponential(), value.toExponential(3).toUpperCase(), `${'0'.repeat(4000)}${value}`]);
}

function invalidNumber(random: Random, kind: Extract<Kind, { type: 'number' }>): Value {
  const { min, max, integer } = kind;
  const choices: (() => Value)[] = [
    () => ({ text: String(max * 10 + 1) }),
    () => ({ text: String(min === 0 ? -1 : -min) }),
    () => ({ text: String(min > 0 ? min / 10 : -0.5) }),
    () => ({ text: `${max + 1}e3` }),
    () => ({ text: random.pick(NOT_NUMBERS) }),
    () => ({ raw: random.pick(MALFORMED_PERCENT) }),
  ];
  // An in-range value in hexadecimal: Number reads it, the address does not (decimal notation only).
  if (integer) choices.push(() => ({ text: String(min + 0.5) }), () => ({ text: `0x${min.toString(16)}` }));
  return random.pick(choices)();
}

function validHidden(random: Random): Value {
  const layers = Array.from({ length: random.int(7) }, () => 1 + random.int(64));
  return random.chance(0.2) ? { raw: layers.join('%2C') } : { text: layers.join(',') };
}

function invalidHidden(random: Random): Value {
  return random.pick<() => Value>([
    () => ({ text: '1,2,3,4,5,6,7' }),
    () => ({ text: '8,0' }),
    () => ({ text: '65' }),
    () => ({ text: '-8' }),
    () => ({ text: '8.5,8' }),
    () => ({ text: '8,,8' }),
    () => ({ text: '8,x' }),
    () => ({ raw: '8%2C8%' }),
    () => ({ text: 'NaN' }),
    () => ({ text: `${'8,'.repeat(2000)}8` }),
  ])();
}

/** Makes one value of the field, valid or not as asked. */
function makeValue(random: Random, name: string, valid: boolean): Value {
  const kind = FIELDS[name];
  switch (kind.type) {
    case 'number':
      return valid ? { text: validNumber(random, kind) } : invalidNumber(random, kind);
    case 'enum':
      if (valid) return { text: random.pick(kind.options) };
      return random.pick<() => Value>([
        () => ({ text: random.pick(NOT_WORDS) }),
        () => ({ text: random.pick(kind.options).toUpperCase() }),
        () => ({ text: `${random.pick(kind.options)}x` }),
        () => ({ raw: random.pick(MALFORMED_PERCENT) }),
      ])();
    case 'boolean':
      if (valid) return { text: random.pick(['true', 'false']) };
      return random.chance(0.3) ? { raw: random.pick(MALFORMED_PERCENT) } : { text: random.pick(['maybe', '2', '', 'truee', 'ja', '✓', 'null']) };
    case 'hidden':
      return valid ? validHidden(random) : invalidHidden(random);
    case 'activation':
      // One name applies to every layer, so it is valid whatever `hidden` turns out to be; a list of seven
      // never matches (at most six layers), so it is invalid whatever `hidden` is. (An empty value is valid
      // only with no hidden layers, so it is not drawn.)
      if (valid) return { text: random.pick(ACTIVATIONS) };
      return random.chance(0.3) ? { text: Array.from({ length: 7 }, () => random.pick(ACTIVATIONS)).join(',') } : { text: random.pick(['swish', 'Tanh', 'relu,swish', '%ZZ']) };
  }
}

const UNKNOWN_KEYS = ['colour', 'Noise', 'learning_rate', 'LR', 'ключ', '学习率', '🙂', 'a b', 'naïve', 'constructor', '__proto__', 'toString', 'debug', 'x'.repeat(50)];
const TFJS_FLAGS = ['DEBUG:true', 'WEBGL_VERSION:1', 'PROD:false,DEBUG:true', 'IS_TEST:true', 'WEBGPU_CPU_FORWARD:false', 'WEBGL_PACK:false', 'DEBUG:%ZZ', 'garbage', ''];

export interface Case {
  query: string;
  /** Keys the generator made bad: an invalid value, an unknown key, a wrong version, or a repetition. */
  bad: Set<string>;
}

function encodePart(key: string, value: Value): string {
  return `${encodeURIComponent(key)}=${'raw' in value ? value.raw : encodeURIComponent(value.text)}`;
}

function generate(random: Random): Case {
  const parts: [string, Value][] = [];
  const bad = new Set<string>();
  for (let n = 1 + random.int(7); n > 0; n--) {
    const roll = random.int(100);
    if (roll < 65) {
      const name = random.pick(FIELD_NAMES);
      const valid = random.chance(0.5);
      if (!valid) bad.add(name);
      parts.push([name, makeValue(random, name, valid)]);
    } else if (roll < 75) {
      parts.push(['tfjsflags', random.chance(0.7) ? { text: random.pick(TFJS_FLAGS) } : { raw: random.pick(MALFORMED_PERCENT) }]);
      bad.add('tfjsflags');
    } else if (roll < 87) {
      const key = random.pick(UNKNOWN_KEYS);
      parts.push([key, { text: random.pick(['1', 'red', '', '🙂'.repeat(200)]) }]);
      bad.add(key);
    } else if (roll < 92) {
      const version = random.pick(['1', '2', '99', 'abc', '']);
      if (version !== '1') bad.add('v');
      parts.push(['v', { text: version }]);
    } else if (parts.length > 0) {
      // Repeat an earlier key, with a fresh value valid or not.
      const [key] = random.pick(parts);
      const valid = random.chance(0.5);
      if (!Object.hasOwn(FIELDS, key)) parts.push([key, { text: 'again' }]);
      else {
        if (!valid) bad.add(key);
        parts.push([key, makeValue(random, key, valid)]);
      }
    }
  }
  // The rule for repeated keys (src/config/url.ts): the repetition itself is always mentioned.
  const counts = new Map<string, number>();
  for (const [key] of parts) counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const [key, count] of counts) if (count > 1) bad.add(key);
  // A backend the generator did not choose is cpu: the software WebGPU of CI machines is slow.
  if (!counts.has('backend')) parts.push(['backend', { text: 'cpu' }]);
  const separator = random.chance(0.1) ? '&&' : '&';
  return { query: `?${parts.map(([key, value]) => encodePart(key, value)).join(separator)}`, bad };
}

/** The cases everyone asks about first, then the generated ones. */
export function allCases(): Case[] {
  const fixed: Case[] = [
    { query: '?anneal=%ZZ&backend=cpu', bad: new Set(['anneal']) },
    { query: '?maxMomentum=%&backend=cpu', bad: new Set(['maxMomentum']) },
    { query: '?hidden=8%2C8%&backend=cpu', bad: new Set(['hidden']) },
    { query: '?tfjsflags=DEBUG:true&backend=cpu', bad: new Set(['tfjsflags']) },
    { query: '?gamma=-1&gamma=0.001&backend=cpu', bad: new Set(['gamma']) },
    { query: '?noise=abc&points=1&seed=-1&dataset=nope&learningRate=1e9&optimizer=lbfgs&backend=cpu', bad: new Set(['noise', 'points', 'seed', 'dataset', 'learningRate', 'optimizer']) },
    { query: '?noise=0x10&points=1e3&backend=cpu', bad: new Set(['noise']) },
    { query: '?seed=0b11&divFactor=0o7&learningRate=%200.05&backend=cpu', bad: new Set(['seed', 'divFactor', 'learningRate']) },
  ];
  const random = fuzzRandom(SEED);
  return [...fixed, ...Array.from({ length: CASES - fixed.length }, () => generate(random))];
}

