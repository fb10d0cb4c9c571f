/**
 * "Export as an Optuna script" (issue 17 §7): a sweep as a self-contained Python file — PyTorch and Optuna, one
 * study per group with optuna.samplers.GridSampler over the sweep's grid (the swept fields' values exactly), each
 * run rebuilt as the PyTorch export rebuilds one (pytorchScript.ts: the same settings, initial weights, data,
 * batch order and training loop, pytorchTemplate.ts), trained for the sweep's budget and evaluated at its
 * checkpoints (optunaTemplate.ts). Pure: a plan and the worker's exports in, text out. The constants every run
 * shares are written once; those that differ go in RUNS, keyed (group, grid point, seed index), long ones (data,
 * weights) written once each and shared by the runs that have them.
 */
import { ALGORITHM_INFO, type AlgorithmName } from '../../algorithms/registry';
import { EXPERIMENT_FIELDS } from '../../config/experiment';
import { checkpointSteps, sweptField, type SweepPlan, type SweepValue } from '../../config/sweep';
import { budgetSteps } from '../../engine/budget';
import { DIVERGENCE_FACTOR, DIVERGENCE_LOSS_FLOOR } from '../../engine/divergence';
import type { ConfigExportPayload } from '../../worker/protocol';
import { optunaHeader } from './optunaHeader';
import { PYTHON_OPTUNA } from './optunaTemplate';
import { bodyParts, constantLine, pytorchEmitterOf, runDataConstants, runSettingsConstants, type PyConstant } from './pytorchScript';
import { PYTHON_SAMPLER } from './pytorchTemplate';
import { pyFloatTensor, pyLiteral, pyNumber, pyString } from './pythonLiterals';

export interface OptunaScriptInput {
  plan: SweepPlan;
  /** The worker's export (`exportConfig`) of each run's config, by the run's index in plan.runs (shared where equal). */
  exports: readonly ConfigExportPayload[];
  /** A name per group ("Run 1 · Backprop, Adam"); default "Group 1", … */
  groupNames?: readonly string[];
  /** The studies' name in an Optuna storage (group g's study is NAME-group-g). */
  studyName?: string;
  /** The algorithm's PyTorch emitter, or why it has none (default: the registry's). */
  emitterOf?: typeof pytorchEmitterOf;
}

/** A per-run value longer than this is written once, as `_D<k>`, and named by the runs that have it. */
const INLINE_LIMIT = 120;

/** Why the sweep cannot be exported, naming the group and algorithm or setting; null if it can. */
export function optunaRefusal(plan: SweepPlan, emitterOf: typeof pytorchEmitterOf = pytorchEmitterOf): string | null {
  if (plan.budgetUnit === 'seconds') {
    return 'The sweep gives each run a budget of training time, which depends on this device and its load: a script cannot replay it step for step. Sweep with a budget in steps or epochs to export it.';
  }
  for (const run of plan.runs) {
    const { algorithm, schedule, oneCycleStyle } = run.config;
    const { unavailable } = emitterOf(algorithm);
    if (unavailable !== null) return `Group ${run.group + 1} trains ${ALGORITHM_INFO[algorithm].label}, which has no PyTorch export: ${unavailable}`;
    if (schedule === 'one-cycle' && oneCycleStyle === 'fastai') {
      return `Group ${run.group + 1} uses the fastai one-cycle schedule, which torch has no scheduler for (the PyTorch export replays its first steps' rates only); choose the PyTorch one-cycle to export the sweep.`;
    }
  }
  return null;
}

/** A grid value as Python: a float field's as a float, an integer field's as an int, a choice as itself. */
function pyGridValue(field: string, value: SweepValue): string {
  const found = sweptField(field);
  if (typeof value === 'number') return 'field' in found && found.field.type === 'number' && found.field.integer ? String(value) : pyNumber(value);
  return typeof value === 'string' ? pyString(value) : value ? 'True' : 'False';
}

