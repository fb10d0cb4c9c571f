/**
 * Issue 19 item 9: a refused CSV file lists every problem (the first 20, each with line, column and cell),
 * and semicolon, tab and decimal-comma files are read and named. The CSV text is in each test.
 */
import { describe, expect, it } from 'vitest';
import { MAX_CSV_COLUMNS, defaultColumns, parseCsvTable, tableToExamples, type CsvData, type CsvError, type CsvResult, type CsvTable, type ExamplesResult } from './csv';

const parse = (text: string, dropMissing = false) => parseCsvTable(new TextEncoder().encode(text), 'data.csv', { dropMissing });

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

describe('every problem of a file at once (issue 19 item 9)', () => {
  it('lists the missing values, ragged rows and their cells of a file together, in file order', () => {
    const text = 'x,y,label\n1,2,a\n3,,b\n4,5\n6,NA,a\n7,n/a,\n8,9,b\n1,2,3,4\n';
    const error = rejection(parse(text));
    expect(error.problems.map((p) => [p.line, p.column, p.cell])).toEqual([
      [3, 'y', ''],
      [4, null, '4,5'],
      [5, 'y', 'NA'],
      [6, 'y', 'n/a'],
      [6, 'label', ''],
      [8, null, '1,2,3,4'],
    ]);
    expect(error.problems.map((p) => p.text)).toEqual([
      'line 3, column "y": missing value (an empty value).',
      'line 4: this row has 2 values, but the header has 3 columns: "4,5".',
      'line 5, column "y": missing value ("NA").',
      'line 6, column "y": missing value ("n/a").',
      'line 6, column "label": missing value (an empty value).',
      'line 8: this row has 4 values, but the header has 3 columns: "1,2,3,4".',
    ]);
    expect(error.message).toBe('data.csv: 6 problems, on lines 3, 4, 5, 6 and 8; nothing was loaded.');
    expect(error).toMatchObject({ line: 3, column: 'y', more: 0, missingRows: 3, canDropMissing: false });
  });

  it('lists the first 20 problems and counts the rest', () => {
    const rows = Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? `${i}` : `${i},${i}`));
    const error = rejection(parse(`a,b\n${rows.join('\n')}\n`));
    expect(error.problems).toHaveLength(20);
    expect(error.more).toBe(0);
    const many = rejection(parse(`a,b\n${Array.from({ length: 25 }, (_, i) => `${i}`).join('\n')}\n`));
    expect(many.problems).toHaveLength(20);
    expect(many.more).toBe(5);
    expect(many.problems[19].line).toBe(21);
    expect(many.message).toBe('data.csv: 25 problems, on lines 2, 3, 4, 5, 6 and more; nothing was loaded.');
  });

  it('offers to drop rows only when missing values are all that is wrong, counting the rows, and dropping them loads', () => {
    const text = 'x,y,label\n1,,a\n2,NA,null\n3,4,b\n5,6,a\n , 7,b\n';
    const error = rejection(parse(text));
    expect(error.problems.map((p) => p.line)).toEqual([2, 3, 3, 6]);
    expect(error).toMatchObject({ canDropMissing: true, missingRows: 3 });
    const { table, notes } = loaded(parse(text, true));
    expect(table.rows).toBe(2);
    expect(notes).toContain('Dropped 3 of 5 rows with a missing value (the first on line 2).');
    // A ragged row is still a problem when rows with missing values are dropped.
    expect(rejection(parse(`${text}1,2\n`, true))).toMatchObject({ problems: [{ line: 7 }], missingRows: 0, canDropMissing: false });
  });

  it('lists every header problem, and keeps the problems found before a quote that is never closed', () => {
    const header = rejection(parse('a,,b,a,\n1,2,3,4,5\n'));
    expect(header.problems.map((p) => p.text)).toEqual([
      'line 1: column 2 of the header has no name.',
      'line 1, column "a": columns 1 and 4 of the header have the same name.',
      'line 1: column 5 of the header has no name.',
    ]);
    const quote = rejection(parse('a,b\n1,\n2,3,4\n5,"6\n7,8\n'));
    expect(quote.problems.map((p) => [p.line, p.column])).toEqual([
      [2, 'b'],
      [3, null],
      [4, 'b'],
    ]);
    expect(quote.problems[2].text).toMatch(/^line 4, column "b": a quoted value is not closed .*the rest of the file cannot be read/);
  });
});

