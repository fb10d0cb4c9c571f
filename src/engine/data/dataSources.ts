/**
 * Every data source behind one asynchronous call: generated (from the seed), shipped (a file under
 * public/data, read once and cached), or the CSV file the user loaded in this session. The session receives
 * a finished Dataset; nothing here touches TF.js.
 */
import type { CsvData } from './csv';
import { buildGeneratedDataset, classTargets, isGeneratedSpec, splitExamples, splitRows, type Dataset, type DatasetSpec } from './dataset';
import { isShipped, SHIPPED_DATASETS, type Problem, type ShippedDatasetName } from './problem';
import { decodeShippedData, downsampleImages, type ShippedData } from './shippedFormat';

/** How the worker (or a test in Node) reaches the data: the shipped files' bytes and the loaded CSV file. */
export interface DataAccess {
  readShipped(file: string): Promise<Uint8Array>;
  /** The CSV data of this session (parsed, columns chosen), or null when none was loaded. */
  customData(): CsvData | null;
}

/** A data set the worker cannot build, with the words the page shows. */
export class DataUnavailable extends Error {}

/** Decoded shipped files by name, per reader: the worker has one; a test in Node brings its own, or none. */
const decodedByReader = new WeakMap<DataAccess['readShipped'], Map<string, Promise<ShippedData>>>();

function shippedFile(file: string, access: DataAccess): Promise<ShippedData> {
  let decoded = decodedByReader.get(access.readShipped);
  if (!decoded) {
    decoded = new Map();
    decodedByReader.set(access.readShipped, decoded);
  }
  let pending = decoded.get(file);
  if (!pending) {
    const files = decoded;
    pending = access.readShipped(file).then(decodeShippedData);
    pending.catch(() => files.delete(file));
    decoded.set(file, pending);
  }
  return pending;
}

/** Rows as a labelled table: inputs, their names, the class indices and class names (or regression targets). */
interface Table {
  dataset: string;
  title: string;
  inputs: Float32Array;
  inputSize: number;
  featureNames: string[];
  labels: Uint8Array | null;
  classNames: string[] | null;
  regressionTargets: Float32Array | null;
  image: { width: number; height: number } | null;
  /** Leading rows that are the fixed training part, or null to split by trainPercent. */
  trainRows: number | null;
  rows: number;
}

/** Mean 0, standard deviation 1 per column (a constant column becomes 0), over all rows. */
function standardise(inputs: Float32Array, rows: number, width: number): Float32Array {
  const out = new Float32Array(inputs.length);
  for (let c = 0; c < width; c++) {
    let mean = 0;
    for (let r = 0; r < rows; r++) mean += inputs[r * width + c];
    mean /= rows;
    let variance = 0;
    for (let r = 0; r < rows; r++) variance += (inputs[r * width + c] - mean) ** 2;
    const std = Math.sqrt(variance / rows);
    for (let r = 0; r < rows; r++) out[r * width + c] = std > 0 ? (inputs[r * width + c] - mean) / std : 0;
  }
  return out;
}

/** The chosen feature columns of a tabular set, standardised. */
function selectFeatures(table: Table, wanted: readonly string[]): Table {
  const unknown = wanted.filter((name) => !table.featureNames.includes(name));
  if (unknown.length > 0) throw new DataUnavailable(`${table.title} has no feature ${unknown.map((n) => `"${n}"`).join(', ')}; its features are ${table.featureNames.map((n) => `"${n}"`).join(', ')}.`);
  const columns = wanted.map((name) => table.featureNames.indexOf(name));
  const inputs = new Float32Array(table.rows * columns.length);
  for (let r = 0; r < table.rows; r++) columns.forEach((c, j) => (inputs[r * columns.length + j] = table.inputs[r * table.inputSize + c]));
  return { ...table, inputs: standardise(inputs, table.rows, columns.length), inputSize: columns.length, featureNames: [...wanted] };
}

