import { describe, expect, it } from 'vitest';
import {
  MAX_CSV_BYTES,
  MAX_CSV_COLUMNS,
  MAX_CSV_ROWS,
  defaultColumns,
  defaultLabelColumn,
  parseCsvTable,
  tableToExamples,
  type CsvData,
  type CsvError,
  type CsvResult,
  type CsvTable,
  type ExamplesResult,
  type NumericColumn,
} from './csv';

const bytesOf = (text: string) => new TextEncoder().encode(text);
const parse = (text: string, dropMissing = false) => parseCsvTable(bytesOf(text), 'data.csv', { dropMissing });

function rejection(result: CsvResult | ExamplesResult | ReturnType<typeof defaultColumns>): CsvError {
  if (result.ok) throw new Error('expected the file to be rejected');
  return result.error;
}

function loaded(result: CsvResult): { table: CsvTable; notes: string[] } {
  if (!result.ok) throw new Error(`expected the file to load: ${result.error.message}`);
  return result;
}

function examples(result: ExamplesResult): CsvData {
  if (!result.ok) throw new Error(`expected examples: ${result.error.message}`);
  return result.data;
}

/** `pattern` repeated to `length` bytes, by doubling copies. */
function repeated(pattern: string, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  bytes.set(bytesOf(pattern));
  for (let filled = pattern.length; filled < length; filled *= 2) bytes.copyWithin(filled, 0, filled);
  return bytes;
}

describe('parseCsvTable rejects a bad file with the file, line and column', () => {
  it('rejects a file over 50 MB before reading it, naming its size and the limit', () => {
    const error = rejection(parseCsvTable(repeated('a,b\n', MAX_CSV_BYTES + 4), 'big.csv', { dropMissing: false }));
    expect(error.message).toContain('big.csv');
    expect(error.message).toContain('52,428,804 bytes');
    expect(error.message).toContain('50.0 MB (52,428,800 bytes)');
    expect(error).toMatchObject({ line: null, column: null, canDropMissing: false });
  });

  it('rejects a binary file: a NUL byte, or many control bytes', () => {
    const nul = rejection(parseCsvTable(bytesOf('a,b\n1,2\0\n'), 'model.bin', { dropMissing: false }));
    expect(nul.message).toBe('model.bin: this looks like a binary file, not CSV text.');
    const control = '\x01\x02\x03\x1b\x7f'.repeat(30) + 'a,b\n1,2\n';
    expect(rejection(parse(control)).message).toContain('looks like a binary file, not CSV text');
  });

  it('rejects fewer than 2 columns, an empty file, and a header without data rows', () => {
    const oneColumn = rejection(parse('x\n1\n2\n'));
    expect(oneColumn.message).toMatch(/^data\.csv, line 1: .*only 1 column; at least 2/);
    expect(rejection(parse('')).message).toBe('data.csv: the file is empty.');
    expect(rejection(parse('a,b\n')).message).toBe('data.csv: the file has a header but no data rows.');
    expect(rejection(parse('\n  \na,b\n\n \n')).message).toContain('no data rows');
  });

  it('rejects a blank or repeated column name by its position', () => {
    const blank = rejection(parse('a,,c\n1,2,3\n'));
    expect(blank.message).toBe('data.csv, line 1: column 2 of the header has no name.');
    const twice = rejection(parse('\na,b, a\n1,2,3\n'));
    expect(twice.message).toBe('data.csv, line 2, column "a": columns 1 and 3 of the header have the same name.');
    expect(twice).toMatchObject({ line: 2, column: 'a' });
  });

  it(`rejects more than ${MAX_CSV_ROWS} data rows and accepts exactly that many`, () => {
    const error = rejection(parse('a,b\n' + '1,2\n'.repeat(MAX_CSV_ROWS + 1)));
    expect(error.message).toBe('data.csv: the file has more than 100,000 data rows, the most that can be loaded.');
    expect(loaded(parse('a,b\n' + '1,2\n'.repeat(MAX_CSV_ROWS))).table.rows).toBe(MAX_CSV_ROWS);
  });

  it('rejects a ragged row at its line of the file, with expected and actual counts', () => {
    const error = rejection(parse('a,b,c\n1,2,3\n\n4,5\n'));
    expect(error.message).toBe('data.csv, line 4: this row has 2 values, but the header has 3 columns: "4,5".');
    expect(error).toMatchObject({ line: 4, column: null, canDropMissing: false });
    // Blank lines, CRLF and a quoted value over two lines still count as lines of the file.
    expect(rejection(parse('a,b\r\n"x\r\ny",1\r\n \r\n1,2,3\r\n')).line).toBe(5);
    expect(rejection(parse('a,b\n1,2,3')).line).toBe(2);
  });

  it('rejects a quoted value that is never closed', () => {
    const error = rejection(parse('a,b\n1,2\n"3,4\n5,6\n'));
    expect(error.line).toBe(3);
    expect(error.message).toContain('quoted value is not closed');
    expect(rejection(parse('a,b\r\n\r\n1,2\r\n3,"4"x\r\n5,6\r\n')).line).toBe(4);
  });

  it.each(['', '  ', 'NaN', 'nan', 'NA', 'N/A', 'n/a', 'null', 'NULL', ' Null '])('rejects the missing value "%s" at its line and column', (cell) => {
    const error = rejection(parse(`x,y,label\n1,2,a\n\n3,${cell},b\n4,5,a\n`));
    expect(error).toMatchObject({ line: 4, column: 'y', canDropMissing: true });
    expect(error.message).toMatch(/^data\.csv, line 4, column "y": missing value/);
  });

  it('drops rows with a missing value when asked, and says how many', () => {
    const { table, notes } = loaded(parse('x,y,label\n1,2,a\n3,,b\n4,NA,a\n5,6,b\n', true));
    expect(table.rows).toBe(2);
    expect(table.columns[0].values).toEqual(Float64Array.from([1, 5]));
    expect(notes).toContain('Dropped 2 of 4 rows with a missing value (the first on line 3).');
    expect(rejection(parse('x,y\n1,\nnull,2\n', true)).message).toContain('all 2 data rows have a missing value');
  });
});