describe('delimiters and decimal commas (issue 19 item 9)', () => {
  const valuesOf = (table: CsvTable, i: number): number[] => {
    const column = table.columns[i];
    if (column.kind !== 'numeric') throw new Error(`column ${column.name} is not numeric`);
    return Array.from(column.values);
  };

  it('reads a semicolon file with decimal commas as numbers, and names both', () => {
    const { table, notes } = loaded(parse('x;y;label\n3,14;-0,5;a\n2;1,25e2;b\n1.000,5;,75;a\n'));
    expect(valuesOf(table, 0)).toEqual([3.14, 2, 1000.5]);
    expect(valuesOf(table, 1)).toEqual([-0.5, 125, 0.75]);
    expect(notes).toContain('Read as semicolon-separated with decimal commas.');
    const data = examples(tableToExamples(table, 2, [0, 1]));
    expect(data.featureNames).toEqual(['x', 'y']);
  });

  it('reads a two-column semicolon file with decimal commas (commas outnumber semicolons)', () => {
    const { table, notes } = loaded(parse('x;y\n1,5;2,5\n3,5;4,25\n0,5;1\n'));
    expect(table.columns.map((c) => c.name)).toEqual(['x', 'y']);
    expect(valuesOf(table, 1)).toEqual([2.5, 4.25, 1]);
    expect(notes).toContain('Read as semicolon-separated with decimal commas.');
  });

  it('names a semicolon or tab file without decimal commas, and says nothing of a comma file', () => {
    expect(loaded(parse('a;b\n1;2\n3.5;4\n')).notes).toEqual(['Read as semicolon-separated.']);
    const { table, notes } = loaded(parse('a\tb\n1\t2,5\n3\t4\n'));
    expect(notes).toEqual(['Read as tab-separated with decimal commas.']);
    expect(valuesOf(table, 1)).toEqual([2.5, 4]);
    expect(loaded(parse('a,b\n1,2\n')).notes).toEqual([]);
  });

  it('respects quotes when it looks for the delimiter (RFC 4180)', () => {
    // Split at every semicolon, quotes or not, each line would have 4 fields, more than the 3 at commas.
    const { table, notes } = loaded(parse('"name; first; middle; last",score,label\n"w; x; y; z",1,a\n"p; q; r; s",2,b\n'));
    expect(table.columns.map((c) => c.name)).toEqual(['name; first; middle; last', 'score', 'label']);
    expect(notes).toEqual([]);
  });

  it('finds the delimiter of a header longer than the 64 KB it looks at', () => {
    const header = Array.from({ length: 20_000 }, (_, i) => `column${i}`);
    const { table, notes } = loaded(parse(`${header.join(';')}\n${header.map((_, i) => `${i},5`).join(';')}\n`));
    expect(table.columns).toHaveLength(MAX_CSV_COLUMNS);
    expect(valuesOf(table, 3)).toEqual([3.5]);
    expect(notes[0]).toBe('Read as semicolon-separated with decimal commas.');
  });

  it('says when no delimiter gives every line the same number of fields, naming the line', () => {
    const error = rejection(parse('a;b;label\n1;2;x\n3,4,y\n5;6;x\n7;8\n'));
    expect(error.problems.map((p) => p.line)).toEqual([3, 5]);
    expect(error.problems[0].text).toBe(
      'line 3: no delimiter gives every line the same number of fields: split at semicolons, as the header is, this line has 1 field, not 3; split at commas, it has 3.',
    );
    expect(error.problems[1].text).toBe('line 5: this row has 2 values, but the header has 3 columns: "7;8".');
  });
});

describe('default columns of a loaded file', () => {
  it('explains a file with no numeric column besides the label, naming a column and its text', () => {
    const { table } = loaded(parse('name,colour\nann,red\nbob,blue\n'));
    const error = rejection(defaultColumns(table));
    expect(error.message).toBe('data.csv: no column besides the label "colour" holds numbers, and features must be numbers (column "name" holds "ann").');
    const { table: numeric } = loaded(parse('a,name,b,label\n1,x,2,p\n3,y,4,q\n'));
    expect(defaultColumns(numeric)).toEqual({ ok: true, label: 3, features: [0, 2] });
  });
});