async function shippedTable(name: ShippedDatasetName, spec: DatasetSpec, access: DataAccess): Promise<Table> {
  const entry = SHIPPED_DATASETS[name];
  const { header, inputs, labels } = await shippedFile(entry.file, access);
  const base: Table = {
    dataset: name,
    title: entry.title,
    inputs,
    inputSize: header.inputSize,
    featureNames: header.features ?? [],
    labels,
    classNames: header.classes,
    regressionTargets: null,
    image: header.image ?? null,
    trainRows: header.trainRows,
    rows: header.rows,
  };
  if (base.image && entry.downsample > 1) {
    const factor = entry.downsample;
    const width = base.image.width / factor;
    const height = base.image.height / factor;
    const small = downsampleImages(inputs, header.rows, base.image.width, base.image.height, factor);
    return { ...base, inputs: small, inputSize: width * height, image: { width, height }, featureNames: [] };
  }
  if (base.image) return base;
  return selectFeatures(base, spec.features.length > 0 ? spec.features : entry.defaultFeatures);
}

function customTable(access: DataAccess): Table {
  const data = access.customData();
  if (!data) throw new DataUnavailable('This link uses a CSV file ("dataset=custom") that is not loaded here: load the file again under Data.');
  return {
    dataset: 'custom',
    title: data.fileName,
    inputs: data.inputs,
    inputSize: data.featureNames.length,
    featureNames: data.featureNames,
    labels: data.labels,
    classNames: data.classes,
    regressionTargets: data.targets,
    image: null,
    trainRows: null,
    rows: data.rows,
  };
}

/** The square [−e, e]² that holds every point of a 2-input table, e a multiple of ½ (the plane views' extent). */
function planeExtent(table: Table): number {
  if (table.inputSize !== 2) return 0;
  let largest = 0;
  for (const v of table.inputs) largest = Math.max(largest, Math.abs(v));
  return Math.max(1, Math.ceil(largest * 2) / 2);
}

function datasetOf(table: Table, spec: DatasetSpec): Dataset {
  if (spec.goal === 'autoencoder' && !table.image) {
    throw new DataUnavailable(`The autoencoder task needs image data; ${table.title} is not an image set.`);
  }
  let targets: Float32Array;
  let outputSize: number;
  let task: Problem['task'];
  if (spec.goal === 'autoencoder') {
    ({ targets, outputSize, task } = { targets: table.inputs, outputSize: table.inputSize, task: 'autoencoder' });
  } else if (table.labels && table.classNames) {
    ({ targets, outputSize, task } = classTargets(table.labels, table.classNames.length));
  } else if (table.regressionTargets) {
    ({ targets, outputSize, task } = { targets: table.regressionTargets, outputSize: 1, task: 'regression' });
  } else {
    throw new DataUnavailable(`${table.title} has neither classes nor a numeric target.`);
  }
  const split =
    table.trainRows !== null
      ? { train: Uint32Array.from({ length: table.trainRows }, (_, i) => i), test: Uint32Array.from({ length: table.rows - table.trainRows }, (_, i) => table.trainRows! + i) }
      : splitRows(table.rows, spec.trainPercent, spec.seed);
  const source = { inputs: table.inputs, inputSize: table.inputSize, targets, outputSize, labels: table.labels };
  const { counts, ...parts } = splitExamples(source, split, spec);
  return {
    problem: {
      dataset: table.dataset,
      title: table.title,
      task,
      inputSize: table.inputSize,
      outputSize,
      featureNames: table.featureNames.length === table.inputSize ? table.featureNames : Array.from({ length: table.inputSize }, (_, i) => `pixel ${i}`),
      classNames: task === 'autoencoder' ? null : table.classNames,
      image: table.image,
      extent: task === 'autoencoder' ? 0 : planeExtent(table),
      ...counts,
    },
    ...parts,
  };
}

/** The data set a run names, built for its seed, split and goal. */
export async function loadDataset(spec: DatasetSpec, access: DataAccess): Promise<Dataset> {
  if (isGeneratedSpec(spec)) {
    if (spec.goal === 'autoencoder') throw new DataUnavailable('The autoencoder task needs image data (digits or MNIST), not a 2-D set.');
    return buildGeneratedDataset(spec);
  }
  const table = isShipped(spec.name) ? await shippedTable(spec.name, spec, access) : customTable(access);
  return datasetOf(table, spec);
}