describe('parseCsvTable reads columns', () => {
  it('tells numeric from categorical columns, and marks ones with too many values unselectable', () => {
    const names = Array.from({ length: 51 }, (_, i) => `n${i}`);
    const rows = names.map((name, i) => `${name},${i % 50 === 0 ? 'p0' : `p${i}`},${i}.5,${i === 7 ? '1e999' : i},${i === 3 ? 'Infinity' : -i}`);
    const { table, notes } = loaded(parse('\uFEFFname,fifty,num,big,inf\r\n' + rows.join('\r\n')));
    expect(table.rows).toBe(51);
    expect(table.columns.map((c) => [c.name, c.kind, c.distinct, c.selectable])).toEqual([
      ['name', 'categorical', 51, false],
      ['fifty', 'categorical', 50, true],
      ['num', 'numeric', 51, true],
      ['big', 'categorical', 51, false],
      ['inf', 'categorical', 51, false],
    ]);
    expect(notes).toContain('Column "name" has 51 different text values (more than 50): it cannot be a feature or the label.');
  });

  it('detects a semicolon or tab separator and notes it', () => {
    expect(loaded(parse('a;b\n1;2\n3;4\n')).notes).toContain('Read as semicolon-separated.');
    const { table, notes } = loaded(parse('a\tb\n1\t2\n3\t4\n'));
    expect(notes).toContain('Read as tab-separated.');
    expect(table.columns[1].values).toEqual(Float64Array.from([2, 4]));
  });

  it('picks a column named label, class, target or y as the default label, else the last', () => {
    const labelOf = (header: string) => defaultLabelColumn(loaded(parse(`${header}\n${header.split(',').map((_, i) => i).join(',')}\n`)).table);
    expect(labelOf('a,Label,b')).toBe(1);
    expect(labelOf('class,a,b')).toBe(0);
    expect(labelOf('a,b, TARGET ,c')).toBe(2);
    expect(labelOf('x,y,z')).toBe(1);
    expect(labelOf('a,b,labels')).toBe(2);
  });
});