/** How a trial asks Optuna for axis a's value (GridSampler hands out the grid's; the range only labels it). */
function suggestion(field: string, axis: number, values: readonly SweepValue[]): string {
  const schema = EXPERIMENT_FIELDS[field as keyof typeof EXPERIMENT_FIELDS];
  if (schema.type !== 'number') return `trial.suggest_categorical(${pyString(field)}, AXIS_VALUES[${axis}])`;
  const numbers = values as number[];
  const [low, high] = [Math.min(...numbers), Math.max(...numbers)];
  const log = schema.scale === 'log' && low >= (schema.integer ? 1 : Number.MIN_VALUE) ? 'True' : 'False';
  if (schema.integer) return `trial.suggest_int(${pyString(field)}, ${low}, ${high}, log=${log})`;
  return `trial.suggest_float(${pyString(field)}, ${pyNumber(low)}, ${pyNumber(high)}, log=${log})`;
}

/** A line `NAME = value  # comment` of an emitter's constants, as a constant. */
function parseConstant(line: string): PyConstant {
  const match = /^([A-Z_][A-Z0-9_]*) = ([\s\S]*?)(?:\s{2}# ([^\n]*))?$/.exec(line);
  if (!match) throw new Error(`optuna export: cannot read the constant line "${line.slice(0, 60)}"`);
  return { name: match[1], value: match[2], ...(match[3] ? { comment: match[3] } : {}) };
}

/** Everything one run sets: the PyTorch export's settings (less CONFIG) and data, the evaluation's rows, the algorithm's constants. */
/** A run's steps and checkpoints: the plan's, or its epochs over this run's own training rows (as sweepJob.ts resolves them). */
function runBudget(plan: SweepPlan, trainCount: number, batchSize: number): number {
  return plan.budgetUnit === 'epochs' ? (budgetSteps({ value: plan.budget, unit: 'epochs' }, trainCount, batchSize) ?? 1) : plan.budget;
}

function runConstants(plan: SweepPlan, config: SweepPlan['runs'][number]['config'], data: ConfigExportPayload, emitterOf: typeof pytorchEmitterOf): Map<string, string> {
  const { emitter } = emitterOf(config.algorithm);
  if (!emitter) throw new Error(`No PyTorch export for ${ALGORITHM_INFO[config.algorithm].label}`);
  const { problem, trainCount, samplerState } = data;
  const batchSize = Math.min(config.batchSize, trainCount);
  const sizes = [problem.inputSize, ...config.hidden, problem.outputSize];
  const values = new Map<string, string>();
  for (const c of runSettingsConstants({ config, emitter, problem, trainCount, batchSize, samplerState })) if (c.name !== 'CONFIG') values.set(c.name, c.value);
  // The recorded first steps check the batch order only where they were drawn at this run's batch size.
  const recorded = data.batchSize === batchSize ? data : { ...data, rows: new Int32Array(0), losses: new Float32Array(0), learningRates: new Float64Array(0), momenta: new Float64Array(0) };
  for (const c of runDataConstants(recorded)) values.set(c.name, c.value);
  const testRows = data.evaluationRows.test;
  values.set('TRAIN_Y', values.get('TRAIN_Y') === 'TRAIN_X' ? (values.get('TRAIN_X') ?? '') : (values.get('TRAIN_Y') ?? ''));
  values.set('EVAL_TRAIN_ROWS', String(data.evaluationRows.train));
  values.set('TEST_X', pyFloatTensor(data.testInputs, [testRows, problem.inputSize]));
  values.set('TEST_Y', data.testTargets ? pyFloatTensor(data.testTargets, [testRows, problem.outputSize]) : (values.get('TEST_X') ?? ''));
  // The validation rows the sweep selects on (None without a split); an autoencoder's targets are its inputs.
  const validationRows = data.evaluationRows.validation;
  const validationX = data.validationInputs ? pyFloatTensor(data.validationInputs, [validationRows, problem.inputSize]) : 'None';
  values.set('VALID_X', validationX);
  values.set('VALID_Y', data.validationTargets ? pyFloatTensor(data.validationTargets, [validationRows, problem.outputSize]) : validationX);
  for (const line of emitter.constants({ config, layerSizes: sizes, state: data.algorithmState, floatTensor: pyFloatTensor })) {
    const c = parseConstant(line);
    values.set(c.name, c.value);
  }
  const steps = runBudget(plan, trainCount, config.batchSize);
  values.set('BUDGET_STEPS', String(steps));
  values.set('CHECKPOINTS', `frozenset(${pyLiteral(checkpointSteps(steps).slice(1))})`);
  return values;
}

/** The algorithms' step definitions, each text once, registered under every algorithm that uses it. */
function algorithmSteps(algorithms: readonly AlgorithmName[], emitterOf: typeof pytorchEmitterOf): string {
  const byText = new Map<string, AlgorithmName[]>();
  for (const name of algorithms) {
    const text = emitterOf(name).emitter?.definitions.trim() ?? '';
    byText.set(text, [...(byText.get(text) ?? []), name]);
  }
  const blocks = [...byText].map(([text, names]) => [text, '', ...names.map((name) => `ALGORITHM_STEPS[${pyString(name)}] = make_step`)].join('\n'));
  return ['ALGORITHM_STEPS = {}  # the algorithm name -> its make_step (src/algorithms/<name>/pytorch.ts)', '', ...blocks].join('\n\n');
}

/**
 * The training code's module-level values that follow from a run's constants (`OUTPUT_FUNCTION = {...}[LOSS]`):
 * every top-level one-line assignment of the template, re-run for each run (use_run calls it).
 */
function derivedValues(rest: string): string {
  const assignments = [...rest.matchAll(/^([A-Z_][A-Z0-9_]*) = (.+)$/gm)].map((m) => ({ name: m[1], line: m[0] }));
  if (!assignments.some((a) => a.name === 'OUTPUT_FUNCTION')) throw new Error('optuna export: the PyTorch template no longer sets OUTPUT_FUNCTION at module level');
  return [
    'def recompute_derived():',
    '    """The training code\'s module-level values that follow from the run\'s constants, for the run just chosen."""',
    `    global ${assignments.map((a) => a.name).join(', ')}`,
    ...assignments.map((a) => `    ${a.line}`),
  ].join('\n');
}

const pyTuple = (items: readonly (string | number)[]): string => `(${items.join(', ')}${items.length === 1 ? ',' : ''})`;

/** The script's text. Throws, naming the group, for a sweep it cannot export (optunaRefusal). */
export function optunaScript({ plan, exports, groupNames, studyName = 'locolab-sweep', emitterOf = pytorchEmitterOf }: OptunaScriptInput): string {
  const refusal = optunaRefusal(plan, emitterOf);
  if (refusal) throw new Error(refusal);
  if (exports.length !== plan.runs.length) throw new Error(`optuna export: ${exports.length} exports for ${plan.runs.length} runs`);
  const cache = new Map<ConfigExportPayload, Map<string, Map<string, string>>>();
  const perRun = plan.runs.map((run) => {
    const data = exports[run.index];
    const byConfig = cache.get(data) ?? new Map<string, Map<string, string>>();
    cache.set(data, byConfig);
    const key = JSON.stringify(run.config);
    const values = byConfig.get(key) ?? runConstants(plan, run.config, data, emitterOf);
    byConfig.set(key, values);
    return values;
  });
  const names = [...perRun[0].keys()];
  for (const values of perRun) for (const name of values.keys()) if (!names.includes(name)) names.push(name);
  const common = names.filter((name) => perRun.every((values) => values.get(name) === perRun[0].get(name)));
  const varying = names.filter((name) => !common.includes(name));
  const shared = new Map<string, string>();
  const named = (value: string): string => {
    if (value.length <= INLINE_LIMIT) return value;
    if (!shared.has(value)) shared.set(value, `_D${shared.size}`);
    return shared.get(value) ?? value;
  };
  const runLines = plan.runs.map((run, i) => {
    const entries = varying.filter((name) => perRun[i].has(name)).map((name) => `${pyString(name)}: ${named(perRun[i].get(name) ?? 'None')}`);
    return `    ${pyTuple([run.group, pyTuple(run.point), run.seedIndex])}: {${entries.join(', ')}},`;
  });
  const groups = Array.from({ length: plan.groups }, (_, g) => groupNames?.[g] ?? `Group ${g + 1}`);
  const seeds = groups.map((_, g) => plan.runs.filter((run) => run.group === g && run.point.every((p) => p === 0)).map((run) => run.config.seed));
  const firstOf = (g: number) => plan.runs.find((run) => run.group === g)?.config;
  const { helpers, rest } = bodyParts();
  const lines = [
    ...optunaHeader({ plan, groups, seeds, studyName }),
    '',
    '# ---- the sweep ---------------------------------------------------------------------------------------------',
    `STUDY_NAME = ${pyString(studyName)}`,
    `GROUPS = ${pyLiteral(groups)}`,
    `GROUP_CONFIGS = [\n${groups.map((_, g) => `    ${pyLiteral(firstOf(g))},`).join('\n')}\n]  # each group's config at its first grid point and seed`,
    `FIELDS = ${pyLiteral(plan.fields)}`,
    `AXIS_VALUES = [${plan.axisValues.map((values, a) => `[${values.map((v) => pyGridValue(plan.fields[a], v)).join(', ')}]`).join(', ')}]`,
    'SEARCH_SPACE = dict(zip(FIELDS, AXIS_VALUES))  # GridSampler: every combination, the values exactly',
    `GRID_POINTS = ${plan.axisValues.reduce((n, values) => n * values.length, 1)}`,
    `SEEDS = ${pyLiteral(seeds)}  # per group: a trial trains every one and returns the median`,
    `DIVERGENCE_FACTOR = ${pyNumber(DIVERGENCE_FACTOR)}`,
    `DIVERGENCE_LOSS_FLOOR = ${pyNumber(DIVERGENCE_LOSS_FLOOR)}`,
    '',
    '',
    'def suggest(trial):',
    '    """The trial\'s grid point, as indices into AXIS_VALUES: GridSampler hands out SEARCH_SPACE\'s values."""',
    `    values = ${pyTuple(plan.fields.map((field, a) => suggestion(field, a, plan.axisValues[a])))}`,
    '    return tuple(AXIS_VALUES[a].index(v) for a, v in enumerate(values))',
    '',
    PYTHON_SAMPLER,
    helpers,
    '',
    '',
    '# ---- what every run shares (the PyTorch export\'s constants) ------------------------------------------------',
    ...common.map((name) => constantLine({ name, value: perRun[0].get(name) ?? 'None' })),
    '',
    '# ---- data and initial weights (exact float32), each written once --------------------------------------------',
    ...[...shared].map(([value, name]) => constantLine({ name, value })),
    '',
    '# ---- what differs between runs: (group, grid point, seed index) -> constants -----------------------------------',
    'RUNS = {',
    ...runLines,
    '}',
    `globals().update(RUNS[${pyTuple([plan.runs[0].group, pyTuple(plan.runs[0].point), plan.runs[0].seedIndex])}])  # the first run's, until a trial picks its own`,
    '',
    rest.replace('{{ALGORITHM_STEP}}', algorithmSteps([...new Set(plan.runs.map((run) => run.config.algorithm))], emitterOf)),
    '',
    derivedValues(rest),
    PYTHON_OPTUNA,
    '',
    'if __name__ == "__main__":',
    '    main()',
    '',
  ];
  return lines.join('\n');
}