const IRIS = `sepal_length,sepal_width,petal_length,petal_width,species
5.1,3.5,1.4,0.2,setosa
7.0,3.2,4.7,1.4,versicolor
6.3,3.3,6.0,2.5,virginica
4.9,3.0,1.4,0.2,setosa
6.4,3.2,4.5,1.5,versicolor
5.8,2.7,5.1,1.9,virginica
4.7,3.2,1.3,0.2,setosa
6.9,3.1,4.9,1.5,versicolor
7.1,3.0,5.9,2.1,virginica
5.0,3.6,1.4,0.2,setosa
5.5,2.3,4.0,1.3,versicolor
6.5,3.0,5.8,2.2,virginica
`;

describe('tableToExamples', () => {
  it('turns a 3-class, 4-feature file into sorted classes, right labels and standardised inputs', () => {
    const { table } = loaded(parse(IRIS));
    expect(defaultLabelColumn(table)).toBe(4);
    const data = examples(tableToExamples(table, 4, [0, 1, 2, 3]));
    expect(data.task).toBe('classes');
    expect(data.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(Array.from(data.labels ?? [])).toEqual([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2]);
    expect(data).toMatchObject({ rows: 12, targets: null, targetRange: null, featureNames: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'] });
    expect(data.inputs.length).toBe(48);
    for (let c = 0; c < 4; c++) {
      const column = Array.from({ length: 12 }, (_, r) => data.inputs[r * 4 + c]);
      const mean = column.reduce((s, v) => s + v, 0) / 12;
      const std = Math.sqrt(column.reduce((s, v) => s + (v - mean) ** 2, 0) / 12);
      expect(Math.abs(mean)).toBeLessThan(1e-5);
      expect(Math.abs(std - 1)).toBeLessThan(1e-5);
    }
    // Row 0's sepal length 5.1, standardised by hand: the raw column's mean is 5.933…, its std 0.8172….
    const raw = [5.1, 7.0, 6.3, 4.9, 6.4, 5.8, 4.7, 6.9, 7.1, 5.0, 5.5, 6.5];
    const mean = raw.reduce((s, v) => s + v, 0) / 12;
    const std = Math.sqrt(raw.reduce((s, v) => s + (v - mean) ** 2, 0) / 12);
    expect(data.inputs[0]).toBeCloseTo((5.1 - mean) / std, 5);
  });

  it('reads few whole numbers as classes, sorted numerically', () => {
    const { table } = loaded(parse('a,y\n1,10\n2,2\n3,1\n4,10\n'));
    const data = examples(tableToExamples(table, 1, [0]));
    expect(data.task).toBe('classes');
    expect(data.classes).toEqual(['1', '2', '10']);
    expect(Array.from(data.labels ?? [])).toEqual([2, 1, 0, 2]);
  });

  it('reads fractional numbers, or more than 20 whole values, as regression scaled to [-1, 1]', () => {
    const fractional = examples(tableToExamples(loaded(parse('a,y\n1,2.5\n2,4.5\n3,3\n')).table, 1, [0]));
    expect(fractional).toMatchObject({ task: 'regression', classes: null, labels: null, targetRange: [2.5, 4.5] });
    expect(Array.from(fractional.targets ?? [])).toEqual([-1, 1, -0.5]);
    const many = 'a,y\n' + Array.from({ length: 21 }, (_, i) => `${i},${i * 3}`).join('\n');
    const wide = examples(tableToExamples(loaded(parse(many)).table, 1, [0]));
    expect(wide.task).toBe('regression');
    expect(wide.targetRange).toEqual([0, 60]);
    const twenty = 'a,y\n' + Array.from({ length: 20 }, (_, i) => `${i},${i * 3}`).join('\n');
    expect(examples(tableToExamples(loaded(parse(twenty)).table, 1, [0])).classes).toHaveLength(20);
  });

  it('rejects a categorical feature by name, and an unselectable label', () => {
    const { table } = loaded(parse('size,colour,label\n1,red,a\n2,blue,b\n'));
    const error = rejection(tableToExamples(table, 2, [0, 1]));
    expect(error.column).toBe('colour');
    expect(error.message).toBe('data.csv, column "colour": features must be numbers, and this column holds text (such as "red").');
    const names = 'x,id\n' + Array.from({ length: 60 }, (_, i) => `${i},id${i}`).join('\n');
    expect(rejection(tableToExamples(loaded(parse(names)).table, 1, [0])).message).toContain('column "id": this column has 60 different text values');
  });

  it('rejects a single class, a constant target, no features and the label as a feature', () => {
    const { table } = loaded(parse('a,b,label\n1,2,yes\n3,4,yes\n'));
    expect(rejection(tableToExamples(table, 2, [0, 1])).message).toBe('data.csv, column "label": the label has only one class ("yes"); at least 2 are needed.');
    expect(rejection(tableToExamples(loaded(parse('a,y\n1,0.5\n2,0.5\n')).table, 1, [0])).message).toContain('0.5 in every row');
    expect(rejection(tableToExamples(table, 2, [])).message).toBe('data.csv: choose at least one feature column.');
    expect(rejection(tableToExamples(table, 2, [0, 2])).message).toBe('data.csv, column "label": this is the label; it cannot also be a feature.');
    expect(rejection(tableToExamples(table, 2, [0, 0])).column).toBe('a');
    expect(rejection(tableToExamples(table, 3, [0])).message).toContain('no column 4');
  });

  it('keeps a constant feature at 0 and notes it', () => {
    const data = examples(tableToExamples(loaded(parse('a,b,label\n1,7,x\n2,7,y\n3,7,x\n')).table, 2, [0, 1]));
    expect(Array.from(data.inputs.filter((_, i) => i % 2 === 1))).toEqual([0, 0, 0]);
    expect(data.notes).toContain('Feature "b" is 7 in every row; it is kept at 0.');
  });
});

describe('huge and infinite values (issue 21)', () => {
  /** Mean and population standard deviation of feature `c` of `width`. */
  function moments(data: CsvData, c: number, width: number): { mean: number; std: number } {
    const column = Array.from({ length: data.rows }, (_, r) => data.inputs[r * width + c]);
    const mean = column.reduce((s, v) => s + v, 0) / column.length;
    return { mean, std: Math.sqrt(column.reduce((s, v) => s + (v - mean) ** 2, 0) / column.length) };
  }

  it('standardises features of ±1.7e308 and around 1e200 to mean 0 and sd 1 (they came out all zeros)', () => {
    const text = 'huge,big,label\n1.7e308,1e200,a\n-1.7e308,3e200,b\n1.7e308,2e200,a\n-1.7e308,4e200,b\n';
    const data = examples(tableToExamples(loaded(parse(text)).table, 2, [0, 1]));
    expect(Array.from(data.inputs.filter((_, i) => i % 2 === 0))).toEqual([1, -1, 1, -1]);
    const big = moments(data, 1, 2);
    expect(Math.abs(big.mean)).toBeLessThan(1e-6);
    expect(big.std).toBeCloseTo(1, 5);
    // 1e200, 2e200, 3e200, 4e200 are 1, 3, 2, 4 in order: (k − 2.5) / √1.25.
    expect(data.inputs[1]).toBeCloseTo(-1.5 / Math.sqrt(1.25), 5);
  });

  it('scales a regression label from -1.7e308 to 1.7e308 to [-1, 1], as its note says (it was all zeros)', () => {
    const rows = Array.from({ length: 25 }, (_, i) => `${i},${((i - 12) / 12) * 1.7}e308`);
    const data = examples(tableToExamples(loaded(parse('x,y\n' + rows.join('\n'))).table, 1, [0]));
    expect(data.task).toBe('regression');
    expect(data.targets?.[0]).toBe(-1);
    expect(data.targets?.[24]).toBe(1);
    expect(data.targets?.[18]).toBeCloseTo(0.5, 6);
    expect(data.notes.find((n) => n.startsWith('Label "y"'))).toBe('Label "y": a numeric target from -1.7e+308 to 1.7e+308, scaled to [-1, 1].');
  });

  it('names an infinite cell as not finite, with its line, for a feature and for the label (it said "holds text")', () => {
    const { table, notes } = loaded(parse('a,b,label\n1,2,0\n3,Infinity,1\n4,-1e999,0\n5,6,1\n'));
    expect(notes).toContain('Column "b" holds "Infinity" (line 3), which is not a finite number (numbers must lie within ±1.8e308): it cannot be a feature or the label.');
    const feature = rejection(tableToExamples(table, 2, [0, 1]));
    expect(feature.column).toBe('b');
    expect(feature.message).toBe(
      'data.csv, column "b": this column holds "Infinity" (line 3), which is not a finite number (numbers must lie within ±1.8e308); features must be finite numbers.',
    );
    const label = rejection(tableToExamples(loaded(parse('a,y\n1,0\n2,1\n3,1e400\n4,-Infinity\n')).table, 1, [0]));
    expect(label.message).toBe('data.csv, column "y": this column holds "1e400" (line 4), which is not a finite number (numbers must lie within ±1.8e308); a label must be finite.');
  });

  it('names the infinite cell of a file whose only feature column holds one (it said the column "holds" text)', () => {
    const { table } = loaded(parse('a,label\n1,0\nInfinity,1\n3,0\n4,1\n'));
    const error = rejection(defaultColumns(table));
    expect(error.column).toBe('a');
    expect(error.message).toBe(
      'data.csv, column "a": this column holds "Infinity" (line 3), which is not a finite number (numbers must lie within ±1.8e308); features must be finite numbers, and no other column besides the label "label" holds numbers.',
    );
  });
});

describe('wide files (issue 21)', () => {
  it('keeps the first 1,023 columns and the label of a 100,000-column file, and says how many were left out', () => {
    const width = 100_000;
    const header = Array.from({ length: width }, (_, i) => (i === width - 1 ? 'y' : `c${i}`)).join(',');
    const row = (r: number): string => Array.from({ length: width }, (_, i) => (i === width - 1 ? r % 2 : (i * r) % 7)).join(',');
    const { table, notes } = loaded(parse(`${header}\n${row(1)}\n${row(2)}\n${row(3)}\n`));
    expect(table.columns).toHaveLength(MAX_CSV_COLUMNS);
    expect(table.columns[MAX_CSV_COLUMNS - 2].name).toBe('c1022');
    expect(table.columns[MAX_CSV_COLUMNS - 1].name).toBe('y');
    expect(Array.from((table.columns[MAX_CSV_COLUMNS - 1] as NumericColumn).values)).toEqual([1, 0, 1]);
    expect(Array.from((table.columns[5] as NumericColumn).values)).toEqual([5, 3, 1]);
    expect(defaultLabelColumn(table)).toBe(MAX_CSV_COLUMNS - 1);
    expect(notes).toContain('The file has 100,000 columns: the first 1,023 and the label column "y" were loaded, 98,976 columns left out (at most 1,024 can be loaded).');
  });

  it('keeps the first 1,024 when the label is among them, and ignores a missing value in a column left out', () => {
    const width = 1500;
    const header = ['label', ...Array.from({ length: width - 1 }, (_, i) => `c${i}`)].join(',');
    const row = (r: number, gap: boolean): string => [r % 2, ...Array.from({ length: width - 1 }, (_, i) => (gap && i === width - 2 ? '' : i + r))].join(',');
    const { table, notes } = loaded(parse(`${header}\n${row(1, true)}\n${row(2, false)}\n`));
    expect(table.columns.map((c) => c.name).slice(-1)).toEqual(['c1022']);
    expect(table.rows).toBe(2);
    expect(notes).toContain('The file has 1,500 columns: the first 1,024 were loaded, 476 columns left out (at most 1,024 can be loaded).');
  });
});
